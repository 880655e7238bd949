"""`subkit validate`: check tracks against a delivery profile and report (text, json, junit, github)."""

from __future__ import annotations

import os
import sys
from fractions import Fraction
from typing import Any

import click

from subkit.cli.common import guarded, jobs_option, parse_fps_option, reworded, shard_option, with_stdin
from subkit.cli.qcoptions import (
    QcOptions,
    color_option,
    fail_on_option,
    load_shots_option,
    parse_duration_option,
    qc_options,
    report_format_option,
    use_color,
    write_report,
)


def rules_catalogue(profile: str | None, lang: str | None, fps: Fraction | None, config: Any) -> str:
    """The catalogue with the thresholds in force for this profile, language and configuration."""
    from subkit.qc.config import profile_description, threshold_key, threshold_table  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415
    from subkit.qc.registry import catalogue  # noqa: PLC0415
    from subkit.timecode import frames_to_ms  # noqa: PLC0415

    settings = settings_for(None, profile, lang, fps, None, None, config)
    table = threshold_table(settings.thresholds)
    shown = ", ".join(f"{key} {'off' if value is None else value}" for key, value in table.items())
    lines = [
        f"profile {settings.profile} ({profile_description(settings.profile)})",
        f"language {settings.lang or 'any'}, {float(settings.fps):g} fps (min gap {settings.thresholds.min_gap_frames} "
        f"frames = {frames_to_ms(settings.thresholds.min_gap_frames, settings.fps)} ms)",
        f"thresholds: {shown}",
        "",
    ]
    for rule in catalogue():
        state = "" if settings.selected(rule.code) else "  (off)"
        uses = ", ".join(
            f"{threshold_key(a)} {'off' if getattr(settings.thresholds, a) is None else getattr(settings.thresholds, a)}"
            for a in rule.uses
        )
        suffix = f" [{uses}]" if uses else ""
        lines.append(f"{rule.code}  {rule.name:<18} {rule.severity:<8} {rule.summary}{suffix}{state}")
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("paths", nargs=-1)
@qc_options
@click.option(
    "--source",
    "source_path",
    metavar="FILE",
    default=None,
    help="The source-language track, for G002 (cues left untranslated).",
)
@fail_on_option()
@report_format_option("Report format.  [default: text, or github under GitHub Actions]")
@click.option("-o", "--output", metavar="FILE", default=None, help="Write the report to FILE (atomically).")
@jobs_option
@shard_option
@color_option
@click.option("--list-rules", is_flag=True, help="Print the rule catalogue with the thresholds in force, and exit.")
@guarded
def validate(
    paths: tuple[str, ...],
    qc: QcOptions,
    source_path: str | None,
    fail_on: str | None,
    fmt: str | None,
    output: str | None,
    jobs: int | None,
    shard: str | None,
    color: bool | None,
    list_rules: bool,
) -> None:
    """Check subtitle files (or folders, recursively) against a delivery profile.

    Exit code 0 when no finding at or above --fail-on remains, 1 when some do, 3 when an input
    cannot be read at all (the other files are still checked and reported).

    \b
    Examples:
      subkit validate samples/panchir.fr.srt
      subkit validate deliveries/ --profile broadcast-fr --format json -o qc.json
      subkit validate film.en.srt --source film.fr.srt --select G
      subkit validate film.fr.srt --shots film.shots               # T009/T010 at shot changes
      subkit validate --list-rules --profile bbc
    """
    from subkit.qc.configfile import load_config  # noqa: PLC0415

    config = load_config(qc.config_path)
    frame_rate = parse_fps_option(qc.fps)
    if list_rules:
        write_report(rules_catalogue(qc.profile, qc.lang, frame_rate, config), output)
        return
    if not paths:
        raise click.UsageError("give at least one PATH (or --list-rules)")
    shots = load_shots_option(qc.shots_path, qc.profile, qc.lang, frame_rate, config)
    from subkit.batch import gather_inputs, select_shard  # noqa: PLC0415
    from subkit.jobs import validate_files  # noqa: PLC0415
    from subkit.progress import Progress, progress_wanted  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415
    from subkit.qc.registry import catalogue  # noqa: PLC0415
    from subkit.qc.report import FileReport, exit_code  # noqa: PLC0415
    from subkit.reporters import render  # noqa: PLC0415

    # the rule codes are checked here, before any work
    settings = settings_for(None, qc.profile, qc.lang, frame_rate, qc.select_codes, qc.ignore_codes, config)
    found, missing = gather_inputs(paths)
    items = with_stdin(select_shard(found, shard))
    reports = [FileReport.failed(str(failure.path), failure) for failure in missing]
    # The bar shares stderr with nothing else, but must not mix with a text report on the terminal.
    show_bar = progress_wanted() and len(items) > 1 and (output not in (None, "-") or not sys.stdout.isatty())
    with Progress(len(items), "validating", enabled=show_bar) as bar:
        reports += validate_files(
            items,
            profile=qc.profile,
            lang=qc.lang,
            fps=frame_rate,
            select=qc.select_codes,
            ignore=qc.ignore_codes,
            config=config,
            source_path=source_path,
            duration_ms=parse_duration_option(qc.duration, frame_rate),
            encoding=qc.encoding,
            shots=shots,
            jobs=jobs or 0,
            on_report=lambda _: bar.advance(),
        )
    reworded(reports)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and output is None else "text"
    rules = [(rule.code, rule.name) for rule in catalogue() if settings.selected(rule.code)]
    write_report(render(reports, fmt, settings.profile, rules, use_color(color, output)), output)
    for report in reports:
        if report.error is not None and fmt != "text":
            click.echo(f"subkit: {report.error}", err=True)
    sys.exit(exit_code(reports, fail_on or config.fail_on or "error"))
