"""Timed words: what every speech-recognition output is turned into before it becomes cues.

Each reader (Whisper, WhisperX, AWS, timed WebVTT, plain cues) only has to say what it found,
word by word, with times that may be missing or wrong and a location (`$.segments[3].words[2]`,
`line 12`) for each. `subkit.transcripts.timeline` then checks and repairs the times in one
place, so every format gets the same diagnostics for the same fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from subkit.model import Severity


@dataclass(slots=True)
class RawWord:
    """A word as a reader found it: times in ms, or None when missing or unusable."""

    text: str
    start: int | None
    end: int | None
    #: where it is in the input, for diagnostics: a JSON path or `line N`
    where: str
    confidence: float | None = None
    speaker: str | None = None
    italic: bool = False
    #: bounds of the enclosing segment or cue (ms), used to place words that have no times
    low: int | None = None
    high: int | None = None
    #: True when the reader knows this word carries no times of its own (segment-only JSON,
    #: a cue's text): it is placed by characters without a diagnostic for each word
    expected_untimed: bool = False
    #: whisper's convention: a word that does not start with a space continues the previous one
    glue: bool = False
    #: why the reader could not use the times it found ("start is a string"), for the diagnostic
    time_issue: str | None = None


@dataclass(slots=True)
class Word:
    """One recognised word with its spoken time span (ms) and what the recogniser said about it."""

    text: str
    start: int
    end: int
    where: str = ""
    confidence: float | None = None
    speaker: str | None = None
    italic: bool = False
    #: False when the times were placed by subkit (missing, unusable, or never given)
    timed: bool = True


@dataclass(slots=True)
class Problem:
    """Something wrong in the input, located, and what was done about it."""

    where: str
    message: str
    severity: Severity = "warning"


@dataclass(slots=True)
class Transcript:
    """The words of one input in spoken order, plus what the reader had to say about them."""

    words: list[Word]
    #: format it was read as: whisper, whisperx, aws, vtt, srt
    format: str
    path: str
    language: str | None = None
    problems: list[Problem] = field(default_factory=list)
    #: one-line remarks about the input as a whole ("no word times: placed by characters")
    notes: list[str] = field(default_factory=list)

    @property
    def untimed(self) -> int:
        return sum(1 for word in self.words if not word.timed)
