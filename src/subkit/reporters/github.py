"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from subkit.qc.report import FileReport

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[FileReport]) -> str:
    """`::error file=F,line=L,title=CODE::message` (warning / notice for the other severities)."""
    out: list[str] = []
    for report in reports:
        if report.error is not None:
            out.append(f"::error file={_property(report.path)},title=S001::{_data('cannot be read: ' + report.error)}")
            continue
        for finding in report.findings:
            location = f"file={_property(report.path)}"
            if finding.line is not None:
                location += f",line={finding.line}"
            prefix = f"cue {finding.cue}: " if finding.cue is not None else ""
            out.append(
                f"::{_COMMAND[finding.severity]} {location},title={finding.code}::"
                f"{_data(prefix + finding.name + ': ' + finding.message)}"
            )
    return "\n".join(out) + ("\n" if out else "")
