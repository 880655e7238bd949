"""Retiming: pure Track -> Track functions (shift, frame-rate change, point map, frame snapping).

Every operation is a function from an exact time (a `Fraction` of milliseconds) to an exact
time; operations compose as functions and the result is rounded to the millisecond exactly once,
when the cue is written back. Rounding after each step instead would let the errors add up (a
23.976 -> 25 conversion rounded, then shifted, then snapped drifts), and floats would drift by
themselves: 23.976 as a float is not 24000/1001.

The parts of a `Plan` apply in one documented order, chosen so each speaks about a timeline
the user can see:
1. `fps=(A, B)`  the input's times become times of the B-fps version (x A/B);
2. `points`      are given on that (converted) timeline;
3. `shift`       moves the final timeline;
4. `snap`        puts the result on the frame grid (instead of the plain millisecond rounding).
`start_from` is compared with the *input* start of each cue: cues starting before it are untouched.

Times that end up below zero cannot be written: a cue that ends at or before 0 is dropped and a
cue that straddles 0 starts at 0; both are reported as `Notice`s, never silently.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from subkit.errors import ValueProblem
from subkit.model import Track
from subkit.timecode import format_srt, frames_to_ms, round_half_up

#: an exact time transformation, milliseconds in, milliseconds out
TimeMap = Callable[[Fraction], Fraction]


class RetimeError(ValueProblem):
    """A retiming that cannot be done as asked (a map that runs backwards, too few points)."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A cue that retiming could not keep as it was: dropped (ends before 0) or clamped to 0."""

    action: Literal["dropped", "clamped"]
    #: 1-based position of the cue in the input track
    cue: int
    id: str | None
    #: input times, so the user can find the cue in the file they gave
    start: int
    end: int
    #: the times the retiming asked for (negative, which is why the cue was changed)
    new_start: int
    new_end: int

    @property
    def message(self) -> str:
        ident = f" (id {self.id})" if self.id and self.id != str(self.cue) else ""
        was = f"{format_srt(self.start)} --> {format_srt(self.end)}"
        asked = f"{_signed(self.new_start)} --> {_signed(self.new_end)}"
        if self.action == "dropped":
            return f"cue {self.cue}{ident} at {was} would end before 0 ({asked}): dropped"
        return f"cue {self.cue}{ident} at {was} would start before 0 ({asked}): starts at 0"


def _signed(ms: int) -> str:
    return ("-" if ms < 0 else "") + format_srt(abs(ms))


@dataclass(frozen=True, slots=True)
class Overlap:
    """A cue that now starts before an earlier cue (in time) ends, although it did not before.

    Cue numbers are input positions (1-based), so the user can find both cues in their file.
    """

    cue: int
    id: str | None
    #: the cue's new start, and the cue it now runs into (the earlier-starting cue ending last)
    start: int
    other: int
    #: how long the two are on screen together, ms
    overlap_ms: int

    @property
    def message(self) -> str:
        ident = f" (id {self.id})" if self.id and self.id != str(self.cue) else ""
        return f"cue {self.cue}{ident} now starts at {format_srt(self.start)}, {self.overlap_ms} ms before cue {self.other} ends"


@dataclass(slots=True)
class Retimed:
    """A retimed track, what had to be dropped or clamped, and which cues now overlap."""

    track: Track
    notices: list[Notice] = field(default_factory=list)
    #: every cue that overlaps an earlier one although it did not in the input (possible with
    #: --from, --snap, or a sync split that makes two scenes meet or lands an inserted scene's
    #: cues on top of others), in output time order
    overlaps: list[Overlap] = field(default_factory=list)

    @property
    def new_overlaps(self) -> int:
        return len(self.overlaps)


@dataclass(frozen=True, slots=True)
class Plan:
    """What `subkit retime` was asked to do; see the module docstring for the order."""

    shift: int = 0
    #: (A, B): the track is timed for A frames/s and must fit B frames/s
    fps: tuple[Fraction, Fraction] | None = None
    #: (source, destination) points of a piecewise-linear map, in milliseconds
    points: tuple[tuple[int, int], ...] = ()
    #: only cues whose input start is at or after this time move
    start_from: int | None = None
    #: put every moved time on this frame grid
    snap: Fraction | None = None

    def is_empty(self) -> bool:
        return not self.shift and self.fps is None and not self.points and self.snap is None


def fps_map(source_fps: Fraction, target_fps: Fraction) -> TimeMap:
    """Times of a track timed for `source_fps` played at `target_fps`: x source/target.

    Speeding 23.976 material up to 25 (PAL) shortens it, so a 25 fps track moving to a
    23.976 source gets longer: `fps_map(25, 23.976)` multiplies by 25/23.976.
    """
    ratio = Fraction(source_fps) / Fraction(target_fps)
    return lambda time: time * ratio


def shift_map(delta_ms: int | Fraction) -> TimeMap:
    delta = Fraction(delta_ms)
    return lambda time: time + delta


def piecewise_map(points: Sequence[tuple[int, int]]) -> TimeMap:
    """A map through the given (source, destination) points, linear between them and beyond them.

    Each point maps exactly onto itself (no rounding at the points), and the map must keep the
    order of time: two sources or two destinations in the wrong order would turn cues around.
    """
    ordered = sorted((int(src), int(dst)) for src, dst in points)
    if len(ordered) < 2:
        raise RetimeError("a map needs at least two points", option="points")
    for (src_a, dst_a), (src_b, dst_b) in zip(ordered, ordered[1:]):
        if src_a == src_b:
            raise RetimeError(f"the source time {format_srt(src_a)} is given twice", option="points")
        if dst_b <= dst_a:
            raise RetimeError(
                f"would reverse time: {format_srt(src_a)}={_signed(dst_a)} and "
                f"{format_srt(src_b)}={_signed(dst_b)} (destinations must increase with sources)",
                option="points",
            )
    sources = [src for src, _ in ordered]
    slopes = [Fraction(dst_b - dst_a, src_b - src_a) for (src_a, dst_a), (src_b, dst_b) in zip(ordered, ordered[1:])]
    last_segment = len(ordered) - 2

    def mapped(time: Fraction) -> Fraction:
        # The segment whose left point is the last source <= time; outer segments extrapolate.
        segment = min(max(bisect_right(sources, time) - 1, 0), last_segment)
        src, dst = ordered[segment]
        return dst + (time - src) * slopes[segment]

    return mapped


def compose(maps: Sequence[TimeMap]) -> TimeMap:
    """Apply `maps` in order, exactly (no rounding in between)."""

    def composed(time: Fraction) -> Fraction:
        for function in maps:
            time = function(time)
        return time

    return composed


def plan_map(plan: Plan) -> TimeMap:
    """The exact time function of a plan: fps, then map, then shift (snapping is separate)."""
    maps: list[TimeMap] = []
    if plan.fps is not None:
        maps.append(fps_map(*plan.fps))
    if plan.points:
        maps.append(piecewise_map(plan.points))
    if plan.shift:
        maps.append(shift_map(plan.shift))
    return compose(maps)


def to_ms(time: Fraction, snap: Fraction | None = None) -> int:
    """The one rounding: to the nearest millisecond, or to the nearest frame of `snap` and then ms."""
    if snap is None:
        return round_half_up(time)
    return frames_to_ms(round_half_up(time * snap / 1000), snap)


def transform(track: Track, map_for_cue: Callable[[int], TimeMap | None], snap: Fraction | None = None) -> Retimed:
    """Retime each cue through its own map (None: leave it as it is); drop or clamp below zero.

    This is the single place where times are rounded and negative times handled, shared by
    `retime` (one map for every moved cue) and `sync` (one map per segment).
    """
    cues = []
    numbers: list[int] = []
    notices: list[Notice] = []
    for index, cue in enumerate(track.cues):
        function = map_for_cue(index)
        numbers.append(index + 1)
        if function is None:
            cues.append(cue.copy())
            continue
        start = to_ms(function(Fraction(cue.start)), snap)
        end = to_ms(function(Fraction(cue.end)), snap)
        if snap is not None and end <= start and cue.end > cue.start:
            # Snapping must not make a cue vanish: keep it on screen for at least one frame.
            end = frames_to_ms(round_half_up(Fraction(start) * snap / 1000) + 1, snap)
        if end <= 0:
            notices.append(Notice("dropped", index + 1, cue.id, cue.start, cue.end, start, end))
            numbers.pop()
            continue
        if start < 0:
            notices.append(Notice("clamped", index + 1, cue.id, cue.start, cue.end, start, end))
            start = 0
        cues.append(cue.copy(start=start, end=end))
    before = {cue for cue, _, _ in _overlapping([(c.start, c.end) for c in track.cues])}
    overlaps = [
        Overlap(numbers[position], cues[position].id, cues[position].start, numbers[other], amount)
        for position, other, amount in _overlapping([(c.start, c.end) for c in cues])
        if numbers[position] - 1 not in before
    ]
    return Retimed(track.with_cues(cues), notices, overlaps)


def _overlapping(times: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(position, position of the cue it runs into, ms on screen together) for every cue that
    starts before an earlier-starting cue ends: a sweep in time order, not only neighbours in
    the file, so a cue moved onto a run of other cues is found whatever the file order."""
    order = sorted(range(len(times)), key=lambda i: (times[i][0], i))
    found = []
    latest = -1  # position of the cue, among those started so far, that ends last
    for position in order:
        start, end = times[position]
        if latest >= 0 and start < times[latest][1]:
            found.append((position, latest, min(end, times[latest][1]) - start))
        if latest < 0 or end > times[latest][1]:
            latest = position
    return found


def retime(track: Track, plan: Plan) -> Retimed:
    """Apply a whole plan: one exact map, one rounding, `start_from` compared with input starts."""
    function = plan_map(plan)
    start_from = plan.start_from

    def map_for_cue(index: int) -> TimeMap | None:
        if start_from is not None and track.cues[index].start < start_from:
            return None
        return function

    return transform(track, map_for_cue, plan.snap)


def shift(track: Track, delta_ms: int, start_from: int | None = None) -> Retimed:
    """Every time plus `delta_ms` (negative: earlier)."""
    return retime(track, Plan(shift=delta_ms, start_from=start_from))


def change_fps(track: Track, source_fps: Fraction, target_fps: Fraction, start_from: int | None = None) -> Retimed:
    """A track timed for `source_fps` made to fit `target_fps` (times x source/target)."""
    return retime(track, Plan(fps=(Fraction(source_fps), Fraction(target_fps)), start_from=start_from))


def map_points(track: Track, points: Sequence[tuple[int, int]], start_from: int | None = None) -> Retimed:
    """Times mapped piecewise-linearly through (source, destination) points."""
    return retime(track, Plan(points=tuple(points), start_from=start_from))


def snap(track: Track, fps: Fraction) -> Retimed:
    """Every time moved to the nearest frame boundary of `fps`."""
    return retime(track, Plan(snap=Fraction(fps)))
