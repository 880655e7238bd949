"""Every file of every corpus goes through `read_track`: a Track or an InputError, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from subkit.errors import InputError
from subkit.formats import read_track
from subkit.model import Track
from tests.support import CORPORA

#: provenance and expected-result files, not inputs
_NOT_INPUTS = {".json", ".md", ".js"}
_LICENCES = {"LICENSE", "LICENSE.txt", "AUTHORS", "OFL-EB-Garamond.txt"}


def corpus_inputs() -> list[Path]:
    return [
        path
        for path in sorted(CORPORA.rglob("*"))
        if path.is_file() and path.suffix not in _NOT_INPUTS and path.name not in _LICENCES
    ]


def test_every_corpus_file_reads_or_is_refused() -> None:
    files = corpus_inputs()
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
    for path in corpus_inputs():
        try:
            read_track(str(path), fmt=fmt)
        except InputError:
            pass
