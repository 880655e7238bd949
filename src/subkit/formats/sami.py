"""SAMI (`.smi`): HTML-like `<SYNC Start=ms>` blocks, read tolerantly and written with proper escaping.

SAMI is not XML (unclosed `<P>`, unquoted attributes, `&nbsp;`), so the reader scans tags with
regular expressions rather than an XML parser: a cue is the text between one `<SYNC>` and the
next, and a SYNC holding only `&nbsp;` ends the cue before it. pycaption writes `&lt;i&gt;`
literally into the text of 263 of the sample's cues (docs/formats.md); this writer emits real
`<i>`/`<b>`/`<u>`/`<font color>` tags and escapes only the text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from xml.sax.saxutils import escape

from subkit.errors import InputError
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, normalize_color, prepare, to_markup
from subkit.model import Cue, Diagnostic, Track

_SYNC = re.compile(r"<sync\b[^>]*?start\s*=\s*[\"']?\s*(-?\d+)[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z]+)([^>]*)>")
_LANG = re.compile(r"\.(\w+)\s*\{[^}]*?lang\s*:\s*([A-Za-z-]+)", re.IGNORECASE | re.DOTALL)


def _runs(fragment: str) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    italic = bold = underline = 0
    colors: list[str | None] = []
    last = 0

    def add(text: str) -> None:
        text = _SPACES.sub(" ", html.unescape(text))
        if text:
            color = next((c for c in reversed(colors) if c), None)
            lines[-1].append(Run(text, italic > 0, bold > 0, underline > 0, color))

    for tag in _TAG.finditer(fragment):
        add(fragment[last : tag.start()])
        last = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        step = -1 if closing else 1
        if name == "br":
            lines.append([])
        elif name in ("i", "em"):
            italic = max(0, italic + step)
        elif name in ("b", "strong"):
            bold = max(0, bold + step)
        elif name == "u":
            underline = max(0, underline + step)
        elif name == "font":
            if closing:
                if colors:
                    colors.pop()
            else:
                match = re.search(r"color\s*=\s*[\"']?([#\w]+)", tag.group(3), re.IGNORECASE)
                colors.append(normalize_color(match.group(1)) if match else None)
    add(fragment[last:])
    return _trimmed(lines)


#: white space as HTML collapses it: every kind but the non-breaking space
_SPACES = re.compile(r"[^\S\u00a0]+")


def _trimmed(lines: list[list[Run]]) -> list[list[Run]]:
    """No space at the ends of a line, no line without text (as browsers show SAMI)."""
    out = []
    for line in lines:
        while line and not line[0].text.strip(" "):
            line = line[1:]
        while line and not line[-1].text.strip(" "):
            line = line[:-1]
        if line:
            first, final = line[0], line[-1]
            line[0] = Run(first.text.lstrip(" "), first.italic, first.bold, first.underline, first.color)
            final = line[-1]
            line[-1] = Run(final.text.rstrip(" "), final.italic, final.bold, final.underline, final.color)
            out.append(line)
    return out


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "sami") -> Track:
    """Cues from SAMI text: every SYNC is a change of what is shown."""
    if "<sami" not in text[:5000].lower():
        raise InputError("not a SAMI file (no <SAMI> element)", path, 1)
    syncs = list(_SYNC.finditer(text))
    diagnostics: list[Diagnostic] = []
    cues: list[Cue] = []
    body_end = re.search(r"</body>", text, re.IGNORECASE)
    end_of_text = body_end.start() if body_end else len(text)
    for index, sync in enumerate(syncs):
        line = text.count("\n", 0, sync.start()) + 1
        start = int(sync.group(1))
        fragment = text[sync.end() : syncs[index + 1].start() if index + 1 < len(syncs) else end_of_text]
        fragment = re.sub(r"</?p\b[^>]*>|</?sync\b[^>]*>", "", fragment, flags=re.IGNORECASE)
        lines = _runs(fragment)
        if not "".join(run.text for line in lines for run in line).strip():
            continue  # `&nbsp;`: the screen is cleared
        if index + 1 < len(syncs):
            end = int(syncs[index + 1].group(1))
        else:
            end = start + 2000
            diagnostics.append(
                Diagnostic("S001", "the last SYNC is never cleared; shown for 2 s", line, "warning", len(cues) + 1)
            )
        if end < start:
            diagnostics.append(Diagnostic("S001", f"SYNC at {end} ms comes before the one at {start} ms", line))
        cues.append(Cue(start, end, to_markup(lines), None, "", line))
    # no SYNC at all: a track with no cues (which is how one is written), reported as such by read_track
    language = _LANG.search(text)
    return Track(
        cues=cues, diagnostics=diagnostics, language=language.group(2).split("-")[0].lower() if language else None
    )


def _html(run: Run) -> str:
    text = escape(run.text).replace("\u00a0", "&nbsp;")
    for tag, on in (("u", run.underline), ("i", run.italic), ("b", run.bold)):
        if on:
            text = f"<{tag}>{text}</{tag}>"
    if run.color:
        text = f'<font color="{run.color}">{text}</font>'
    return text


def dump(track: Track, options: object, fmt: str = "sami") -> object:
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    items = prepare(track, options.origin, lost)
    language = track.language or "en"
    css_class = re.sub(r"[^A-Za-z]", "", language).upper() + "CC"
    out = [
        "<SAMI>",
        "<HEAD>",
        f"<TITLE>{escape(track.properties.get('title', ''))}</TITLE>",
        '<STYLE TYPE="text/css">',
        "<!--",
        "P { font-family: Arial; font-weight: normal; color: white; text-align: center; }",
        f".{css_class} {{ Name: {language}; lang: {language}; }}",
        "-->",
        "</STYLE>",
        "</HEAD>",
        "<BODY>",
    ]
    shown = []
    for cue, item in zip(track.cues, items):
        # written as the reader reads it back: white space collapsed, empty lines gone
        lines = _trimmed(
            [
                [
                    Run(_SPACES.sub(" ", run.text), run.italic, run.bold, run.underline, run.color)
                    for run in line
                    if run.text
                ]
                for line in item.lines
            ]
        )
        if not "".join(run.text for line in lines for run in line).strip():
            if cue.text:
                lost["cues with no visible text (a SYNC without text clears the screen)"] += 1
            continue
        shown.append((cue, item, lines))
    for index, (cue, item, lines) in enumerate(shown):
        if item.position != 2:
            lost["positions"] += 1
        body = "<br>".join("".join(_html(run) for run in line) for line in lines)
        out.append(f"<SYNC Start={max(cue.start, 0)}><P Class={css_class}>{body}</P></SYNC>")
        following = shown[index + 1][0].start if index + 1 < len(shown) else None
        if following is None or following > cue.end:
            out.append(f"<SYNC Start={max(cue.end, 0)}><P Class={css_class}>&nbsp;</P></SYNC>")
        elif following < cue.end:
            lost["overlaps (one cue at a time: ends where the next starts)"] += 1
    out += ["</BODY>", "</SAMI>"]
    nl = options.newline
    return Written(nl.join(out) + nl, lost)
