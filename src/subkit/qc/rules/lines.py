"""L rules: how the text is laid out in lines (length, count, where lines break)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from subkit.counting import count_graphemes
from subkit.linebreak import SOFT_FAULTS, bad_line_end, break_fault, ends_clause, must_not_end_line, wrap_markup
from subkit.markup import visible_text
from subkit.qc.context import Context, CueView
from subkit.qc.rulebase import Problem, rule

_DASH = re.compile(r"^\s*[-–—]")


def is_dialogue(lines: list[str]) -> bool:
    """Two or more lines that start with a speaker dash, or a later line that does ("Tu viens ?" /
    "- Oui."): each line is one speaker, not one sentence, and must not be merged."""
    # two dashed lines include a later one, so a dash on a line after the first decides both cases
    for line in lines[1:]:
        if _DASH.match(line):
            return True
    return False


@lru_cache(maxsize=2048)
def rewrap(markup: str, max_cpl: int, max_lines: int, lang: str | None) -> str:
    return wrap_markup(markup, max_cpl, max_lines, lang)


def rewrap_fixes(view: CueView, context: Context) -> bool:
    """True when re-wrapping gives lines within the limits, with no bad line ends.

    Asked by L001, L002 and L003 about the same cues: answered once per cue and check.
    """
    key = ("rewrap_fixes", view.index)
    if key not in context.memo:
        context.memo[key] = _rewrap_fixes(view, context)
    return bool(context.memo[key])


def _rewrap_fixes(view: CueView, context: Context) -> bool:
    limits = context.thresholds
    wrapped = rewrap(view.cue.text, limits.max_cpl, limits.max_lines, context.lang)
    lines = visible_text(wrapped).split("\n")
    if len(lines) > limits.max_lines or any(count_graphemes(line) > limits.max_cpl for line in lines):
        return False
    if (
        context.lang
        and not is_dialogue(lines)
        and any(bad_line_end(line, context.lang, after) for line, after in zip(lines, lines[1:]))
    ):
        return False
    return True


@rule("L001", "line-length", "error", uses=("max_cpl",))
def line_length(context: Context) -> Iterator[Problem]:
    """A line longer than the profile maximum (characters as a reader sees them).

    FAIL (netflix, 42): a line of 43 characters.   PASS: exactly 42.
    """
    maximum = context.thresholds.max_cpl
    for view in context.views:
        if max(view.lengths) <= maximum:
            continue
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
    """A line break that separates words that belong together (article or preposition and what
    follows, auxiliary and participle, ne and pas, a pronoun and its verb, first and last name...).

    The knowledge is `subkit.linebreak.break_fault` (word lists and word shapes for fr, en, de,
    es, it, pl), the same `fix` uses to break lines; not checked when the language is unknown.
    FAIL (fr): "Ils arrivent dans la" / "vallée du Panchir.", "Il a" / "décidé de rester."
    PASS (fr): "Ils arrivent" / "dans la vallée du Panchir."
    """
    if not context.lang:
        return
    for view in context.views:
        if len(view.lines) < 2 or is_dialogue(view.lines):
            continue
        for number, (line, after) in enumerate(zip(view.lines, view.lines[1:]), 1):
            if ends_clause(line):
                continue
            # split() breaks at U+00A0 and U+202F too; break_fault looks at three words at most
            words = line.rsplit(None, 3)[-3:]
            following = after.split(None, 1)
            fault = break_fault(words, following[0], context.lang) if words and following else None
            if fault and fault not in SOFT_FAULTS:
                what = (
                    f"ends with {words[-1]!r}, which belongs with the next word"
                    if must_not_end_line(words[-1], context.lang)
                    else f"separates {fault} ({words[-1]!r} / {following[0]!r})"
                )
                yield Problem(view.index, f"line {number} {what}", fixable=rewrap_fixes(view, context))
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
            yield Problem(
                view.index,
                f"{len(view.lines)} lines would fit on one ({joined} characters, limit {maximum})",
                fixable=True,
            )
