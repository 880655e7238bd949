"""SubRip (.srt): a tolerant, located reader and a pysrt-backed writer.

Why our own reader: pysrt drops text after a blank line, merges cues when a blank line is
missing, reads `00:0a:01,000` as one second and reports no line numbers (docs/libraries.md §0).
This reader walks the lines once, keeps every character either in a cue or in a located
diagnostic, and goes on after a broken block. Writing goes through pysrt's item serialiser.
"""

from __future__ import annotations

import io
import re

from subkit.markup import SRT_TAG, TAG, from_raw_srt, to_raw_srt, unescape
from subkit.model import Cue, Diagnostic, Track

#: A blank file is an SRT track with no cues (and is how one is written).
EMPTY_FILE_IS_A_TRACK = True

# Tolerances, each seen in real deliveries:
# - `.` or full-width `，` instead of `,` before the milliseconds; 1-3 digits of fraction
#   (read as a decimal fraction: `,5` is 500 ms); missing milliseconds;
# - any amount of spaces around the arrow, one-digit minutes/seconds, hours over 99;
# - SRT coordinates (`X1:... Y2:...`) after the end time are kept in the cue settings.
_TIME = r"(\d+):(\d{1,2}):(\d{1,2})(?:[,.，](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+(.*?))?\s*$")
_COUNTER = re.compile(r"^\s*-?\d+\.?\s*$")
#: a time written with `.` or `，` before its milliseconds (read, but reported as S006)
_DOT_SEPARATOR = re.compile(r"\d:\d{1,2}[.，]\d")
# A line that was meant as a timing line even if it cannot be read: an arrow, or two times.
# (`(?<!\d)` starts the times at the first digit of a run: without it a long run of digits
# is tried from every position, which is quadratic.)
_ARROWISH = re.compile(r"-->|\d\s*-+>\s*\d|(?<!\d)\d+:\d+:\d+[,.]\d+\s+\S*\s*\d+:\d+:\d+")


def _ms(h: str, m: str, s: str, frac: str | None) -> int | None:
    minutes, seconds = int(m), int(s)
    if minutes > 59 or seconds > 59:
        return None
    millis = int((frac or "0").ljust(3, "0"))
    return int(h) * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis


def _orphan_counter(lines: list[str], index: int) -> bool:
    """A counter line after a blank line, with text but no timing line after it: a cue whose
    timing line is missing. Its text belongs to no cue (reported), not to the cue before it.
    """
    return (
        _COUNTER.match(lines[index]) is not None
        and index + 1 < len(lines)
        and bool(lines[index + 1].strip())
        and not _ARROWISH.search(lines[index + 1])
    )


def parse(text: str, path: str = "<string>") -> Track:
    """Cues and diagnostics from SRT text (already decoded; any newline convention)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    count = len(lines)
    cues: list[Cue] = []
    diagnostics: list[Diagnostic] = []
    arrowish = _ARROWISH.search
    counter_like = _COUNTER.match

    def starts_block(index: int) -> bool:
        line = lines[index]
        if "-" in line and arrowish(line):
            return True
        return bool(index + 1 < count and counter_like(line) and "-" in lines[index + 1] and arrowish(lines[index + 1]))

    dotted: list[int] = []
    index = 0
    while index < count:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        block_line = index + 1
        counter: str | None = None
        if "-" in line and arrowish(line):
            timing_index = index
        elif index + 1 < count and "-" in lines[index + 1] and arrowish(lines[index + 1]):
            counter = line.strip()
            timing_index = index + 1
        else:
            end = index
            while end < count and lines[end].strip() and not (end > index and starts_block(end)):
                end += 1
            stray = " / ".join(lines[index:end])
            what = "cue without a timing line" if _orphan_counter(lines, index) else "text outside any cue"
            diagnostics.append(Diagnostic("S001", f"{what}, not read: {stray!r}", block_line))
            index = end
            continue
        text_lines: list[str] = []
        cursor = timing_index + 1
        while cursor < count:
            current = lines[cursor]
            if not current.strip():
                following = cursor
                while following < count and not lines[following].strip():
                    following += 1
                if following >= count or starts_block(following) or _orphan_counter(lines, following):
                    cursor = following
                    break
                # A blank line inside the text: pysrt would drop the rest; we keep it.
                diagnostics.append(
                    Diagnostic(
                        "S001",
                        "blank line inside cue text; the lines after it are kept in the cue",
                        cursor + 1,
                        "warning",
                        len(cues) + 1,
                    )
                )
                cursor = following
                continue
            if starts_block(cursor):
                diagnostics.append(
                    Diagnostic("S001", "no blank line before this cue", cursor + 1, "warning", len(cues) + 2)
                )
                break
            text_lines.append(current)
            cursor += 1
        match = _TIMING.match(lines[timing_index])
        start = end_ms = None
        if match:
            start = _ms(*match.group(1, 2, 3, 4))
            end_ms = _ms(*match.group(5, 6, 7, 8))
        if start is None or end_ms is None:
            shown = " / ".join([lines[timing_index], *text_lines])
            diagnostics.append(Diagnostic("S001", f"cannot read timing line, cue skipped: {shown!r}", block_line))
        else:
            if "." in lines[timing_index] or "，" in lines[timing_index]:
                if _DOT_SEPARATOR.search(lines[timing_index]):
                    dotted.append(timing_index + 1)
            settings = match.group(9) or "" if match else ""
            cues.append(Cue(start, end_ms, from_raw_srt("\n".join(text_lines)), counter, settings, block_line))
        index = cursor
    if dotted:
        more = f" ({len(dotted)} timing lines, the first at line {dotted[0]})" if len(dotted) > 1 else ""
        diagnostics.append(
            Diagnostic(
                "S006", f"timing written with '.' before the milliseconds{more}; SRT uses ','", dotted[0], "warning"
            )
        )
    return Track(cues=cues, diagnostics=diagnostics)


def dump(track: Track, newline: str = "\n") -> str:
    """SRT text with counters 1..N, through pysrt's writer; `settings` are SRT coordinates (X1:...)."""
    import pysrt  # noqa: PLC0415 - keeps `subkit --version` from paying for it

    time = pysrt.SubRipTime.from_ordinal
    items = [
        pysrt.SubRipItem(
            number, time(cue.start), time(cue.end), to_raw_srt(cue.text).replace("\n\n", "\n"), position=cue.settings
        )
        for number, cue in enumerate(track.cues, 1)
    ]
    buffer = io.StringIO()
    pysrt.SubRipFile(items).write_into(buffer, eol=newline)
    return buffer.getvalue()


#: An invisible character that keeps text from being read as structure (it is not white space
#: and joins what it stands between, so nothing a viewer sees changes).
WORD_JOINER = "\u2060"
#: C0 controls that make a file look binary to the reader (tab, line feed, form feed excepted)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_TIME_COLON = re.compile(r"(?<=\d):(?=\d)")


def fit(markup: str) -> tuple[str, list[str]]:
    """The cue text as an SRT file can hold it, and what had to change (one reason per change).

    SRT has no escaping, so its reader cannot tell text from structure: a line of only white
    space ends the cue, a line that looks like a timing line starts the next cue, and `<i>`
    written as text comes back as a tag. Such lines are removed, or a word joiner (U+2060) goes
    where it keeps them text; C0 control characters, which make a file look binary, become
    U+FFFD. Reading the written cue gives back exactly the text returned here.
    """
    text = markup
    reasons: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("\ufffd", text)
        reasons.append("control characters (replaced by U+FFFD)")
    lines = text.split("\n")
    kept = [line for line in lines if line.strip()]
    if len(kept) != len(lines) and text:
        text = "\n".join(kept)
        reasons.append("blank lines inside a cue (removed)")
    raw, literal = _raw_and_literal_brackets(text)
    fixed = raw
    # `<` written as text where the reader would see the start of a tag
    tag_like = [match.start() for match in SRT_TAG.finditer(raw) if match.start() in literal] if literal else []
    if tag_like:
        for start in reversed(tag_like):
            fixed = fixed[: start + 1] + WORD_JOINER + fixed[start + 1 :]
        reasons.append("text that reads as a tag (a word joiner U+2060 keeps it text)")
    if "-" in fixed and any("-" in line and _ARROWISH.search(line) for line in fixed.split("\n")):
        fixed = "\n".join(_defuse_timing(line) for line in fixed.split("\n"))
        reasons.append("lines that read as timing lines (a word joiner U+2060 keeps them text)")
    return (text if fixed == raw else from_raw_srt(fixed)), reasons


def _raw_and_literal_brackets(markup: str) -> tuple[str, set[int]]:
    """SRT text of `markup`, and the positions in it of each `<` that is text rather than a tag."""
    if "&lt;" not in markup:
        return to_raw_srt(markup), set()
    out: list[str] = []
    literal: set[int] = set()
    position = last = 0
    for match in [*TAG.finditer(markup), None]:
        piece = unescape(markup[last : match.start() if match else len(markup)])
        index = piece.find("<")
        while index >= 0:
            literal.add(position + index)
            index = piece.find("<", index + 1)
        out.append(piece)
        position += len(piece)
        if match:
            out.append(match.group(0))
            position += len(match.group(0))
            last = match.end()
    return "".join(out), literal


def _defuse_timing(line: str) -> str:
    """A text line that the reader would take for a timing line, made text with word joiners."""
    if "-" not in line or not _ARROWISH.search(line):
        return line
    line = line.replace("->", "-" + WORD_JOINER + ">")
    if _ARROWISH.search(line):
        line = _TIME_COLON.sub(":" + WORD_JOINER, line)
    return line
