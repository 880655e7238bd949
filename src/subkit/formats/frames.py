"""Frame counts and SMPTE timecodes, for the formats that time cues in frames (SCC, EBU-STL, MicroDVD).

Drop-frame timecode (29.97 fps, `HH:MM:SS;FF`) skips the labels 00 and 01 at the start of every
minute except each tenth, so that the label keeps up with the clock; the frames themselves are
never dropped. Times in the model stay milliseconds; a frame is converted exactly once, with
round-half-up, so a time already on the grid comes back unchanged.
"""

from __future__ import annotations

from fractions import Fraction

from subkit.timecode import frames_to_ms, ms_to_frames, round_half_up

NTSC = Fraction(30000, 1001)


def to_frame(ms: int, fps: Fraction) -> int:
    return round_half_up(ms_to_frames(max(ms, 0), fps))


def to_ms(frame: int, fps: Fraction) -> int:
    return frames_to_ms(frame, fps)


def snap(ms: int, fps: Fraction) -> int:
    """The time of the frame nearest to `ms`: where a frame-based format puts it."""
    return to_ms(to_frame(ms, fps), fps)


def nominal(fps: Fraction) -> int:
    """Frames per timecode second: 30 for 29.97, 24 for 23.976."""
    return round_half_up(fps)


def frame_to_label(frame: int, fps: Fraction, drop: bool) -> tuple[int, int, int, int]:
    """(hours, minutes, seconds, frames) of a frame count; drop-frame labels for 29.97 when `drop`."""
    base = nominal(fps)
    if drop:
        per_ten = 17982  # frames in ten minutes of 29.97 drop-frame
        per_minute = 1798  # a minute whose labels 00 and 01 are skipped
        tens, rest = divmod(frame, per_ten)
        extra = 0 if rest < 2 else 2 * ((rest - 2) // per_minute)
        frame = frame + 18 * tens + extra
    seconds, frames = divmod(frame, base)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, frames


def label_to_frame(hours: int, minutes: int, seconds: int, frames: int, fps: Fraction, drop: bool) -> int:
    """The frame count of a timecode label (the inverse of `frame_to_label`)."""
    base = nominal(fps)
    total_minutes = hours * 60 + minutes
    frame = (total_minutes * 60 + seconds) * base + frames
    if drop:
        frame -= 2 * (total_minutes - total_minutes // 10)
    return frame
