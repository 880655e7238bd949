"""One failing and one passing case per rule, at the profile boundary where there is one."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from subkit.model import Diagnostic, Source
from subkit.qc import check_track
from tests.qc.helpers import found, track_of

OK = "Bonjour."


def test_s001_reader_errors_become_findings_at_their_line() -> None:
    track = track_of([(0, 1000, OK)])
    track.diagnostics.append(Diagnostic("S001", "cannot read timing line", 7))
    [finding] = check_track(track, select=["S001"])
    assert (finding.code, finding.line, finding.severity) == ("S001", 7, "error")
    assert found([(0, 1000, OK)], "S001") == []


@pytest.mark.parametrize(
    ("counters", "expected"),
    [
        (["1", "2", "3", "4"], []),
        (["1", "2", "2", "3"], [3]),
        (["1", "2", "41", "4"], [3]),
        (["1", "2", "4", "5"], [3]),
    ],
)
def test_s002_numbering_reported_where_the_sequence_breaks(counters: list[str], expected: list[int]) -> None:
    cues = [(i * 2000, i * 2000 + 1000, OK) for i in range(4)]
    track = track_of(cues, counters=counters)
    assert [f.cue for f in check_track(track, select=["S002"])] == expected


def test_s003_encoding_diagnostic() -> None:
    track = track_of([(0, 1000, OK)])
    track.diagnostics.append(Diagnostic("S003", "file is cp1252, not UTF-8", None, "warning"))
    [finding] = check_track(track, select=["S003"])
    assert finding.severity == "warning" and finding.cue is None
    assert found([(0, 1000, OK)], "S003") == []


@pytest.mark.parametrize(("text", "bad"), [("<i> </i>", True), ("\u00a0", True), ("<i>Oui</i>", False)])
def test_s004_empty_cue(text: str, bad: bool) -> None:
    assert found([(0, 1000, text)], "S004") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("<i>Il est parti.", True),
        ("Il est parti.</i>", True),
        ("<blink>Non</blink>", True),
        ("<i>Il <b>est</i> parti.</b>", True),
        ("<i>Il est\nparti.</i>", False),
        ("{\\an8}<b>Non</b>", False),
    ],
)
def test_s005_markup(text: str, bad: bool) -> None:
    assert found([(0, 1000, text)], "S005") == ([1] if bad else [])


@pytest.mark.parametrize(("end", "bad"), [(1000, True), (999, True), (1040, False)])
def test_t001_duration_negative(end: int, bad: bool) -> None:
    assert found([(1000, end, OK)], "T001") == ([1] if bad else [])


@pytest.mark.parametrize(("start", "bad"), [(2999, True), (3000, False)])
def test_t002_overlap(start: int, bad: bool) -> None:
    assert found([(0, 3000, OK), (start, 5000, OK)], "T002") == ([2] if bad else [])


def test_t002_message_says_by_how_much() -> None:
    [finding] = check_track(track_of([(0, 11800, OK), (11500, 13000, OK)]), select=["T002"])
    assert finding.message == "starts 300 ms before cue 1 ends" and finding.fixable


@pytest.mark.parametrize(("start", "bad"), [(1999, True), (2000, False)])
def test_t003_order(start: int, bad: bool) -> None:
    assert found([(2000, 3000, OK), (start, 2500, OK)], "T003") == ([2] if bad else [])


@pytest.mark.parametrize(
    ("profile", "duration", "bad"),
    [
        ("netflix", 832, True),
        ("netflix", 833, False),
        ("broadcast-fr", 999, True),
        ("broadcast-fr", 1000, False),
    ],
)
def test_t004_duration_min_at_the_profile_boundary(profile: str, duration: int, bad: bool) -> None:
    assert found([(0, duration, OK)], "T004", profile=profile) == ([1] if bad else [])


@pytest.mark.parametrize(("duration", "bad"), [(7001, True), (7000, False)])
def test_t005_duration_max(duration: int, bad: bool) -> None:
    assert found([(0, duration, OK)], "T005") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("gap", "fps", "profile", "bad"),
    [
        (79, None, "netflix", True),
        (80, None, "netflix", False),  # exactly 2 frames at 25 fps
        (0, None, "netflix", False),  # touching cues are not a gap
        (82, Fraction(24000, 1001), "netflix", True),  # 2 frames at 23.976 = 83 ms
        (83, Fraction(24000, 1001), "netflix", False),
        (40, None, "ard", False),  # 1 frame
        (39, None, "ard", True),
    ],
)
def test_t006_gap_min_in_frames(gap: int, fps: Fraction | None, profile: str, bad: bool) -> None:
    cues = [(0, 2000, OK), (2000 + gap, 4000, OK)]
    assert found(cues, "T006", fps=fps, profile=profile) == ([2] if bad else [])


@pytest.mark.parametrize(("end", "bad"), [(60001, True), (60000, False)])
def test_t007_programme_end(end: int, bad: bool) -> None:
    assert found([(58000, end, OK)], "T007", duration_ms=60000) == ([1] if bad else [])
    assert found([(58000, end, OK)], "T007") == []


@pytest.mark.parametrize(
    ("start", "fps", "bad"),
    [
        (1010, None, True),
        (1040, None, False),
        (1001, Fraction(24000, 1001), False),
        (1000, Fraction(24000, 1001), True),
    ],
)
def test_t008_frame_grid(start: int, fps: Fraction | None, bad: bool) -> None:
    result = check_track(track_of([(start, 3003 if fps else 3000, OK)]), select=["T008"], fps=fps)
    assert [f.cue for f in result] == ([1] if bad else [])
    assert all(f.severity == "info" for f in result)


@pytest.mark.parametrize(("chars", "bad"), [(34, False), (35, True)])
def test_r001_reading_speed_at_17_cps(chars: int, bad: bool) -> None:
    assert found([(0, 2000, "x" * chars)], "R001") == ([1] if bad else [])


def test_r001_english_gets_20_cps_and_tags_and_breaks_do_not_count() -> None:
    assert found([(0, 2000, "x" * 40)], "R001", lang="en") == []
    assert found([(0, 2000, "x" * 41)], "R001", lang="en") == [1]
    assert found([(0, 2000, "<i>" + "x" * 17 + "\n" + "x" * 17 + "</i>")], "R001") == []


def test_r001_message_tells_what_to_do() -> None:
    [finding] = check_track(track_of([(0, 3100, "x" * 76)]), select=["R001"])
    assert finding.message == "3.1 s at 24.5 cps, limit 17: cut 24 characters or extend by 1.4 s"


@pytest.mark.parametrize(("words", "bad"), [(6, False), (7, True)])
def test_r002_words_per_minute_under_bbc(words: int, bad: bool) -> None:
    text = " ".join(["mot"] * words)
    assert found([(0, 2000, text)], "R002", profile="bbc") == ([1] if bad else [])
    assert found([(0, 2000, text)], "R002") == []  # netflix sets no wpm limit


@pytest.mark.parametrize(("length", "bad"), [(42, False), (43, True)])
def test_l001_line_length_42(length: int, bad: bool) -> None:
    assert found([(0, 5000, "x" * length)], "L001") == ([1] if bad else [])


def test_l001_counts_nbsp_and_graphemes_once_and_not_tags() -> None:
    assert found([(0, 5000, "<i>" + "e\u0301" * 42 + "</i>")], "L001") == []
    assert found([(0, 5000, "x" * 41 + "\u00a0?")], "L001") == [1]
    assert found([(0, 5000, "x" * 36)], "L001", profile="broadcast-fr") == []
    assert found([(0, 5000, "x" * 37)], "L001", profile="broadcast-fr") == [1]


@pytest.mark.parametrize(("lines", "bad"), [(2, False), (3, True)])
def test_l002_line_count(lines: int, bad: bool) -> None:
    assert found([(0, 5000, "\n".join(["Oui."] * lines))], "L002") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "lang", "bad"),
    [
        ("Ils arrivent dans la\nvallée du Panchir.", "fr", True),
        ("Ils arrivent\ndans la vallée du Panchir.", "fr", False),
        ("They walked into the\nvalley at dawn.", "en", True),
        ("Sie gingen in die\nBerge.", "de", True),
        ("Llegaron a la\nfrontera.", "es", True),
        ("Sono arrivati nella\nvalle.", "it", True),
        ("Poszli w\ngóry.", "pl", True),
        ("- Tu viens de\n- Non.", "fr", False),  # dialogue: one speaker a line
        ("Il parle de,\nla guerre.", "fr", False),
    ],
)
def test_l003_line_break_word_lists(text: str, lang: str, bad: bool) -> None:
    assert found([(0, 5000, text)], "L003", lang=lang) == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("x" * 20 + "\n" + "y" * 21, True),  # 42 on one line
        ("x" * 21 + "\n" + "y" * 21, False),  # 43
        ("- Oui.\n- Non.", False),
    ],
)
def test_l004_one_line_fits(text: str, bad: bool) -> None:
    assert found([(0, 5000, text)], "L004") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Vraiment ?", True),
        ("Vraiment?", True),
        ("«\u00a0Non\u00a0»", False),
        ("« Non »", True),
        ("Vraiment\u00a0?", False),
        ("Il est 10:30.", False),
        ("Quoi\u00a0?!", False),
        ("<i>Quoi</i>\u00a0?", False),
        ("Il a dit\u00a0: «\u00a0Non\u00a0».", False),
        ("Tom & Jerry\u00a0!", False),
    ],
)
def test_y001_french_spacing(text: str, bad: bool) -> None:
    assert found([(0, 3000, text)], "Y001") == ([1] if bad else [])
    assert found([(0, 3000, text)], "Y001", lang="en") == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Il est  parti.", True),
        (" Il est parti.", True),
        ("Il est parti. ", True),
        ("<i> Il est parti.</i>", True),
        ("Il est parti.", False),
        ("Il est\nparti.", False),
    ],
)
def test_y002_whitespace(text: str, bad: bool) -> None:
    assert found([(0, 3000, text)], "Y002") == ([1] if bad else [])


def test_y003_ellipsis_only_where_the_profile_wants_it() -> None:
    assert found([(0, 3000, "Je ne sais pas...")], "Y003") == [1]
    assert found([(0, 3000, "Je ne sais pas…")], "Y003") == []
    assert found([(0, 3000, "Je ne sais pas...")], "Y003", profile="broadcast-fr") == []


@pytest.mark.parametrize(
    ("text", "lang", "bad"),
    [
        ("-Tu viens ?\n-Non.", "fr", True),
        ("- Tu viens ?\n- Non.", "fr", False),
        ("- Are you coming?\n- No.", "en", True),
        ("-Are you coming?\n-No.", "en", False),
        ("-5 degrés dehors.", "fr", False),
    ],
)
def test_y004_dialogue_dash_style(text: str, lang: str, bad: bool) -> None:
    assert found([(0, 3000, text)], "Y004", lang=lang) == ([1] if bad else [])


def test_select_and_ignore_match_prefixes_longest_wins() -> None:
    track = track_of([(0, 520, "x" * 50)])

    def codes(**kw: Any) -> list[str]:
        return sorted({f.code for f in check_track(track, **kw)})

    assert codes(select=["T"]) == ["T004"]
    assert "T004" not in codes(ignore=["T"])
    assert codes(select=["T004"], ignore=["T"]) == ["T004"]
    assert codes(select=["T"], ignore=["T004"]) == []
    assert codes(select=["L001"]) == ["L001"]


def test_vtt_tracks_have_no_numbering_rule() -> None:
    track = track_of([(0, 1000, OK), (2000, 3000, OK)], counters=["a", "b"])
    track.source = Source("test.vtt", "vtt", "utf-8")
    assert check_track(track, select=["S002"]) == []
