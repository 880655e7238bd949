"""Counting characters as a reader sees them, the basis of every reading-speed and line-length rule.

Contract: tags and line breaks are not counted; spaces, punctuation and non-breaking spaces are;
a grapheme cluster (`e` + combining accent, an emoji with modifiers) counts once; invisible
characters (controls such as BEL, zero-width spaces, U+FEFF, bidi marks, the soft hyphen) never
count, because a reader does not see them: a 42-character line plus U+200B is 42. Most subtitle
text has no combining marks, so the grapheme-aware path (the `regex` module's `\\X`) is taken only
when a line contains a character that could join a cluster.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from subkit.markup import visible_text

#: Characters a reader never sees: C0/C1 controls (not tab or newline), the soft hyphen,
#: zero-width spaces and marks, bidi controls, word joiners, U+FEFF and interlinear annotation
#: marks. U+200D (zero-width joiner) is not here: it glues emoji into one grapheme.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def strip_invisible(text: str) -> str:
    """`text` without the characters a reader cannot see (see `INVISIBLE`)."""
    if text.isascii() and text.isprintable():
        return text
    return INVISIBLE.sub("", text)


@lru_cache(maxsize=1)
def _grapheme_pattern():  # type: ignore[no-untyped-def]
    import regex  # noqa: PLC0415 - only for text with combining marks or joiners

    return regex.compile(r"\X")


#: Where a character that joins a cluster can be: from U+0300 up, except General Punctuation,
#: super/subscripts and currency signs (U+2000-U+20CF) other than the zero-width joiner, so
#: French ’ … — € are not looked at one by one (a test checks the range against unicodedata).
MAY_JOIN = re.compile("[\u0300-\u1fff\u200d\u20d0-\U0010ffff]")


#: either of the two, for one scan of a whole cue
_INVISIBLE_OR_JOINING = re.compile(INVISIBLE.pattern[:-1] + MAY_JOIN.pattern[1:])


def _may_cluster(text: str) -> bool:
    for ch in MAY_JOIN.findall(text):
        if (
            unicodedata.combining(ch)
            or ch in "\u200d\ufe0f\ufe0e"
            or "\U0001f3fb" <= ch <= "\U0001f3ff"
            or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        ):
            return True
    return False


def count_graphemes(text: str) -> int:
    """Length of plain text in grapheme clusters, invisible characters not counted."""
    if text.isascii():
        return len(text) if text.isprintable() else len(INVISIBLE.sub("", text))
    text = INVISIBLE.sub("", text)
    if not _may_cluster(text):
        return len(text)
    return len(_grapheme_pattern().findall(text))


def line_counts(visible: str, lines: list[str]) -> list[int]:
    """`count_graphemes` of each of `lines` (`visible` split at line breaks), with one scan of the
    whole text when no line can hold an invisible character or a cluster: the usual case."""
    if _INVISIBLE_OR_JOINING.search(visible) is None:
        return list(map(len, lines))
    return [count_graphemes(line) for line in lines]


def visible_lines(markup: str) -> list[str]:
    """The lines a viewer sees (tags removed, escapes resolved)."""
    return visible_text(markup).split("\n")


def line_lengths(markup: str) -> list[int]:
    return [count_graphemes(line) for line in visible_lines(markup)]


def char_count(markup: str) -> int:
    """Characters counted for reading speed: all lines, line breaks excluded."""
    return sum(line_lengths(markup))


def cps(markup: str, duration_ms: int) -> float:
    """Characters per second; infinite for a non-positive duration with text."""
    chars = char_count(markup)
    if duration_ms <= 0:
        return float("inf") if chars else 0.0
    return chars * 1000 / duration_ms


def word_count(markup: str) -> int:
    return len(visible_text(markup).split())
