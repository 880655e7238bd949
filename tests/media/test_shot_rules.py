"""T009/T010 (in- and out-times at shot changes), T011 (chaining, opt-in) and their repairs."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.cli import cli
from subkit.formats import read_track
from subkit.model import Cue, Track
from subkit.qc import check_track, settings_for
from subkit.repairs import fix_track
from subkit.timecode import frames_to_ms
from tests.qc.helpers import srt_text

CUT = 60_000  # a shot change at 1:00 (frame 1500 at 25 fps)
SHOTS = (CUT,)


def findings(
    cues: list[tuple[int, int]],
    code: str,
    profile: str = "netflix",
    shots: tuple[int, ...] | None = SHOTS,
    select: list[str] | None = None,
) -> list[tuple[int | None, str]]:
    track = Track([Cue(start, end, "Texte") for start, end in cues])
    return [
        (f.cue, f.message)
        for f in check_track(track, profile, "fr", select=select or [code], shots=shots)
        if f.code == code
    ]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (60_160, "starts 4 frames after the shot change at 00:01:00,000: start on it"),
        (59_840, "starts 4 frames before the shot change at 00:01:00,000: start on it"),
        (59_600, "starts 10 frames before the shot change at 00:01:00,000: start 12 frames before it"),
        (60_440, "starts 11 frames after the shot change at 00:01:00,000: start on it"),
    ],
)
def test_in_times_near_a_cut(start: int, message: str) -> None:
    assert findings([(start, start + 2_000)], "T009") == [(1, message)]


@pytest.mark.parametrize("start", [60_000, 60_010, 60_480, 59_520, 55_000])
def test_in_times_on_a_cut_or_a_window_away_pass(start: int) -> None:
    assert findings([(start, start + 2_000)], "T009") == []


@pytest.mark.parametrize(
    ("end", "where"),
    [(59_840, "4 frames before"), (60_000, "on"), (60_120, "3 frames after"), (59_960, "1 frame before")],
)
def test_out_times_near_a_cut(end: int, where: str) -> None:
    assert findings([(57_000, end)], "T010") == [
        (1, f"ends {where} the shot change at 00:01:00,000: end 2 frames before it")
    ]


@pytest.mark.parametrize("end", [59_920, 59_520, 60_480, 61_000])
def test_out_times_two_frames_before_or_a_window_away_pass(end: int) -> None:
    assert findings([(57_000, end)], "T010") == []


def test_without_shots_or_without_a_window_nothing_is_checked() -> None:
    assert findings([(60_160, 62_000)], "T009", shots=None) == []
    assert findings([(60_160, 62_000)], "T009", profile="bbc") == []


def test_chaining_is_opt_in_and_skips_gaps_with_a_cut_inside() -> None:
    pairs = [(10_000, 12_000), (12_200, 14_000), (14_080, 16_000), (16_480, 18_000)]  # 5, 2, 12 frames
    assert findings(pairs, "T011", shots=None, select=["ALL"]) == []
    assert findings(pairs, "T011", shots=None, select=["ALL", "T011"]) == [
        (2, "gap of 200 ms (5 frames) after cue 1: chain the cues (close the gap to 2 frames)")
    ]
    assert findings(pairs, "T011", shots=(12_100,), select=["T011"]) == []
    assert findings(pairs, "T011", profile="ard", shots=None, select=["T011"]) == []


def fixed(
    cues: list[tuple[int, int]],
    select: list[str] | None = None,
    shots: tuple[int, ...] | None = SHOTS,
    profile: str = "netflix",
) -> tuple[list[tuple[int, int]], dict[str, int]]:
    track = Track([Cue(start, end, "Texte") for start, end in cues])
    result = fix_track(track, settings_for(track, profile, "fr", select=select or ["T009", "T010"]), None, shots)
    return [(c.start, c.end) for c in result.track.cues], dict(result.changes)


def test_fix_snaps_in_and_out_times_the_netflix_way() -> None:
    cues, changes = fixed([(55_000, 60_120), (60_160, 62_000)])
    assert cues == [(55_000, 59_920), (60_000, 62_000)]
    assert changes == {"T010": 1, "T009": 1}
    cues, _ = fixed([(59_600, 62_000)])  # 10 frames before: back to 12 frames before the cut
    assert cues == [(59_520, 62_000)]


def test_fix_never_snaps_into_an_overlap_or_below_the_profile_minimum() -> None:
    cues, changes = fixed([(55_000, 59_980), (60_160, 62_000)], select=["T009"])  # the gap would be 20 ms
    assert cues == [(55_000, 59_980), (60_160, 62_000)] and changes == {}
    cues, changes = fixed([(59_760, 60_700)])  # snapping the start forward would leave 700 ms < 833 ms
    assert cues[0][0] == 59_760 and "T009" not in changes


def test_fix_without_shots_or_in_a_profile_that_does_not_snap_moves_nothing() -> None:
    cues = [(55_000, 60_120), (60_160, 62_000)]
    assert fixed(cues, shots=None)[0] == cues
    assert fixed(cues, profile="ard")[0] == cues


def test_fix_chains_only_when_selected() -> None:
    cues = [(10_000, 12_000), (12_200, 14_000)]
    assert fixed(cues, shots=None)[0] == cues
    assert fixed(cues, select=["T0"], shots=None)[0] == cues
    assert fixed(cues, select=["T0", "T011"], shots=None) == ([(10_000, 12_120), (12_200, 14_000)], {"T011": 1})


FPS = Fraction(25)


@st.composite
def timed(draw: st.DrawFn) -> tuple[Track, tuple[int, ...]]:
    frame = 0
    cues = []
    for _ in range(draw(st.integers(1, 12))):
        frame += draw(st.integers(0, 40))
        length = draw(st.integers(1, 120))
        cues.append(Cue(frames_to_ms(frame, FPS), frames_to_ms(frame + length, FPS), "Texte"))
        frame += length
    last = frame + 50
    shots = tuple(sorted({frames_to_ms(f, FPS) for f in draw(st.lists(st.integers(0, last), max_size=10))}))
    return Track(cues), shots


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timed())
def test_repairs_never_overlap_and_move_starts_less_than_the_window(case: tuple[Track, tuple[int, ...]]) -> None:
    track, shots = case
    settings_ = settings_for(track, "netflix", "fr", select=["T009", "T010", "T011"])
    result = fix_track(track, settings_, None, shots).track
    assert len(result.cues) == len(track.cues)
    window = frames_to_ms(12, FPS)
    for before, after in zip(track.cues, result.cues):
        assert abs(after.start - before.start) < window
        assert after.end > after.start
        assert after.duration >= min(before.duration, 833) or after.end >= before.end
    for first, second in zip(result.cues, result.cues[1:]):
        was = track.cues[result.cues.index(first)]
        assert second.start >= first.end or second.start < was.end  # no overlap that was not there


def test_validate_and_fix_take_a_shot_list(tmp_path: Path) -> None:
    track = tmp_path / "film.fr.srt"
    track.write_text(srt_text([(55_000, 60_120, "Un"), (60_160, 62_000, "Deux")]), encoding="utf-8")
    shots = tmp_path / "film.shots"
    shots.write_text("60.000\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(track), "--shots", str(shots), "--fail-on", "warning"])
    assert result.exit_code == 1 and "T009 shot-in" in result.stdout and "T010 shot-out" in result.stdout
    out = tmp_path / "fixed.fr.srt"
    result = CliRunner().invoke(cli, ["fix", str(track), "--shots", str(shots), "-o", str(out), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    assert [(c.start, c.end) for c in read_track(str(out)).cues] == [(55_000, 59_920), (60_000, 62_000)]
    assert "T009 x1" in result.stderr and "T010 x1" in result.stderr


def test_a_profile_without_a_window_warns_and_a_bad_list_is_exit_3(tmp_path: Path) -> None:
    track = tmp_path / "film.fr.srt"
    track.write_text(srt_text([(55_000, 60_120, "Un")]), encoding="utf-8")
    shots = tmp_path / "film.shots"
    shots.write_text("60.000\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(track), "--shots", str(shots), "--profile", "bbc"])
    assert result.exit_code == 0 and "has no shot-change rule" in result.stderr
    shots.write_text("60.000\nsoon\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(track), "--shots", str(shots)])
    assert result.exit_code == 3 and f"{shots}:2: not a shot-change time" in result.stderr
