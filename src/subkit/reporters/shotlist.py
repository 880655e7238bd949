"""A plain list of shot changes: one time a line (a timecode such as `00:01:02,480`, or seconds).

The shot-change reader of `subkit shots` files lives with the media code; the report only needs
the times, so it also accepts this simplest of lists (blank lines and `#` comments skipped).
"""

from __future__ import annotations

from fractions import Fraction

from subkit.errors import InputError
from subkit.timecode import TimecodeError, parse_time


def read_shot_times(path: str, fps: Fraction = Fraction(25)) -> list[int]:
    """Shot-change times in ms, sorted; a line that is not a time is an InputError at its line."""
    from subkit.fileio import decode, read_bytes  # noqa: PLC0415

    text = decode(read_bytes(path), path, None).text
    times = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        first = line.split()[0].rstrip(",;")
        try:
            times.append(parse_time(first, fps))
        except TimecodeError:
            raise InputError(f"not a time: {line[:40]!r} (one timecode or number of seconds a line)", path, number) from None
    return sorted(times)
