"""What `segment` tells a person: what was read and repaired, the words to check, what QC says.

The same facts serve the one-screen summary and the JSON report, so a script sees
exactly what the person saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from subkit.qc.findings import Finding
from subkit.timecode import format_srt
from subkit.transcripts.model import Transcript
from subkit.transcripts.segment import Limits, Segmented

#: how many located problems and low-confidence words the summary shows before "and N more"
SHOWN = 10


@dataclass(slots=True)
class SegmentReport:
    transcript: Transcript
    result: Segmented
    limits: Limits
    profile: str
    min_confidence: float
    output: str
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        from subkit.version import __version__  # noqa: PLC0415

        transcript = self.transcript
        return {
            "subkit": __version__,
            "input": transcript.path,
            "format": transcript.format,
            "language": self.limits.lang,
            "profile": self.profile,
            "fps": str(self.limits.fps),
            "output": self.output,
            "words": len(transcript.words),
            "placed": transcript.untimed,
            "cues": len(self.result.track.cues),
            "notes": list(transcript.notes),
            "problems": [{"where": p.where, "severity": p.severity, "message": p.message} for p in transcript.problems],
            "min_confidence": self.min_confidence,
            "low_confidence": [
                {
                    "cue": w.cue,
                    "start": format_srt(w.start),
                    "word": w.word,
                    "confidence": round(w.confidence, 4),
                    "where": w.where,
                }
                for w in self.result.low_confidence
            ],
            "findings": [finding.to_dict() for finding in self.findings],
            "summary": self.counts(),
        }

    def summary_lines(self) -> list[str]:
        """The summary a person reads on the terminal (stderr), most important first."""
        transcript = self.transcript
        result = self.result
        placed = f", {transcript.untimed} placed by characters" if transcript.untimed else ""
        lines = [
            f"{transcript.path}: {transcript.format}, {self.limits.lang or 'language unknown'}, "
            f"{_plural(len(transcript.words), 'word')}{placed} -> {_plural(len(result.track.cues), 'cue')} "
            f"({self.profile}, {float(self.limits.fps):g} fps) -> {self.output}"
        ]
        lines += [f"  note: {note}" for note in transcript.notes]
        for problem in transcript.problems[:SHOWN]:
            lines.append(f"  {problem.severity}: {problem.where}: {problem.message}")
        if len(transcript.problems) > SHOWN:
            lines.append(f"  ... and {len(transcript.problems) - SHOWN} more problems in the input")
        low = result.low_confidence
        if low:
            shown = ", ".join(f"cue {w.cue} {format_srt(w.start)} {w.word!r} ({w.confidence:.2f})" for w in low[:SHOWN])
            more = f", and {len(low) - SHOWN} more" if len(low) > SHOWN else ""
            lines.append(
                f"  {_plural(len(low), 'word')} with confidence under {self.min_confidence:g}, kept: {shown}{more}"
            )
        for finding in [f for f in self.findings if f.severity != "info"][:SHOWN]:
            where = (
                f"cue {finding.cue} {format_srt(finding.start)}"
                if finding.cue and finding.start is not None
                else "file"
            )
            lines.append(f"  {finding.severity} {finding.code} {finding.name}: {where}: {finding.message}")
        counts = self.counts()
        lines.append(
            f"  {_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info "
            f"(profile {self.profile})"
        )
        return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
