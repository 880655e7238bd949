"""EBU-STL (EBU Tech 3264): a 1024-byte GSI header, then 128-byte TTI blocks; read and written as bytes.

No Python library writes STL (ttconv only reads it, and serves here as the check of our output).
The writer produces Level-1 teletext subtitles (`DSC 1`): the Latin alphabet of ISO 6937 (CCT
00), where an accented letter is a non-spacing diacritic byte followed by its base letter; rows
of at most 40 cells (the GSI's MNC), double height, italics and underline as the STL control
codes 0x80-0x83 and colours as teletext alphanumeric colour codes; times in frames at 25 fps
(`STL25.01`) or 29.97 (`STL30.01`); text longer than one block continues in extension blocks.

The reader accepts both teletext and open subtitles, and reports a truncated block, a bad
timecode or an unknown byte with the block and byte offset, then goes on with the next block.
"""

from __future__ import annotations

import struct
import unicodedata
from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path

from subkit.errors import InputError
from subkit.formats.frames import NTSC, to_frame, to_ms
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, fit_rows, prepare, rewrap, to_markup
from subkit.model import Cue, Diagnostic, Track

GSI_SIZE = 1024
TTI_SIZE = 128
TF_SIZE = 112
MAX_COLUMNS = 40
MAX_ROWS = 23
_DFC = {
    b"STL25.01": Fraction(25),
    b"STL30.01": NTSC,
    b"STL24.01": Fraction(24),
    b"STL23.01": Fraction(24000, 1001),
    b"STL50.01": Fraction(50),
}
_CODE_PAGES = {b"437": "cp437", b"850": "cp850", b"860": "cp860", b"863": "cp863", b"865": "cp865"}
#: EBU Tech 3264 appendix 3 language codes (hex) and the ISO 639-1 codes they mean
LANGUAGES = dict(
    zip(
        [
            "01",
            "02",
            "03",
            "04",
            "05",
            "06",
            "07",
            "08",
            "09",
            "0A",
            "0B",
            "0C",
            "0D",
            "0E",
            "0F",
            "10",
            "11",
            "12",
            "13",
            "14",
            "15",
            "16",
            "17",
            "18",
            "19",
            "1A",
            "1B",
            "1C",
            "1D",
            "1E",
            "1F",
            "20",
            "21",
            "22",
            "23",
            "24",
            "25",
            "26",
            "27",
            "28",
            "29",
        ],
        [
            "sq",
            "br",
            "ca",
            "hr",
            "cy",
            "cs",
            "da",
            "de",
            "en",
            "es",
            "eo",
            "et",
            "eu",
            "fo",
            "fr",
            "fy",
            "ga",
            "gd",
            "gl",
            "is",
            "it",
            "se",
            "la",
            "lv",
            "lb",
            "lt",
            "hu",
            "mt",
            "nl",
            "no",
            "oc",
            "pl",
            "pt",
            "ro",
            "rm",
            "sr",
            "sk",
            "sl",
            "fi",
            "sv",
            "tr",
        ],
    )
)
_LANGUAGE_CODES = {iso: code for code, iso in LANGUAGES.items()}

# --- ISO 6937 (the Latin alphabet of CCT 00) -------------------------------------------------------------

_UPPER = dict(
    zip(
        range(0xA0, 0x100),
        (
            "\u00a0¡¢£$¥#§¤‘“«←↑→↓"  # A0-AF
            "°±²³×µ¶·÷’”»¼½¾¿"  # B0-BF
            "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"  # C0-CF: diacritics
            "―¹®©™♪¬¦\x00\x00\x00\x00⅛⅜⅝⅞"  # D0-DF
            "ΩÆĐªĦ\x00ĲĿŁØŒºÞŦŊŉ"  # E0-EF
            "ĸæđðħıĳŀłøœßþŧŋ\u00ad"  # F0-FF
        ),
    )
)
DECODE = {code: char for code, char in _UPPER.items() if char != "\x00"}
DECODE.update({code: chr(code) for code in range(0x20, 0x7F)})
#: non-spacing diacritical marks: the byte before the base letter
DIACRITICS = {
    0xC1: "\u0300",
    0xC2: "\u0301",
    0xC3: "\u0302",
    0xC4: "\u0303",
    0xC5: "\u0304",
    0xC6: "\u0306",
    0xC7: "\u0307",
    0xC8: "\u0308",
    0xCA: "\u030a",
    0xCB: "\u0327",
    0xCD: "\u030b",
    0xCE: "\u0328",
    0xCF: "\u030c",
}
_MARK_BYTE = {mark: code for code, mark in DIACRITICS.items()}
_ENCODE = {char: bytes([code]) for code, char in DECODE.items()}
FALLBACK = {"…": "...", "–": "-", "—": "―", "\u202f": "\u00a0", "\u2009": " ", "‚": ",", "„": "“", "€": "EUR"}
#: teletext alphanumeric colours (spacing attributes 0x00-0x07)
_COLORS = ["#000000", "#ff0000", "#00ff00", "#ffff00", "#0000ff", "#ff00ff", "#00ffff", "#ffffff"]
ITALIC_ON, ITALIC_OFF, UNDERLINE_ON, UNDERLINE_OFF = 0x80, 0x81, 0x82, 0x83
NEWLINE, UNUSED, DOUBLE_HEIGHT = 0x8A, 0x8F, 0x0D


def encode_char(char: str) -> bytes | None:
    """ISO 6937 bytes of one character (a diacritic byte and its base for accented letters); None if absent."""
    if char in _ENCODE:
        return _ENCODE[char]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) == 2 and decomposed[1] in _MARK_BYTE and decomposed[0] in _ENCODE:
        return bytes([_MARK_BYTE[decomposed[1]]]) + _ENCODE[decomposed[0]]
    return None


def showable(char: str) -> bool:
    return encode_char(char) is not None


# ----------------------------------------------------------------------------------------------- reading


def _field(gsi: bytes, start: int, end: int, codec: str) -> str:
    return gsi[start:end].decode(codec, errors="replace").strip(" \x00")


def _decode_text(data: bytes, teletext: bool, unknown: Counter[int]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    italic = underline = False
    color: str | None = None
    pending_mark: str | None = None

    def add(text: str) -> None:
        lines[-1].append(Run(text, italic, False, underline, color))

    for byte in data:
        if byte == UNUSED:
            continue
        if byte in DIACRITICS:
            pending_mark = DIACRITICS[byte]
            continue
        if byte == NEWLINE:
            lines.append([])
            italic = underline = False
            color = None
        elif byte == ITALIC_ON:
            italic = True
        elif byte == ITALIC_OFF:
            italic = False
        elif byte == UNDERLINE_ON:
            underline = True
        elif byte == UNDERLINE_OFF:
            underline = False
        elif byte in (0x84, 0x85):
            pass  # boxing on/off (open subtitles)
        elif byte < 0x20:
            # teletext spacing attributes (colours, double height, boxes, mosaics): a space on screen
            if byte <= 0x07:
                color = None if byte == 0x07 else _COLORS[byte]
            add(" ")
        elif byte in DECODE:
            char = DECODE[byte]
            if pending_mark:
                char = unicodedata.normalize("NFC", char + pending_mark)
            add(char)
        else:
            unknown[byte] += 1
        pending_mark = None
    out = []
    for line in lines:
        text = "".join(run.text for run in line)
        if not text.strip():
            continue
        while line and not line[0].text.strip():
            line = line[1:]
        while line and not line[-1].text.strip():
            line = line[:-1]
        out.append(line)
    return out


def parse(data: bytes, path: str = "<string>", options: object = None, fmt: str = "stl") -> Track:
    """Cues from an EBU-STL file; damaged blocks are reported by block number and byte offset, and skipped."""
    if len(data) < GSI_SIZE:
        raise InputError(f"truncated EBU-STL file: {len(data)} bytes, the GSI block alone is {GSI_SIZE}", path)
    gsi = data[:GSI_SIZE]
    codec = _CODE_PAGES.get(gsi[0:3], "cp850")
    diagnostics: list[Diagnostic] = []
    fps = _DFC.get(gsi[3:11])
    if fps is None:
        diagnostics.append(
            Diagnostic("S001", f"unknown frame rate code {gsi[3:11]!r} in the GSI; read at 25 fps", None)
        )
        fps = Fraction(25)
    teletext = gsi[11:12] in (b"1", b"2")
    cct = gsi[12:14]
    if cct not in (b"00", b"  "):
        diagnostics.append(
            Diagnostic(
                "S001",
                f"character code table {cct.decode('latin-1')!r} is not the Latin alphabet; text read as Latin",
                None,
                "warning",
            )
        )
    max_columns = _number(gsi[251:253]) or MAX_COLUMNS
    max_rows = _number(gsi[253:255]) or MAX_ROWS
    start_of_programme = _timecode(gsi[256:264], fps)
    cues: list[Cue] = []
    unknown: Counter[int] = Counter()
    text = b""
    first_block = None
    body = data[GSI_SIZE:]
    whole = len(body) // TTI_SIZE
    if len(body) % TTI_SIZE:
        diagnostics.append(
            Diagnostic(
                "S001",
                f"truncated TTI block {whole + 1} at byte {GSI_SIZE + whole * TTI_SIZE}: "
                f"{len(body) % TTI_SIZE} of {TTI_SIZE} bytes; not read",
                None,
            )
        )
    expected = _number(gsi[238:243])
    if expected is not None and expected != whole:
        diagnostics.append(
            Diagnostic("S001", f"GSI says {expected} TTI blocks, the file holds {whole}", None, "warning")
        )
    for number in range(whole):
        offset = GSI_SIZE + number * TTI_SIZE
        block = data[offset : offset + TTI_SIZE]
        _sgn, _sn, ebn, _cs = block[0], struct.unpack("<H", block[1:3])[0], block[3], block[4]
        if 0xEF < ebn < 0xFF:
            continue  # user data and reserved blocks
        if block[15] == 1:
            continue  # comment block: not shown
        if first_block is None:
            first_block = number
        text += block[16:].rstrip(bytes([UNUSED]))
        if ebn != 0xFF:
            continue
        where = f"TTI block {number + 1} (byte {offset})"
        start = _tc(block[5:9], fps)
        end = _tc(block[9:13], fps)
        first_block, chunk, text = None, text, b""
        if start is None or end is None:
            diagnostics.append(Diagnostic("S001", f"{where}: unreadable timecode; subtitle skipped", None))
            continue
        lines = _decode_text(chunk, teletext, unknown)
        vertical, justification = block[13], block[14]
        # a tall subtitle that reaches the last rows stands at the bottom, however high it starts
        reaches_bottom = vertical + 2 * len(lines) >= max_rows - 1
        top = (vertical < max(2, max_rows // 2) and not reaches_bottom) if teletext else vertical < 50
        column = {1: 1, 3: 3}.get(justification, 2)
        cue = Cue(
            to_ms(max(start - start_of_programme, 0), fps),
            to_ms(max(end - start_of_programme, 0), fps),
            to_markup(lines, (7 if top else 1) + column - 1),
            str(number + 1),
        )
        cues.append(cue)
    if text:
        diagnostics.append(
            Diagnostic("S001", "the last subtitle's extension blocks never end (no block with EBN FF); not read", None)
        )
    if unknown:
        shown = ", ".join(f"0x{byte:02X} x{count}" for byte, count in sorted(unknown.items()))
        diagnostics.append(
            Diagnostic(
                "S001", f"bytes that are no character of the Latin alphabet were skipped: {shown}", None, "warning"
            )
        )
    language = LANGUAGES.get(gsi[14:16].decode("latin-1").upper())
    track = Track(cues=cues, diagnostics=diagnostics, language=language)
    track.properties.update(
        {
            "fps": str(fps),
            "max_columns": str(max_columns),
            "max_rows": str(max_rows),
            "title": _field(gsi, 16, 48, codec) or _field(gsi, 80, 112, codec),
            "display": "teletext" if teletext else "open",
        }
    )
    return track


def _number(field: bytes) -> int | None:
    try:
        return int(field.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        return None


def _timecode(field: bytes, fps: Fraction) -> int:
    """Frames of a GSI `HHMMSSFF` timecode (start of programme); 0 when absent or unreadable."""
    try:
        text = field.decode("ascii")
        hours, minutes, seconds, frames = int(text[0:2]), int(text[2:4]), int(text[4:6]), int(text[6:8])
    except (UnicodeDecodeError, ValueError):
        return 0
    return ((hours * 60 + minutes) * 60 + seconds) * round(fps) + frames


def _tc(field: bytes, fps: Fraction) -> int | None:
    hours, minutes, seconds, frames = field
    if minutes > 59 or seconds > 59 or frames >= round(fps):
        return None
    return ((hours * 60 + minutes) * 60 + seconds) * round(fps) + frames


# ----------------------------------------------------------------------------------------------- writing


def _encode_runs(line: list[Run], lost: Counter[str]) -> bytes:
    out = bytearray([DOUBLE_HEIGHT])
    italic = underline = False
    color: str | None = None
    for run in line:
        wanted = run.color if run.color in _COLORS and run.color != "#ffffff" else None
        if run.color and run.color not in _COLORS:
            lost[f"colour {run.color}"] += 1
        if run.bold:
            lost["bold"] += 1
        if wanted != color:
            out.append(_COLORS.index(wanted or "#ffffff"))
            color = wanted
        if run.italic != italic:
            out.append(ITALIC_ON if run.italic else ITALIC_OFF)
            italic = run.italic
        if run.underline != underline:
            out.append(UNDERLINE_ON if run.underline else UNDERLINE_OFF)
            underline = run.underline
        for char in run.text:
            encoded = encode_char(char)
            if encoded is None:
                lost[f"{char!r} (not in ISO 6937)"] += 1
                encoded = b"?"
            out += encoded
    if italic:
        out.append(ITALIC_OFF)
    if underline:
        out.append(UNDERLINE_OFF)
    return bytes(out)


def _substitute(text: str, lost: Counter[str], unknown: bool = False) -> str:
    """Characters ISO 6937 lacks: their fallback (`…` as `...`), and with `unknown` the others as `?`."""
    if all(char in _ENCODE for char in text):
        return text
    out = []
    for char in text:
        if encode_char(char) is None and char in FALLBACK:
            lost[f"{char!r} written as {FALLBACK[char]!r}"] += 1
            out.append(FALLBACK[char])
        elif unknown and char != "\n" and encode_char(char) is None:
            lost[f"{char!r} (not in ISO 6937)"] += 1
            out.append("?")
        else:
            out.append(char)
    return "".join(out)


def _gsi(track: Track, fps: Fraction, blocks: int, subtitles: int, title: str) -> bytes:
    code = _LANGUAGE_CODES.get((track.language or "").split("-")[0].lower(), "00")
    today = date.today().strftime("%y%m%d")

    def text(value: str, size: int) -> bytes:
        return value.encode("cp850", errors="replace")[:size].ljust(size, b" ")

    fields = [
        b"850",
        b"STL30.01" if fps == NTSC else b"STL25.01",
        b"1",
        b"00",
        code.encode("ascii"),
        text(title, 32),
        text("", 32),
        text(title, 32),
        text("", 32),
        text("", 32),
        text("", 32),
        text("", 16),
        today.encode(),
        today.encode(),
        b"00",
        f"{blocks:05d}".encode(),
        f"{subtitles:05d}".encode(),
        b"001",
        f"{MAX_COLUMNS:02d}".encode(),
        f"{MAX_ROWS:02d}".encode(),
        b"1",
        b"00000000",
        b"00000000",
        b"1",
        b"1",
        b"   ",
        text("", 32),
        text("subkit", 32),
        text("", 32),
        b" " * 75,
        b" " * 576,
    ]
    gsi = b"".join(fields)
    assert len(gsi) == GSI_SIZE, len(gsi)
    return gsi


def dump(track: Track, options: object, fmt: str = "stl") -> object:
    """EBU-STL bytes: teletext Level-1 subtitles, Latin alphabet, 25 fps unless 29.97 is asked for."""
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    # substitutes first ("…" is wider as "...", a tab is no space once a "?"): the layout must be
    # that of the characters written
    track = track.with_cues([cue.copy(text=_substitute(cue.text, lost, unknown=True)) for cue in track.cues])
    track = rewrap(track, MAX_COLUMNS - 2, changed)  # the double-height code and a colour code share the row
    items = prepare(track, options.origin, lost)
    wanted = options.fps or (Fraction(track.properties["fps"]) if "fps" in track.properties else Fraction(25))
    fps = NTSC if wanted in (NTSC, Fraction(30)) else Fraction(25)
    if wanted != fps and wanted != Fraction(30):
        changed[f"frame rate {float(wanted):g} written as 25 (STL holds 25 or 30)"] += 1
    blocks: list[bytes] = []
    subtitles = 0
    for cue, item in zip(track.cues, items):
        lines = [
            [Run(_substitute(r.text, lost), r.italic, r.bold, r.underline, r.color) for r in line]
            for line in item.lines
            if any(r.text.strip() for r in line)
        ]  # an empty row does not read back
        # a row is 40 cells: the double-height code, colour codes, then the text
        codes = max(
            (sum(1 for a, b in zip([None, *line], line) if (a.color if a else None) != b.color) for line in lines),
            default=0,
        )
        # as narrow as `rewrap` (which leaves room for one colour code), so a row read back is not re-broken
        lines, over = fit_rows(lines, MAX_COLUMNS - 2 - max(0, codes - 1))
        if over:
            changed[f"rows over {MAX_COLUMNS} cells re-broken"] += over
        if not any(lines):
            changed["empty cues not written"] += 1
            continue
        if len(lines) > MAX_ROWS // 2:
            changed[f"subtitles over {MAX_ROWS // 2} double-height rows"] += 1
        text = bytes([NEWLINE, NEWLINE]).join(_encode_runs(line, lost) for line in lines)
        vertical = (item.position - 1) // 3
        rows = 2 * len(lines)
        vp = 1 if vertical == 2 else max(1, 12 - rows // 2) if vertical == 1 else max(1, 24 - rows)
        justification = (item.position - 1) % 3 + 1
        start, end = to_frame(cue.start, fps), to_frame(max(cue.end, cue.start), fps)
        chunks = [text[i : i + TF_SIZE] for i in range(0, len(text), TF_SIZE)] or [b""]
        # never split a diacritic from its letter between two blocks
        for index in range(len(chunks) - 1):
            if chunks[index] and chunks[index][-1] in DIACRITICS:
                chunks[index + 1] = chunks[index][-1:] + chunks[index + 1]
                chunks[index] = chunks[index][:-1]
        for index, chunk in enumerate(chunks):
            ebn = 0xFF if index == len(chunks) - 1 else index
            blocks.append(
                struct.pack("<BHBB", 0, subtitles % 65536, ebn, 0)
                + _stl_tc(start, fps)
                + _stl_tc(end, fps)
                + bytes([vp, justification, 0])
                + chunk.ljust(TF_SIZE, bytes([UNUSED]))
            )
        subtitles += 1
    title = track.properties.get("title") or (Path(track.source.path).stem if track.source else "")
    data = _gsi(track, fps, len(blocks), subtitles, title) + b"".join(blocks)
    return Written(data, lost, changed)


def _stl_tc(frame: int, fps: Fraction) -> bytes:
    base = round(fps)
    seconds, frames = divmod(frame, base)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return bytes([min(hours, 255), minutes, seconds, frames])
