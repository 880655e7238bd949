"""L rules: how the text is laid out in lines (length, count, where lines break)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from subkit.counting import count_graphemes
from subkit.linebreak import bad_line_end, wrap_markup
from subkit.markup import visible_text
from subkit.qc.context import Context, CueView
from subkit.qc.registry import Problem, rule

_DASH = re.compile(r"^\s*[-–—]")


def is_dialogue(lines: list[str]) -> bool:
    """Two or more lines that start with a speaker dash, or a later line that does ("Tu viens ?" /
    "- Oui."): each line is one speaker, not one sentence, and must not be merged."""
    return sum(1 for line in lines if _DASH.match(line)) >= 2 or any(_DASH.match(line) for line in lines[1:])


@lru_cache(maxsize=2048)
def rewrap(markup: str, max_cpl: int, max_lines: int, lang: str | None) -> str:
    return wrap_markup(markup, max_cpl, max_lines, lang)


def rewrap_fixes(view: CueView, context: Context) -> bool:
    """True when re-wrapping gives lines within the limits, with no bad line ends."""
    limits = context.thresholds
    wrapped = rewrap(view.cue.text, limits.max_cpl, limits.max_lines, context.lang)
    lines = visible_text(wrapped).split("\n")
    if len(lines) > limits.max_lines or any(count_graphemes(line) > limits.max_cpl for line in lines):
        return False
    if context.lang and not is_dialogue(lines) and any(bad_line_end(line, context.lang) for line in lines[:-1]):
        return False
    return True


@rule("L001", "line-length", "error", uses=("max_cpl",))
def line_length(context: Context) -> Iterator[Problem]:
    """A line longer than the profile maximum (characters as a reader sees them).

    FAIL (netflix, 42): a line of 43 characters.   PASS: exactly 42.
    """
    maximum = context.thresholds.max_cpl
    for view in context.views:
        over = [(number, length) for number, length in enumerate(view.lengths, 1) if length > maximum]
        if over:
            shown = ", ".join(f"line {number} has {length}" for number, length in over)
            yield Problem(view.index, f"{shown} characters, limit {maximum}", fixable=rewrap_fixes(view, context))


@rule("L002", "line-count", "error", uses=("max_lines",))
def line_count(context: Context) -> Iterator[Problem]:
    """More lines than the profile maximum.

    FAIL (2 lines): three lines.   PASS: two lines.
    """
    maximum = context.thresholds.max_lines
    for view in context.views:
        if len(view.lines) > maximum:
            yield Problem(view.index, f"{len(view.lines)} lines, limit {maximum}", fixable=rewrap_fixes(view, context))


@rule("L003", "line-break", "warning")
def line_break(context: Context) -> Iterator[Problem]:
    """A line ends with a word that must not be separated from the next (article, preposition, ...).

    Word lists for fr, en, de, es, it, pl (`subkit.linebreak.NO_BREAK_AFTER`); not checked when
    the track's language is unknown.
    FAIL (fr): "Ils arrivent dans la" / "vallée du Panchir."
    PASS (fr): "Ils arrivent" / "dans la vallée du Panchir."
    """
    if not context.lang:
        return
    for view in context.views:
        if len(view.lines) < 2 or is_dialogue(view.lines):
            continue
        for number, line in enumerate(view.lines[:-1], 1):
            word = bad_line_end(line, context.lang)
            if word:
                yield Problem(view.index, f"line {number} ends with {word!r}, which belongs with the next word",
                              fixable=rewrap_fixes(view, context))
                break


@rule("L004", "one-line-fits", "info", uses=("max_cpl",))
def one_line_fits(context: Context) -> Iterator[Problem]:
    """Two lines that would fit on one (guides keep text on one line when it fits).

    FAIL (42): "Il est parti" / "ce matin." (22 characters on one line).   PASS: "Il est parti ce matin."
    """
    maximum = context.thresholds.max_cpl
    for view in context.views:
        if len(view.lines) < 2 or is_dialogue(view.lines):
            continue
        joined = view.chars + len(view.lines) - 1
        if joined <= maximum:
            yield Problem(view.index, f"{len(view.lines)} lines would fit on one ({joined} characters, limit {maximum})",
                          fixable=True)
