"""Reports: findings in, text out (`text`, `json`, `junit`, `github`).

Reporters know nothing about rules or files on disk; they get one `FileReport` per input (in
input order) and return a string, so the caller decides where it goes (a terminal, a file).
"""

from __future__ import annotations

from subkit.qc.report import FileReport, Summary, summarize

FORMATS = ("text", "json", "junit", "github")
__all__ = ["FORMATS", "FileReport", "Summary", "render", "summarize"]


def render(
    reports: list[FileReport], fmt: str, profile: str, rules: list[tuple[str, str]] | None = None, color: bool = False
) -> str:
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
