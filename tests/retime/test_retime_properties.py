"""retime's exact arithmetic: round trips, exact points, no drift, negative times, snapping."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from subkit.formats import parse_text
from subkit.model import Cue, Track
from subkit.retiming import Plan, RetimeError, change_fps, map_points, retime, shift, snap
from subkit.timecode import parse_fps, round_half_up

RATES = [parse_fps(text) for text in ("23.976", "24", "25", "29.97", "30")]
FAST = settings(max_examples=60, deadline=None)


@st.composite
def tracks(draw: st.DrawFn, min_start: int = 0) -> Track:
    """Ordered cues up to ~3 hours, times in ms."""
    starts = sorted(draw(st.lists(st.integers(min_start, 10_800_000), min_size=1, max_size=30)))
    durations = draw(st.lists(st.integers(1, 8_000), min_size=len(starts), max_size=len(starts)))
    return Track(
        [Cue(start, start + length, f"cue {n}", str(n)) for n, (start, length) in enumerate(zip(starts, durations), 1)]
    )


def times(track: Track) -> list[tuple[int, int]]:
    return [(cue.start, cue.end) for cue in track.cues]


@FAST
@given(tracks(), st.integers(-20_000_000, 20_000_000))
def test_shift_then_back_is_the_identity(track: Track, delta: int) -> None:
    delta = max(delta, -min(cue.start for cue in track.cues))  # nothing may fall below 0 and be lost
    there = shift(track, delta)
    assert not there.notices
    back = shift(there.track, -delta)
    assert times(back.track) == times(track)
    assert [cue.id for cue in back.track.cues] == [cue.id for cue in track.cues]


@FAST
@given(tracks(), st.sampled_from(RATES), st.sampled_from(RATES))
def test_fps_there_and_back_is_within_one_ms(track: Track, rate_a: Fraction, rate_b: Fraction) -> None:
    back = change_fps(change_fps(track, rate_a, rate_b).track, rate_b, rate_a).track
    for (start, end), (new_start, new_end) in zip(times(track), times(back)):
        assert abs(new_start - start) <= 1 and abs(new_end - end) <= 1


@FAST
@given(
    st.lists(st.integers(0, 10_000_000), min_size=2, max_size=5, unique=True),
    st.lists(st.integers(0, 10_000_000), min_size=2, max_size=5, unique=True),
)
def test_map_reproduces_its_points_exactly(sources: list[int], destinations: list[int]) -> None:
    count = min(len(sources), len(destinations))
    points = list(zip(sorted(sources)[:count], sorted(destinations)[:count]))
    # cues that start and end exactly on the points (and one beyond each end, extrapolated)
    track = Track([Cue(src_a, src_b, "x") for (src_a, _), (src_b, _) in zip(points, points[1:])])
    result = map_points(track, points).track
    assert times(result) == [(dst_a, dst_b) for (_, dst_a), (_, dst_b) in zip(points, points[1:])]


def test_map_extrapolates_beyond_the_outer_points() -> None:
    track = Track([Cue(0, 1_000, "a"), Cue(30_000, 31_000, "b")])
    result = map_points(track, [(10_000, 11_000), (20_000, 22_000)]).track  # slope 1.1
    assert times(result) == [(0, 1_100), (33_000, 34_100)]


def test_fps_change_does_not_drift_over_a_programme() -> None:
    end = 52 * 60_000
    result = change_fps(Track([Cue(end - 2_000, end, "last")]), parse_fps("25"), parse_fps("23.976")).track
    exact = Fraction(end) * 25 / Fraction(24000, 1001)  # 3 253 250 ms exactly
    assert result.cues[0].end == round(exact) == 3_253_250
    assert result.cues[0].start == round(Fraction(end - 2_000) * 25 * 1001 / 24000)


def test_options_combine_fps_then_map_then_shift_rounded_once() -> None:
    track = Track([Cue(1_000, 2_001, "a")])
    plan = Plan(shift=500, fps=(Fraction(25), Fraction(24000, 1001)), points=((0, 0), (1_000_000, 2_000_000)))
    start = Fraction(1_000) * 25 * 1001 / 24000 * 2 + 500
    end = Fraction(2_001) * 25 * 1001 / 24000 * 2 + 500
    assert times(retime(track, plan).track) == [(round(start), round(end))]


def test_cues_before_zero_are_dropped_or_clamped_and_named() -> None:
    track = Track([Cue(1_000, 2_000, "a", "intro"), Cue(4_500, 6_000, "b", "2"), Cue(9_000, 10_000, "c", "3")])
    result = shift(track, -4_600)
    assert times(result.track) == [(0, 1_400), (4_400, 5_400)]
    assert [(n.action, n.cue, n.id, n.start) for n in result.notices] == [
        ("dropped", 1, "intro", 1_000),
        ("clamped", 2, "2", 4_500),
    ]
    assert "cue 1 (id intro) at 00:00:01,000 --> 00:00:02,000" in result.notices[0].message
    assert "dropped" in result.notices[0].message and "starts at 0" in result.notices[1].message


def test_from_moves_only_later_cues_and_counts_new_overlaps() -> None:
    track = Track([Cue(1_000, 2_000, "a"), Cue(5_000, 6_000, "b"), Cue(9_000, 10_000, "c")])
    result = retime(track, Plan(shift=-3_500, start_from=5_000))
    assert times(result.track) == [(1_000, 2_000), (1_500, 2_500), (5_500, 6_500)]
    assert result.new_overlaps == 1


@FAST
@given(tracks(), st.sampled_from(RATES))
def test_snap_puts_every_time_on_the_frame_grid(track: Track, rate: Fraction) -> None:
    result = snap(track, rate).track
    for cue in result.cues:
        for time in (cue.start, cue.end):
            frame = round(Fraction(time) * rate / 1000)
            assert time == round_half_up(Fraction(frame) * 1000 / rate)
        assert cue.end > cue.start


def test_map_that_reverses_time_is_refused() -> None:
    with pytest.raises(RetimeError, match="reverse"):
        map_points(Track([Cue(0, 1, "a")]), [(0, 5_000), (10_000, 1_000)])
    with pytest.raises(RetimeError, match="two points"):
        map_points(Track([Cue(0, 1, "a")]), [(0, 5_000)])
    assert times(retime(Track([Cue(0, 1, "a")]), Plan()).track) == [(0, 1)]


def test_ids_settings_notes_and_header_survive() -> None:
    vtt = (
        "WEBVTT - film\n\nSTYLE\n::cue { color: yellow }\n\nNOTE head\n\n00:00:00.500 --> 00:00:00.900\nx\n\n"
        "NOTE before\n\nintro\n00:00:01.000 --> 00:00:02.000 line:0 align:start\n<i>Bonjour</i>\n"
    )
    track = parse_text(vtt, "a.vtt")
    result = shift(track, 1_000).track
    cue = result.cues[1]
    assert (cue.id, cue.settings, cue.notes, cue.text, cue.start) == (
        "intro",
        "line:0 align:start",
        ["before"],
        "<i>Bonjour</i>",
        2_000,
    )
    assert result.styles == track.styles and result.header == track.header and result.header_notes == ["head"]
    assert track.cues[1].start == 1_000  # the input track is not modified
