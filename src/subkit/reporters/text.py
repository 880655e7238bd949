"""The report a person reads: findings grouped by file, one line each, then a summary line."""

from __future__ import annotations

from subkit.qc.report import FileReport, summarize
from subkit.timecode import format_srt

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m", "bold": "\x1b[1m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_COLOURS[style]}{text}{_RESET}" if color else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_text(reports: list[FileReport], profile: str, color: bool = False) -> str:
    """
    film.fr.srt (srt, cp1252, fr, 3 cues)
      line 9    cue 3    00:00:09,000  error    T002 overlap: starts 300 ms before cue 2 ends [fixable]
    1 file, 1 error, 0 warnings, 0 info (1 fixable with `subkit fix`; profile netflix)
    """
    out: list[str] = []
    for report in reports:
        if report.error is not None:
            out.append(_paint(report.path, "bold", color))
            out.append("  " + _paint("error", "error", color) + f"    cannot be read: {report.error}")
            continue
        details = ", ".join(
            str(x) for x in (report.format, report.encoding, report.language or "language unknown") if x
        )
        out.append(_paint(report.path, "bold", color) + f" ({details}, {_plural(report.cues, 'cue')})")
        for finding in report.findings:
            where = f"line {finding.line}" if finding.line is not None else "file"
            cue = f"cue {finding.cue}" if finding.cue is not None else ""
            time = format_srt(finding.start) if finding.start is not None else ""
            severity = _paint(f"{finding.severity:<8}", finding.severity, color)
            fixable = _paint(" [fixable]", "dim", color) if finding.fixable else ""
            out.append(
                f"  {where:<10}{cue:<10}{time:<14}{severity} {finding.code} {finding.name}: {finding.message}{fixable}"
            )
        if not report.findings:
            out.append("  no findings")
    summary = summarize(reports)
    line = (
        f"{_plural(summary.files, 'file')}, {_plural(summary.error, 'error')}, "
        f"{_plural(summary.warning, 'warning')}, {summary.info} info"
    )
    extras = []
    if summary.fixable:
        extras.append(f"{summary.fixable} fixable with `subkit fix`")
    if summary.unreadable:
        extras.append(f"{summary.unreadable} unreadable")
    extras.append(f"profile {profile}")
    out.append(line + " (" + "; ".join(extras) + ")")
    return "\n".join(out) + "\n"
