"""What the fixed-point tests and the fuzz test both check: whatever subkit writes, it reads back."""

from __future__ import annotations

from subkit.formats import READABLE, WRITABLE, parse_text, render
from subkit.model import Track

#: every format subkit can both write and read: the registry decides, so new formats are covered
ROUND_TRIP_FORMATS = tuple(fmt for fmt in WRITABLE if fmt in READABLE)


def essence(track: Track) -> list[tuple[int, int, str, str]]:
    return [(cue.start, cue.end, cue.text, cue.settings) for cue in track.cues]


def check_round_trip(track: Track, fmt: str) -> str:
    """Write `track` as `fmt`, read it back, write again: the reading must give the cues that were
    written (`Rendered.written`) and the second writing the same text (a fixed point). Returns the text."""
    first = render(track, fmt)
    assert first.written is not None
    again = parse_text(first.text, f"written.{fmt}", fmt) if first.text.strip() or first.written.cues else None
    if again is None:  # a blank file: the empty track of a format whose empty file is a track
        assert not first.written.cues
        return first.text
    assert essence(again) == essence(first.written), fmt
    second = render(again, fmt)
    assert second.text == first.text, fmt
    assert not second.notes, (fmt, second.notes)  # what could not survive was reported once, the first time
    return first.text
