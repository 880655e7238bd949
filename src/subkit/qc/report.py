"""What checking one file gave, and the counts of a batch: the data the reporters render.

It lives with QC, not with the reporters, because the batch that checks files builds it and
every reporter reads it: each reporter module imports this, and nothing here imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from subkit.errors import SubkitError
from subkit.qc.findings import Finding, at_or_above


@dataclass(slots=True)
class FileReport:
    """What validating one file gave: its description and findings, or why it could not be read."""

    path: str
    format: str | None = None
    encoding: str | None = None
    language: str | None = None
    cues: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: the one-line message when the file could not be read at all (exit code 3)
    error: str | None = None
    #: the exit code that `error` means: 3 unreadable, 73 an output not written, 70 a bug
    exit_code: int = 3
    #: the library error behind `error`, so a caller can word it its own way (the CLI adds flag names)
    failure: SubkitError | None = None

    @classmethod
    def failed(cls, path: str, error: SubkitError) -> FileReport:
        return cls(path=path, error=str(error), exit_code=error.exit_code, failure=error)


@dataclass(slots=True)
class Summary:
    files: int
    error: int
    warning: int
    info: int
    fixable: int
    unreadable: int


def summarize(reports: list[FileReport]) -> Summary:
    counts = {"error": 0, "warning": 0, "info": 0}
    fixable = 0
    for report in reports:
        for finding in report.findings:
            counts[finding.severity] += 1
            fixable += finding.fixable
    unreadable = sum(1 for r in reports if r.error is not None)
    return Summary(len(reports), counts["error"] + unreadable, counts["warning"], counts["info"], fixable, unreadable)


def exit_code(reports: list[FileReport], fail_on: str = "error") -> int:
    """The contract's exit code of a batch: a file's failure wins (70 a bug, 73 an output not
    written, 3 unreadable), then 1 when findings at or above `fail_on` remain, else 0."""
    failures = [report.exit_code for report in reports if report.error is not None]
    if failures:
        return max(failures)
    if any(at_or_above(finding, fail_on) for report in reports for finding in report.findings):
        return 1
    return 0
