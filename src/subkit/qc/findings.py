"""A finding: one rule's complaint about one place in one track.

Plain data, no behaviour beyond a dict for the JSON report, so reporters and other commands
(translate lists over-limit cues) can use findings without knowing any rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from subkit.model import Severity
from subkit.timecode import format_srt

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    #: 1-based position of the cue in the track (None for a file-level finding)
    cue: int | None
    id: str | None
    #: line of the block in the source file (SRT counter line, VTT id/timing line)
    line: int | None
    start: int | None
    end: int | None
    message: str
    fixable: bool

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: times as SRT timestamps."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "cue": self.cue,
            "id": self.id,
            "line": self.line,
            "start": format_srt(self.start) if self.start is not None else None,
            "end": format_srt(self.end) if self.end is not None else None,
            "message": self.message,
            "fixable": self.fixable,
        }


def at_or_above(finding: Finding, level: str) -> bool:
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[level]
