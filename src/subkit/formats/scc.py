"""Scenarist SCC: CEA-608 caption data (channel CC1) as hex words on 29.97 fps timecodes.

Why our own writer: ttconv's SCC route loses characters (`reçois ?` -> `reçoi ?`: a pop-on
row longer than 32 columns overwrites its last cell) and matched 238 of the sample's 726 texts
(docs/formats.md). This writer breaks rows at 32 columns at spaces (every word kept, reported),
writes French accents with the special and extended character sets (an extended character
follows a basic fallback that it replaces, as 608 decoders expect; both kinds are sent twice,
like control codes), and times every caption
frame-accurately at 29.97 drop-frame: the End Of Caption code that shows a caption stands first
on a line stamped with the cue's first frame, and the codes that load it are sent in the free
frames before it.

The reader runs a small 608 decoder (pop-on, paint-on and roll-up; displayed and
non-displayed memories) and reports bad parity, unknown codes and other channels by line and
word instead of stopping.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from subkit.errors import InputError
from subkit.formats.frames import NTSC, frame_to_label, label_to_frame, to_frame, to_ms
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, Styled, fit_rows, prepare, rewrap, to_markup
from subkit.markup import TAG, escape_plain, unescape
from subkit.model import Cue, Diagnostic, Track

COLUMNS = 32
ROWS = 15
HEADER = "Scenarist_SCC V1.0"
_TIMECODE = re.compile(r"^(\d\d):(\d\d):(\d\d)([:;.,])(\d\d)$")

# --- character sets (CEA-608 §6.4; the same tables ffmpeg and ttconv decode with) -------------------

#: basic characters that are not ASCII
_BASIC_SPECIAL = {
    0x2A: "á",
    0x5C: "é",
    0x5E: "í",
    0x5F: "ó",
    0x60: "ú",
    0x7B: "ç",
    0x7C: "÷",
    0x7D: "Ñ",
    0x7E: "ñ",
    0x7F: "█",
}
BASIC = {code: _BASIC_SPECIAL.get(code, chr(code)) for code in range(0x20, 0x80)}
#: special characters: 0x11 0x30-0x3F on CC1
SPECIAL = dict(zip(range(0x30, 0x40), "®°½¿™¢£♪à\u00a0èâêîôû"))
#: extended characters: 0x12 / 0x13 0x20-0x3F on CC1
EXTENDED_12 = dict(zip(range(0x20, 0x40), "ÁÉÓÚÜü‘¡*’—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»"))
EXTENDED_13 = dict(zip(range(0x20, 0x40), "ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤│ÅåØø┌┐└┘"))

_ENCODE: dict[str, tuple[int, ...]] = {}
for _code, _char in BASIC.items():
    _ENCODE.setdefault(_char, (_code,))
for _code, _char in SPECIAL.items():
    _ENCODE.setdefault(_char, (0x11, _code))
for _first, _table in ((0x12, EXTENDED_12), (0x13, EXTENDED_13)):
    for _code, _char in _table.items():
        _ENCODE.setdefault(_char, (_first, _code))
#: characters 608 cannot show, written as the nearest it can (the change is reported)
FALLBACK = {
    "…": "...",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "–": "-",
    "\u202f": " ",
    "\u2009": " ",
    "«\u00a0": "«",
    "\u2014": "—",
    "ÿ": "y",
    "Ÿ": "Y",
    "ö": "ö",
    "'": "'",
}
#: the basic character an extended one overwrites, for decoders that do not know the extended set
_BASE_OF = {
    "Á": "A",
    "É": "E",
    "Ó": "O",
    "Ú": "U",
    "Ü": "U",
    "ü": "u",
    "‘": "'",
    "¡": "!",
    "’": "'",
    "—": "-",
    "©": "c",
    "“": '"',
    "”": '"',
    "À": "A",
    "Â": "A",
    "Ç": "C",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "ë": "e",
    "Î": "I",
    "Ï": "I",
    "ï": "i",
    "Ô": "O",
    "Ù": "U",
    "ù": "u",
    "Û": "U",
    "«": '"',
    "»": '"',
    "Ã": "A",
    "ã": "a",
    "Í": "I",
    "Ì": "I",
    "ì": "i",
    "Ò": "O",
    "ò": "o",
    "Õ": "O",
    "õ": "o",
    "Ä": "A",
    "ä": "a",
    "Ö": "O",
    "ö": "o",
    "ß": "s",
    "Å": "A",
    "å": "a",
    "Ø": "O",
    "ø": "o",
}


def showable(char: str) -> bool:
    """Whether CEA-608 has this character (in its basic, special or extended set)."""
    return char in _ENCODE or char == " "


# --- control codes (CC1) -------------------------------------------------------------------------------

RCL, EDM, ENM, EOC, CR, RDC, RU2, RU3, RU4, BS, DER, TR, RTD, FON, AOF, AON = (
    0x20,
    0x2C,
    0x2E,
    0x2F,
    0x2D,
    0x29,
    0x25,
    0x26,
    0x27,
    0x21,
    0x24,
    0x2A,
    0x2B,
    0x28,
    0x22,
    0x23,
)
#: PAC first byte and second-byte base for rows 1-15 (CC1)
_ROW_CODES = {
    1: (0x11, 0x40),
    2: (0x11, 0x60),
    3: (0x12, 0x40),
    4: (0x12, 0x60),
    5: (0x15, 0x40),
    6: (0x15, 0x60),
    7: (0x16, 0x40),
    8: (0x16, 0x60),
    9: (0x17, 0x40),
    10: (0x17, 0x60),
    11: (0x10, 0x40),
    12: (0x13, 0x40),
    13: (0x13, 0x60),
    14: (0x14, 0x40),
    15: (0x14, 0x60),
}
_ROW_OF = {codes: row for row, codes in _ROW_CODES.items()}
_COLORS = ["#ffffff", "#00ff00", "#0000ff", "#00ffff", "#ff0000", "#ffff00", "#ff00ff"]


def _parity(byte: int) -> int:
    """The byte with its top bit set so that it has an odd number of 1 bits (608 sends odd parity)."""
    return byte | 0x80 if bin(byte).count("1") % 2 == 0 else byte


def _word(first: int, second: int) -> str:
    return f"{_parity(first):02x}{_parity(second):02x}"


def _parity_ok(byte: int) -> bool:
    return bin(byte).count("1") % 2 == 1


# ----------------------------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Cell:
    char: str
    italic: bool
    underline: bool
    color: str | None


@dataclass(slots=True)
class _Screen:
    rows: dict[int, dict[int, _Cell]] = field(default_factory=dict)

    def text_rows(self) -> list[tuple[int, int, list[Run]]]:
        out = []
        for row in sorted(self.rows):
            cells = self.rows[row]
            if not cells or all(cell.char == " " for cell in cells.values()):
                continue
            first = min(c for c, cell in cells.items() if cell.char != " ")
            last = max(c for c, cell in cells.items() if cell.char != " ")
            runs = []
            for column in range(first, last + 1):
                cell = cells.get(column, _Cell(" ", False, False, None))
                runs.append(Run(cell.char, cell.italic, False, cell.underline, cell.color))
            out.append((row, first, runs))
        return out


class _Decoder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.displayed = _Screen()
        self.hidden = _Screen()
        self.mode = "pop"
        self.roll_rows = 2
        self.row = 15
        self.column = 0
        self.italic = False
        self.underline = False
        self.color: str | None = None
        self.cues: list[Cue] = []
        self.diagnostics: list[Diagnostic] = []
        self.shown: tuple[int, int, str] | None = None  # start ms, source line, markup
        self.other_channel = 0
        self.line = 0

    # what is on screen changed at `ms`: close the caption shown so far, open the new one
    def refresh(self, ms: int, new_caption: bool = False) -> None:
        markup = self._markup(self.displayed)
        if self.shown is not None:
            start, line, text = self.shown
            if text == markup and not new_caption:  # an End Of Caption always starts a new caption
                return
            if ms > start and text:
                self.cues.append(Cue(start, ms, text, None, "", line))
        self.shown = (ms, self.line, markup) if markup else None

    @staticmethod
    def _markup(screen: _Screen) -> str:
        rows = screen.text_rows()
        if not rows:
            return ""
        lines = [runs for _, _, runs in rows]
        centres = [first + len(runs) / 2 for _, first, runs in rows]
        column = 1 if all(c < 12 for c in centres) else 3 if all(c > 20 for c in centres) else 2
        # The writer starts a top caption on row 2 (row 1 when it needs 14 rows), so a tall one
        # can reach below row 6; a bottom caption always ends on row 15.
        top = rows[-1][0] <= 6 or (rows[0][0] <= 2 and rows[-1][0] < ROWS)
        middle = not top and rows[0][0] <= 10 and rows[-1][0] <= 11
        position = (7 if top else 4 if middle else 1) + column - 1
        stripped = [[Run(r.text, r.italic, r.bold, r.underline, r.color) for r in line] for line in lines]
        return to_markup([_strip(line) for line in stripped], position)

    @property
    def target(self) -> _Screen:
        return self.hidden if self.mode == "pop" else self.displayed

    def put(self, char: str, ms: int) -> None:
        # Past column 32 a decoder overwrites the last cell; the reader keeps every character so
        # that `validate` can report the row (F001) instead of the text silently changing.
        self.target.rows.setdefault(self.row, {})[self.column] = _Cell(char, self.italic, self.underline, self.color)
        self.column += 1
        if self.mode != "pop":
            self.refresh(ms)

    def control(self, first: int, second: int, ms: int, where: str) -> bool:
        """Apply a CC1 control code; False when it is unknown."""
        if first in (0x14, 0x15) and 0x20 <= second <= 0x2F:
            self.misc(second, ms)
        elif first == 0x17 and 0x21 <= second <= 0x23:
            self.column = min(COLUMNS - 1, self.column + second - 0x20)
        elif first == 0x11 and 0x20 <= second <= 0x2F:  # mid-row: a spacing attribute
            self.set_style(second - 0x20, midrow=True)
            self.put(" ", ms)
        elif first == 0x11 and 0x30 <= second <= 0x3F:
            self.put(SPECIAL[second], ms)
        elif first in (0x12, 0x13) and 0x20 <= second <= 0x3F:
            # an extended character replaces the basic one sent before it
            self.column = max(0, self.column - 1)
            self.put((EXTENDED_12 if first == 0x12 else EXTENDED_13)[second], ms)
        elif (first, second & 0x60) in _ROW_OF and second >= 0x40:
            self.row = _ROW_OF[(first, second & 0x60)]
            bits = second & 0x1F
            if bits >= 0x10:
                self.column = (bits - 0x10) // 2 * 4
                self.set_style(0, midrow=False)
                self.underline = bool(bits & 1)
            else:
                self.column = 0
                self.set_style(bits, midrow=False)
            if self.mode == "roll":
                self.roll_base = self.row
        else:
            return False
        return True

    def set_style(self, bits: int, midrow: bool) -> None:
        self.underline = bool(bits & 1)
        if bits >> 1 == 7:
            self.italic = True
            if not midrow:
                self.color = None
        else:
            self.italic = False
            color = _COLORS[bits >> 1]
            self.color = None if color == "#ffffff" else color

    roll_base = 15

    def misc(self, code: int, ms: int) -> None:
        if code == RCL:
            self.mode = "pop"
        elif code == RDC:
            self.mode = "paint"
        elif code in (RU2, RU3, RU4):
            self.mode = "roll"
            self.roll_rows = code - RU2 + 2
            self.row = self.roll_base
            self.column = 0
        elif code == EDM:
            self.displayed = _Screen()
            self.refresh(ms)
        elif code == ENM:
            self.hidden = _Screen()
        elif code == EOC:
            self.displayed, self.hidden = self.hidden, self.displayed
            self.mode = "pop"
            self.refresh(ms, new_caption=True)
        elif code == CR and self.mode == "roll":
            rows = self.displayed.rows
            moved = {row - 1: cells for row, cells in rows.items() if self.row - self.roll_rows + 1 < row <= self.row}
            self.displayed.rows = moved
            self.column = 0
            self.refresh(ms)
        elif code == BS:
            self.column = max(0, self.column - 1)
            self.target.rows.get(self.row, {}).pop(self.column, None)
            if self.mode != "pop":
                self.refresh(ms)
        elif code == DER:
            cells = self.target.rows.get(self.row, {})
            for column in [c for c in cells if c >= self.column]:
                del cells[column]
        # TR, RTD (text service), FON, AOF, AON: nothing shown in a caption channel


def _strip(line: list[Run]) -> list[Run]:
    text = "".join(run.text for run in line)
    if not text.strip():
        return []
    out = list(line)
    while out and out[0].text == " ":
        out.pop(0)
    while out and out[-1].text == " ":
        out.pop()
    return out


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "scc") -> Track:
    """Cues from SCC text; bad parity, unknown codes and unreadable lines are reported and skipped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not lines[0].lstrip("\ufeff").startswith("Scenarist_SCC"):
        raise InputError("not an SCC file (no Scenarist_SCC header)", path, 1)
    decoder = _Decoder(path)
    diagnostics = decoder.diagnostics
    previous: tuple[int, int] | None = None
    last_frame = -1
    drop_seen = False
    for number, raw in enumerate(lines[1:], 2):
        line = raw.strip()
        if not line:
            continue
        stamp, _, words_text = line.partition("\t") if "\t" in line else line.partition(" ")
        match = _TIMECODE.match(stamp.strip())
        if not match:
            diagnostics.append(Diagnostic("S001", f"cannot read the timecode {stamp[:20]!r}; line skipped", number))
            continue
        hours, minutes, seconds, separator, frames = match.groups()
        drop = separator in ";,"
        drop_seen = drop_seen or drop
        if int(frames) >= 30 or int(seconds) >= 60 or int(minutes) >= 60:
            diagnostics.append(Diagnostic("S001", f"timecode {stamp} out of range; line skipped", number))
            continue
        frame = label_to_frame(int(hours), int(minutes), int(seconds), int(frames), NTSC, drop)
        if frame < last_frame:
            diagnostics.append(
                Diagnostic("S001", f"timecode {stamp} goes back in time; read in file order", number, "warning")
            )
        decoder.line = number
        previous = None
        bad_parity: list[str] = []
        unknown = 0
        for index, word in enumerate(words_text.split()):
            frame_now = max(frame + index, last_frame)
            ms = to_ms(frame_now, NTSC)
            if not re.fullmatch(r"[0-9a-fA-F]{4}", word):
                diagnostics.append(
                    Diagnostic("S001", f"word {index + 1} {word[:8]!r} is not 4 hex digits; skipped", number)
                )
                continue
            high, low = int(word[:2], 16), int(word[2:], 16)
            if not (_parity_ok(high) and _parity_ok(low)):
                bad_parity.append(f"{index + 1} ({word})")
                previous = None
                continue
            first, second = high & 0x7F, low & 0x7F
            if first == 0 and second == 0:
                previous = None
                continue
            if 0x10 <= first <= 0x1F:
                if (first, second) == previous:
                    previous = None  # the redundant second copy of a control code
                    continue
                previous = (first, second)
                if first >= 0x18:
                    decoder.other_channel += 1
                    continue
                if not decoder.control(first, second, ms, f"{number}:{index + 1}"):
                    unknown += 1
                continue
            previous = None
            for byte in (first, second):
                if byte >= 0x20:
                    decoder.put(BASIC[byte], ms)
                elif byte:
                    unknown += 1
        last_frame = max(last_frame, frame + len(words_text.split()) - 1)
        if bad_parity:
            shown = ", ".join(bad_parity[:5]) + (", ..." if len(bad_parity) > 5 else "")
            diagnostics.append(Diagnostic("S001", f"bad parity, skipped: word {shown}", number))
        if unknown:
            diagnostics.append(Diagnostic("S001", f"{unknown} unknown control code(s) skipped", number))
    decoder.refresh(to_ms(last_frame + 1, NTSC))
    if decoder.shown is not None:
        start, line_number, markup = decoder.shown
        diagnostics.append(
            Diagnostic(
                "S001",
                "the last caption is never erased; it ends 2 s after it appears",
                line_number,
                "warning",
                len(decoder.cues) + 1,
            )
        )
        decoder.cues.append(Cue(start, start + 2000, markup, None, "", line_number))
    if decoder.other_channel:
        diagnostics.append(
            Diagnostic(
                "S001",
                f"{decoder.other_channel} code(s) for caption channel CC2 not read (subkit reads CC1)",
                None,
                "warning",
            )
        )
    track = Track(cues=decoder.cues, diagnostics=diagnostics)
    track.properties["fps"] = str(NTSC)
    if drop_seen:
        track.properties["drop_frame"] = "yes"
    track.properties["max_columns"] = str(COLUMNS)
    return track


# ----------------------------------------------------------------------------------------------- writing


def _encode_char(char: str, lost: Counter[str]) -> list[tuple[str, tuple[int, ...]]]:
    """The 608 codes for one character: ('b', code) basic, ('x', first, second) special/extended."""
    if char in _ENCODE:
        codes = _ENCODE[char]
        if len(codes) == 1:
            return [("b", codes)]
        if codes[0] == 0x11:
            return [("x", codes)]
        return [("b", _ENCODE[_BASE_OF.get(char, " ")]), ("x", codes)]
    lost[f"{char!r} (not in CEA-608)"] += 1
    return [("b", (0x3F,))]  # '?': the character is reported, not silently dropped


def _substitute(text: str, lost: Counter[str], unknown: bool = False) -> str:
    """Characters 608 lacks: their fallback (`œ` as `oe`), and with `unknown` the others as `?`."""
    out = []
    for char in text:
        if char in _ENCODE or char in " \n":
            out.append(char)
        elif char in FALLBACK:
            out.append(FALLBACK[char])
            lost[f"{char!r} written as {FALLBACK[char]!r}"] += 1
        elif char == "\u00a0":
            out.append(" ")
        elif unknown:
            lost[f"{char!r} (not in CEA-608)"] += 1
            out.append("?")
        else:
            out.append(char)
    return "".join(out)


def _substitute_markup(markup: str, lost: Counter[str]) -> str:
    """`_substitute` on the text of cue markup (tags and escapes kept): before the layout, so that
    rows are laid out with the characters written (`œ` is two cells, a zero-width mark one `?`)."""
    out: list[str] = []
    last = 0
    for match in [*TAG.finditer(markup), None]:
        out.append(_substitute(unescape(markup[last : match.start() if match else len(markup)]), lost, unknown=True))
        if match:
            out.append(match.group(0))
            last = match.end()
    return "".join(out[i] if i % 2 else escape_plain(out[i]) for i in range(len(out)))


def _row_words(runs: list[Run], row: int, column: int, lost: Counter[str]) -> list[str]:
    """Words that place one row and write it: PAC, tab offset, style codes, characters."""
    words: list[str] = []
    italic_start = bool(runs) and runs[0].italic
    first_byte, base = _ROW_CODES[row]
    style_column = column
    if italic_start or (runs and (runs[0].underline or runs[0].color)):
        style_column = max(0, column - 1)  # a mid-row code takes the cell before the text
    if style_column == 0 and italic_start:
        words += [_word(first_byte, base + (0x0F if runs[0].underline else 0x0E))] * 2
        current: tuple[bool, bool, str | None] = (True, runs[0].underline, None)
    else:
        indent = style_column // 4
        words += [_word(first_byte, base + 0x10 + indent * 2)] * 2
        if style_column % 4:
            words += [_word(0x17, 0x20 + style_column % 4)] * 2
        current = (False, False, None)
    chars: list[tuple[str, tuple[int, ...]]] = []

    def flush_chars() -> None:
        index = 0
        while index < len(chars):
            kind, codes = chars[index]
            if kind == "x":
                # special and extended characters are sent twice, like control codes: a decoder
                # keeps one of two identical codes in a row (so `àà` is four codes), as ttconv reads them
                words.extend([_word(*codes)] * 2)
                index += 1
                continue
            if index + 1 < len(chars) and chars[index + 1][0] == "b":
                words.append(_word(codes[0], chars[index + 1][1][0]))
                index += 2
            else:
                words.append(_word(codes[0], 0))
                index += 1
        chars.clear()

    for number, run in enumerate(runs):
        wanted = (run.italic, run.underline, _nearest(run.color, lost) if not run.italic else None)
        if run.italic and run.color:
            lost["colour on italic text"] += 1
        if wanted != current:
            flush_chars()
            words += [_word(0x11, 0x20 + _style_bits(*wanted))] * 2
            current = wanted
            text = run.text
            if number and words and text.startswith(" "):
                text = text[1:]  # the style code's own cell is the space
        else:
            text = run.text
        if run.bold:
            lost["bold"] += 1
        for char in text:
            chars.extend(_encode_char(char, lost))
    flush_chars()
    return words


def _cells(line: list[Run]) -> int:
    """Columns a row takes: its characters, plus one for each style code that does not stand in
    for a space (a reader shows that code's cell as a space, so centring must count it)."""

    def style(run: Run) -> tuple[bool, bool, str | None]:
        color = run.color if run.color in _COLORS and run.color != "#ffffff" else None
        return run.italic, run.underline, None if run.italic else color

    extra = sum(
        1 for before, run in zip(line, line[1:]) if style(run) != style(before) and not run.text.startswith(" ")
    )
    return sum(len(run.text) for run in line) + extra


def _style_bits(italic: bool, underline: bool, color: str | None) -> int:
    if italic:
        return 0x0E + underline
    return _COLORS.index(color or "#ffffff") * 2 + underline


def _nearest(color: str | None, lost: Counter[str]) -> str | None:
    if color is None or color == "#ffffff":
        return None
    if color in _COLORS:
        return color
    lost[f"colour {color}"] += 1
    return None


def _shift_styles_to_spaces(line: list[Run]) -> tuple[list[Run], bool]:
    """Style changes moved onto a space: a 608 style code takes a cell, so it can only replace a space.

    A change inside a word (`<i>mot</i>,`) would push a space into the text; the comma takes the
    style of the word before it instead (reported as a layout change).
    """
    out: list[Run] = []
    moved = False
    for run in line:
        if out and not out[-1].same_style(run) and not run.text.startswith(" ") and not out[-1].text.endswith(" "):
            moved = True
            head, space, tail = run.text.partition(" ")
            previous = out[-1]
            out[-1] = Run(previous.text + head, previous.italic, previous.bold, previous.underline, previous.color)
            if space:
                out.append(Run(space + tail, run.italic, run.bold, run.underline, run.color))
            continue
        if out and not out[-1].same_style(run) and out[-1].text.endswith(" ") and not run.text.startswith(" "):
            # the style code's cell is the space: it goes with the run it starts, as a reader gives it back
            previous = out[-1]
            out[-1] = Run(previous.text[:-1], previous.italic, previous.bold, previous.underline, previous.color)
            run = Run(" " + run.text, run.italic, run.bold, run.underline, run.color)
            moved = True
        out.append(run)
    return out, moved


ENDS_MOVED = "caption ends one frame late (no free frame for the erase code)"


@dataclass(slots=True)
class _Line:
    frame: int
    words: list[str]


def _load_words(item: Styled, lost: Counter[str], changed: Counter[str]) -> list[str]:
    # a row with no text is not written (and could not be read back as one)
    lines, over = fit_rows(
        [
            [Run(_substitute(r.text, lost), r.italic, r.bold, r.underline, r.color) for r in line]
            for line in item.lines
            if any(r.text.strip() for r in line)
        ],
        COLUMNS,
    )
    if over:
        changed[f"rows over {COLUMNS} columns re-broken"] += over
    if len(lines) > ROWS:
        changed[f"rows beyond the screen's {ROWS} left out"] += len(lines) - ROWS
        lines = lines[:ROWS]
    count = len(lines)
    vertical = (item.position - 1) // 3
    top_row = 2 if count < ROWS - 1 else 1
    first_row = ROWS - count + 1 if vertical == 0 else top_row if vertical == 2 else max(1, 8 - count // 2)
    horizontal = (item.position - 1) % 3
    widths = [_cells(_shift_styles_to_spaces(line)[0]) for line in lines]
    # a reader tells left from right by where rows centre (as this module's does): a row too wide
    # to centre left or right of the middle is written centred, which is what reading would give
    if (horizontal == 0 and not all(1 + w / 2 < 12 for w in widths)) or (
        horizontal == 2 and not all(COLUMNS - w / 2 > 20 for w in widths)
    ):
        horizontal = 1
        changed["rows too wide to align left or right written centred"] += 1
    words = [_word(0x14, ENM)] * 2 + [_word(0x14, RCL)] * 2
    for offset, line in enumerate(lines):
        line, moved = _shift_styles_to_spaces(line)
        if moved:
            changed["style changes moved to a space"] += 1
        width = _cells(line)
        column = 1 if horizontal == 0 else COLUMNS - width if horizontal == 2 else (COLUMNS - width) // 2
        words += _row_words(line, first_row + offset, max(0, column), lost)
    return words


#: a little before 100 hours: the last time an SCC timecode (HH:MM:SS;FF) can say, with room for the codes
_LAST_MS = 100 * 3_600_000 - 5_000


def dump(track: Track, options: object, fmt: str = "scc") -> object:
    """SCC text: pop-on captions on CC1, 29.97 fps drop-frame timecodes."""
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    track = track.with_cues([cue.copy(text=_substitute_markup(cue.text, lost)) for cue in track.cues])
    track = rewrap(track, COLUMNS, changed)
    items = prepare(track, options.origin, lost)
    if options.fps is not None and options.fps != NTSC:
        changed[f"frame rate {float(options.fps):g} ignored (SCC is 29.97 fps)"] += 1
    cues = [(cue, item) for cue, item in zip(track.cues, items) if any(line.strip() for line in item.plain_lines)]
    if len(cues) < len(track.cues):
        changed["empty cues not written"] += len(track.cues) - len(cues)
    # timecodes have two digits of hours: a cue from 100 hours on cannot be written
    late_cues = [pair for pair in cues if pair[0].start >= _LAST_MS]
    if late_cues:
        lost["cues from 100 hours on (SCC timecodes stop at 99:59:59)"] += len(late_cues)
        cues = [pair for pair in cues if pair[0].start < _LAST_MS]
    cues = [
        (cue.copy(end=min(cue.end, _LAST_MS - 100)), item) if cue.end >= _LAST_MS else (cue, item) for cue, item in cues
    ]
    out: list[_Line] = []
    cursor = 0  # first frame not yet used by a code
    late = 0
    pending_clear: int | None = None  # frame of the previous caption's erase code

    def place(frame: int, words: list[str]) -> None:
        nonlocal cursor
        out.append(_Line(frame, words))
        cursor = frame + len(words)

    for index, (cue, item) in enumerate(cues):
        start = to_frame(cue.start, NTSC)
        load = _load_words(item, lost, changed)
        size = len(load)
        if pending_clear is not None:
            # The previous caption's erase code and this caption's loading share the gap before it.
            clear = [_word(0x14, EDM)] * (2 if pending_clear + 2 <= start else 1)
            clear_at = max(pending_clear, cursor)
            if clear_at + len(clear) + size <= start:
                place(clear_at, clear)
                place(start - size, load)
            elif cursor + size <= pending_clear:
                place(pending_clear - size, load)
                place(pending_clear, clear)
            else:
                # Neither fits whole: the erase code goes inside the loading line, at its own frame
                # (a line's codes take one frame each, so its position in the line is its time).
                begin = max(cursor, start - size - len(clear))
                split = min(max(pending_clear - begin, 0), size)
                while 0 < split < size and load[split] == load[split - 1] and load[split].startswith(("9", "1")):
                    # never between the two copies of a doubled code (the second would act again)
                    if begin > cursor:
                        begin, split = begin - 1, split + 1
                    else:
                        split += 1
                        changed[ENDS_MOVED] += 1
                place(begin, load[:split] + clear + load[split:])
            pending_clear = None
        else:
            place(max(cursor, start - size), load)
        shown = max(start, cursor)
        if shown > start:
            late += 1
        place(shown, [_word(0x14, EOC)] * 2)
        following = to_frame(cues[index + 1][0].start, NTSC) if index + 1 < len(cues) else None
        end = max(to_frame(cue.end, NTSC), shown + 1)
        if following is not None and following < end:
            changed["overlapping cues cut where the next begins"] += 1
        if following is None or following > end:
            pending_clear = max(end, cursor)
    if pending_clear is not None:
        place(max(pending_clear, cursor), [_word(0x14, EDM)] * 2)
    if late:
        changed["captions shown late (too little time to load them)"] += late
    nl = options.newline
    body = [HEADER, ""]
    for line in out:
        hours, minutes, seconds, frames = frame_to_label(line.frame, NTSC, True)
        body.append(f"{hours:02d}:{minutes:02d}:{seconds:02d};{frames:02d}\t{' '.join(line.words)}")
        body.append("")
    return Written(nl.join(body) + nl, lost, changed)


def fps_of(_: Track) -> Fraction:
    return NTSC
