"""R rules: can the cue be read in the time it is shown (characters or words per unit of time)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule


def _limit(value: float) -> Fraction:
    return Fraction(str(value))


@rule("R001", "reading-speed", "error", uses=("max_cps",))
def reading_speed(context: Context) -> Iterator[Problem]:
    """Characters per second over the profile maximum (tags and line breaks not counted).

    FAIL (17 cps): 35 characters in 2 s (17.5 cps).   PASS: 34 characters in 2 s (exactly 17).
    """
    maximum = context.thresholds.max_cps
    if maximum is None:
        return
    limit = _limit(maximum)
    # chars / duration <= limit, compared in integers (limit = top / bottom): no Fraction per cue
    top, bottom = limit.numerator, limit.denominator
    for view in context.views:
        duration = view.cue.duration
        if duration <= 0 or view.chars * 1000 * bottom <= top * duration:
            continue
        cut = view.chars - math.floor(limit * duration / 1000)
        extend = math.ceil(Fraction(view.chars * 1000) / limit) - duration
        speed = view.chars * 1000 / duration
        longer = f"{extend / 1000:.1f} s" if extend >= 100 else f"{extend} ms"
        yield Problem(
            view.index,
            f"{duration / 1000:.1f} s at {speed:.1f} cps, limit {maximum:g}: "
            f"cut {cut} character{'s' if cut != 1 else ''} or extend by {longer}",
        )


@rule("R002", "words-per-minute", "warning", uses=("max_wpm",))
def words_per_minute(context: Context) -> Iterator[Problem]:
    """Words per minute over the profile maximum (profiles that set one, e.g. bbc 180).

    FAIL (180 wpm): 7 words in 2 s (210 wpm).   PASS: 6 words in 2 s (exactly 180).
    """
    maximum = context.thresholds.max_wpm
    if maximum is None:
        return
    limit = _limit(maximum)
    for view in context.views:
        duration = view.cue.duration
        if duration <= 0 or view.words * 60000 <= limit * duration:
            continue
        needed = math.ceil(Fraction(view.words * 60000) / limit)
        yield Problem(
            view.index,
            f"{view.words} words in {duration / 1000:.1f} s = {view.words * 60000 / duration:.0f} wpm, "
            f"limit {maximum:g}: extend by {(needed - duration) / 1000:.1f} s or cut words",
        )
