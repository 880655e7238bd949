"""The one in-memory shape every command shares: a Track of Cues, times in integer milliseconds.

Integer milliseconds (not floats, not timedelta) because every subtitle format stores
milliseconds, so reading, writing and comparing never round; retiming rounds exactly once.

Cue text is kept as *cue markup*: formatting tags stay as `<i>`, `</i>`, `<b>`, `<c.x>`, `<v Name>`,
`{\\an8}`...; lines are separated by `\\n`; the only escapes are `&amp;`, `&lt;` and `&gt;` (so a
literal `<` can never be mistaken for a tag); every other character is literal (NBSP is U+00A0,
not `&nbsp;`). Readers translate each format's own conventions into this and writers back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(slots=True)
class Cue:
    """One subtitle: what is shown, from `start` to `end` (ms)."""

    start: int
    end: int
    text: str
    id: str | None = None
    #: WebVTT cue settings exactly as written (`line:0 align:start`); "" when none.
    settings: str = ""
    #: 1-based line of the block in its source file (SRT counter line, VTT id/timing line).
    line: int | None = None
    #: WebVTT NOTE blocks that stood right before this cue, kept for a VTT round trip.
    notes: list[str] = field(default_factory=list)

    @property
    def duration(self) -> int:
        return self.end - self.start

    def copy(self, **changes: object) -> Cue:
        """A changed copy; operations return new cues instead of mutating shared ones."""
        new = replace(self, **changes)  # type: ignore[arg-type]
        if "notes" not in changes:
            new.notes = list(self.notes)
        return new


@dataclass(slots=True)
class Source:
    """Where a track came from and how it was stored, so reports and writers can say so."""

    path: str
    format: str
    encoding: str
    bom: bool = False
    newline: str = "\n"


@dataclass(slots=True)
class Diagnostic:
    """Something a reader noticed: a block it could not read, text it had to move, a lossy step.

    `code` is a contract rule code (S001 parse-error, S002 numbering, S003 encoding...) so that
    `validate` reports reader diagnostics like any other finding.
    """

    code: str
    message: str
    line: int | None = None
    severity: Severity = "error"
    cue: int | None = None


@dataclass(slots=True)
class Track:
    """An ordered list of cues plus what a format keeps around them."""

    cues: list[Cue] = field(default_factory=list)
    #: BCP 47-ish language code ("fr", "en") when declared (file suffix, VTT header) or detected.
    language: str | None = None
    #: text after `WEBVTT` on the signature line.
    header: str = ""
    #: header lines after the signature line (`Kind: captions`, `X-TIMESTAMP-MAP=...`).
    metadata: list[str] = field(default_factory=list)
    #: bodies of STYLE blocks (CSS), in order.
    styles: list[str] = field(default_factory=list)
    #: bodies of REGION blocks (settings lines), in order.
    regions: list[str] = field(default_factory=list)
    #: NOTE blocks before the first cue.
    header_notes: list[str] = field(default_factory=list)
    #: NOTE blocks after the last cue.
    footer_notes: list[str] = field(default_factory=list)
    source: Source | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: what a delivery format declares for the whole track (frame rate, programme title, STL's
    #: maximum row length...), by name, for its own writer and the format-limit rules (F codes)
    properties: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cues)

    @property
    def duration(self) -> int:
        """Milliseconds from 0 to the end of the last-ending cue."""
        return max((cue.end for cue in self.cues), default=0)

    def with_cues(self, cues: list[Cue]) -> Track:
        """The same track (header, styles, notes, source) with other cues."""
        return replace(
            self,
            cues=cues,
            metadata=list(self.metadata),
            styles=list(self.styles),
            regions=list(self.regions),
            header_notes=list(self.header_notes),
            footer_notes=list(self.footer_notes),
            diagnostics=list(self.diagnostics),
            properties=dict(self.properties),
        )
