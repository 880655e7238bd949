"""Reports: findings in, text out (`text`, `json`, `junit`, `github`).

Reporters know nothing about rules or files on disk; they get one `FileReport` per input (in
input order) and return a string, so the CLI decides where it goes (stdout, `-o FILE`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from subkit.qc.findings import Finding

FORMATS = ("text", "json", "junit", "github")


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


def render(reports: list[FileReport], fmt: str, profile: str, rules: list[tuple[str, str]] | None = None,
           color: bool = False) -> str:
    """The report for `reports` in `fmt`; `rules` (code, name) are the rules that ran (for junit)."""
    if fmt == "text":
        from subkit.reporters.text import render_text  # noqa: PLC0415

        return render_text(reports, profile, color)
    if fmt == "json":
        from subkit.reporters.json import render_json  # noqa: PLC0415

        return render_json(reports, profile)
    if fmt == "junit":
        from subkit.reporters.junit import render_junit  # noqa: PLC0415

        return render_junit(reports, rules or [])
    if fmt == "github":
        from subkit.reporters.github import render_github  # noqa: PLC0415

        return render_github(reports)
    raise ValueError(f"unknown report format {fmt!r}")
