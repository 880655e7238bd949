"""The SRT reader keeps every character: in a cue, or in a located diagnostic."""

from __future__ import annotations

import pytest

from subkit.formats import srt
from subkit.model import Track


def read(text: str) -> Track:
    return srt.parse(text, "t.srt")


def test_plain_cues_with_counters_and_lines() -> None:
    track = read("1\n00:00:01,000 --> 00:00:02,500\nBonjour\nà tous\n\n2\n00:00:03,000 --> 00:00:04,000\nSuite\n")
    assert [(c.start, c.end, c.text, c.id, c.line) for c in track.cues] == [
        (1000, 2500, "Bonjour\nà tous", "1", 1),
        (3000, 4000, "Suite", "2", 6),
    ]
    assert track.diagnostics == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nA\nB\n\n2\n00:00:03,000 --> 00:00:04,000\nC\n".replace("\n", newline)
    assert [c.text for c in read(text).cues] == ["A\nB", "C"]


def test_missing_blank_line_between_cues_splits_them() -> None:
    track = read("1\n00:00:01,000 --> 00:00:02,000\nHello\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n")
    assert [c.text for c in track.cues] == ["Hello", "World"]
    assert [c.id for c in track.cues] == ["1", "2"]
    assert [(d.code, d.line, d.severity) for d in track.diagnostics] == [("S001", 4, "warning")]


def test_blank_line_inside_text_keeps_the_rest() -> None:
    track = read("1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nsecond\n\n2\n00:00:03,000 --> 00:00:04,000\nthird\n")
    assert [c.text for c in track.cues] == ["first\nsecond", "third"]
    assert track.diagnostics[0].line == 4


def test_bad_timestamp_is_reported_at_its_block_and_reading_goes_on() -> None:
    track = read(
        "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:0a:01,000 --> 00:00:05,000\nbroken\n\n"
        "3\n00:00:06,000 --> 00:00:07,000\nafter\n"
    )
    assert [c.text for c in track.cues] == ["ok", "after"]
    (problem,) = track.diagnostics
    assert (problem.code, problem.line, problem.severity) == ("S001", 5, "error")
    assert "broken" in problem.message and "00:0a:01,000" in problem.message


def test_broken_arrow_is_reported() -> None:
    track = read("1\n00:00:01,000 -> 00:00:02,000\nArrow\n\n2\n00:00:03,000 --> 00:00:04,000\nGood\n")
    assert [c.text for c in track.cues] == ["Good"]
    assert track.diagnostics[0].line == 1 and "Arrow" in track.diagnostics[0].message


def test_minutes_over_59_are_an_error_not_a_silent_carry() -> None:
    track = read("1\n00:75:01,000 --> 00:76:00,000\nx\n")
    assert track.cues == []
    assert track.diagnostics[0].code == "S001"


def test_stray_text_is_reported_with_its_line() -> None:
    track = read("garbage here\n\n1\n00:00:01,000 --> 00:00:02,000\nok\n")
    assert [c.text for c in track.cues] == ["ok"]
    assert (track.diagnostics[0].line, "garbage here" in track.diagnostics[0].message) == (1, True)


@pytest.mark.parametrize(
    ("timing", "start", "end"),
    [
        ("00:00:01.500 --> 00:00:02.000", 1500, 2000),  # dot before milliseconds
        ("00:00:01,5 --> 00:00:02,25", 1500, 2250),  # short fractions are decimal fractions
        ("0:0:1,000-->0:0:2,000", 1000, 2000),  # no spaces, one-digit fields
        ("00:00:01 --> 00:00:02", 1000, 2000),  # no milliseconds
        ("100:00:00,000 --> 100:00:01,000", 360_000_000, 360_001_000),  # hours over 99
        ("00:00:01，000 --> 00:00:02，000", 1000, 2000),  # full-width comma
    ],
)
def test_tolerated_timing_lines(timing: str, start: int, end: int) -> None:
    (cue,) = read(f"1\n{timing}\ntext\n").cues
    assert (cue.start, cue.end) == (start, end)


def test_text_starting_with_odd_separators_is_kept() -> None:
    # pysrt loses the whole text of such cues (str.splitlines); we keep the characters.
    for lead in ("\u2028", "\x85", "\x0c", "\x1e"):
        (cue,) = read(f"1\n00:00:01,000 --> 00:00:02,000\n{lead}text\n").cues
        assert cue.text == f"{lead}text"


def test_missing_counter_and_odd_counters() -> None:
    track = read("00:00:01,000 --> 00:00:02,000\nno counter\n\n 7. \n00:00:03,000 --> 00:00:04,000\ndotted\n")
    assert [(c.id, c.text) for c in track.cues] == [(None, "no counter"), ("7.", "dotted")]


def test_literal_ampersand_and_less_than_survive_as_markup_escapes() -> None:
    (cue,) = read("1\n00:00:01,000 --> 00:00:02,000\nTom & Jerry <i>x</i> a < b\n").cues
    assert cue.text == "Tom &amp; Jerry <i>x</i> a &lt; b"
    assert (
        srt.dump(srt.parse(srt.dump(read("1\n00:00:01,000 --> 00:00:02,000\nTom & Jerry <i>x</i> a < b\n")))).count(
            "Tom & Jerry <i>x</i> a < b"
        )
        == 1
    )


def test_empty_cue_is_kept_for_qc() -> None:
    track = read("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\ntext\n")
    assert [c.text for c in track.cues] == ["", "text"]


def test_dump_renumbers_and_uses_newline() -> None:
    track = read("5\n00:00:01,000 --> 00:00:02,000\nA\n\n9\n00:00:03,000 --> 00:00:04,000\nB\n")
    assert (
        srt.dump(track, "\r\n")
        == "1\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nB\r\n\r\n"
    )


def test_cue_missing_its_timing_line_is_reported_not_glued_to_the_previous_cue() -> None:
    track = read(
        "1\n00:00:00,500 --> 00:00:07,000\nCaption one\n\n2\nCaption two\n\n3\n00:00:11,890 --> 00:00:16,320\nCaption three\n"
    )
    assert [c.text for c in track.cues] == ["Caption one", "Caption three"]
    (problem,) = track.diagnostics
    assert (problem.code, problem.line, problem.severity) == ("S001", 5, "error")
    assert "without a timing line" in problem.message and "Caption two" in problem.message
