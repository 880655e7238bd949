"""S rules about characters: forbidden tags, invisible characters, mojibake, the delivery's glyph list.

These are the defects a QC operator's tools catch and a viewer never should: a zero-width space
that makes a line "43 characters", a BEL left by an old editor, `Ã©` where `é` was meant, an
emoji in a teletext delivery, a colour tag a streaming service will reject. Each check is one
pass over the cue text with precompiled patterns (no per-cue compilation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from subkit.counting import INVISIBLE
from subkit.markup import TAG, tag_name
from subkit.qc.context import Context
from subkit.qc.glyphs import outside, outside_any
from subkit.qc.rulebase import Problem, rule


def _shown(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


# --- S007 forbidden tags ------------------------------------------------------------------------


def forbidden_tags_in(markup: str, forbidden: tuple[str, ...]) -> list[str]:
    if "<" not in markup or not forbidden:
        return []
    lower = markup.lower()
    if not any(name == "timestamp" or f"<{name}" in lower or f"</{name}" in lower for name in forbidden):
        return []  # a tag is written with its name: none of them is here
    return sorted({tag_name(m) for m in TAG.finditer(markup) if not m.group(0).startswith("{")} & set(forbidden))


def remove_tags(markup: str, forbidden: tuple[str, ...]) -> str:
    """The markup without the forbidden tags (their text stays)."""
    if not forbidden_tags_in(markup, forbidden):
        return markup
    return TAG.sub(lambda m: "" if not m.group(0).startswith("{") and tag_name(m) in forbidden else m.group(0), markup)


@rule("S007", "forbidden-tag", "warning", uses=("forbidden_tags",))
def forbidden_tag(context: Context) -> Iterator[Problem]:
    """A formatting tag the delivery does not accept (the profile's `forbidden-tags`, e.g. colour).

    FAIL (forbidden-tags = ["font"]): `<font color="#ffff00">Non.</font>`.   PASS: `<i>Non.</i>`
    """
    forbidden = context.thresholds.forbidden_tags
    if not forbidden:
        return
    # a tag is written with its name (ASCII letters): a cue without any of the names has none
    written = (
        None
        if "timestamp" in forbidden
        else re.compile("</?(?:" + "|".join(re.escape(name) for name in forbidden) + ")", re.IGNORECASE | re.ASCII)
    )
    if written is not None and not written.search(context.all_markup):
        return
    for view in context.views:
        if "<" not in view.cue.text or (written is not None and not written.search(view.cue.text)):
            continue
        names = forbidden_tags_in(view.cue.text, forbidden)
        if names:
            yield Problem(
                view.index,
                f"{', '.join(f'<{n}>' for n in names)} not accepted by profile {context.profile}",
                fixable=True,
            )


# --- S008 invisible characters ----------------------------------------------------------------


def remove_invisible(markup: str) -> str:
    """Invisible and control characters removed (they are never inside tags or escapes)."""
    if markup.isascii() and markup.replace("\n", "").isprintable():
        return markup
    return INVISIBLE.sub("", markup)


@rule("S008", "invisible-character", "warning")
def invisible_character(context: Context) -> Iterator[Problem]:
    """Invisible or control characters in the text (zero-width space, U+FEFF, BEL, bidi marks...).

    They are not counted (a reader does not see them) but break searches, spell checks, line
    breaking and some players.
    FAIL: "Bonjour\\u200b." , "Oui\\x07".   PASS: "Bonjour." (U+00A0 and U+202F are visible spaces).
    """
    search = INVISIBLE.search
    if not search(context.all_markup):
        return
    for view in context.views:
        text = view.cue.text
        if search(text):
            found = list(dict.fromkeys(INVISIBLE.findall(text)))
            yield Problem(
                view.index, ", ".join(_shown(ch) for ch in found[:3]) + (" ..." if len(found) > 3 else ""), fixable=True
            )


# --- S009 mojibake ------------------------------------------------------------------------------

#: what UTF-8 continuation bytes (0x80-0xBF) look like once decoded as cp1252
_CONTINUATION = (
    "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
    "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178"
    + "".join(chr(c) for c in range(0xA0, 0xC0))
)
_BYTE_OF = {ch: bytes([0x80 + i]) for i, ch in enumerate(_CONTINUATION)}
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{re.escape(_CONTINUATION)}]|\u00e2[{re.escape(_CONTINUATION)}]{{2}}")


def _decoded(run: str) -> str | None:
    """The character a mojibake run stands for, or None when it is not one."""
    raw = bytes([ord(run[0])]) + b"".join(_BYTE_OF[ch] for ch in run[1:])
    try:
        char = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    code = ord(char)
    # a Latin letter or sign (2 bytes) or general punctuation, currency, ™ (3 bytes): not NKo after "ß“"
    return char if 0x80 <= code <= 0x24F or 0x2000 <= code <= 0x2122 else None


#: the first character of every mojibake run: a text without one has none
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00df\u00e2]")


def mojibake_runs(text: str) -> list[tuple[str, str]]:
    if text.isascii() or not _MOJIBAKE_LEAD.search(text):
        return []
    return [(m.group(0), char) for m in _MOJIBAKE.finditer(text) if (char := _decoded(m.group(0)))]


def fix_mojibake(markup: str) -> str:
    """`Ã©` -> `é`, `â€™` -> `’`: UTF-8 text that was once decoded as Windows-1252."""
    if not mojibake_runs(markup):
        return markup
    return _MOJIBAKE.sub(lambda m: _decoded(m.group(0)) or m.group(0), markup)


@rule("S009", "mojibake", "error")
def mojibake(context: Context) -> Iterator[Problem]:
    """UTF-8 text that was decoded as Windows-1252 somewhere upstream (`Ã©` for `é`, `â€™` for `’`).

    FAIL: "Ã‰tÃ© Ã  Kaboul".   PASS: "Été à Kaboul", "Fuß“" (a real ß before a quotation mark).
    """
    if not _MOJIBAKE.search(context.all_visible):
        return  # a run never spans two cues: a line break is neither of its characters
    lead = _MOJIBAKE_LEAD.search
    for view in context.views:
        if not lead(view.visible):
            continue
        runs = mojibake_runs(view.visible)
        if runs:
            shown = ", ".join(f"{bad!r} for {good!r}" for bad, good in dict.fromkeys(runs))
            yield Problem(view.index, f"mojibake: {shown}", fixable=True)


# --- S010 glyph list ------------------------------------------------------------------------------


@rule("S010", "glyph", "error", uses=("glyphs",))
def glyph(context: Context) -> Iterator[Problem]:
    """A character outside the delivery's glyph list (the profile's `glyphs`: latin, teletext-latin).

    Invisible characters are S008's business and are not repeated here.
    FAIL (teletext-latin): "On a gagné 🎉", "Kaboul → Bagram".   PASS: "On a gagné ! «\\u00a0Oui\\u00a0» 3\\u00a0€"
    """
    name = context.thresholds.glyphs
    if name is None or not outside_any(context.all_visible, name):
        return
    for view in context.views:
        text = view.visible
        if not outside_any(text, name):
            continue
        bad = [ch for ch in outside(text, name) if not INVISIBLE.match(ch)]
        if bad:
            yield Problem(
                view.index,
                f"not in the {name} glyph list: "
                + ", ".join(_shown(ch) for ch in bad[:3])
                + (" ..." if len(bad) > 3 else ""),
            )
