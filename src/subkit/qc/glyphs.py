"""Glyph lists: which characters a delivery accepts (rule S010), as code point ranges.

A delivery's character set is data, like a profile's numbers. Netflix publishes its own "Glyph
List" (docs/qc-reference.md §1.1; not readable from here), so `latin` is our approximation of a
Latin-script streaming delivery: every Latin, Greek and Cyrillic letter with its accents,
general punctuation, currency signs and the music notes used for lyrics. `teletext-latin` is what
EBU teletext (the ARTE and BBC broadcast chain, docs/qc-reference.md §3.1) can show for the
Latin languages of this project: Latin-1, Latin Extended-A and a few typographic signs.
"""

from __future__ import annotations

import re
from functools import cache

#: name -> inclusive (first, last) code point ranges, sorted
GLYPH_LISTS: dict[str, tuple[tuple[int, int], ...]] = {
    "latin": (
        (0x0A, 0x0A),
        (0x20, 0x7E),
        (0xA0, 0x24F),
        (0x2BC, 0x2BC),
        (0x2C6, 0x2DD),
        (0x300, 0x36F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x1E00, 0x1EFF),
        (0x2010, 0x2027),
        (0x202F, 0x203A),
        (0x2044, 0x2044),
        (0x20A0, 0x20BF),
        (0x2116, 0x2116),
        (0x2122, 0x2122),
        (0x2212, 0x2212),
        (0x266A, 0x266B),
    ),
    "teletext-latin": (
        (0x0A, 0x0A),
        (0x20, 0x7E),
        (0xA0, 0x17F),
        (0x2013, 0x2014),
        (0x2018, 0x2019),
        (0x201C, 0x201D),
        (0x2026, 0x2026),
        (0x20AC, 0x20AC),
        (0x2122, 0x2122),
        (0x266A, 0x266A),
    ),
}


@cache
def _outside_pattern(name: str) -> re.Pattern[str]:
    """The characters outside list `name` as one regular-expression class, so a cue is scanned
    in C. Printable ASCII and the line break are always in (every list holds them)."""
    ranges = "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in GLYPH_LISTS[name])
    return re.compile(f"[^\n -~{ranges}]")


def outside_any(text: str, name: str) -> bool:
    """Whether `text` holds a character the list `name` does not (one scan, nothing collected)."""
    return _outside_pattern(name).search(text) is not None


def outside(text: str, name: str) -> list[str]:
    """The distinct characters of `text` that the glyph list `name` does not hold, in order."""
    return list(dict.fromkeys(_outside_pattern(name).findall(text)))
