"""Every file of every corpus goes through `read_track`: a Track or an InputError, never a crash."""

from __future__ import annotations

import pytest

from subkit.errors import InputError
from subkit.formats import read_track
from subkit.model import Track

from . import suites

pytestmark = suites.requires_corpora

#: provenance and expected-result files, not inputs
_NOT_INPUTS = {".json", ".md", ".js"}


def test_every_corpus_file_reads_or_is_refused() -> None:
    files = [p for p in sorted(suites.CORPORA.rglob("*")) if p.is_file() and p.suffix not in _NOT_INPUTS]
    assert len(files) > 300
    crashes = []
    tracks = refused = 0
    for path in files:
        try:
            track = read_track(str(path))
        except InputError as error:
            assert str(error).startswith(str(path)), error  # located one-line message
            refused += 1
        except Exception as error:  # noqa: BLE001 - the point of the test is to catch any crash
            crashes.append(f"{path}: {error!r}")
        else:
            assert isinstance(track, Track)
            tracks += 1
    assert not crashes, "\n".join(crashes)
    assert tracks > refused


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_every_corpus_file_under_a_forced_format(fmt: str) -> None:
    """`--format`-style forcing (a .txt read as VTT, a .vtt as SRT) must not crash either."""
    for path in sorted(suites.CORPORA.rglob("*")):
        if not path.is_file() or path.suffix in _NOT_INPUTS:
            continue
        try:
            read_track(str(path), fmt=fmt)
        except InputError:
            pass
