"""Reading and writing tracks: the only package that knows about files, encodings and formats.

The registry maps a format name to its module (`parse(text, path) -> Track`, `dump(track,
newline) -> str`). To add a format: write `formats/NAME.py` with those two functions, add it to
`READERS`/`WRITERS` and to `EXTENSIONS`, and give `sniff` a way to recognise it.
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from subkit.errors import InputError, UsageError
from subkit.fileio import Decoded, atomic_write, decode, encode, read_bytes
from subkit.markup import convert_markup
from subkit.model import Diagnostic, Source, Track

EXTENSIONS = {".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt", ".txt": "txt"}
READABLE = ("srt", "vtt")
WRITABLE = ("srt", "vtt", "txt")
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")


def _module(name: str) -> ModuleType:
    """The format's module, imported on first use (start-up stays free of pysrt and webvtt-py)."""
    if name not in WRITABLE:
        raise UsageError(f"unknown format {name!r}; expected one of {', '.join(WRITABLE)}")
    return importlib.import_module(f"subkit.formats.{name}")


def language_from_name(path: str) -> str | None:
    """`film.fr.srt` -> `fr`: the delivery convention for declaring a track's language."""
    match = _LANGUAGE_SUFFIX.search(Path(path).stem)
    return match.group(1).lower().replace("_", "-") if match else None


def sniff(text: str, path: str) -> str:
    """Format from the content first (a `.srt` that is really WebVTT is read as WebVTT), then the name."""
    head = text.lstrip("\ufeff \t\r\n")[:6]
    if head.startswith("WEBVTT"):
        return "vtt"
    # TTML/XML and SubStation files can hold `-->` (an XML comment, an event text) without being SRT.
    if head.startswith("<") or head.startswith("[Scrip"):
        kind = "TTML/XML" if head.startswith("<") else "SubStation Alpha (.ass/.ssa)"
        raise InputError(f"not a subtitle file subkit reads: looks like {kind}; expected SRT or WebVTT", path, 1)
    if "-->" in text[:5000]:
        return "srt"
    by_name = EXTENSIONS.get(Path(path).suffix.lower())
    if by_name in READABLE:
        return by_name
    raise InputError("not a subtitle file (no WEBVTT signature and no SRT timing line)", path)


def parse_text(text: str, path: str = "<string>", fmt: str | None = None) -> Track:
    """A track from already decoded text; the format is sniffed unless given."""
    fmt = fmt or sniff(text, path)
    module = _module(fmt)
    try:
        track: Track = module.parse(text, path)
    except ValueError as error:  # vtt.SignatureError
        raise InputError(str(error), path, 1) from None
    if fmt == "srt" and not track.cues and "->" not in text:
        raise InputError("not a subtitle file (no cue timing line anywhere)", path)
    track.source = Source(path, fmt, "utf-8")  # read_track replaces it with what the file really was
    return track


def _decode_webvtt(data: bytes) -> Decoded | None:
    """A file signed `WEBVTT` that is valid UTF-8 is UTF-8, whatever control characters it holds.

    The WebVTT spec always decodes UTF-8 and turns NUL into U+FFFD, so the binary-data heuristic
    of `decode` (meant for SRT and unknown files) must not reject such a file (WPT `nulls.vtt`).
    """
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    if not body.startswith(b"WEBVTT"):
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return Decoded(text, "utf-8", bom, "WEBVTT signature, valid UTF-8")


def read_track(path: str, encoding: str | None = None, fmt: str | None = None) -> Track:
    """Read any SRT or WebVTT file: every cue, plus a located diagnostic for whatever could not be read.

    Raises InputError (exit 3) when the file cannot be read as subtitles at all.
    """
    data = read_bytes(path)
    shown = "<stdin>" if path == "-" else path
    empty = _empty_track(data, shown, fmt)
    if empty is not None:
        return empty
    decoded = _decode_webvtt(data) if encoding is None else None
    decoded = decoded or decode(data, shown, encoding)
    fmt = fmt or sniff(decoded.text, shown)
    track = parse_text(decoded.text, shown, fmt)
    if not track.cues:
        track.diagnostics.append(Diagnostic("S004", "the file holds no cues", None, "error"))
    newline = "\r\n" if "\r\n" in decoded.text[:2000] else "\r" if "\r" in decoded.text[:2000] else "\n"
    track.source = Source(shown, fmt, decoded.encoding, decoded.bom, newline)
    track.language = track.language or language_from_name(shown)
    if fmt == "srt" and EXTENSIONS.get(Path(shown).suffix.lower()) == "vtt":
        track.diagnostics.append(
            Diagnostic("S001", "no WEBVTT signature on line 1: browsers reject this file; read as SRT-style cues", 1)
        )
    if decoded.encoding not in ("utf-8", "ascii"):
        track.diagnostics.append(
            Diagnostic("S003", f"file is {decoded.encoding}, not UTF-8 ({decoded.reason})", None, "warning")
        )
    elif decoded.bom and fmt == "srt":
        track.diagnostics.append(Diagnostic("S003", "UTF-8 byte order mark in an SRT file", 1, "warning"))
    track.diagnostics.sort(key=lambda d: (d.line or 0))
    return track


def _empty_track(data: bytes, shown: str, fmt: str | None) -> Track | None:
    """A track with no cues for a blank file of a format whose empty file is a valid track (SRT).

    subkit writes a track with no cues as such a file, so it must read it back; anything else
    blank stays an unreadable input (`decode` says "empty file").
    """
    if data.strip():
        return None
    fmt = fmt or EXTENSIONS.get(Path(shown).suffix.lower())
    if fmt not in READABLE or not getattr(_module(fmt), "EMPTY_FILE_IS_A_TRACK", False):
        return None
    track = Track(language=language_from_name(shown))
    track.source = Source(shown, fmt, "utf-8")
    track.diagnostics.append(Diagnostic("S004", "the file holds no cues", None, "error"))
    return track


@dataclass(slots=True)
class Rendered:
    """A track written as text, with what the target format could not hold."""

    text: str
    notes: list[str] = field(default_factory=list)
    #: the cues as written (tags and text the format cannot hold already converted): what
    #: reading `text` back gives
    written: Track | None = None


def render(track: Track, fmt: str, newline: str = "\n", timestamps: bool = False) -> Rendered:
    """Text of `track` in `fmt`, converting tags and settings to what the format can hold."""
    module = _module(fmt)
    if fmt == "txt":  # a transcript reads the markup itself (speakers, dialogue dashes)
        return Rendered(module.dump(track, newline, timestamps=timestamps))
    dropped: Counter[str] = Counter()
    notes: list[str] = []
    # Cue settings mean WebVTT settings in a VTT track and SRT coordinates (X1:...) in an SRT
    # track: they only carry over to their own format.
    origin = track.source.format if track.source else None
    cues = []
    changed = False
    for cue in track.cues:
        own = cue.settings if origin in (None, fmt) else ""
        conversion = convert_markup(cue.text, fmt, own if fmt == "vtt" else "")
        settings = conversion.settings if fmt == "vtt" else own
        dropped.update(conversion.dropped)
        if conversion.text != cue.text or settings != cue.settings:
            cues.append(cue.copy(text=conversion.text, settings=settings))
            changed = True
        else:
            cues.append(cue)
    output = track.with_cues(cues) if changed else track
    lost = [
        name
        for name, present in (
            ("cue settings" if origin == "vtt" else "SRT coordinates",
             origin not in (None, fmt) and any(cue.settings for cue in track.cues)),
            ("STYLE blocks", fmt == "srt" and bool(track.styles)),
            ("REGION blocks", fmt == "srt" and bool(track.regions)),
            ("NOTE blocks", fmt == "srt" and bool(track.header_notes or track.footer_notes or any(c.notes for c in track.cues))),
            ("cue identifiers", fmt == "srt" and any(c.id and not c.id.isdigit() for c in track.cues)),
        )
        if present
    ]
    if lost:
        notes.append(f"{fmt.upper()} cannot hold {', '.join(lost)}: left out")
    if dropped:
        shown = ", ".join(f"{name} x{count}" for name, count in sorted(dropped.items()))
        notes.append(f"tags {fmt.upper()} cannot show were removed: {shown}")
    output = _fitted(module, output, fmt, notes)
    return Rendered(module.dump(output, newline), notes, output)


def _fitted(module: ModuleType, track: Track, fmt: str, notes: list[str]) -> Track:
    """The track with each cue's text as the format can hold it (its module's `fit`), so that
    reading what is written gives back the same cues; what had to change is noted once, counted."""
    fit = getattr(module, "fit", None)
    if fit is None:
        return track
    changed: Counter[str] = Counter()
    cues = []
    for cue in track.cues:
        text, reasons = fit(cue.text)
        changed.update(reasons)
        cues.append(cue.copy(text=text) if text != cue.text else cue)
    if not changed:
        return track
    shown = ", ".join(f"{reason} in {count} cue{'s' if count != 1 else ''}" for reason, count in sorted(changed.items()))
    notes.append(f"{fmt.upper()} cannot hold {shown}")
    return track.with_cues(cues)


def write_track(
    track: Track,
    path: str,
    fmt: str | None = None,
    encoding: str = "utf-8",
    newline: str = "\n",
    timestamps: bool = False,
    protect: set[str] | None = None,
) -> Rendered:
    """Render and write atomically; `protect` holds resolved input paths that must not be replaced."""
    fmt = fmt or EXTENSIONS.get(Path(path).suffix.lower()) or (track.source.format if track.source else "srt")
    rendered = render(track, fmt, newline, timestamps)
    atomic_write(path, encode(rendered.text, path, encoding), protect)
    return rendered
