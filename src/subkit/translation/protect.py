"""Placeholders: what the translator must not touch goes out as `[n]` and comes back as it was.

Inline tags (`il a dit <i>non</i>`), glossary terms (`Panchir` must become `Panjshir`, not a
translator's guess) and any literal `[3]` already in the text are replaced by numbered
placeholders. Digits in square brackets carry no meaning a translator could render, and
engines leave them in place while still moving them to where the target grammar needs them.
On the way back each placeholder must appear exactly once, or the segment is retried.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from subkit.markup import TAG, escape_plain, unescape

PLACEHOLDER = re.compile(r"\[(\d+)\]")
#: spaces sent as plain spaces (French no-break spaces are typography, redone for the target),
#: except inside a number (`5 000`), which must reach the engine and come back as one
_SPACES = re.compile(r"(?<!\d)[ \t\u00a0\u202f\u2009]+|[ \t\u00a0\u202f\u2009]+(?!\d{3}(?!\d))|[ \t]+")


@dataclass(slots=True)
class Restorations:
    """Placeholder -> markup it stands for, shared by all pieces of one segment."""

    markup: dict[str, str] = field(default_factory=dict)
    next_number: int = 1
    #: placeholders that stand for a cue boundary (they restore to nothing)
    markers: list[str] = field(default_factory=list)

    def add(self, markup: str) -> str:
        key = f"[{self.next_number}]"
        self.next_number += 1
        self.markup[key] = markup
        return key

    def marker(self) -> str:
        """A placeholder for the boundary between two cues of one sentence (see `spread.cut_at_markers`)."""
        key = self.add("")
        self.markers.append(key)
        return key


class Protector:
    """Turns cue-markup bodies into plain text for a translator, and translations back into markup."""

    def __init__(self, terms: dict[str, str] | None = None) -> None:
        self.terms = dict(terms or {})
        names = sorted(self.terms, key=len, reverse=True)
        self._term_pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(name) for name in names) + r")(?![\w-])") if names else None
        )

    def _protect_plain(self, plain: str, restorations: Restorations) -> str:
        plain = PLACEHOLDER.sub(lambda m: restorations.add(escape_plain(m.group(0))), plain)
        if self._term_pattern is not None:
            plain = self._term_pattern.sub(lambda m: restorations.add(escape_plain(self.terms[m.group(1)])), plain)
        return plain

    def protect(self, body: str, restorations: Restorations) -> str:
        """Plain text of a markup body with placeholders; spaces normalised (NBSP is typography)."""
        out: list[str] = []
        last = 0
        for match in TAG.finditer(body):
            out.append(self._protect_plain(unescape(body[last : match.start()]), restorations))
            out.append(restorations.add(match.group(0)))
            last = match.end()
        out.append(self._protect_plain(unescape(body[last:]), restorations))
        return _SPACES.sub(" ", "".join(out)).strip()

    def unprotected(self, body: str) -> str:
        """Plain text with no placeholders at all: the last resort when an engine mangles them."""
        return _SPACES.sub(" ", unescape(TAG.sub("", body))).strip()

    def apply_terms(self, translated: str) -> str:
        """Glossary terms that an engine left in source form are replaced by their target form."""
        if self._term_pattern is None:
            return translated
        return self._term_pattern.sub(lambda m: self.terms[m.group(1)], translated)


def placeholders(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in PLACEHOLDER.finditer(text))


def placeholders_intact(source: str, translated: str) -> bool:
    """The same placeholders, each as often as in the source (and nothing invented)."""
    return placeholders(source) == placeholders(translated)


def restore(translated: str, restorations: Restorations) -> str:
    """Translated plain text with placeholders -> cue markup (text escaped, tags and terms put back)."""
    out: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(translated):
        out.append(escape_plain(translated[last : match.start()]))
        out.append(restorations.markup.get(match.group(0), escape_plain(match.group(0))))
        last = match.end()
    out.append(escape_plain(translated[last:]))
    markup = "".join(out)
    # engines put spaces around placeholders: `<i> word </i>` reads as `<i>word</i>`
    markup = re.sub(r"(<[A-Za-z][^<>/]*>) +", r" \1", markup)
    markup = re.sub(r" +(</[A-Za-z]+>)", r"\1 ", markup)
    return re.sub(r" {2,}", " ", markup).strip()
