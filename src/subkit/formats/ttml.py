"""TTML: IMSC 1.1 Text (`.ttml`) and DFXP/TTML1 (`.dfxp`), read and written by subkit itself.

Why our own writer: ttconv writes sound IMSC but keeps no frame-rate or drop-frame metadata
from an SRT and nests a span per line; pycaption writes `&lt;i&gt;` literally into DFXP
(docs/formats.md). Why our own reader: diagnostics must name the line of the `<p>` they concern
and XML from outside must never expand entities (`xmlsafe`).

The model's markup maps to TTML as `<i>` -> `tts:fontStyle="italic"`, `<b>` -> `tts:fontWeight=
"bold"`, `<u>` -> `tts:textDecoration="underline"`, `<font color>` -> `tts:color`, `{\\an8}` ->
the `top` region (`{\\an5}` middle, bottom otherwise; left/right as `tts:textAlign` on the `<p>`).
The IMSC document uses media time in milliseconds; DFXP, as Netflix's DFXP files do, ticks at
10 MHz. Both declare the frame rate (`ttp:frameRate` and `ttp:frameRateMultiplier`); DFXP also
says `ttp:dropMode` for 29.97 drop-frame material.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from xml.sax.saxutils import escape, quoteattr

from subkit.errors import InputError
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, Styled, normalize_color, prepare, to_markup
from subkit.formats.xmlsafe import Element, parse_xml
from subkit.model import Cue, Diagnostic, Track
from subkit.timecode import format_vtt, parse_fps, round_half_up

TT = "http://www.w3.org/ns/ttml"
_NAMESPACES = (TT, "http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/2006/04/ttaf1")
TTS = "#styling"
TTP = "#parameter"
XML = "{http://www.w3.org/XML/1998/namespace}"
TICK_RATE = 10_000_000

_CLOCK = re.compile(r"^(\d+):(\d\d):(\d\d)(?:(\.\d+)|:(\d+)(?:\.(\d+))?)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")
#: Apple's lyric/iTunes TTML writes `19.764` and `3:58.640` (no unit, minutes:seconds); TTML has
#: neither form, but no other reading is possible, so they are read as seconds (pysubs2 does too).
_LOOSE = re.compile(r"^(?:(\d+):)?(\d+(?:\.\d+)?)$")
_STYLE_ATTRIBUTES = (
    "fontStyle",
    "fontWeight",
    "textDecoration",
    "color",
    "textAlign",
    "displayAlign",
    "origin",
    "extent",
)


# ----------------------------------------------------------------------------------------------- reading


def _attr(element: Element, suffix: str, name: str) -> str | None:
    """An attribute in any TTML namespace generation (`#styling`, `#parameter`), by local name."""
    for key, value in element.attrib.items():
        if key.endswith("}" + name) and suffix in key:
            return value
    return None


class _Timing:
    """Time expressions of one document: clock, frames, ticks and offsets, in milliseconds."""

    def __init__(self, root: Element) -> None:
        rate = _attr(root, TTP, "frameRate")
        multiplier = _attr(root, TTP, "frameRateMultiplier")
        self.fps: Fraction | None = None
        try:
            if rate:
                self.fps = Fraction(int(rate))
                if multiplier:
                    numerator, denominator = multiplier.split()
                    self.fps *= Fraction(int(numerator), int(denominator))
        except (ValueError, ZeroDivisionError):
            self.fps = None
        tick = _attr(root, TTP, "tickRate")
        self.tick_rate = int(tick) if tick and tick.isdigit() and int(tick) > 0 else None
        self.drop = _attr(root, TTP, "dropMode") in ("dropNTSC", "dropPAL")
        self.smpte = _attr(root, TTP, "timeBase") == "smpte"

    def ms(self, text: str) -> int | None:
        text = text.strip()
        clock = _CLOCK.match(text)
        fps = self.fps or Fraction(30)
        if clock:
            hours, minutes, seconds = int(clock.group(1)), int(clock.group(2)), int(clock.group(3))
            if clock.group(4):
                return round_half_up(
                    Fraction(hours * 3600 + minutes * 60 + seconds) * 1000 + Fraction(clock.group(4)) * 1000
                )
            frames = int(clock.group(5) or 0)
            if self.smpte and self.drop:
                from subkit.formats.frames import label_to_frame  # noqa: PLC0415

                return round_half_up(Fraction(label_to_frame(hours, minutes, seconds, frames, fps, True)) * 1000 / fps)
            base = Fraction(hours * 3600 + minutes * 60 + seconds)
            return round_half_up((base + Fraction(frames) / (round_half_up(fps) if self.smpte else fps)) * 1000)
        offset = _OFFSET.match(text)
        if not offset:
            loose = _LOOSE.match(text)
            if not loose:
                return None
            return round_half_up((int(loose.group(1) or 0) * 60 + Fraction(loose.group(2))) * 1000)
        number, unit = Fraction(offset.group(1)), offset.group(2)
        if unit == "t":
            return round_half_up(number * 1000 / (self.tick_rate or (fps if self.fps else 1)))
        if unit == "f":
            return round_half_up(number * 1000 / fps)
        return round_half_up(number * {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}[unit])


class _Reader:
    def __init__(self, root: Element, path: str) -> None:
        self.root = root
        self.path = path
        self.timing = _Timing(root)
        self.styles: dict[str, Element] = {}
        self.regions: dict[str, Element] = {}
        self.cues: list[Cue] = []
        self.diagnostics: list[Diagnostic] = []
        #: Apple's lyric TTML (`itunes:timing`) writes every time from the start of the document, not
        #: from its parent's begin as TTML says: its first <p> begins exactly where its <div> does.
        self.absolute = root.get("{http://music.apple.com/lyric-ttml-internal}timing") is not None
        for element in self.walk(root):
            identifier = element.get(XML + "id")
            if identifier and element.local == "style":
                self.styles[identifier] = element
            elif identifier and element.local == "region":
                self.regions[identifier] = element

    def walk(self, element: Element) -> list[Element]:
        found, pending = [], [element]
        while pending:
            current = pending.pop()
            found.append(current)
            pending.extend(reversed(current.elements()))
        return found

    def style_of(self, element: Element, depth: int = 0) -> dict[str, str]:
        """Style properties an element sets itself: referenced styles, nested `<style>`, then its own attributes."""
        properties: dict[str, str] = {}
        for reference in (element.get("style") or "").split():
            referenced = self.styles.get(reference)
            if referenced is not None and depth < 10:
                properties.update(self.style_of(referenced, depth + 1))
        for child in element.elements():
            if child.local == "style" and not child.get(XML + "id"):
                properties.update(self.style_of(child, depth + 1))
        for name in _STYLE_ATTRIBUTES:
            value = _attr(element, TTS, name)
            if value is not None:
                properties[name] = value
        return properties

    def position(self, region: Element | None, style: dict[str, str]) -> int:
        """Keypad position from a region's origin, extent and displayAlign, and the paragraph's textAlign."""
        row = 2
        if region is not None:
            area = self.style_of(region)
            align = area.get("displayAlign", "before")
            top = _percent(area.get("origin", "0% 0%"), 1)
            height = _percent(area.get("extent", "100% 100%"), 1)
            if top is not None and height is not None:
                anchor = top + height if align == "after" else top + height / 2 if align == "center" else top
                row = 8 if anchor < 40 else 5 if anchor <= 60 else 2
        text_align = style.get("textAlign", "center")
        return row - 1 if text_align in ("left", "start") else row + 1 if text_align in ("right", "end") else row

    def read(self) -> None:
        body = next((e for e in self.root.elements() if e.local == "body"), None)
        if body is None:
            raise InputError("TTML document has no <body>", self.path, self.root.line)
        self._container(body, 0, None, {}, body.get("region"))

    def _span_times(self, element: Element, begin: int, end: int | None) -> tuple[int | None, int | None, bool]:
        start_text, end_text, dur_text = element.get("begin"), element.get("end"), element.get("dur")
        ok = True
        start = begin
        if start_text is not None:
            value = self.timing.ms(start_text)
            ok = value is not None
            start = begin + (value or 0)
        stop = end
        if end_text is not None:
            value = self.timing.ms(end_text)
            ok = ok and value is not None
            stop = begin + value if value is not None else end
        elif dur_text is not None:
            value = self.timing.ms(dur_text)
            ok = ok and value is not None
            stop = start + value if value is not None else end
        return start, stop, ok

    def _container(
        self, element: Element, begin: int, end: int | None, inherited: dict[str, str], region: str | None
    ) -> None:
        start, stop, ok = self._span_times(element, begin, end)
        if not ok:
            self.diagnostics.append(
                Diagnostic("S001", f"cannot read a time of <{element.local}>; its times are ignored", element.line)
            )
        style = {**inherited, **self.style_of(element)}
        region = element.get("region") or region
        origin = 0 if self.absolute else start or 0
        for child in element.elements():
            if child.local == "div":
                self._container(child, origin, stop, style, region)
            elif child.local == "p":
                self._paragraph(child, origin, stop, style, region)

    def _paragraph(
        self, p: Element, begin: int, end: int | None, inherited: dict[str, str], region: str | None
    ) -> None:
        start, stop, ok = self._span_times(p, begin, end)
        style = {**inherited, **self.style_of(p)}
        lines: list[list[Run]] = [[]]
        timed: list[tuple[int | None, int | None]] = []
        self._inline(p, style, lines, timed, 0 if self.absolute else start or 0, stop)
        if p.get("begin") is None and p.get("end") is None and timed:
            # timing on the spans only (roll-up or karaoke documents): the paragraph spans them
            starts = [t[0] for t in timed if t[0] is not None]
            stops = [t[1] for t in timed if t[1] is not None]
            start, stop = (min(starts) if starts else start), (max(stops) if stops else stop)
        _trim(lines)
        if not ok or stop is None:
            what = "cannot read its begin/end/dur" if not ok else "no end time (no end or dur, none inherited)"
            text = " / ".join("".join(r.text for r in line) for line in lines)
            self.diagnostics.append(Diagnostic("S001", f"<p> skipped: {what}: {text[:80]!r}", p.line))
            return
        region_element = self.regions.get(p.get("region") or region or "")
        identifier = p.get(XML + "id")
        self.cues.append(
            Cue(start or 0, stop, to_markup(lines, self.position(region_element, style)), identifier, "", p.line)
        )

    def _inline(
        self,
        element: Element,
        style: dict[str, str],
        lines: list[list[Run]],
        timed: list[tuple[int | None, int | None]],
        begin: int,
        end: int | None,
    ) -> None:
        run_style = _run_style(style)
        for child in element.children:
            if isinstance(child, str):
                text = re.sub(r"[ \t\r\n]+", " ", child)
                if text:
                    lines[-1].append(Run(text, *run_style))
            elif child.local == "br":
                lines.append([])
            elif child.local == "span":
                if child.get("begin") is not None or child.get("end") is not None:
                    timed.append(self._span_times(child, begin, end)[:2])
                self._inline(child, {**style, **self.style_of(child)}, lines, timed, begin, end)


def _run_style(style: dict[str, str]) -> tuple[bool, bool, bool, str | None]:
    return (
        style.get("fontStyle") in ("italic", "oblique"),
        style.get("fontWeight") == "bold",
        "underline" in style.get("textDecoration", "") and "noUnderline" not in style.get("textDecoration", ""),
        _color(style.get("color")),
    )


def _color(value: str | None) -> str | None:
    """`#rrggbb` of a TTML colour; None for the default white (which is no colour change)."""
    if not value:
        return None
    if value.startswith("rgb"):
        numbers = re.findall(r"\d+", value)
        color = "#" + "".join(f"{int(n):02x}" for n in numbers[:3]) if len(numbers) >= 3 else None
    else:
        color = normalize_color(value)
    return None if color == "#ffffff" else color


def _percent(pair: str, index: int) -> float | None:
    parts = pair.split()
    if len(parts) != 2 or not parts[index].endswith("%"):
        return None
    try:
        return float(parts[index][:-1])
    except ValueError:
        return None


def _trim(lines: list[list[Run]]) -> None:
    """XML's default whitespace handling: no space at the start or end of a line."""
    for line in lines:
        while line and not line[0].text.strip(" "):
            line.pop(0)
        if line:
            line[0] = Run(line[0].text.lstrip(" "), line[0].italic, line[0].bold, line[0].underline, line[0].color)
        while line and not line[-1].text.strip(" "):
            line.pop()
        if line:
            last = line[-1]
            line[-1] = Run(last.text.rstrip(" "), last.italic, last.bold, last.underline, last.color)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "ttml") -> Track:
    """Cues from a TTML, IMSC or DFXP document; a malformed document keeps the cues before the error."""
    root, problem = parse_xml(text)
    if root is None or root.local != "tt" or not any(root.tag == f"{{{ns}}}tt" for ns in _NAMESPACES):
        if problem is not None:
            raise InputError(problem.message, path, problem.line)
        raise InputError("not a TTML document (the root element is not <tt> in the TTML namespace)", path, 1)
    reader = _Reader(root, path)
    if problem is not None and not any(e.local == "body" for e in root.elements()):
        raise InputError(problem.message, path, problem.line)
    reader.read()
    if problem is not None:
        if not reader.cues:  # nothing readable before the error: not a file to work on
            raise InputError(problem.message, path, problem.line)
        reader.diagnostics.append(problem)
    track = Track(cues=reader.cues, diagnostics=reader.diagnostics, language=root.get(XML + "lang") or None)
    if reader.timing.fps is not None:
        track.properties["fps"] = str(reader.timing.fps)
    if reader.timing.drop:
        track.properties["drop_frame"] = "yes"
    title = next((e for e in reader.walk(root) if e.local == "title"), None)
    if title is not None:
        track.properties["title"] = "".join(c for c in title.children if isinstance(c, str)).strip()
    return track


# ----------------------------------------------------------------------------------------------- writing

_REGIONS = {8: "top", 5: "middle", 2: "bottom"}
_DISPLAY_ALIGN = {"top": "before", "middle": "center", "bottom": "after"}


def _rate(fps: Fraction) -> tuple[int, str | None]:
    """`ttp:frameRate` and `ttp:frameRateMultiplier` of an exact frame rate (29.97 -> 30, "1000 1001")."""
    nominal = round_half_up(fps)
    if fps == nominal:
        return nominal, None
    ratio = fps / nominal
    return nominal, f"{ratio.numerator} {ratio.denominator}"


def _span(run: Run) -> str:
    attributes = "".join(
        attribute
        for attribute, on in (
            (' tts:fontStyle="italic"', run.italic),
            (' tts:fontWeight="bold"', run.bold),
            (' tts:textDecoration="underline"', run.underline),
            (f' tts:color="{run.color}"', run.color),
        )
        if on
    )
    text = escape(run.text)
    return f"<span{attributes}>{text}</span>" if attributes else text


#: characters XML 1.0 cannot hold at all (C0 controls but tab and line ends, U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _as_read(lines: list[list[Run]], lost: Counter[str]) -> list[list[Run]]:
    """The lines as a TTML reader gives them back, so that what is written reads back the same:
    XML's default white-space handling (a run of spaces is one space, none at a line's ends) and
    U+FFFD for characters XML cannot hold (counted)."""
    out = []
    for line in lines:
        runs = []
        for run in line:
            text = run.text
            if _NOT_XML.search(text):
                lost["control characters (XML cannot hold them; written as U+FFFD)"] += len(_NOT_XML.findall(text))
                text = _NOT_XML.sub("\ufffd", text)
            runs.append(Run(re.sub(r"[ \t\r\n]+", " ", text), run.italic, run.bold, run.underline, run.color))
        out.append([run for run in runs if run.text])
    _trim(out)
    return out


def _paragraph_body(item: Styled, lost: Counter[str]) -> str:
    return "<br/>".join("".join(_span(run) for run in line) for line in _as_read(item.lines, lost))


def dump(track: Track, options: object, fmt: str = "ttml") -> object:
    """An IMSC 1.1 Text document (`ttml`) or a DFXP/TTML1 document (`dfxp`)."""
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    items = prepare(track, options.origin, lost)
    fps = options.fps or (parse_fps(track.properties["fps"]) if "fps" in track.properties else None)
    drop = track.properties.get("drop_frame") == "yes" or (fps == Fraction(30000, 1001) and options.origin == "scc")
    nl = options.newline
    attributes = [
        f'xmlns="{TT}"',
        'xmlns:ttp="http://www.w3.org/ns/ttml#parameter"',
        'xmlns:tts="http://www.w3.org/ns/ttml#styling"',
        'xmlns:ttm="http://www.w3.org/ns/ttml#metadata"',
    ]
    if fmt == "ttml":
        attributes.append('ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"')
    else:
        attributes.append(f'ttp:tickRate="{TICK_RATE}"')
    attributes.append('ttp:timeBase="media"')
    if fps is not None:
        rate, multiplier = _rate(fps)
        attributes.append(f'ttp:frameRate="{rate}"')
        if multiplier:
            attributes.append(f'ttp:frameRateMultiplier="{multiplier}"')
        if drop and fmt == "dfxp":
            attributes.append('ttp:dropMode="dropNTSC"')
        elif drop:
            lost["drop-frame flag (IMSC has media time only; times are exact)"] += 1
    attributes.append(f"xml:lang={quoteattr(track.language or '')}")
    out = [f'<?xml version="1.0" encoding="{options.encoding.upper()}"?>', f"<tt {' '.join(attributes)}>", "<head>"]
    title = track.properties.get("title")
    if title:
        out.append(f"<metadata><ttm:title>{escape(title)}</ttm:title></metadata>")
    out.append(
        '<styling><style xml:id="base" tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" '
        'tts:color="white" tts:backgroundColor="transparent" tts:textAlign="center"/></styling>'
    )
    out.append("<layout>")
    for name in ("bottom", "top", "middle"):
        out.append(
            f'<region xml:id="{name}" tts:origin="10% 10%" tts:extent="80% 80%" '
            f'tts:displayAlign="{_DISPLAY_ALIGN[name]}"/>'
        )
    out.append("</layout>")
    out.append("</head>")
    out.append('<body style="base"><div>')
    for number, (cue, item) in enumerate(zip(track.cues, items), 1):
        region = _REGIONS[(item.position - 1) // 3 * 3 + 2]
        column = (item.position - 1) % 3
        align = ' tts:textAlign="left"' if column == 0 else ' tts:textAlign="right"' if column == 2 else ""
        begin, end = _time(cue.start, fmt), _time(max(cue.end, cue.start), fmt)
        identifier = f"c{number}"
        out.append(
            f'<p xml:id="{identifier}" begin="{begin}" end="{end}" region="{region}"{align}>'
            f"{_paragraph_body(item, lost)}</p>"
        )
    out.append("</div></body>")
    out.append("</tt>")
    return Written(nl.join(out) + nl, lost)


def _time(ms: int, fmt: str) -> str:
    if fmt == "dfxp":
        return f"{max(ms, 0) * (TICK_RATE // 1000)}t"
    return format_vtt(ms)
