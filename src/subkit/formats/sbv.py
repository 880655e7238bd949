"""YouTube SubViewer (`.sbv`): `0:00:24.000,0:00:26.960`, the text, a blank line. No markup at all.

Small enough to read and write here; pysubs2 does not know the format. Tags cannot be written
and are reported, counted; a block whose timing line cannot be read is reported by line.
"""

from __future__ import annotations

import re
from collections import Counter

from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import prepare
from subkit.markup import escape_plain
from subkit.model import Cue, Diagnostic, Track

#: A blank file is an SBV track with no cues (and is how one is written).
EMPTY_FILE_IS_A_TRACK = True
_TIMING = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*,\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*$")


def _ms(hours: str, minutes: str, seconds: str, fraction: str) -> int | None:
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0"))


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "sbv") -> Track:
    """Cues from SBV text; a block without a readable timing line is reported and skipped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    cues: list[Cue] = []
    diagnostics: list[Diagnostic] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        first = index
        while index < len(lines) and lines[index].strip():
            index += 1
        block = lines[first:index]
        match = _TIMING.match(block[0])
        start = _ms(*match.group(1, 2, 3, 4)) if match else None
        end = _ms(*match.group(5, 6, 7, 8)) if match else None
        if start is None or end is None:
            diagnostics.append(
                Diagnostic("S001", f"cannot read timing line, block skipped: {' / '.join(block)[:80]!r}", first + 1)
            )
            continue
        cues.append(Cue(start, end, escape_plain("\n".join(block[1:])), None, "", first + 1))
    return Track(cues=cues, diagnostics=diagnostics)


def _time(ms: int) -> str:
    hours, rest = divmod(max(ms, 0), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def dump(track: Track, options: object, fmt: str = "sbv") -> object:
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    items = prepare(track, options.origin, lost)
    for item in items:  # counted in cues, as a person would look for them
        runs = [run for line in item.lines for run in line]
        for name, on in (
            ("italics", any(r.italic for r in runs)),
            ("bold", any(r.bold for r in runs)),
            ("underline", any(r.underline for r in runs)),
            ("colour", any(r.color for r in runs)),
            ("positions", item.position != 2),
        ):
            if on:
                lost[name] += 1
    blocks = []
    for cue, item in zip(track.cues, items):
        text = "\n".join(line for line in item.plain_lines)
        # a blank line would end the block: keep the text, drop the empty line
        text = "\n".join(line for line in text.split("\n") if line.strip()) or " "
        blocks.append(f"{_time(cue.start)},{_time(cue.end)}\n{text}\n")
    output = "\n".join(blocks)
    return Written(output if options.newline == "\n" else output.replace("\n", options.newline), lost)
