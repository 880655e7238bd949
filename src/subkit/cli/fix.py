"""`subkit fix`: the safe automatic repairs, the validation report of the result, what changed.

A batch command like `convert` and `validate`: files, folders (walked recursively, mirrored
under `-o`) and globs, `--jobs`, `--shard`, and every output planned before anything is written,
so two inputs never race for one output and no input is overwritten (except its own with
`--in-place`, after a backup that never replaces an earlier one).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from subkit.cli.common import guarded, jobs_option, parse_fps_option, reworded, shard_option, with_stdin, write_stdout
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


def plan_targets(items: list[Any], output: str | None, in_place: bool, single: bool) -> tuple[list[str], str | None]:
    """Where each repaired file goes, and the folder they must stay in (None when not a folder)."""
    from subkit.batch import mirrored_output, refuse_collisions  # noqa: PLC0415
    from subkit.errors import UsageError  # noqa: PLC0415

    if in_place:
        if any(item.path == "-" for item in items):
            raise UsageError("--in-place cannot replace stdin; give -o")
        return [item.path for item in items], None
    assert output is not None
    if output == "-":
        if not single:
            raise UsageError("-o - (stdout) takes exactly one FILE")
        return ["-"], None
    if single and not os.path.isdir(output) and not output.endswith(("/", os.sep)):
        targets = [output]
        inside = None
    else:
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"-o {output} is a file; with several inputs or a folder it must be a folder")
        targets = [mirrored_output(item, output, os.path.splitext(item.path)[1] or ".srt") for item in items]
        inside = output
    refuse_collisions(items, targets, "fix")
    return targets, inside


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Write the repaired track here: a file (one input), a folder (several inputs or folders; "
    "the input tree is mirrored), or - for stdout (the report then goes to stderr).",
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Replace each input (a FILE.bak copy is kept first, FILE.bak.1 if that exists...; "
    "unchanged files are not rewritten).",
)
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no .bak copy.")
@qc_options
@fail_on_option(when=" after the repairs")
@report_format_option("Format of the report of the result.", default="text")
@click.option(
    "--report", "report_path", metavar="FILE", default=None, help="Write the report to FILE instead of stdout."
)
@color_option
@jobs_option
@shard_option
@click.option(
    "--quiet", "-q", is_flag=True, help="Do not print what each file's repairs were (errors are always printed)."
)
@guarded
def fix(
    paths: tuple[str, ...],
    output: str | None,
    in_place: bool,
    no_backup: bool,
    qc: QcOptions,
    fail_on: str | None,
    fmt: str,
    report_path: str | None,
    color: bool | None,
    jobs: int,
    shard: str | None,
    quiet: bool,
) -> None:
    """Apply the safe automatic repairs to each file (or folder, recursively), then report what is left.

    Repairs (each runs only when its rule is selected, so --ignore Y001 keeps your spacing):
    S004 remove empty cues, S002 renumber, S003 write UTF-8, S005 close tags, Y002 whitespace,
    Y001 French non-breaking spaces, Y003 ellipsis, Y004 dialogue dash, L001-L004 re-wrap to the
    profile's line length, T002 end overlaps and T006 widen short gaps by moving out-times
    earlier, T004 extend short cues into free time. Start times never move and no text is
    dropped; a file whose blocks cannot all be read is not written; what cannot be repaired
    safely stays in the report. With --shots, and a profile that snaps (netflix), T010/T009
    move out- and in-times onto nearby shot changes (a start by less than the profile's
    window, never into an overlap); T011 chaining runs when selected (--select ALL,T011).

    \b
    Examples:
      subkit fix samples/panchir-defects.fr.srt -o fixed.fr.srt
      subkit fix film.fr.srt --in-place --ignore L
      subkit fix deliveries/ -o fixed/ --profile broadcast-fr -j 4     # mirrors the tree
      subkit fix deliveries/ -o fixed/ --shard 2/3                     # CI job 2 of 3
      subkit fix film.fr.srt --shots film.shots --select ALL,T011 -o timed.fr.srt
    """
    if in_place == (output is not None):
        raise click.UsageError("give exactly one of -o OUT and --in-place")
    if no_backup and not in_place:
        raise click.UsageError("--no-backup goes with --in-place")
    from subkit.batch import gather_inputs, input_sizes, run_ordered, select_shard  # noqa: PLC0415
    from subkit.jobs import FIX_MODULES, FixJob, fix_crashed, fix_file  # noqa: PLC0415
    from subkit.progress import Progress, progress_wanted  # noqa: PLC0415
    from subkit.qc import load_config, settings_for  # noqa: PLC0415
    from subkit.qc.registry import catalogue  # noqa: PLC0415
    from subkit.qc.report import FileReport, exit_code  # noqa: PLC0415
    from subkit.reporters import render as render_report  # noqa: PLC0415

    config = load_config(qc.config_path)
    frame_rate = parse_fps_option(qc.fps)
    duration_ms = parse_duration_option(qc.duration, frame_rate)
    # the rule codes are checked here, before any work
    settings = settings_for(None, qc.profile, qc.lang, frame_rate, qc.select_codes, qc.ignore_codes, config)
    shots = load_shots_option(qc.shots_path, qc.profile, qc.lang, frame_rate, config)
    found, missing = gather_inputs(paths)
    items = with_stdin(select_shard(found, shard))
    single = len(paths) == 1 and len(items) == 1 and items[0].path == paths[0] and shard is None
    targets, inside = plan_targets(items, output, in_place, single)
    protect = frozenset(os.path.realpath(item.path) for item in items if item.path != "-")
    job_list = [
        FixJob(
            item.path,
            qc.profile,
            qc.lang,
            frame_rate,
            qc.select_codes,
            qc.ignore_codes,
            config,
            None,
            duration_ms,
            qc.encoding,
            shots,
            item.data,
            target=target,
            in_place=in_place,
            backup=not no_backup,
            inside=inside,
            protect=protect,
        )
        for item, target in zip(items, targets)
    ]
    reports: list[FileReport] = [FileReport.failed(str(failure.path), failure) for failure in missing]
    for failure in missing:
        click.echo(f"subkit: {failure}", err=True)
    to_stdout = output == "-"
    show_bar = progress_wanted(quiet) and len(job_list) > 1 and (report_path is not None or not sys.stdout.isatty())
    with Progress(len(job_list), "fixing", enabled=show_bar) as bar:
        for outcome in run_ordered(
            fix_file, job_list, jobs, weights=input_sizes(items), preload=FIX_MODULES, on_error=fix_crashed
        ):
            bar.advance()
            reworded([outcome.report])
            reports.append(outcome.report)
            if outcome.stdout is not None:
                write_stdout(outcome.stdout)
            if outcome.report.error is not None:
                bar.echo(f"subkit: {outcome.report.error}")
            if outcome.problem is not None:
                bar.echo(f"subkit: {outcome.problem}")
            if outcome.message is not None and not quiet:
                bar.echo(f"subkit: {outcome.message}")
    rules = [(rule.code, rule.name) for rule in catalogue() if settings.selected(rule.code)]
    text = render_report(reports, fmt, settings.profile, rules, use_color(color, report_path))
    if report_path is not None:
        write_report(text, report_path)
    elif to_stdout:  # the track is on stdout: the report goes to stderr, as `sync -o -` does
        click.echo(text, nl=False, err=True)
    else:
        write_report(text, None)
    sys.exit(exit_code(reports, fail_on or config.fail_on or "error"))
