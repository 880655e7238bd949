"""Everything the rules share about one track, computed once.

Visible text, line lengths and character counts are needed by half the rules; computing them
once per cue keeps a whole-track check linear and fast (a 52-minute track is ~650 cues).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from subkit.counting import count_graphemes
from subkit.markup import visible_text
from subkit.model import Cue, Track
from subkit.qc.config import Thresholds


@dataclass(slots=True)
class CueView:
    """One cue as the rules see it."""

    cue: Cue
    #: 0-based position in the track
    index: int
    #: what a viewer reads, line by line (tags removed, escapes resolved)
    lines: list[str]
    #: grapheme count of each visible line
    lengths: list[int]
    #: characters for reading speed (all lines, line breaks excluded)
    chars: int
    words: int

    @property
    def visible(self) -> str:
        return "\n".join(self.lines)


def view_of(cue: Cue, index: int) -> CueView:
    lines = visible_text(cue.text).split("\n")
    lengths = [count_graphemes(line) for line in lines]
    return CueView(cue, index, lines, lengths, sum(lengths), sum(len(line.split()) for line in lines))


@dataclass(slots=True)
class Context:
    track: Track
    thresholds: Thresholds
    #: declared language of the track (base code, e.g. "fr"), or None
    lang: str | None
    fps: Fraction
    profile: str
    duration_ms: int | None = None
    source: Track | None = None
    views: list[CueView] = field(default_factory=list)
    #: shot changes of the video (ms, sorted), when given: T009/T010 need them
    shots: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not self.views:
            self.views = [view_of(cue, index) for index, cue in enumerate(self.track.cues)]

    @property
    def min_gap_ms(self) -> int:
        """The profile's minimum gap in frames, in ms at this frame rate (2 frames at 25 fps = 80).

        Rounded down: two times on the 29.97 grid that are 2 frames apart are 66 or 67 ms apart
        (66.73 exactly), and both are the legal gap.
        """
        return int(Fraction(self.thresholds.min_gap_frames) * 1000 / self.fps)
