"""The contract's JSON report (`subkit validate` in JSON), for scripts and CI."""

from __future__ import annotations

import json
from typing import Any

from subkit.qc.report import FileReport, summarize
from subkit.version import __version__


def report_dict(reports: list[FileReport], profile: str) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    for report in reports:
        entry: dict[str, Any] = {
            "path": report.path,
            "format": report.format,
            "encoding": report.encoding,
            "language": report.language,
            "cues": report.cues,
            "findings": [finding.to_dict() for finding in report.findings],
        }
        if report.error is not None:
            entry["error"] = report.error
        files.append(entry)
    summary = summarize(reports)
    return {
        "subkit": __version__,
        "profile": profile,
        "files": files,
        "summary": {"files": summary.files, "error": summary.error, "warning": summary.warning, "info": summary.info},
    }


def render_json(reports: list[FileReport], profile: str) -> str:
    return json.dumps(report_dict(reports, profile), ensure_ascii=False, indent=1) + "\n"
