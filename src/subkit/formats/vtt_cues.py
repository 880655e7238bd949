"""The WebVTT spec's cue-text tokenizer, as the reader needs it to keep what browsers show.

A cue's text is split into text runs and tags by the spec's cue-text tokenizer
(https://www.w3.org/TR/webvtt1/#cue-text-parsing-rules). The reader (`formats.vtt`) uses it for
tags the model cannot hold as written: `<c.first That's awesome!</c>` is one tag to a browser,
so it is kept as `<c.first>` rather than swallowing the text after it.

The rest of what a browser makes of a cue (the `VTTCue` / `VTTRegion` attributes, the cue-text
tree) is only compared with the conformance suites, and lives with them in
`tests/conformance/webvtt_dom.py`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

_ASCII_WHITESPACE = " \t\n\x0c\r"
WHITESPACE_RUN = re.compile(r"[ \t\n\x0c\r]+")
#: the elements of cue text; any other tag name is ignored by browsers
ELEMENTS = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})


def cue_text_tokens(text: str) -> Iterator[tuple[Any, ...]]:
    """The spec's cue-text tokenizer: ("text", str) | ("start", name, classes, annotation) | ("end", name) | ("timestamp", str).

    One pass over `text`; character references in text are resolved with the HTML rules
    (`html.unescape` implements them: `&not` without `;`, `&notit;` -> "¬it;", numeric references).
    """
    length = len(text)
    position = 0
    while position < length:
        if text[position] != "<":
            end = text.find("<", position)
            if end < 0:
                end = length
            chunk = text[position:end]
            yield ("text", html.unescape(chunk) if "&" in chunk else chunk)
            position = end
            continue
        position += 1  # tag state
        if position >= length:
            yield ("start", "", [], "")
            return
        char = text[position]
        if char == "/":
            end = text.find(">", position)
            name = text[position + 1 : end if end >= 0 else length]
            yield ("end", name)
            position = end + 1 if end >= 0 else length
            continue
        if "0" <= char <= "9":
            end = text.find(">", position)
            yield ("timestamp", text[position : end if end >= 0 else length])
            position = end + 1 if end >= 0 else length
            continue
        if char == ">":
            yield ("start", "", [], "")
            position += 1
            continue
        # start tag: name up to whitespace / "." / ">", then classes, then the annotation
        name_chars: list[str] = []
        classes: list[str] = []
        annotation: list[str] = []
        state = "name" if char not in " \t\n\x0c." else ("class" if char == "." else "annotation")
        if char in " \t\x0c.":
            position += 1
        elif char == "\n":
            annotation.append("\n")
            position += 1
        buffer: list[str] = []
        closed = False
        while position < length:
            char = text[position]
            position += 1
            if state == "annotation":
                if char == ">":
                    closed = True
                    break
                annotation.append(char)
            elif char == ">":
                if state == "class":
                    classes.append("".join(buffer))
                closed = True
                break
            elif char in " \t\x0c\n":
                if state == "class":
                    classes.append("".join(buffer))
                    buffer = []
                state = "annotation"
                if char == "\n":
                    annotation.append(char)
            elif char == ".":
                if state == "class":
                    classes.append("".join(buffer))
                    buffer = []
                state = "class"
            elif state == "class":
                buffer.append(char)
            else:
                name_chars.append(char)
        if not closed and state == "class":
            classes.append("".join(buffer))
        note = WHITESPACE_RUN.sub(" ", "".join(annotation).strip(_ASCII_WHITESPACE))
        yield ("start", "".join(name_chars), classes, note)


def canonical_start_tag(piece: str) -> str | None:
    """A start tag as the model can write it (`<c.first>`), for tags whose raw form it cannot hold.

    `<c.first That's awesome!</c>` is one tag to a browser: a `c` element with class `first`
    (the annotation is ignored except on `v` and `lang`). None when browsers ignore the tag.
    """
    tokens = list(cue_text_tokens(piece))
    if len(tokens) != 1 or tokens[0][0] != "start" or tokens[0][1] not in ELEMENTS:
        return None
    _, name, classes, annotation = tokens[0]
    # a class holding `<` or `>` cannot be written inside a tag (and no style sheet can name it)
    shown = "".join(
        f".{name_of_class}"
        for name_of_class in classes
        if name_of_class and "<" not in name_of_class and ">" not in name_of_class
    )
    if name in ("v", "lang") and annotation:
        shown += " " + annotation.replace("<", "").replace(">", "")
    return f"<{name}{shown}>"
