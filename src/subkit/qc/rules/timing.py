"""T rules: when cues appear and disappear (durations, overlaps, order, gaps, programme end, frame grid).

Times are integer ms; frame-based thresholds are converted with the exact frame rate (2 frames
at 25 fps = 80 ms; at 23.976 fps = 83 ms).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from subkit.model import Cue
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule
from subkit.timecode import format_srt, ms_to_frames, round_ratio


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".") + " s"


def _span(ms: int) -> str:
    return f"{ms} ms" if abs(ms) < 1000 else _seconds(ms)


@rule("T001", "duration-negative", "error")
def duration_negative(context: Context) -> Iterator[Problem]:
    """The cue ends at or before its start.

    FAIL: 00:00:05,000 --> 00:00:04,000.   PASS: 00:00:04,000 --> 00:00:05,000.
    """
    for index, cue in enumerate(context.track.cues):
        if cue.end <= cue.start:
            what = (
                "has zero duration" if cue.end == cue.start else f"ends {_span(cue.start - cue.end)} before it starts"
            )
            yield Problem(index, what)


def shortened_end(previous: Cue, next_start: int, gap_ms: int) -> int | None:
    """The out-time that ends `previous` a legal gap before `next_start`, or None if impossible.

    The minimum gap is left when the cue can afford it, otherwise the cues are made contiguous
    (gap 0 is allowed); the cue must keep a positive duration.
    """
    for candidate in (next_start - gap_ms, next_start):
        if candidate > previous.start:
            return candidate
    return None


@rule("T002", "overlap", "error")
def overlap(context: Context) -> Iterator[Problem]:
    """The cue starts before the previous cue ends.

    FAIL: cue 2 ends at 00:00:11,800, cue 3 starts at 00:00:11,500.
    PASS: cue 3 starts at 00:00:11,880 (2 frames later at 25 fps).
    """
    cues = context.track.cues
    for index in range(1, len(cues)):
        previous, cue = cues[index - 1], cues[index]
        if previous.start <= cue.start < previous.end:
            fixable = (
                previous.end > previous.start and shortened_end(previous, cue.start, context.min_gap_ms) is not None
            )
            yield Problem(index, f"starts {_span(previous.end - cue.start)} before cue {index} ends", fixable=fixable)


@rule("T003", "order", "error")
def order(context: Context) -> Iterator[Problem]:
    """The cue starts before the previous cue starts (cues out of order).

    FAIL: cue 4 at 00:01:00,000 after cue 3 at 00:01:05,000.   PASS: starts in increasing order.
    """
    cues = context.track.cues
    for index in range(1, len(cues)):
        if cues[index].start < cues[index - 1].start:
            yield Problem(index, f"starts {_span(cues[index - 1].start - cues[index].start)} before cue {index} starts")


UNBOUNDED = 1 << 62


def next_starts(cues: list[Cue]) -> list[int | None]:
    """For each cue, the earliest start among the cues that start at or after it (file order
    does not matter, so an out-of-order track is handled too); None for the last one.
    """
    order = sorted(range(len(cues)), key=lambda i: (cues[i].start, i))
    result: list[int | None] = [None] * len(cues)
    for position, index in enumerate(order[:-1]):
        result[index] = cues[order[position + 1]].start
    return result


def free_until(cue: Cue, next_start: int | None, gap_ms: int, duration_ms: int | None) -> int | None:
    """The latest out-time `cue` could have without reaching the next cue (less the minimum gap,
    or touching it when the gap cannot be kept) or the programme end.

    None when the next cue already starts inside this one (no safe answer); `UNBOUNDED` for the
    last cue of a programme of unknown length.
    """
    limit = UNBOUNDED
    if next_start is not None:
        if next_start < cue.end:
            return None
        limit = next_start - gap_ms if next_start - gap_ms >= cue.end else next_start
    if duration_ms is not None:
        limit = min(limit, duration_ms)
    return limit


@rule("T004", "duration-min", "error", uses=("min_duration",))
def duration_min(context: Context) -> Iterator[Problem]:
    """The cue is shown for less than the profile minimum.

    FAIL (netflix, 833 ms): 0.8 s.   PASS: exactly 833 ms.
    """
    minimum = context.thresholds.min_duration
    cues = context.track.cues
    following: list[int | None] | None = None  # sorted only once a cue is too short
    for index, cue in enumerate(cues):
        if 0 < cue.duration < minimum:
            if following is None:
                following = next_starts(cues)
            limit = free_until(cue, following[index], context.min_gap_ms, context.duration_ms)
            fixable = limit is not None and limit >= cue.start + minimum
            yield Problem(
                index,
                f"shown {_span(cue.duration)}, minimum {minimum} ms: extend by {minimum - cue.duration} ms",
                fixable=fixable,
            )


@rule("T005", "duration-max", "error", uses=("max_duration",))
def duration_max(context: Context) -> Iterator[Problem]:
    """The cue is shown for longer than the profile maximum.

    FAIL (netflix, 7000 ms): 7.04 s.   PASS: exactly 7 s.
    """
    maximum = context.thresholds.max_duration
    if maximum is None:
        return
    for index, cue in enumerate(context.track.cues):
        if cue.duration > maximum:
            yield Problem(
                index,
                f"shown {_seconds(cue.duration)}, maximum {_seconds(maximum)}: "
                f"shorten by {_span(cue.duration - maximum)} or split the cue",
            )


@rule("T006", "gap-min", "error", uses=("min_gap_frames",))
def gap_min(context: Context) -> Iterator[Problem]:
    """The gap to the previous cue is more than 0 but less than the profile minimum (in frames).

    FAIL (2 frames at 25 fps = 80 ms): a 40 ms gap.   PASS: an 80 ms gap, or cues that touch (0 ms).
    """
    cues = context.track.cues
    gap_ms = context.min_gap_ms
    frames = context.thresholds.min_gap_frames
    for index in range(1, len(cues)):
        previous, cue = cues[index - 1], cues[index]
        gap = cue.start - previous.end
        if 0 < gap < gap_ms:
            shown = ms_to_frames(gap, context.fps)
            frame_text = f"{float(shown):.3g} frame{'s' if shown != 1 else ''}"
            new_end = cue.start - gap_ms
            yield Problem(
                index,
                f"gap of {gap} ms ({frame_text}) after cue {index}, minimum {frames} "
                f"frame{'s' if frames != 1 else ''} ({gap_ms} ms)",
                fixable=new_end > previous.start,
            )


@rule("T007", "programme-end", "error")
def programme_end(context: Context) -> Iterator[Problem]:
    """The cue ends after the end of the programme (when its duration is given).

    FAIL (a 52:00 programme): a cue ending at 00:52:00,040.   PASS: ending at 00:52:00,000.
    """
    if context.duration_ms is None:
        return
    for index, cue in enumerate(context.track.cues):
        if cue.end > context.duration_ms:
            yield Problem(
                index, f"ends at {format_srt(cue.end)}, after the programme end {format_srt(context.duration_ms)}"
            )


def on_grid(ms: int, fps: Fraction) -> bool:
    """A time is on the frame grid if its nearest frame, converted back to ms, gives the time again.

    In integers (fps = p/q): frame n = round(ms * p / 1000q), back to round(n * 1000q / p); the
    same answer as going through `ms_to_frames` and `frames_to_ms`, at a fraction of the cost.
    """
    per_second, scale = fps.numerator, 1000 * fps.denominator
    return round_ratio(round_ratio(ms * per_second, scale) * scale, per_second) == ms


@rule("T008", "frame-grid", "info")
def frame_grid(context: Context) -> Iterator[Problem]:
    """A time is not on the frame grid of the frame rate in force (it cannot be a frame boundary of the video).

    A time t (ms) is on the grid when the nearest frame n = round(t * fps / 1000) converts back
    to t (n * 1000 / fps, rounded half up to whole ms).
    FAIL (25 fps): 00:00:01,010.   PASS: 00:00:01,040 (frame 26).
    """
    fps = context.fps
    # From 0 up the grid repeats every 1000 x q ms (fps = p/q): at 25 fps every second, so the
    # answer for a time is that of its remainder, remembered (when the period is short enough).
    period = 1000 * fps.denominator
    remembered: dict[int, bool] | None = {} if period <= 10_000 else None

    def grid(ms: int) -> bool:
        if remembered is None or ms < 0:
            return on_grid(ms, fps)
        known = remembered.get(ms % period)
        if known is None:
            known = remembered[ms % period] = on_grid(ms % period, fps)
        return known

    for index, cue in enumerate(context.track.cues):
        start_on, end_on = grid(cue.start), grid(cue.end)
        if start_on and end_on:
            continue
        off = [name for name, on in (("start", start_on), ("end", end_on)) if not on]
        if off:
            yield Problem(index, f"{' and '.join(off)} not on the {float(fps):g} fps frame grid")
