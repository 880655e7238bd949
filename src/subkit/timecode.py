"""Times in and out of text: subtitle timestamps, command-line durations, exact frame rates.

Frame rates are `Fraction`s so that 23.976 means exactly 24000/1001: a float 23.976 drifts by
about 70 ms over a 52-minute programme.

>>> parse_time("00:01:02,500")
62500
>>> parse_time("-1500ms")
-1500
>>> parse_time("2.5s")
2500
>>> parse_time("75f", fps=parse_fps("25"))
3000
>>> format_srt(3723004)
'01:02:03,004'
>>> format_vtt(62500)
'00:01:02.500'
>>> parse_fps("23.976")
Fraction(24000, 1001)
"""

from __future__ import annotations

import re
from fractions import Fraction

from subkit.errors import ValueProblem

#: NTSC-family rates written as decimals mean the exact 1000/1001 ratios.
_NTSC = {
    "23.976": Fraction(24000, 1001),
    "23.98": Fraction(24000, 1001),
    "29.97": Fraction(30000, 1001),
    "47.952": Fraction(48000, 1001),
    "59.94": Fraction(60000, 1001),
    "119.88": Fraction(120000, 1001),
}

_CLOCK = re.compile(r"^(?P<sign>[-+]?)(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[,.](?P<ms>\d{1,3}))?$")
_UNIT = re.compile(r"^(?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?P<unit>ms|s|f|m|h)?$")


class TimecodeError(ValueProblem):
    """A time or frame rate that cannot be understood; the message says what was expected."""


def parse_fps(text: str | float | Fraction) -> Fraction:
    """An exact frame rate: `25`, `23.976` (=24000/1001), `30000/1001`."""
    if isinstance(text, Fraction):
        value = text
    elif isinstance(text, (int, float)):
        value = _NTSC.get(f"{text:g}", Fraction(str(text)))
    else:
        cleaned = text.strip()
        if cleaned in _NTSC:
            value = _NTSC[cleaned]
        else:
            try:
                value = Fraction(cleaned)
            except (ValueError, ZeroDivisionError):
                raise TimecodeError(f"not a frame rate: {text!r} (expected e.g. 25, 23.976, 30000/1001)") from None
    if value <= 0:
        raise TimecodeError(f"frame rate must be positive: {text!r}")
    return value


def round_ratio(numerator: int, denominator: int) -> int:
    """`numerator / denominator` (denominator > 0) rounded half away from zero, in integers only.

    The same answer as `round_half_up(Fraction(numerator, denominator))` without building a
    Fraction (a gcd and several allocations each): QC converts every cue time this way.

    >>> round_ratio(5, 2), round_ratio(-5, 2), round_ratio(1001, 1000)
    (3, -3, 1)
    """
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((denominator - 2 * numerator) // (2 * denominator))


def round_half_up(value: Fraction | int | float) -> int:
    """Round an exact value to the nearest integer, halves away from zero (no banker's rounding)."""
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return round_ratio(value.numerator, value.denominator)
    if value >= 0:
        return int(value + Fraction(1, 2))
    return -int(-value + Fraction(1, 2))


def frames_to_ms(frames: int | Fraction, fps: Fraction) -> int:
    if isinstance(frames, int):
        return round_ratio(frames * 1000 * fps.denominator, fps.numerator)
    return round_half_up(Fraction(frames) * 1000 / fps)


def ms_to_frames(ms: int, fps: Fraction) -> Fraction:
    """Exact (possibly fractional) frame count for a time."""
    return Fraction(ms) * fps / 1000


def parse_time(text: str, fps: Fraction | None = None) -> int:
    """Milliseconds from `00:01:02,500`, `01:02.5`, `2.5s`, `-1500ms`, `75f`, `1.5m` or a bare number of seconds."""
    cleaned = text.strip()
    clock = _CLOCK.match(cleaned)
    if clock:
        fraction = clock["ms"] or "0"
        ms = (
            int(clock["h"] or 0) * 3_600_000
            + int(clock["m"]) * 60_000
            + int(clock["s"]) * 1000
            + int(fraction.ljust(3, "0"))
        )
        return -ms if clock["sign"] == "-" else ms
    unit = _UNIT.match(cleaned)
    if not unit:
        raise TimecodeError(f"not a time: {text!r} (expected e.g. 2.5s, -1500ms, 00:01:02,500, 00:01:02.500, 75f)")
    number = Fraction(unit["num"])
    kind = unit["unit"] or "s"
    if kind == "f":
        if fps is None:
            raise TimecodeError(f"{text!r} is in frames but no frame rate is known", option="fps", missing=True)
        if number.denominator != 1:
            raise TimecodeError(f"frames must be a whole number: {text!r}")
        return frames_to_ms(number, fps)
    scale = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[kind]
    return round_half_up(number * scale)


def _split(ms: int) -> tuple[int, int, int, int]:
    ms = max(ms, 0)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return hours, minutes, seconds, millis


def format_srt(ms: int) -> str:
    """`HH:MM:SS,mmm`; negative times cannot be written and show as zero."""
    hours, minutes, seconds, millis = _split(ms)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def format_vtt(ms: int) -> str:
    """`HH:MM:SS.mmm`, always with hours so every player reads it."""
    hours, minutes, seconds, millis = _split(ms)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def format_duration(ms: int) -> str:
    """A human duration for messages: `1.4 s`, `52:03`, `1:02:03`."""
    if abs(ms) < 60_000:
        return f"{ms / 1000:.1f} s"
    hours, minutes, seconds, _ = _split(abs(ms))
    sign = "-" if ms < 0 else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes}:{seconds:02d}"
