"""`subkit validate`: check tracks against a delivery profile and report (text, json, junit, github)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

import click

from subkit.cli.common import INTERNAL_ERROR, describe, guarded, max_input_option

F = TypeVar("F", bound=Callable[..., Any])
FAIL_LEVELS = ("error", "warning", "info")


def _codes(values: tuple[str, ...]) -> list[str] | None:
    codes = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return codes or None


def qc_options(function: F) -> F:
    """The options `validate` and `fix` share: profile, language, frame rate, rules, configuration."""
    from subkit.qc.config import profile_names  # noqa: PLC0415

    decorators = [
        click.option("--profile", type=click.Choice(profile_names()), default=None,
                     help="Delivery profile (thresholds).  [default: from the configuration, else netflix]"),
        click.option("--lang", metavar="CODE", default=None,
                     help="Declared language of the track(s).  [default: the file's .xx. suffix]"),
        click.option("--fps", metavar="RATE", default=None,
                     help="Frame rate for frame-based limits and times (25, 23.976, 30000/1001).  [default: profile's, 25]"),
        click.option("--duration", metavar="TIME", default=None,
                     help="Programme length (e.g. 52:03 or 00:52:03,000): cues must end before it (T007)."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Only these rules (codes or prefixes, comma-separated or repeated: T,R001)."),
        click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes)."),
        click.option("--config", "config_path", metavar="FILE", default=None,
                     help="Configuration file.  [default: nearest subkit.toml or pyproject.toml [tool.subkit]]"),
        click.option("--encoding", metavar="NAME", default=None, help="Read inputs in this encoding instead of detecting it."),
        click.option("--shots", "shots_path", metavar="FILE", default=None,
                     help="Shot changes (a list from `subkit shots`, or the video itself) for T009/T010."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return max_input_option(function)


def parse_fps_option(value: str | None) -> Fraction | None:
    if value is None:
        return None
    from subkit.timecode import parse_fps  # noqa: PLC0415

    return parse_fps(value)


def parse_duration_option(value: str | None, fps: Fraction | None) -> int | None:
    if value is None:
        return None
    from subkit.cli.common import reject_bare_number  # noqa: PLC0415
    from subkit.timecode import parse_time  # noqa: PLC0415

    reject_bare_number(value, "--duration")

    return parse_time(value, fps or Fraction(25))


@dataclass(frozen=True, slots=True)
class ValidateJob:
    """One file to check; plain data so it can travel to a worker process."""

    path: str
    profile: str | None
    lang: str | None
    fps: Fraction | None
    select: list[str] | None
    ignore: list[str] | None
    config: Any
    source_path: str | None
    duration_ms: int | None
    encoding: str | None
    shots: tuple[int, ...] | None = None


def validate_one(job: ValidateJob) -> Any:
    """A FileReport for one file; an unreadable file becomes a report with `error` set."""
    from subkit.errors import SubkitError  # noqa: PLC0415
    from subkit.formats import ReadOptions, read_track  # noqa: PLC0415
    from subkit.qc import check_track  # noqa: PLC0415
    from subkit.reporters import FileReport  # noqa: PLC0415

    try:
        track = read_track(job.path, job.encoding, options=ReadOptions(job.fps))
        source = read_track(job.source_path) if job.source_path else None
    except SubkitError as error:
        return FileReport(path=job.path if job.path != "-" else "<stdin>", error=describe(error), exit_code=error.exit_code)
    findings = check_track(track, job.profile, job.lang, job.fps, job.select, job.ignore, source,
                           job.duration_ms, job.config, shots=job.shots)
    info = track.source
    assert info is not None
    return FileReport(info.path, info.format, info.encoding, job.lang or track.language, len(track.cues), findings)


def load_shots_option(path: str | None, profile: str | None, lang: str | None, fps: Fraction | None,
                      config: Any) -> tuple[int, ...] | None:
    """The --shots list (frames and timecodes at the frame rate in force); a warning when the
    profile has no shot-change window, since nothing would be checked."""
    if path is None:
        return None
    from subkit.cli.common import warn  # noqa: PLC0415
    from subkit.media.shots import load_shot_changes  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415

    settings = settings_for(None, profile, lang, fps, None, None, config)
    if settings.thresholds.shot_window_frames <= 0:
        warn(f"profile {settings.profile} has no shot-change rule (shot-window-frames = 0): --shots checks nothing; "
             "set shot-window-frames in subkit.toml")
    return load_shot_changes(path, settings.fps).times


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
        uses = ", ".join(f"{threshold_key(a)} {'off' if getattr(settings.thresholds, a) is None else getattr(settings.thresholds, a)}"
                         for a in rule.uses)
        suffix = f" [{uses}]" if uses else ""
        lines.append(f"{rule.code}  {rule.name:<18} {rule.severity:<8} {rule.summary}{suffix}{state}")
    return "\n".join(lines) + "\n"


def write_report(text: str, output: str | None) -> None:
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from subkit.fileio import atomic_write  # noqa: PLC0415

    atomic_write(output, text.encode("utf-8"))


def exit_code_for(reports: list[Any], fail_on: str) -> int:
    """A file's failure wins (70 a bug, 73 an output not written, 3 unreadable), then 1 when
    findings at or above `fail_on` remain."""
    from subkit.qc.findings import at_or_above  # noqa: PLC0415

    failures = [report.exit_code for report in reports if report.error is not None]
    if failures:
        return max(failures)
    if any(at_or_above(finding, fail_on) for report in reports for finding in report.findings):
        return 1
    return 0


def use_color(choice: bool | None, output: str | None) -> bool:
    if choice is not None:
        return choice
    if output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@click.command()
@click.argument("paths", nargs=-1)
@qc_options
@click.option("--source", "source_path", metavar="FILE", default=None,
              help="The source-language track, for G002 (cues left untranslated).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Exit 1 when findings of this severity or worse remain.  [default: error]")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default=None,
              help="Report format.  [default: text, or github under GitHub Actions]")
@click.option("-o", "--output", metavar="FILE", default=None, help="Write the report to FILE (atomically).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes; 0 = one per core, in-process for a small batch.  [default: 0]")
@click.option("--shard", metavar="K/N", help="Check only the K-th of N stable slices of the inputs (parallel CI jobs).")
@click.option("--color/--no-color", default=None, help="Colour the text report.  [default: on a terminal]")
@click.option("--list-rules", is_flag=True, help="Print the rule catalogue with the thresholds in force, and exit.")
@guarded
def validate(paths: tuple[str, ...], profile: str | None, lang: str | None, fps: str | None, duration: str | None,
             select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None, encoding: str | None,
             shots_path: str | None, source_path: str | None, fail_on: str | None, fmt: str | None, output: str | None, jobs: int | None,
             shard: str | None, color: bool | None, list_rules: bool) -> None:
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

    config = load_config(config_path)
    frame_rate = parse_fps_option(fps)
    if list_rules:
        write_report(rules_catalogue(profile, lang, frame_rate, config), output)
        return
    if not paths:
        raise click.UsageError("give at least one PATH (or --list-rules)")
    shots = load_shots_option(shots_path, profile, lang, frame_rate, config)
    reports = run_validation(paths, profile, lang, frame_rate, duration, _codes(select), _codes(ignore), config,
                             encoding, source_path, jobs, shard, output not in (None, "-"), shots)
    from subkit.qc.engine import settings_for  # noqa: PLC0415
    from subkit.qc.registry import catalogue  # noqa: PLC0415
    from subkit.reporters import render  # noqa: PLC0415

    settings = settings_for(None, profile, lang, frame_rate, _codes(select), _codes(ignore), config)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and output is None else "text"
    rules = [(rule.code, rule.name) for rule in catalogue() if settings.selected(rule.code)]
    write_report(render(reports, fmt, settings.profile, rules, use_color(color, output)), output)
    for report in reports:
        if report.error is not None and fmt != "text":
            click.echo(f"subkit: {report.error}", err=True)
    sys.exit(exit_code_for(reports, fail_on or config.fail_on or "error"))


def run_validation(paths: tuple[str, ...], profile: str | None, lang: str | None, fps: Fraction | None,
                   duration: str | None, select: list[str] | None, ignore: list[str] | None, config: Any,
                   encoding: str | None, source_path: str | None, jobs: int | None, shard: str | None,
                   report_to_file: bool = False, shots: tuple[int, ...] | None = None) -> list[Any]:
    """Reports for every input, in input order; a path that does not exist is reported, not fatal."""
    from subkit.batch import InputFile, collect_inputs, input_sizes, run_ordered, select_shard, worker_count  # noqa: PLC0415
    from subkit.progress import Progress, progress_wanted  # noqa: PLC0415
    from subkit.errors import InputError  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415
    from subkit.reporters import FileReport  # noqa: PLC0415

    settings = settings_for(None, profile, lang, fps, select, ignore, config)  # checks codes before any work
    items: list[InputFile] = []
    missing: list[Any] = []
    for path in paths:
        try:
            items.extend(collect_inputs([path]))
        except InputError as error:
            missing.append(FileReport(path=path, error=str(error)))
    items = select_shard(items, shard)
    duration_ms = parse_duration_option(duration, fps)
    job_list = [ValidateJob(item.path, profile, lang, fps, select, ignore, config, source_path, duration_ms, encoding,
                            shots) for item in items]
    sizes = input_sizes(items)
    if worker_count(len(job_list), jobs, sizes) > 1 and any(settings.selected(code) for code in ("G001", "G002")):
        from subkit.qc.rules.language import warm_up  # noqa: PLC0415

        warm_up()  # once, in the parent: forked workers inherit loaded profiles

    def crashed(job: ValidateJob, error: BaseException) -> Any:
        # a rule bug or a dead worker fails that file (exit 70, as in convert), not the whole batch
        return FileReport(path=job.path, error=f"{job.path}: internal error: {type(error).__name__}: {error} (please report it)",
                          exit_code=INTERNAL_ERROR)

    reports = list(missing)
    # The bar shares stderr with nothing else, but must not mix with a text report on the terminal.
    show_bar = progress_wanted() and len(job_list) > 1 and (report_to_file or not sys.stdout.isatty())
    with Progress(len(job_list), "validating", enabled=show_bar) as bar:
        for report in run_ordered(validate_one, job_list, jobs or 0, weights=sizes, on_error=crashed,
                                  preload=("subkit.formats", "subkit.qc")):
            reports.append(report)
            bar.advance()
    return reports
