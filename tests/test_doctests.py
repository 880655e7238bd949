"""The examples in docstrings are tests too: every module's doctests run and pass."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import subkit

ROOT = Path(__file__).resolve().parents[1]
#: documentation pages whose examples are tests (run from the repository's root)
DOCUMENTS = ["docs/library.md"]


def modules_with_examples() -> list[str]:
    # __main__ runs the command line when imported
    names = [
        info.name for info in pkgutil.walk_packages(subkit.__path__, "subkit.") if not info.name.endswith("__main__")
    ]
    finder = doctest.DocTestFinder()
    return sorted(
        name for name in ["subkit", *names] if any(test.examples for test in finder.find(importlib.import_module(name)))
    )


def test_the_documented_modules_have_examples() -> None:
    assert {"subkit.timecode", "subkit.qc", "subkit.linebreak"} <= set(modules_with_examples())


@pytest.mark.parametrize("name", modules_with_examples())
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, report=True)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documentation_examples(document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / document),
        module_relative=False,
        globs={"tmp": str(tmp_path)},
        optionflags=doctest.ELLIPSIS,
        report=True,
    )
    assert result.attempted > 10 and result.failed == 0
