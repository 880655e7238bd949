"""Cue markup: the tags inside cue text, what a reader sees, and what each format can hold.

The model keeps cue text as markup (see `subkit.model`). SRT players understand `<i> <b> <u>
<font ...>` and the `{\\anN}` position codes; WebVTT understands `<i> <b> <u> <c.cls> <v Name>
<lang xx> <ruby> <rt>` and timestamp tags. Converting between them keeps what the target can
hold and reports the rest, so nothing disappears without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

#: A tag as both formats write it: `<i>`, `</i>`, `<c.loud>`, `<v Roger>`, `<00:00:01.000>`,
#: plus SSA-style override blocks `{\an8}` that SRT files carry.
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*|\d[\d:.]*)((?:[.\s][^<>]*)?)>|\{\\[^{}]*\}")
#: What counts as a tag in an SRT file, which has no escaping: a letter-named tag or an SSA
#: override block. `<0>` or `a < b` there are literal text.
SRT_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:[.\s][^<>]*)?>|\{\\[^{}]*\}")
_ENTITY = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY_RE = re.compile(r"&(?:amp|lt|gt);")
_SSA_POSITION = re.compile(r"\{\\an([1-9])\}")

SRT_TAGS = frozenset({"i", "b", "u", "font", "s"})
VTT_TAGS = frozenset({"i", "b", "u", "c", "v", "lang", "ruby", "rt"})
#: elements whose content is shown to a reader (used by the QC markup rule to spot unknown tags)
KNOWN_TAGS = SRT_TAGS | VTT_TAGS


def strip_tags(markup: str) -> str:
    """Markup without tags, entities still escaped (cheap; used where only length matters)."""
    if "<" not in markup and "{" not in markup:
        return markup
    return TAG.sub("", markup)


def unescape(markup_without_tags: str) -> str:
    if "&" not in markup_without_tags:
        return markup_without_tags
    return _ENTITY_RE.sub(lambda m: _ENTITY[m.group(0)], markup_without_tags)


def visible_text(markup: str) -> str:
    """What a viewer reads: tags removed, escapes resolved, line breaks kept as `\\n`."""
    return unescape(strip_tags(markup))


def escape_plain(text: str) -> str:
    """Plain text into cue markup (for text that has no tags at all, e.g. from a translator)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def from_raw_srt(raw: str) -> str:
    """SRT cue text as written in the file -> cue markup.

    SRT has no escaping: `&` and a `<` that does not start a tag are literal characters. (Text
    that looks exactly like a tag, `<i>`, cannot be told apart from one in SRT: players show it
    as formatting, and so do we.)
    """
    if "&" not in raw and "<" not in raw and ">" not in raw:
        return raw
    out: list[str] = []
    last = 0
    for match in SRT_TAG.finditer(raw):
        out.append(escape_plain(raw[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(escape_plain(raw[last:]))
    return "".join(out)


def to_raw_srt(markup: str) -> str:
    """Cue markup -> SRT text: escapes become literal characters again."""
    return unescape(markup)


def to_raw_vtt(markup: str) -> str:
    """Cue markup -> WebVTT text; `>` is escaped too, so text can never form a `-->` arrow."""
    if ">" not in markup:
        return markup
    out: list[str] = []
    last = 0
    for match in TAG.finditer(markup):
        out.append(markup[last : match.start()].replace(">", "&gt;"))
        out.append(match.group(0))
        last = match.end()
    out.append(markup[last:].replace(">", "&gt;"))
    return "".join(out)


@dataclass(slots=True)
class Conversion:
    """What converting markup to a format had to change, for one cue."""

    text: str
    settings: str
    dropped: Counter[str]


def tag_name(match: re.Match[str]) -> str:
    """`i` for `<i>`/`</i>`, `c` for `<c.x>`, `timestamp` for `<00:01.000>`, `{\\an8}` for SSA codes."""
    if match.group(0).startswith("{"):
        return match.group(0)
    name = match.group(2)
    return "timestamp" if name[0].isdigit() else name.lower()


def convert_markup(markup: str, target: str, settings: str = "") -> Conversion:
    """Keep the tags `target` ("srt"/"vtt"/"txt") can show, drop the rest and count what was dropped.

    `{\\an8}`-style positions become a WebVTT `line:0` setting (top of the frame) rather than being lost.
    """
    dropped: Counter[str] = Counter()
    if "<" not in markup and "{" not in markup:
        return Conversion(markup, settings, dropped)
    allowed = SRT_TAGS if target == "srt" else VTT_TAGS if target == "vtt" else frozenset()
    new_settings = settings

    def keep_or_drop(match: re.Match[str]) -> str:
        nonlocal new_settings
        name = tag_name(match)
        if name.startswith("{"):
            position = _SSA_POSITION.fullmatch(name)
            if target == "srt":
                return match.group(0)
            if target == "vtt" and position and int(position.group(1)) >= 7 and "line:" not in new_settings:
                new_settings = (new_settings + " line:0").strip()
                return ""
            if target == "vtt" and position and int(position.group(1)) <= 3:
                return ""  # bottom is where cues go anyway: nothing is lost
            dropped[name] += 1
            return ""
        if name in allowed or (target == "vtt" and name == "timestamp"):  # karaoke timing is WebVTT's own
            if target == "srt" and name != "font" and match.group(3):
                # <i.loud> or <v Roger> classes/annotations cannot be written in SRT
                dropped[f"<{name}{match.group(3)}>"[:40]] += 1
                return f"<{match.group(1)}{name}>"
            return match.group(0)
        if match.group(1) == "":  # count the opening tag only
            dropped[f"<{name}>"] += 1
        return ""

    text = TAG.sub(keep_or_drop, markup)
    return Conversion(text, new_settings, dropped)


# --- placeholders: tags kept out of the way while text is laid out or repaired -----------------

#: Line breaking and text repairs swap each tag for one placeholder character, work on plain
#: text, and put the tags back. The placeholders are lone surrogates (U+D800-U+DFFF): no decoded
#: file can hold one (every decoder subkit uses is strict, and character references to them read
#: as U+FFFD), so a placeholder can never be mistaken for a character of the text, whatever
#: private-use characters the text holds. Opening tags (and SSA blocks) take U+D800 + n, closing
#: tags U+DC00 + n (so they can glue to the word before them), the three escapes the last three.
_OPENING_BASE = 0xD800
_CLOSING_BASE = 0xDC00
_ESCAPE_PLACEHOLDERS = {"&amp;": "\udffd", "&lt;": "\udffe", "&gt;": "\udfff"}
_ESCAPE_OF_PLACEHOLDER = {value: key for key, value in _ESCAPE_PLACEHOLDERS.items()}
#: most tags one text can hold while protected (indexes n of U+DC00 + n stay below the escapes)
MAX_PROTECTED_TAGS = 0xDFFD - _CLOSING_BASE
#: a regular-expression character class (without the brackets) matching the tag placeholders
PLACEHOLDERS = "\ud800-\udffc"
_SURROGATE = re.compile("[\ud800-\udfff]")


class PlaceholderError(ValueError):
    """Markup that cannot be protected: it already holds surrogates, or more tags than placeholders.

    Callers leave such text as it is: not laying it out is better than corrupting it.
    """


def protect_tags(markup: str, escapes: bool = False) -> tuple[str, list[str]]:
    """Markup with each tag swapped for one placeholder character, and the tags in order.

    With `escapes`, `&amp;` `&lt;` `&gt;` become one placeholder each too (they stand for one
    visible character, so repairs see them as one). `restore_tags` undoes either.
    """
    if _SURROGATE.search(markup):
        raise PlaceholderError("text holds surrogate code points")
    tags: list[str] = []

    def swap(match: re.Match[str]) -> str:
        if len(tags) >= MAX_PROTECTED_TAGS:
            raise PlaceholderError(f"more than {MAX_PROTECTED_TAGS} tags in one text")
        tags.append(match.group(0))
        base = _CLOSING_BASE if match.group(0).startswith("</") else _OPENING_BASE
        return chr(base + len(tags) - 1)

    protected = TAG.sub(swap, markup) if ("<" in markup or "{" in markup) else markup
    if escapes and "&" in protected:
        protected = _ENTITY_RE.sub(lambda m: _ESCAPE_PLACEHOLDERS[m.group(0)], protected)
    return protected, tags


def restore_tags(protected: str, tags: list[str]) -> str:
    """The markup `protect_tags` was given, from its output (possibly re-laid-out) and its tags."""
    if not _SURROGATE.search(protected):
        return protected

    def original(match: re.Match[str]) -> str:
        ch = match.group(0)
        escape = _ESCAPE_OF_PLACEHOLDER.get(ch)
        if escape is not None:
            return escape
        code = ord(ch)
        return tags[code - (_CLOSING_BASE if code >= _CLOSING_BASE else _OPENING_BASE)]

    return _SURROGATE.sub(original, protected)


def is_tag_placeholder(ch: str) -> bool:
    """True for the placeholder of a tag (not of an escape, which stands for a visible character)."""
    return "\ud800" <= ch <= "\udffc"


def is_closing_placeholder(ch: str) -> bool:
    return "\udc00" <= ch <= "\udffc"


def without_placeholders(protected: str) -> str:
    """Protected text with the tag placeholders taken out (escape placeholders stay)."""
    return _TAG_PLACEHOLDER.sub("", protected) if _SURROGATE.search(protected) else protected


_TAG_PLACEHOLDER = re.compile(f"[{PLACEHOLDERS}]")
