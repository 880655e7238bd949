"""WebVTT: the spec's parsing algorithm for reading, webvtt-py for writing.

Why our own reader: browsers and players read WebVTT with the algorithm of the W3C spec
(https://www.w3.org/TR/webvtt1/#file-parsing), and a checker must see what they see. webvtt-py
skips malformed cues silently, drops text after a blank line and has no line numbers
(docs/libraries.md §0, §2.3). This module follows the spec's block collection step by step,
keeps NOTE blocks and unknown blocks, and records a located diagnostic for everything the
spec would throw away. Writing uses webvtt-py's serialiser, which checks that what it writes
reads back.
"""

from __future__ import annotations

import html
import re

from subkit.formats.vtt_cues import canonical_start_tag
from subkit.markup import TAG, escape_plain, to_raw_vtt
from subkit.model import Cue, Diagnostic, Track
from subkit.timecode import format_vtt

_SIGNATURE = re.compile(r"WEBVTT(?:[ \t\n]|\Z)")
_STYLE_OR_REGION = re.compile(r"^(STYLE|REGION)[ \t]*$")
_NOTE = re.compile(r"NOTE(?:[ \t\n]|\Z)")
_WHITESPACE = " \t\n\x0c\r"
#: The cue-text tokenizer's split: a tag runs from `<` to the first `>` (or the end of the cue),
#: whatever it holds; everything else is text.
_CUE_PIECE = re.compile(r"<[^>]*>?|[^<]+")


def markup_from_cue_text(raw: str) -> tuple[str, list[str]]:
    """WebVTT cue text -> cue markup, split the way the spec's tokenizer splits it; also the tags dropped.

    Text runs get their character references resolved by the HTML rules (`&nbsp;` and `&nbsp`
    are U+00A0, `&lt` is `<`), then the model's three escapes applied, so a `<` that came from
    `&lt` can never turn into a tag on the way out. A tag browsers read but the model's tag
    syntax cannot hold (`<a0:01.000>`, `< 00:01.000>`, `</>`) shows nothing in a browser; it is
    dropped (or rewritten, `<c.first x</c>` -> `<c.first>`) and returned, so the text after it is
    not swallowed when the cue is written again.
    """
    if "&" not in raw and "<" not in raw and ">" not in raw:
        return raw, []
    out: list[str] = []
    dropped: list[str] = []
    for piece in _CUE_PIECE.findall(raw):
        if piece[0] != "<":
            out.append(escape_plain(html.unescape(piece)) if "&" in piece else piece.replace(">", "&gt;"))
        elif TAG.fullmatch(piece):
            out.append(piece)
        elif piece[-1] != ">" and TAG.fullmatch(piece + ">"):
            out.append(piece + ">")  # unclosed at the end of the cue: browsers still open the element
        else:
            canonical = canonical_start_tag(piece)
            if canonical is not None:
                out.append(canonical)
            dropped.append(piece)
    return "".join(out), dropped


class SignatureError(ValueError):
    """The file does not start with the `WEBVTT` signature; browsers reject it whole."""


def parse_timestamp(line: str, pos: int) -> tuple[int | None, int]:
    """The spec's "collect a WebVTT timestamp": (milliseconds or None, new position)."""
    length = len(line)
    if pos >= length or not line[pos].isascii() or not line[pos].isdigit():
        return None, pos

    def digits(at: int) -> tuple[str, int]:
        end = at
        while end < length and "0" <= line[end] <= "9":
            end += 1
        return line[at:end], end

    first, pos = digits(pos)
    hours_given = len(first) != 2 or int(first) > 59
    if pos >= length or line[pos] != ":":
        return None, pos
    second, pos = digits(pos + 1)
    if len(second) != 2:
        return None, pos
    if hours_given or (pos < length and line[pos] == ":"):
        if pos >= length or line[pos] != ":":
            return None, pos
        third, pos = digits(pos + 1)
        if len(third) != 2:
            return None, pos
        hours, minutes, seconds = int(first), int(second), int(third)
    else:
        hours, minutes, seconds = 0, int(first), int(second)
    if pos >= length or line[pos] != ".":
        return None, pos
    fraction, pos = digits(pos + 1)
    if len(fraction) != 3 or minutes > 59 or seconds > 59:
        return None, pos
    return hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + int(fraction), pos


def parse_timing_line(line: str) -> tuple[int, int, str] | None:
    """The spec's "parse the WebVTT cue timings and settings": (start, end, settings) or None."""
    pos = 0
    length = len(line)
    while pos < length and line[pos] in _WHITESPACE:
        pos += 1
    start, pos = parse_timestamp(line, pos)
    if start is None:
        return None
    while pos < length and line[pos] in _WHITESPACE:
        pos += 1
    if line[pos : pos + 3] != "-->":
        return None
    pos += 3
    while pos < length and line[pos] in _WHITESPACE:
        pos += 1
    end, pos = parse_timestamp(line, pos)
    if end is None:
        return None
    # The spec requires whitespace (or the end) right after the end time; otherwise the
    # settings are read from what follows anyway, so keep the remainder as written.
    return start, end, line[pos:].strip(_WHITESPACE)


def _normalise(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse(text: str, path: str = "<string>") -> Track:
    """Cues, header, styles, regions and notes from WebVTT text, as the spec reads them.

    Raises SignatureError when the file lacks the `WEBVTT` signature (the spec rejects it).
    """
    text = _normalise(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _SIGNATURE.match(text):
        raise SignatureError("missing the WEBVTT signature on line 1")
    lines = text.split("\n")
    count = len(lines)
    track = Track()
    track.header = lines[0][6:].strip(" \t")
    diagnostics = track.diagnostics
    index = 1
    # Header: lines after the signature up to a blank line, unless a line holds an arrow
    # (then the spec starts reading cues there).
    while index < count and lines[index] != "" and "-->" not in lines[index]:
        track.metadata.append(lines[index])
        index += 1
    seen_cue = False
    pending_notes: list[str] = []
    while index < count:
        if lines[index] == "":
            index += 1
            continue
        block_line = index + 1
        buffer: list[str] = []
        kind: str | None = None  # "cue", "style", "region"
        timing: tuple[int, int, str] | None = None
        identifier: str | None = None
        line_count = 0
        bad_timing: str | None = None
        while index < count:
            line = lines[index]
            line_count += 1
            if "-->" in line:
                if kind is None and (line_count == 1 or (line_count == 2 and identifier is None)):
                    identifier = buffer[0] if buffer else None
                    timing = parse_timing_line(line)
                    if timing is None:
                        bad_timing = line
                    kind = "cue"
                    buffer = []
                    index += 1
                    continue
                break  # an arrow later in a block starts the next block (spec: "previous position")
            if line == "":
                break
            if kind is None and line_count == 2 and not seen_cue and buffer:
                style_or_region = _STYLE_OR_REGION.match(buffer[0])
                if style_or_region:
                    kind = style_or_region.group(1).lower()
                    buffer = []
            buffer.append(line)
            index += 1
        if kind == "cue":
            if timing is None:
                shown = " / ".join([bad_timing or "", *buffer])
                diagnostics.append(Diagnostic("S001", f"cannot read timing line, cue skipped: {shown!r}", block_line))
                continue
            start, end, settings = timing
            text, dropped = markup_from_cue_text("\n".join(buffer))
            if dropped:
                shown = ", ".join(repr(tag) for tag in dropped[:3])
                diagnostics.append(
                    Diagnostic(
                        "S005",
                        f"players read {shown} as tags that show nothing; rewritten or left out",
                        block_line,
                        "warning",
                        len(track.cues) + 1,
                    )
                )
            cue = Cue(start, end, text, identifier, settings, block_line, pending_notes)
            pending_notes = []
            track.cues.append(cue)
            seen_cue = True
        elif kind == "style":
            track.styles.append("\n".join(buffer))
        elif kind == "region":
            track.regions.append("\n".join(buffer))
        elif buffer and _NOTE.match(buffer[0]):
            note = "\n".join(buffer)[4:].strip(" \t\n")
            (pending_notes if seen_cue else track.header_notes).append(note)
        elif buffer and _STYLE_OR_REGION.match(buffer[0]) and seen_cue:
            diagnostics.append(
                Diagnostic(
                    "S001",
                    f"{buffer[0].strip()} block after the first cue is ignored by players",
                    block_line,
                    "warning",
                )
            )
        elif buffer:
            shown = " / ".join(buffer)
            diagnostics.append(
                Diagnostic("S001", f"block is not a cue and is ignored by players: {shown!r}", block_line)
            )
    track.footer_notes = pending_notes
    return track


def fit(markup: str) -> tuple[str, list[str]]:
    """The cue text as a WebVTT file can hold it, and what had to change (one reason per change).

    An empty line ends a cue, and the spec reads NUL as U+FFFD: the empty lines are removed
    (they can appear when a tag alone on a line is dropped) and NUL is written as U+FFFD, so
    reading the written cue gives back exactly the text returned here.
    """
    text = markup
    reasons: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        reasons.append("NUL characters (replaced by U+FFFD)")
    if "\n\n" in text or text.startswith("\n") or text.endswith("\n"):
        text = "\n".join(line for line in text.split("\n") if line)
        reasons.append("empty lines inside a cue (removed)")
    return text, reasons


class _CueBlock:
    """The fields webvtt-py's serialiser reads from a caption, without building a `Caption`.

    `webvtt.vtt.to_str` formats and validates each caption through `identifier`, `start`, `end`,
    `settings`, `lines`, `raw_text` and `comments`; constructing real `Caption` objects re-parses
    both timestamps and six settings per cue, which tripled the cost of writing a track.
    """

    __slots__ = ("identifier", "start", "end", "settings", "lines", "raw_text", "comments")

    def __init__(self, cue: Cue) -> None:
        self.identifier = cue.id or None
        self.start = format_vtt(cue.start)
        self.end = format_vtt(cue.end)
        self.settings = cue.settings
        self.raw_text = to_raw_vtt(cue.text)
        self.lines = self.raw_text.split("\n") if self.raw_text else []
        self.comments = cue.notes


def dump(track: Track, newline: str = "\n") -> str:
    """WebVTT text through webvtt-py's serialiser, which refuses text that would not read back."""
    from webvtt import vtt as webvtt_format  # noqa: PLC0415 - ~20 ms, only when writing WebVTT
    from webvtt.models import Region, Style  # noqa: PLC0415

    content: str = webvtt_format.to_str(
        [_CueBlock(cue) for cue in track.cues],  # type: ignore[misc]  # duck-typed Caption
        [Style(style) for style in track.styles],
        list(track.header_notes),
        list(track.footer_notes),
        track.header,
        list(track.metadata),
        [Region.from_string(" ".join(region.split("\n"))) for region in track.regions],
    )
    if not content.endswith("\n"):
        content += "\n"
    return content if newline == "\n" else content.replace("\n", newline)
