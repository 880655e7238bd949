"""`subkit convert`: SRT/WebVTT files or folders to SRT, WebVTT or a text transcript."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from subkit.batch import FileResult, InputFile, collect_inputs, default_jobs, mirrored_output, run_ordered, select_shard
from subkit.cli.common import error_line, guarded
from subkit.errors import SubkitError, UsageError, format_location


@dataclass(frozen=True, slots=True)
class ConvertJob:
    item: InputFile
    output: str
    fmt: str
    encoding: str | None
    out_encoding: str
    newline: str
    timestamps: bool


def convert_one(job: ConvertJob) -> FileResult:
    """Read, convert, write one file; errors become a failed FileResult (never an exception)."""
    from subkit.formats import read_track, write_track  # noqa: PLC0415

    try:
        track = read_track(job.item.path, job.encoding)
        protect = {os.path.realpath(job.item.path)} if job.item.path != "-" else set()
        newline = {"lf": "\n", "crlf": "\r\n", "keep": (track.source.newline if track.source else "\n")}[job.newline]
        rendered = write_track(track, job.output, job.fmt, job.out_encoding, newline, job.timestamps, protect)
        shown = track.source.path if track.source else job.item.path
        notes = [format_location(shown, d.line, f"{d.severity}: {d.message}")
                 for d in track.diagnostics if d.code == "S001"]
        notes += [format_location(shown, None, f"warning: {note}") for note in rendered.notes]
        return FileResult(job.item.path, True, job.output, None, 0, notes)
    except SubkitError as error:
        return FileResult(job.item.path, False, job.output, str(error), error.exit_code)


def plan_outputs(items: list[InputFile], fmt: str, output: str | None, single: bool) -> list[str]:
    suffix = "." + fmt
    if output == "-":
        if not single:
            raise UsageError("-o - (stdout) takes exactly one input file")
        return ["-"]
    if output is not None and single and not os.path.isdir(output) and not output.endswith(("/", os.sep)):
        return [output]
    if output is None:
        targets = [str(os.path.splitext(item.path)[0]) + suffix for item in items]
        for item, target in zip(items, targets):
            if os.path.realpath(target) == os.path.realpath(item.path):
                raise UsageError(f"{item.path}: converting to the same format would overwrite it; give -o")
        return targets
    return [mirrored_output(item, output, suffix) for item in items]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--to", "fmt", type=click.Choice(["srt", "vtt", "txt"]), required=True, help="Output format.")
@click.option("-o", "--output", metavar="OUT", help="Output file (one input), folder (several inputs or folders; the input tree is mirrored), or - for stdout.  [default: beside each input]")
@click.option("--encoding", metavar="NAME", default=None, help="Read inputs in this encoding instead of detecting it.")
@click.option("--output-encoding", metavar="NAME", default="utf-8", show_default=True, help="Encoding of the files written.")
@click.option("--newline", type=click.Choice(["lf", "crlf", "keep"]), default="lf", show_default=True, help="Line endings of the files written.")
@click.option("--timestamps", is_flag=True, help="txt: start each paragraph with its time.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes for many files.  [default: number of cores]")
@click.option("--shard", metavar="K/N", help="Process only the K-th of N stable slices of the inputs (for parallel CI jobs).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@guarded
def convert(paths: tuple[str, ...], fmt: str, output: str | None, encoding: str | None, output_encoding: str,
            newline: str, timestamps: bool, jobs: int | None, shard: str | None, quiet: bool) -> None:
    """Convert SRT/WebVTT files or folders to SRT, WebVTT or a plain transcript.

    Every cue, time and character is kept; tags the target cannot show are removed and reported.
    Inputs are never modified; outputs are written atomically.

    \b
    Examples:
      subkit convert film.fr.srt --to vtt                 # writes film.fr.vtt
      subkit convert deliveries/ --to vtt -o out/ -j 4    # mirrors the tree under out/
      subkit convert film.fr.vtt --to txt --timestamps -o -
    """
    items = select_shard(collect_inputs(paths), shard)
    single = len(paths) == 1 and len(items) == 1 and not os.path.isdir(paths[0])
    targets = plan_outputs(items, fmt, output, single)
    job_list = [ConvertJob(item, target, fmt, encoding, output_encoding, newline, timestamps)
                for item, target in zip(items, targets)]
    failed = 0
    worst = 0
    for result in run_ordered(convert_one, job_list, jobs if jobs else (1 if len(job_list) < 8 else default_jobs())):
        if not result.ok:
            failed += 1
            worst = max(worst, result.exit_code)
            error_line(result.message or f"{result.path}: failed")
            continue
        if not quiet:
            for note in result.notes:
                error_line(note)
    if not quiet and len(job_list) > 1:
        click.echo(f"subkit: converted {len(job_list) - failed} of {len(job_list)} files" + (f", {failed} failed" if failed else ""), err=True)
    if failed:
        sys.exit(worst or 3)
