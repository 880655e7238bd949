from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .fakelibre import FakeLibre
from .fakeproviders import FakeProviders

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proxy variables apply to 127.0.0.1 too (docs/libraries.md §3.3); keys never leak in."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "LIBRE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def libre() -> Iterator[FakeLibre]:
    with FakeLibre() as server:
        yield server


@pytest.fixture
def film(tmp_path: Path) -> Path:
    """A copy of the 130-cue French fixture in a fresh folder (outputs land beside it)."""
    target = tmp_path / "film.fr.srt"
    target.write_bytes((DATA / "film.fr.srt").read_bytes())
    return target


@pytest.fixture
def providers() -> Iterator[FakeProviders]:
    """Google, DeepL and MyMemory look-alikes on 127.0.0.1 (tests/translate/fakeproviders.py)."""
    with FakeProviders() as server:
        yield server
