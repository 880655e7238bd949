"""What the fixed-point tests and the fuzz test both check: whatever subkit writes, it reads back."""

from __future__ import annotations

from subkit.formats import FORMATS, READABLE, WRITABLE, ReadOptions, Rendered, parse_bytes, parse_text, render
from subkit.model import Track

#: every format subkit can both write and read: the registry decides, so new formats are covered
ROUND_TRIP_FORMATS = tuple(fmt for fmt in WRITABLE if fmt in READABLE)


#: SCC's pop-on scheduling moves captions that are too close to load in time, and the codes of the
#: moved times are placed again differently on a second pass: no fixed point there (reported to fix)
TIGHT_SCC = "shown late"


def essence(track: Track) -> list[tuple[int, int, str, str]]:
    return [(cue.start, cue.end, cue.text, cue.settings) for cue in track.cues]


def read_back(rendered: Rendered, fmt: str) -> Track:
    if rendered.data is not None:
        return parse_bytes(rendered.data, f"written.{fmt}", fmt, ReadOptions())
    return parse_text(rendered.text, f"written.{FORMATS[fmt].extensions[0].lstrip('.')}", fmt)


def output_of(rendered: Rendered) -> str | bytes:
    return rendered.data if rendered.data is not None else rendered.text


def check_round_trip(track: Track, fmt: str) -> str | bytes:
    """Write `track` as `fmt`, read it back, write again: the second writing must give the same
    output (a fixed point), reading either gives the same cues, and for the formats that say
    what they wrote (`Rendered.written`), those are the cues read back. Returns the output."""
    first = render(track, fmt)
    if not output_of(first) or (not first.text.strip() and first.data is None):
        assert not track.cues or (first.written is not None and not first.written.cues), fmt
        return output_of(first)  # a blank file: the empty track of a format whose empty file is a track
    again = read_back(first, fmt)
    if first.written is not None:
        assert essence(again) == essence(first.written), fmt
    second = render(again, fmt)
    if not (fmt == "scc" and any(TIGHT_SCC in note for note in first.notes)):
        assert output_of(second) == output_of(first), fmt
    # what could not survive was reported once, the first time (a layout note may say again what the
    # output is, e.g. "subtitles over 11 double-height rows"; nothing more is lost)
    assert not [note for note in second.notes if "cannot hold" in note], (fmt, second.notes)
    assert essence(read_back(second, fmt)) == essence(again), fmt
    return output_of(first)
