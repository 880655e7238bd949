"""Small catalogues for batch tests: a dozen real SRT files in nested folders, built in tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_bench_catalogue() -> ModuleType:
    """benchmarks/bench_catalogue.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_catalogue", REPO / "benchmarks" / "bench_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_catalogue", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """12 SRT files of 40 cues under catalogue/season-N/programme-NNN/, as the benchmark makes them."""
    root = tmp_path / "catalogue"
    load_bench_catalogue().make_catalogue(root, files=12, cues=40, seed=5)
    return root


def relative_files(folder: Path, suffix: str) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(f"*{suffix}") if p.is_file())
