"""T and R rules that guides state as tables or pauses rather than one limit: BBC's minimum pause
and the CSA charter's reading-time table (docs/qc-reference.md §2, §3.1)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule


@rule("T015", "pause-gap", "warning", uses=("min_pause",))
def pause_gap(context: Context) -> Iterator[Problem]:
    """A gap left in a pause shorter than the profile's minimum pause (BBC: at least 1 s; cues
    either touch or leave a real pause, "anything shorter produces a very jerky effect").

    FAIL (bbc, 1000 ms): a 400 ms gap.   PASS: cues that touch (0 ms), or a 1 s gap.
    """
    minimum = context.thresholds.min_pause
    if minimum <= 0:
        return
    cues = context.track.cues
    for index in range(1, len(cues)):
        gap = cues[index].start - cues[index - 1].end
        if 0 < gap < minimum:
            yield Problem(
                index, f"gap of {gap} ms after cue {index}: close it or leave at least {minimum} ms", fixable=True
            )


def allowed_characters(table: tuple[tuple[int, int], ...], duration_ms: int, tolerance: int) -> float:
    """Characters a table allows for `duration_ms`: linear between its points, proportional below
    the first and beyond the last (at the last point's own rate), plus `tolerance` percent.
    """
    chars = 0.0
    first_chars, first_ms = table[0]
    last_chars, last_ms = table[-1]
    if duration_ms <= first_ms:
        chars = first_chars * duration_ms / first_ms
    elif duration_ms >= last_ms:
        chars = last_chars * duration_ms / last_ms
    else:
        for (c0, t0), (c1, t1) in zip(table, table[1:]):
            if t0 <= duration_ms <= t1:
                chars = c0 + (c1 - c0) * (duration_ms - t0) / (t1 - t0)
                break
    return chars * (100 + tolerance) / 100


def _table_in_ms(table: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Profiles write [characters, ms]; sort by time for the interpolation."""
    return tuple(sorted(table, key=lambda row: row[1]))


@rule("R003", "reading-time", "warning", uses=("reading_table", "reading_tolerance"))
def reading_time(context: Context) -> Iterator[Problem]:
    """Shown for less time than the profile's reading-time table gives its characters (CSA charter
    for SDH: 12 characters for 1 s, 20 for 2 s, 36 for 3 s, 60 for 4 s, 20% tolerance).

    FAIL (broadcast-fr-sdh): 30 characters in 1.5 s (the table allows 16 +20% = 19.2).
    PASS: 20 characters in 2 s.
    """
    table = _table_in_ms(context.thresholds.reading_table)
    if not table:
        return
    tolerance = context.thresholds.reading_tolerance
    for view in context.views:
        duration = view.cue.duration
        if duration <= 0 or not view.chars:
            continue
        allowed = allowed_characters(table, duration, tolerance)
        if view.chars > allowed:
            needed = duration
            step = 40
            while allowed_characters(table, needed, tolerance) < view.chars and needed < duration + 60_000:
                needed += step
            yield Problem(
                view.index,
                f"{view.chars} characters in {duration / 1000:.2f} s, the table allows "
                f"{math.floor(allowed)}: extend by about {needed - duration} ms or cut",
            )
