"""Reading and writing tracks: the only package that knows about files, encodings and formats.

The registry (`FORMATS`) names each format, the module that reads and writes it, its file
extensions, whether it is stored as bytes (EBU-STL) or as text, and what it can hold, so that a
conversion reports what the target drops. A text format's module has `parse(text, path) ->
Track` and `dump(track, newline) -> str`; a delivery format's module (`options = True`) has
`parse(text_or_bytes, path, options) -> Track` and `dump(track, options) -> Written`, which
counts what the target could not hold. To add a format: write `formats/NAME.py`, add a `Format`
to `FORMATS`, and give `sniff`/`sniff_bytes` a way to recognise it.
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import ModuleType

from subkit.errors import InputError, UsageError
from subkit.fileio import Decoded, atomic_write, decode, encode, read_bytes
from subkit.formats.options import Limits as Limits, ReadOptions as ReadOptions, WriteOptions as WriteOptions
from subkit.markup import convert_markup
from subkit.model import Diagnostic, Source, Track


@dataclass(frozen=True, slots=True)
class Format:
    """One format the registry knows."""

    name: str
    title: str
    extensions: tuple[str, ...]
    readable: bool = True
    writable: bool = True
    #: stored as bytes (a binary layout with its own code page), not as text in an encoding
    binary: bool = False
    #: the module takes ReadOptions/WriteOptions and returns Written (the delivery formats)
    options: bool = False
    #: reading needs a frame rate the file may not declare (MicroDVD counts frames)
    needs_fps: bool = False
    #: module under subkit.formats ("" = the format's name)
    module: str = ""


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("srt", "SubRip", (".srt",)),
        Format("vtt", "WebVTT", (".vtt", ".webvtt")),
        Format("txt", "plain transcript", (".txt",), readable=False),
        Format("ttml", "TTML / IMSC 1.1 Text", (".ttml", ".xml"), options=True),
        Format("dfxp", "DFXP (TTML1)", (".dfxp",), options=True, module="ttml"),
        Format("stl", "EBU-STL (Tech 3264)", (".stl",), binary=True, options=True),
        Format("scc", "Scenarist SCC (CEA-608)", (".scc",), options=True),
        Format("ass", "Advanced SubStation Alpha", (".ass",), options=True),
        Format("ssa", "SubStation Alpha v4", (".ssa",), options=True, module="ass"),
        Format("sbv", "YouTube SubViewer (SBV)", (".sbv",), options=True),
        Format("sub", "MicroDVD", (".sub",), options=True, needs_fps=True, module="microdvd"),
        Format("sami", "SAMI", (".smi", ".sami"), options=True),
    )
}
EXTENSIONS = {ext: fmt.name for fmt in FORMATS.values() for ext in fmt.extensions}
READABLE = tuple(name for name, fmt in FORMATS.items() if fmt.readable)
WRITABLE = tuple(name for name, fmt in FORMATS.items() if fmt.writable)
#: file name endings a folder walk picks up: every readable format's (`.xml` only when it is TTML, so not walked)
READABLE_SUFFIXES = tuple(ext for ext, name in EXTENSIONS.items() if FORMATS[name].readable and ext != ".xml")
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")


def limits(track: Track, fmt: str | None = None) -> Limits | None:
    """The limits of `fmt` (default: the format the track was read from); None for formats without a grid."""
    fmt = fmt or (track.source.format if track.source else None)
    if fmt == "scc":
        from subkit.formats import scc  # noqa: PLC0415

        return Limits("scc", scc.COLUMNS, 4, scc.showable, "CEA-608")
    if fmt == "stl":
        from subkit.formats import stl  # noqa: PLC0415

        own = fmt == (track.source.format if track.source else None)
        columns = int(track.properties.get("max_columns", stl.MAX_COLUMNS)) if own else stl.MAX_COLUMNS
        rows = int(track.properties.get("max_rows", stl.MAX_ROWS)) if own else stl.MAX_ROWS
        if track.properties.get("display", "teletext") == "teletext":
            rows //= 2  # teletext subtitles are double height: two rows per line
        return Limits("stl", columns, rows, stl.showable, "the GSI block" if own else "EBU teletext")
    return None


def _module(name: str) -> ModuleType:
    """The format's module, imported on first use (start-up stays free of pysrt and webvtt-py)."""
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; expected one of {', '.join(WRITABLE)}")
    return importlib.import_module(f"subkit.formats.{FORMATS[name].module or name}")


def language_from_name(path: str) -> str | None:
    """`film.fr.srt` -> `fr`: the delivery convention for declaring a track's language."""
    match = _LANGUAGE_SUFFIX.search(Path(path).stem)
    return match.group(1).lower().replace("_", "-") if match else None


_MICRODVD = re.compile(r"^\{\d+\}\{\d*\}")
_SBV = re.compile(r"^\d+:\d{1,2}:\d{1,2}\.\d{1,3},\d+:\d{1,2}:\d{1,2}\.\d{1,3}\s*$")


def sniff_bytes(data: bytes) -> str | None:
    """A binary format recognised by its signature (EBU-STL: `STL25.01` at byte 3 of the GSI block)."""
    if (
        len(data) >= 16
        and data[3:6] == b"STL"
        and data[8:11] in (b".01", b".02")
        or (len(data) >= 11 and re.fullmatch(rb"\d\d\dSTL\d\d\.0\d", data[:11]))
    ):
        return "stl"
    return None


def sniff(text: str, path: str) -> str:
    """Format from the content first (a `.srt` that is really WebVTT is read as WebVTT), then the name."""
    stripped = text.lstrip("\ufeff \t\r\n")
    head = stripped[:200]
    by_name = EXTENSIONS.get(Path(path).suffix.lower())
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("Scenarist_SCC"):
        return "scc"
    lowered = head.lower()
    if lowered.startswith("<sami") or ("<sami" in lowered and lowered.startswith("<!--")):
        return "sami"
    # TTML/XML and SubStation files can hold `-->` (an XML comment, an event text) without being SRT.
    if head.startswith("<"):
        if "<tt" in text[:5000] and ("ns/ttml" in text[:5000] or "ttaf1" in text[:5000]):
            return "dfxp" if by_name == "dfxp" else "ttml"
        if "<sami" in text[:5000].lower():
            return "sami"
        raise InputError("XML that is not TTML (no <tt> element in the TTML namespace)", path, 1)
    if head.startswith("[Script Info]") or head.startswith("[V4") or head.startswith("[Events]"):
        script_type = re.search(r"(?im)^ScriptType:\s*v?4\.00(\+?)", text[:5000])
        if script_type:
            return "ass" if script_type.group(1) else "ssa"
        return "ssa" if by_name == "ssa" or "[V4 Styles]" in text[:20000] else "ass"
    first = stripped.split("\n", 1)[0].strip()
    if _MICRODVD.match(first):
        return "sub"
    if _SBV.match(first):
        return "sbv"
    if "-->" in text[:5000]:
        return "srt"
    if by_name in READABLE:
        return by_name
    raise InputError("not a subtitle file (no signature or timing line of a format subkit reads)", path)


def parse_text(text: str, path: str = "<string>", fmt: str | None = None, options: ReadOptions | None = None) -> Track:
    """A track from already decoded text; the format is sniffed unless given."""
    fmt = fmt or sniff(text, path)
    module = _module(fmt)
    if FORMATS[fmt].binary:
        raise InputError(
            f"{FORMATS[fmt].title} is a binary format: read it from its bytes (read_track, parse_bytes)", path
        )
    try:
        if FORMATS[fmt].options:
            track: Track = module.parse(text, path, options or ReadOptions(), fmt)
        else:
            track = module.parse(text, path)
    except ValueError as error:  # vtt.SignatureError
        raise InputError(str(error), path, 1) from None
    if fmt == "srt" and not track.cues and "->" not in text:
        raise InputError("not a subtitle file (no cue timing line anywhere)", path)
    track.source = Source(path, fmt, "utf-8")  # read_track replaces it with what the file really was
    return track


def parse_bytes(data: bytes, path: str, fmt: str, options: ReadOptions | None = None) -> Track:
    """A track from the bytes of a binary format (EBU-STL)."""
    track: Track = _module(fmt).parse(data, path, options or ReadOptions(), fmt)
    track.source = Source(path, fmt, "iso6937")
    return track


def output_suffix(fmt: str) -> str:
    """The file ending a conversion to `fmt` writes: `.stl`, `.smi` for SAMI, `.sub` for MicroDVD."""
    return FORMATS[fmt].extensions[0] if fmt in FORMATS else "." + fmt


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


def read_track(
    path: str,
    encoding: str | None = None,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    *,
    data: bytes | None = None,
) -> Track:
    """Read any subtitle file subkit knows: every cue, plus a located diagnostic for whatever could not be read.

    `data` holds the bytes when they come from elsewhere than the file `path` (standard input,
    memory); `path` then only names them. Raises InputError (exit 3) when the bytes cannot be
    read as subtitles at all.
    """
    data = read_bytes(path) if data is None else data
    shown = "<stdin>" if path == "-" else path
    empty = _empty_track(data, shown, fmt)
    if empty is not None:
        return empty
    if fmt is not None:  # a format the caller names is trusted over the bytes
        binary = fmt if fmt in FORMATS and FORMATS[fmt].binary else None
    else:
        binary = sniff_bytes(data)
    if binary is not None:
        track = parse_bytes(data, shown, binary, options)
        track.language = track.language or language_from_name(shown)
        _say_if_empty(track)
        return track
    decoded = _decode_webvtt(data) if encoding is None else None
    decoded = decoded or decode(data, shown, encoding)
    fmt = fmt or sniff(decoded.text, shown)
    track = parse_text(decoded.text, shown, fmt, options)
    _say_if_empty(track)
    newline = "\r\n" if "\r\n" in decoded.text[:2000] else "\r" if "\r" in decoded.text[:2000] else "\n"
    track.source = Source(shown, fmt, decoded.encoding, decoded.bom, newline)
    track.language = track.language or language_from_name(shown)
    if fmt == "srt" and EXTENSIONS.get(Path(shown).suffix.lower()) == "vtt":
        # A WebVTT file that lost its signature writes `.` before the milliseconds as WebVTT
        # should: the missing signature is the defect, not the separator (S006).
        track.diagnostics = [d for d in track.diagnostics if d.code != "S006"]
        track.diagnostics.append(
            Diagnostic("S001", "no WEBVTT signature on line 1: browsers reject this file; read as SRT-style cues", 1)
        )
    if decoded.encoding not in ("utf-8", "ascii"):
        track.diagnostics.append(
            Diagnostic("S003", f"file is {decoded.encoding}, not UTF-8 ({decoded.reason})", None, "warning")
        )
    elif decoded.bom and fmt == "srt":
        track.diagnostics.append(Diagnostic("S003", "UTF-8 byte order mark in an SRT file", 1, "warning"))
    track.diagnostics.sort(key=lambda d: d.line or 0)
    return track


def _say_if_empty(track: Track) -> None:
    """A track with no cues is readable (subkit writes such files) but is reported: S004, an error."""
    if not track.cues:
        track.diagnostics.append(Diagnostic("S004", "the file holds no cues", None, "error"))


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
    _say_if_empty(track)
    return track


@dataclass(slots=True)
class Rendered:
    """A track written as text (or bytes, for a binary format), with what the target could not hold."""

    text: str
    notes: list[str] = field(default_factory=list)
    #: the bytes of a binary format (then `text` is empty)
    data: bytes | None = None
    #: the cues as written (tags and text the format cannot hold already converted): what
    #: reading `text` back gives (set for SRT and WebVTT)
    written: Track | None = None
    #: the bytes to store (`text` encoded, or `data`), set by `render_bytes` and `write_track`
    encoded: bytes = b""


def _counted(counter: Counter[str]) -> str:
    return ", ".join(f"{name} x{count}" for name, count in sorted(counter.items()))


def render(
    track: Track,
    fmt: str,
    newline: str = "\n",
    timestamps: bool = False,
    fps: Fraction | None = None,
    encoding: str = "utf-8",
) -> Rendered:
    """Text of `track` in `fmt`, converting tags and settings to what the format can hold.

    What the target cannot hold is reported once, with counts, in `notes`.
    """
    module = _module(fmt)
    if not FORMATS[fmt].writable:
        raise UsageError(f"{fmt} cannot be written; expected one of {', '.join(WRITABLE)}")
    if fmt == "txt":  # a transcript reads the markup itself (speakers, dialogue dashes)
        return Rendered(module.dump(track, newline, timestamps=timestamps))
    origin = track.source.format if track.source else None
    if FORMATS[fmt].options:
        written = module.dump(track, WriteOptions(newline, fps, encoding, origin), fmt)
        notes = []
        if written.lost:
            notes.append(f"{fmt.upper()} cannot hold {_counted(written.lost)}: left out or replaced")
        if written.changed:
            notes.append(f"{fmt.upper()} layout: {_counted(written.changed)}")
        if isinstance(written.data, bytes):
            return Rendered("", notes, written.data)
        return Rendered(written.data, notes)
    dropped: Counter[str] = Counter()
    notes = []
    if origin in ("ass", "ssa"):
        track = _without_overrides(track, dropped)
        origin = fmt  # the ASS reader already turned what SRT/VTT can show into their tags
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
            (
                "cue settings" if origin == "vtt" else "SRT coordinates",
                origin not in (None, fmt) and any(cue.settings for cue in track.cues),
            ),
            ("STYLE blocks", fmt == "srt" and bool(track.styles)),
            ("REGION blocks", fmt == "srt" and bool(track.regions)),
            (
                "NOTE blocks",
                fmt == "srt" and bool(track.header_notes or track.footer_notes or any(c.notes for c in track.cues)),
            ),
            ("cue identifiers", fmt == "srt" and any(c.id and not c.id.isdigit() for c in track.cues)),
        )
        if present
    ]
    if lost:
        notes.append(f"{fmt.upper()} cannot hold {', '.join(lost)}: left out")
    if dropped:
        notes.append(f"tags {fmt.upper()} cannot show were removed: {_counted(dropped)}")
    output = _fitted(module, output, fmt, notes)
    return Rendered(module.dump(output, newline), notes, written=output)


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
    shown = ", ".join(
        f"{reason} in {count} cue{'s' if count != 1 else ''}" for reason, count in sorted(changed.items())
    )
    notes.append(f"{fmt.upper()} cannot hold {shown}")
    return track.with_cues(cues)


def _without_overrides(track: Track, dropped: Counter[str]) -> Track:
    """SubStation override blocks other than a position, counted (karaoke, \\pos, \\fad...) and removed.

    SRT players honour `{\\an8}` but show or mangle the rest, so they do not travel to SRT/VTT.
    """
    from subkit.formats.styled import strip_overrides  # noqa: PLC0415

    cues = [cue.copy(text=strip_overrides(cue.text, dropped), settings="") for cue in track.cues]
    return track.with_cues(cues)


def output_format(track: Track, path: str, fmt: str | None = None) -> str:
    """The format to write: the one asked for, else the file name's, else the track's own."""
    return fmt or EXTENSIONS.get(Path(path).suffix.lower()) or (track.source.format if track.source else "srt")


def render_bytes(
    track: Track,
    fmt: str,
    encoding: str = "utf-8",
    newline: str = "\n",
    timestamps: bool = False,
    fps: Fraction | None = None,
    path: str = "<output>",
) -> Rendered:
    """`render`, with the bytes to store in `encoded`; `path` names the output in an encoding error."""
    rendered = render(track, fmt, newline, timestamps, fps, encoding)
    rendered.encoded = rendered.data if rendered.data is not None else encode(rendered.text, path, encoding)
    return rendered


def write_track(
    track: Track,
    path: str,
    fmt: str | None = None,
    encoding: str = "utf-8",
    newline: str = "\n",
    timestamps: bool = False,
    protect: set[str] | None = None,
    fps: Fraction | None = None,
) -> Rendered:
    """Render and write atomically; `protect` holds resolved input paths that must not be replaced."""
    rendered = render_bytes(track, output_format(track, path, fmt), encoding, newline, timestamps, fps, path)
    atomic_write(path, rendered.encoded, protect)
    return rendered
