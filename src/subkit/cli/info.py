"""`subkit info`: what a file is, in one screen (or JSON for scripts)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from subkit.cli.common import describe as describe_error, encoding_option, error_line, guarded, max_input_option
from subkit.errors import SubkitError


def describe(path: str, encoding: str | None, detect: bool, fps: str | None = None) -> dict[str, Any]:
    from subkit.cli.common import read_track_arg  # noqa: PLC0415
    from subkit.formats import FORMATS, ReadOptions  # noqa: PLC0415
    from subkit.stats import track_stats  # noqa: PLC0415
    from subkit.timecode import (  # noqa: PLC0415
        format_duration,
        format_srt,
        parse_fps,
    )

    track = read_track_arg(path, encoding, options=ReadOptions(parse_fps(fps) if fps else None))
    stats = track_stats(track)
    source = track.source
    assert source is not None
    detected: str | None = None
    confidence = 0.0
    if detect and track.cues:
        from subkit.language import track_language  # noqa: PLC0415

        detected, confidence = track_language([cue.text for cue in track.cues])
    problems = [d for d in track.diagnostics if d.code == "S001" or d.code.startswith("F")]
    return {
        "path": source.path,
        "format": source.format,
        "format_name": FORMATS[source.format].title,
        "properties": {k: v for k, v in track.properties.items() if not k.startswith("ass_")},
        "encoding": source.encoding,
        "bom": source.bom,
        "newline": {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[source.newline],
        "language": track.language,
        "detected_language": detected,
        "detected_confidence": round(confidence, 3),
        "cues": stats.cues,
        "first_start": format_srt(stats.first_start_ms),
        "duration": format_srt(stats.duration_ms),
        "duration_human": format_duration(stats.duration_ms),
        "max_lines": stats.lines_max,
        "cpl_max": stats.cpl_max,
        "cpl_median": stats.cpl_median,
        "cps_max": stats.cps_max,
        "cps_median": stats.cps_median,
        "cps_p95": stats.cps_p95,
        "unreadable_blocks": len(problems),
        "problems": [{"line": d.line, "message": d.message, "severity": d.severity} for d in problems],
        "styles": len(track.styles),
        "regions": len(track.regions),
        "notes": len(track.header_notes) + len(track.footer_notes) + sum(len(c.notes) for c in track.cues),
    }


def _text(report: dict[str, Any]) -> str:
    from subkit.formats import FORMATS  # noqa: PLC0415

    language = report["language"] or "?"
    if report["detected_language"]:
        language += f" (detected {report['detected_language']}, p={report['detected_confidence']})"
    lines = [
        report["path"],
        f"  format     {report['format'].upper()}, {report['encoding']}{' with BOM' if report['bom'] else ''}"
        + ("" if FORMATS[report["format"]].binary else f", {report['newline']} line endings"),
        f"  language   {language}",
        f"  cues       {report['cues']}, from {report['first_start']} to {report['duration']} ({report['duration_human']})",
        f"  lines      up to {report['max_lines']} per cue; CPL max {report['cpl_max']}, median {report['cpl_median']:g}",
        f"  speed      CPS median {report['cps_median']}, 95th percentile {report['cps_p95']}, max {report['cps_max']}",
    ]
    shown = {
        k: v
        for k, v in report.get("properties", {}).items()
        if k in ("fps", "title", "max_columns", "max_rows", "drop_frame", "display")
    }
    if shown:
        lines.append(
            "  declares   "
            + ", ".join(f"{k.replace('_', ' ')} {_rate(v) if k == 'fps' else v}" for k, v in shown.items())
        )
    if report["styles"] or report["regions"] or report["notes"]:
        lines.append(
            f"  webvtt     {report['styles']} STYLE, {report['regions']} REGION, {report['notes']} NOTE blocks"
        )
    if report["unreadable_blocks"]:
        lines.append(f"  problems   {report['unreadable_blocks']} block(s) could not be read cleanly:")
        lines.extend(f"    line {p['line']}: {p['message']}" for p in report["problems"][:20])
    return "\n".join(lines)


def _rate(value: str) -> str:
    from fractions import Fraction  # noqa: PLC0415

    rate = Fraction(value)
    return f"{float(rate):.3f}".rstrip("0").rstrip(".") + (f" ({rate})" if rate.denominator != 1 else "")


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@encoding_option("the files")
@click.option("--no-detect", is_flag=True, help="Skip language detection (faster).")
@click.option("--fps", metavar="RATE", default=None, help="Frame rate of a MicroDVD file that does not declare one.")
@max_input_option
@guarded
def info(files: tuple[str, ...], fmt: str, encoding: str | None, no_detect: bool, fps: str | None) -> None:
    """Show format, encoding, language, cue count, duration and CPS/CPL figures of each FILE.

    \b
    Examples:
      subkit info samples/panchir.fr.srt
      subkit info --format json *.vtt
      subkit info film.fr.stl film.fr.scc
    """
    reports: list[dict[str, Any]] = []
    failed: SubkitError | None = None
    for path in files:
        try:
            reports.append(describe(path, encoding, not no_detect, fps))
        except SubkitError as error:
            error_line(describe_error(error))
            failed = failed or error
    if fmt == "json":
        click.echo(
            json.dumps(reports if len(files) > 1 else (reports[0] if reports else None), ensure_ascii=False, indent=2)
        )
    else:
        click.echo("\n\n".join(_text(report) for report in reports))
    if failed is not None:
        sys.exit(failed.exit_code)
