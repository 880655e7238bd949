"""SRT -> each delivery format -> our reader: every cue, every word, every time (on the target's frame grid)."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest

from subkit.formats import read_track
from subkit.formats.frames import NTSC, snap
from subkit.model import Track
from tests.formats.conftest import TARGETS, words

#: the frame grid each format stores times on (None: milliseconds; ASS/SSA: centiseconds)
GRID: dict[str, Fraction | None] = {
    "ttml": None,
    "dfxp": None,
    "stl": Fraction(25),
    "scc": NTSC,
    "ass": None,
    "ssa": None,
    "sbv": None,
    "sub": Fraction(25),
    "sami": None,
}
#: what a format writes instead of a character it lacks (each reported in the conversion notes)
SUBSTITUTED = {"stl": {"…": "..."}, "scc": {"…": "...", "œ": "oe"}}


def expected_words(text: str, fmt: str) -> list[str]:
    for char, replacement in SUBSTITUTED.get(fmt, {}).items():
        text = text.replace(char, replacement)
    return words(text)


def on_grid(ms: int, fmt: str) -> int:
    grid = GRID[fmt]
    if fmt in ("ass", "ssa"):
        return (ms + 5) // 10 * 10
    return snap(ms, grid) if grid is not None else ms


@pytest.mark.parametrize("fmt", list(TARGETS))
def test_every_cue_word_and_time_comes_back(fmt: str, sample: Track, converted: dict[str, Any]) -> None:
    path, notes = converted[fmt]
    back = read_track(str(path))
    assert back.source is not None and back.source.format == fmt
    assert len(back.cues) == len(sample.cues)
    assert not [d for d in back.diagnostics if d.severity == "error"]
    assert [words(c.text) for c in back.cues] == [expected_words(c.text, fmt) for c in sample.cues]
    late = sum(int(n) for n in re.findall(r"shown late \(too little time to load them\) x(\d+)", " ".join(notes)))
    moved = [(c.start, b.start) for c, b in zip(sample.cues, back.cues) if on_grid(c.start, fmt) != b.start]
    assert len(moved) == late, moved[:5]
    ends = [(c.end, b.end) for c, b in zip(sample.cues, back.cues) if on_grid(c.end, fmt) != b.end]
    assert len(ends) <= late, ends[:5]


@pytest.mark.parametrize("fmt", ["ttml", "dfxp", "stl", "ass", "ssa", "sami"])
def test_italics_survive(fmt: str, sample: Track, converted: dict[str, Any]) -> None:
    back = read_track(str(converted[fmt][0]))
    italic = [("<i>" in c.text) for c in sample.cues]
    assert sum(italic) == 263
    assert [("<i>" in c.text) for c in back.cues] == italic


@pytest.mark.parametrize("fmt", ["ttml", "dfxp", "ass", "ssa", "sami", "sub"])
def test_markup_comes_back_exactly_where_the_format_has_no_grid(
    fmt: str, sample: Track, converted: dict[str, Any]
) -> None:
    back = read_track(str(converted[fmt][0]))
    assert [c.text for c in back.cues] == [c.text for c in sample.cues]


def test_what_each_target_cannot_hold_is_reported_once_with_counts(converted: dict[str, Any]) -> None:
    notes = {fmt: " | ".join(found) for fmt, (_, found) in converted.items()}
    assert notes["scc"].count("cannot hold") == 1
    assert "'œ' written as 'oe' x1" in notes["scc"] and "'…' written as '...' x4" in notes["scc"]
    assert "'…' written as '...' x4" in notes["stl"]
    assert "italics x263" in notes["sbv"]
    assert notes["ttml"] == notes["ass"] == notes["sami"] == ""
