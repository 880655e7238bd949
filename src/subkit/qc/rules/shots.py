"""T rules of timing style: in- and out-times at shot changes (T009, T010) and chaining (T011).

Netflix's timing guide (docs/qc-reference.md §1.3, §5) wants subtitles to sit within shots: an
in-time close to a cut sits on the cut, an out-time close to a cut ends the minimum gap (2
frames) before it, and two cues a few frames apart are chained (the gap closed to 2 frames), so
that the eye is not disturbed by a subtitle flickering off and on. "Close" is the profile's
`shot-window-frames` (Netflix: 12 frames, half a second at 24 fps). The shot changes come from
`subkit shots` or an editor's list; without them T009 and T010 have nothing to check.

The repairs follow Subtitle Edit's implementation of the same rules (§5): an in-time after a cut
moves back onto it; an in-time shortly before a cut (less than three quarters of the window)
moves forward onto it, one further before moves back to a whole window before the cut; an
out-time near a cut moves to the minimum gap before it. A move is made only when it keeps the
minimum gap to the neighbours (never an overlap), keeps the cue within the profile's duration
limits (or no shorter than it was), and moves a start by less than the window.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from subkit.model import Cue
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule
from subkit.timecode import format_srt, frames_to_ms, ms_to_frames, round_half_up


@dataclass(frozen=True, slots=True)
class Limits:
    """What the shot-change and chaining repairs need from the profile, in ms and frames."""

    fps: Fraction
    window: int
    gap_ms: int
    gap_frames: int
    min_duration: int
    #: None: the profile sets no maximum
    max_duration: int | None
    chain_frames: int

    def too_long(self, duration: int) -> bool:
        return self.max_duration is not None and duration > self.max_duration

    @classmethod
    def of(cls, context: Context) -> Limits:
        t = context.thresholds
        return cls(
            context.fps,
            t.shot_window_frames,
            context.min_gap_ms,
            t.min_gap_frames,
            t.min_duration,
            t.max_duration,
            t.chain_gap_frames,
        )


def frames_apart(ms: int, fps: Fraction) -> int:
    """A distance in whole frames (nearest), whatever its sign."""
    return round_half_up(ms_to_frames(abs(ms), fps))


def nearest_shot(shots: Sequence[int], time: int) -> int | None:
    index = bisect_left(shots, time)
    around = [shots[i] for i in (index - 1, index) if 0 <= i < len(shots)]
    return min(around, key=lambda shot: (abs(shot - time), shot)) if around else None


def _plural(count: int) -> str:
    return f"{count} frame{'s' if count != 1 else ''}"


def _in_time_target(start: int, shot: int, limits: Limits) -> int:
    """Where an in-time near a cut belongs: on it, or a whole window before it."""
    if start > shot or frames_apart(start - shot, limits.fps) < round_half_up(Fraction(3 * limits.window, 4)):
        return shot
    shot_frame = round_half_up(ms_to_frames(shot, limits.fps))
    return frames_to_ms(shot_frame - limits.window, limits.fps)


def _out_time_near(end: int, shot: int, limits: Limits) -> bool:
    """The out-time is within the window of the cut and not the minimum gap before it."""
    apart = frames_apart(end - shot, limits.fps)
    if apart >= limits.window:
        return False
    return not (end < shot and apart == limits.gap_frames)


def _in_order(cues: list[Cue], index: int) -> bool:
    """Cues that overlap or run backwards are left for a person (T002, T003)."""
    cue = cues[index]
    if cue.end <= cue.start:
        return False
    if index and cues[index - 1].start > cue.start:
        return False
    return not (index + 1 < len(cues) and cues[index + 1].start < cue.start)


def snap_to_shots(
    cues: list[Cue], shots: Sequence[int], limits: Limits, ends: bool = True, starts: bool = True
) -> tuple[list[Cue], set[int], set[int]]:
    """The cues with out-times (T010), then in-times (T009), moved onto the shot changes where
    that is safe; returns them and the positions whose end, and whose start, moved."""
    result = list(cues)
    moved_ends: set[int] = set()
    moved_starts: set[int] = set()
    if not shots or limits.window <= 0:
        return result, moved_ends, moved_starts
    if ends:
        for index, cue in enumerate(result):
            shot = nearest_shot(shots, cue.end)
            if shot is None or not _in_order(result, index) or not _out_time_near(cue.end, shot, limits):
                continue
            target = shot - limits.gap_ms
            following = result[index + 1] if index + 1 < len(result) else None
            if target <= cue.start or limits.too_long(target - cue.start):
                continue
            if target > cue.end and following is not None and following.start < target + limits.gap_ms:
                continue
            if target < cue.end and target - cue.start < min(cue.duration, limits.min_duration):
                continue
            result[index] = cue.copy(end=target)
            moved_ends.add(index)
    if starts:
        for index, cue in enumerate(result):
            shot = nearest_shot(shots, cue.start)
            if shot is None or not _in_order(result, index):
                continue
            apart = frames_apart(cue.start - shot, limits.fps)
            if not 0 < apart < limits.window:
                continue
            target = _in_time_target(cue.start, shot, limits)
            previous = result[index - 1] if index else None
            if target < cue.start and previous is not None and previous.end + limits.gap_ms > target:
                continue
            if target < 0 or limits.too_long(cue.end - target):
                continue
            if target > cue.start and cue.end - target < min(cue.duration, limits.min_duration):
                continue
            if frames_apart(target - cue.start, limits.fps) >= limits.window:
                continue
            result[index] = cue.copy(start=target)
            moved_starts.add(index)
    return result, moved_ends, moved_starts


def _cut_inside(shots: Sequence[int] | None, low: int, high: int) -> bool:
    if not shots:
        return False
    index = bisect_left(shots, low + 1)
    return index < len(shots) and shots[index] < high


def chain_gaps(cues: list[Cue], limits: Limits, shots: Sequence[int] | None = None) -> tuple[list[Cue], set[int]]:
    """Out-times moved later to close gaps of (minimum gap + 1) to `chain_frames` frames down to
    the minimum gap (T011); returns the cues and the positions whose end moved. A gap with a shot
    change inside is left alone: the out-time belongs before the cut, not across it."""
    result = list(cues)
    moved: set[int] = set()
    if limits.chain_frames <= 0:
        return result, moved
    for index in range(len(result) - 1):
        cue, following = result[index], result[index + 1]
        if not _in_order(result, index) or following.start < cue.end:
            continue
        gap = following.start - cue.end
        if not limits.gap_frames < frames_apart(gap, limits.fps) <= limits.chain_frames:
            continue
        target = following.start - limits.gap_ms
        if target <= cue.end or limits.too_long(target - cue.start) or _cut_inside(shots, cue.end, following.start):
            continue
        result[index] = cue.copy(end=target)
        moved.add(index)
    return result, moved


@rule("T009", "shot-in", "warning", uses=("shot_window_frames",))
def shot_in(context: Context) -> Iterator[Problem]:
    """An in-time near a shot change but not on it (when shot changes are given; Netflix: 12 frames).

    FAIL (netflix, 25 fps, a cut at 00:01:00,000): a cue starting at 00:01:00,160 (4 frames after).
    PASS: starting at 00:01:00,000, or 12 frames or more from every cut.
    """
    limits = Limits.of(context)
    shots = context.shots
    if not shots or limits.window <= 0:
        return
    cues = context.track.cues
    # out-times move first in a repair, which can make room for an in-time: judge after them
    _, _, fixable = snap_to_shots(cues, shots, limits) if context.thresholds.shot_snap else ([], set(), set())
    for index, cue in enumerate(cues):
        shot = nearest_shot(shots, cue.start)
        assert shot is not None
        apart = frames_apart(cue.start - shot, limits.fps)
        if not 0 < apart < limits.window:
            continue
        target = _in_time_target(cue.start, shot, limits)
        side = "after" if cue.start > shot else "before"
        advice = "start on it" if target == shot else f"start {_plural(limits.window)} before it"
        yield Problem(
            index,
            f"starts {_plural(apart)} {side} the shot change at {format_srt(shot)}: {advice}",
            fixable=index in fixable,
        )


@rule("T010", "shot-out", "warning", uses=("shot_window_frames", "min_gap_frames"))
def shot_out(context: Context) -> Iterator[Problem]:
    """An out-time near a shot change that does not end the minimum gap before it (when shot changes are given).

    FAIL (netflix, 25 fps, a cut at 00:01:00,000): a cue ending at 00:00:59,840 (4 frames before)
    or at 00:01:00,120 (3 frames after).   PASS: ending at 00:00:59,920 (2 frames before), or 12
    frames or more from every cut.
    """
    limits = Limits.of(context)
    shots = context.shots
    if not shots or limits.window <= 0:
        return
    cues = context.track.cues
    _, fixable, _ = (
        snap_to_shots(cues, shots, limits, starts=False) if context.thresholds.shot_snap else ([], set(), set())
    )
    for index, cue in enumerate(cues):
        shot = nearest_shot(shots, cue.end)
        assert shot is not None
        if not _out_time_near(cue.end, shot, limits):
            continue
        apart = frames_apart(cue.end - shot, limits.fps)
        where = "on" if apart == 0 else f"{_plural(apart)} {'after' if cue.end > shot else 'before'}"
        yield Problem(
            index,
            f"ends {where} the shot change at {format_srt(shot)}: end {_plural(limits.gap_frames)} before it",
            fixable=index in fixable,
        )


@rule("T011", "gap-chain", "warning", uses=("chain_gap_frames", "min_gap_frames"), opt_in=True)
def gap_chain(context: Context) -> Iterator[Problem]:
    """A gap just longer than the minimum that should be closed (chaining; opt-in: selected only by its full code).

    FAIL (netflix, 25 fps: gaps of 3 to 11 frames): 200 ms (5 frames) between two cues.
    PASS: 80 ms (2 frames), or 480 ms (12 frames) and more, or a shot change inside the gap.
    """
    limits = Limits.of(context)
    if limits.chain_frames <= 0:
        return
    cues = context.track.cues
    _, fixable = chain_gaps(cues, limits, context.shots)
    for index in range(len(cues) - 1):
        cue, following = cues[index], cues[index + 1]
        gap = following.start - cue.end
        apart = frames_apart(gap, limits.fps)
        if gap <= 0 or not limits.gap_frames < apart <= limits.chain_frames:
            continue
        if _cut_inside(context.shots, cue.end, following.start):
            continue
        yield Problem(
            index + 1,
            f"gap of {gap} ms ({_plural(apart)}) after cue {index + 1}: chain the cues "
            f"(close the gap to {_plural(limits.gap_frames)})",
            fixable=index in fixable,
        )
