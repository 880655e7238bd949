"""Cue markup as the inline codes of XLIFF 1.2 and TMX 1.4, and back, without losing a tag.

A CAT tool shows codes as locked chips the translator moves but cannot mistype, so every tag of
a cue travels as one: paired tags (`<i>…</i>`, `<font color=…>…</font>`) as `<bpt>`/`<ept>`,
tags that stand alone (`<v Name>`, `{\\an8}`, timestamps) as `<ph>`, a paired tag whose partner
is in another cue as `<it>`, and each line break as a code too (`<x ctype="lb"/>` in XLIFF), since
in a subtitle it is layout the translator should place, not text. The codes carry the native
tag as their content, so the way back needs nothing but the element itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from subkit.errors import InputError
from subkit.markup import TAG, escape_plain
from subkit.translation.segment import PAIRED
from subkit.translation.xmlsafe import local

Dialect = Literal["xliff", "tmx"]
_CTYPES = {"i": "italic", "b": "bold", "u": "underlined"}


@dataclass(slots=True)
class Token:
    #: text, open, close, isolated (a paired tag without its partner), standalone, lb
    kind: str
    value: str = ""
    code: int = 0
    name: str = ""


def _name(tag: str) -> str:
    match = TAG.fullmatch(tag)
    if match is None or tag.startswith("{"):
        return ""
    return match.group(2).lower()


def tokens(markup: str) -> list[Token]:
    """Cue markup cut into text and codes; `code` numbers pair an open with its close."""
    result: list[Token] = []
    stack: list[Token] = []
    counter = 0
    for line_number, line in enumerate(markup.split("\n")):
        if line_number:
            counter += 1
            result.append(Token("lb", "", counter))
        last = 0
        for match in TAG.finditer(line):
            if match.start() > last:
                result.append(Token("text", line[last : match.start()]))
            last = match.end()
            tag, name = match.group(0), _name(match.group(0))
            counter += 1
            if name not in PAIRED:
                result.append(Token("standalone", tag, counter, name))
            elif not match.group(1):
                token = Token("open", tag, counter, name)
                stack.append(token)
                result.append(token)
            elif any(opened.name == name for opened in stack):
                while stack:
                    opened = stack.pop()
                    if opened.name == name:
                        break
                    opened.kind = "isolated"
                result.append(Token("close", tag, opened.code, name))
            else:
                result.append(Token("isolated", tag, counter, name))
        if last < len(line):
            result.append(Token("text", line[last:]))
    for opened in stack:
        opened.kind = "isolated"
    return result


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def fill(element: Any, markup: str, dialect: Dialect, namespace: str = "") -> None:
    """Write `markup` into `element` (a `<source>`, `<target>` or `<seg>`) as text and inline codes."""
    from lxml import etree  # noqa: PLC0415

    def child(tag: str, text: str = "", **attributes: str) -> None:
        node = etree.SubElement(element, f"{namespace}{tag}", {k.replace("_", "-"): v for k, v in attributes.items()})
        node.text = text or None

    def append_text(text: str) -> None:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    for token in tokens(markup):
        ctype = _CTYPES.get(token.name, f"x-{token.name}" if token.name else "")
        if token.kind == "text":
            append_text(_unescape(token.value))
        elif token.kind == "lb":
            if dialect == "xliff":
                child("x", id=f"{token.code}", ctype="lb")
            else:
                append_text("\n")
        elif token.kind in ("open", "close"):
            tag = "bpt" if token.kind == "open" else "ept"
            key = {"id": str(token.code)} if dialect == "xliff" else {"i": str(token.code)}
            extra = {"ctype": ctype} if dialect == "xliff" and token.kind == "open" and ctype else {}
            if dialect == "tmx" and token.kind == "open" and ctype:
                extra = {"type": ctype.replace("underlined", "ulined")}
            child(tag, token.value, **key, **extra)
        elif token.kind == "isolated":
            closing = token.value.startswith("</")
            if dialect == "xliff":
                child("it", token.value, id=str(token.code), pos="close" if closing else "open")
            else:
                child("it", token.value, pos="end" if closing else "begin")
        else:
            if dialect == "xliff":
                child("ph", token.value, id=str(token.code))
            else:
                child("ph", token.value)


_CODES = frozenset({"bpt", "ept", "ph", "it"})
_WRAPPERS = frozenset({"g", "mrk", "hi", "sub", "pc", "sm", "em"})


def markup_of(element: Any, path: str) -> str:
    """Cue markup from a `<source>`/`<target>`/`<seg>`: text escaped, codes back to their native tags.

    `<x ctype="lb"/>` (and a literal line break) become line breaks; `<g>`/`<mrk>` wrappers a CAT
    tool may have added keep their content. A code without native content that subkit did not
    write (`<x/>`, `<bx/>`) cannot be turned back into a tag: a located error, not a silent loss.
    """
    parts: list[str] = [escape_plain(element.text or "")]
    for node in element:
        name = local(node.tag)
        if name in _CODES:
            native = "".join(node.itertext())
            if native and not TAG.fullmatch(native):
                raise InputError(f"<{name}> holds {native!r}, which is not a subtitle tag", path, node.sourceline)
            parts.append(native)
        elif name == "x" and node.get("ctype") == "lb":
            parts.append("\n")
        elif name in _WRAPPERS:
            parts.append(markup_of(node, path))
        elif name:
            raise InputError(
                f"<{name}> (an inline code without the original tag) cannot be turned back into subtitle markup",
                path,
                node.sourceline,
            )
        parts.append(escape_plain(node.tail or ""))
    return "".join(parts)
