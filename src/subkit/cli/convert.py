"""`subkit convert`: subtitle files or folders to SRT, WebVTT, the delivery formats or a text transcript.

Built for catalogues: every input is planned before anything is written (so two inputs can
never race for one output and no input is ever overwritten), files are converted by a process
pool and reported in input order, a bad file (or a missing folder) is one error line and the
batch goes on, and the summary line and exit code say whether anything failed. Everything
written under `-o OUT` resolves inside OUT.
"""

from __future__ import annotations

import os
import sys

import click

from subkit.batch import (
    FileResult,
    InputFile,
    gather_inputs,
    input_sizes,
    mirrored_output,
    refuse_collisions,
    run_ordered,
    select_shard,
)
from subkit.cli.common import (
    INTERNAL_ERROR,
    describe,
    encoding_option,
    guarded,
    jobs_option,
    max_input_option,
    parse_fps_option,
    shard_option,
    with_stdin,
    write_stdout,
)
from subkit.errors import InputError, UsageError, format_location
from subkit.jobs import CONVERT_MODULES, ConvertJob, convert_file
from subkit.progress import Progress, progress_wanted

#: Every format `--to` takes (the registry's writable formats; kept literal so --help needs no import).
CONVERT_TARGETS = ["srt", "vtt", "txt", "ttml", "dfxp", "stl", "scc", "ass", "ssa", "sbv", "sub", "sami"]


def _module_name(fmt: str) -> str:
    from subkit.formats import FORMATS  # noqa: PLC0415

    return FORMATS[fmt].module or fmt


def failed_unexpectedly(job: ConvertJob, error: BaseException) -> FileResult:
    """A bug or a worker that died: reported against its file like any failure, exit 70."""
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    if isinstance(error, BrokenProcessPool):
        what = "a worker process stopped unexpectedly (out of memory?); rerun with --jobs 1"
    else:
        what = f"internal error: {type(error).__name__}: {error} (please report it)"
    return FileResult(job.item.path, False, job.output, format_location(job.item.path, None, what), INTERNAL_ERROR)


def plan_outputs(items: list[InputFile], fmt: str, output: str | None, single: bool) -> list[str]:
    """The output path of every input, checked as a whole before anything is written.

    Refused (usage error, nothing written): two inputs that would write the same file (e.g.
    `a.srt` and `a.vtt` to `a.vtt`) and an output that is another input of the batch, which
    could be overwritten before it is read.
    """
    from subkit.formats import output_suffix  # noqa: PLC0415

    suffix = output_suffix(fmt)
    if output == "-":
        if not single:
            raise UsageError("-o - (stdout) takes exactly one input file")
        return ["-"]
    if output is not None and single and not os.path.isdir(output) and not output.endswith(("/", os.sep)):
        return [output]
    if output is None:
        targets = [str(os.path.splitext(item.path)[0] if item.path != "-" else "stdin") + suffix for item in items]
        for item, target in zip(items, targets):
            if os.path.realpath(target) == os.path.realpath(item.path):
                raise UsageError(f"{item.path}: converting to the same format would overwrite it; give -o")
    else:
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"-o {output} is a file; with several inputs or a folder it must be a folder")
        targets = [mirrored_output(item, output, suffix) for item in items]
    refuse_collisions(items, targets, "convert")
    return targets


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(CONVERT_TARGETS),
    required=True,
    help="Output format: srt, vtt, txt, ttml (IMSC 1.1), dfxp, stl (EBU), scc, ass, ssa, sbv, sub (MicroDVD), sami.",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Output file (one input), folder (several inputs or folders; the input tree is mirrored), or - for stdout.  [default: beside each input]",
)
@encoding_option()
@click.option(
    "--output-encoding", metavar="NAME", default="utf-8", show_default=True, help="Encoding of the files written."
)
@click.option(
    "--newline",
    type=click.Choice(["lf", "crlf", "keep"]),
    default="lf",
    show_default=True,
    help="Line endings of the files written.",
)
@click.option("--timestamps", is_flag=True, help="txt: start each paragraph with its time.")
@click.option(
    "--fps",
    metavar="RATE",
    default=None,
    help="Frame rate of frame-based formats: MicroDVD in and out, STL (25 or 29.97), TTML/DFXP metadata.",
)
@jobs_option
@shard_option
@click.option(
    "--quiet", "-q", is_flag=True, help="Print only errors (never hidden) and, if any file failed, the summary."
)
@max_input_option
@guarded
def convert(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    encoding: str | None,
    output_encoding: str,
    newline: str,
    timestamps: bool,
    fps: str | None,
    jobs: int,
    shard: str | None,
    quiet: bool,
) -> None:
    """Convert subtitle files or folders to SRT, WebVTT, a delivery format or a plain transcript.

    Reads SRT, WebVTT, TTML/IMSC/DFXP, EBU-STL, SCC, ASS/SSA, SBV, MicroDVD and SAMI; writes any
    of them (file names follow the target: film.fr.srt -> film.fr.stl).

    Every cue, time and character is kept; tags the target cannot show are removed and reported.
    Inputs are never modified; outputs are written atomically. Folders are walked recursively and
    mirrored under -o. A file that cannot be read is one error line; the others are still
    converted, and the exit code is then that of the failure (3 for an unreadable input, 73
    for an output that cannot be written).

    \b
    Examples:
      subkit convert film.fr.srt --to vtt                 # writes film.fr.vtt
      subkit convert deliveries/ --to vtt -o out/ -j 4    # mirrors the tree under out/
      subkit convert deliveries/ --to vtt -o out/ --shard 2/3   # CI job 2 of 3
      subkit convert film.fr.vtt --to txt --timestamps -o -
      subkit convert film.fr.srt --to stl                 # EBU-STL, 25 fps teletext
      subkit convert film.fr.srt --to sub --fps 23.976    # MicroDVD counts frames
    """
    from subkit.fileio import output_codec  # noqa: PLC0415

    output_codec(output_encoding)  # an unknown encoding: exit 73 before any work
    everything, missing = gather_inputs(paths)
    for failure in missing:
        click.echo(f"subkit: {failure}", err=True)
    items = with_stdin(select_shard(everything, shard))
    if not items:
        if missing:
            sys.exit(InputError.exit_code)
        if not quiet:
            click.echo(f"subkit: shard {shard} holds none of the {len(everything)} files; nothing to do", err=True)
        return
    single = len(paths) == 1 and len(items) == 1 and items[0].path == paths[0] and shard is None
    targets = plan_outputs(items, fmt, output, single)
    frame_rate = parse_fps_option(fps)
    inside = output if output not in (None, "-") and not single else None
    endings = {"lf": "\n", "crlf": "\r\n", "keep": None}[newline]
    job_list = [
        ConvertJob(item, target, fmt, encoding, output_encoding, endings, timestamps, frame_rate, inside)
        for item, target in zip(items, targets)
    ]
    preload = (
        CONVERT_MODULES
        + (("webvtt.vtt", "webvtt.models") if fmt == "vtt" else ())
        + (f"subkit.formats.{_module_name(fmt)}",)
    )
    failed = 0
    worst = InputError.exit_code if missing else 0
    with Progress(len(job_list), "converting", enabled=progress_wanted(quiet)) as bar:
        results = run_ordered(
            convert_file, job_list, jobs, weights=input_sizes(items), preload=preload, on_error=failed_unexpectedly
        )
        for result in results:
            bar.advance()
            if isinstance(result.payload, bytes):
                write_stdout(result.payload)
            for problem in result.problems:
                bar.echo(f"subkit: {problem}")
            if not result.ok:
                failed += 1
                worst = max(worst, result.exit_code)
                message = describe(result.failure) if result.failure is not None else result.message
                bar.echo(f"subkit: {message or result.path + ': failed'}")
            elif not quiet:
                for note in result.notes:
                    bar.echo(f"subkit: {note}")
    if len(job_list) + len(missing) > 1 and (failed or missing or not quiet):
        summary = f"subkit: converted {len(job_list) - failed} of {len(job_list)} files"
        summary += f", {failed} failed" if failed else ""
        summary += f"; {len(missing)} argument{'s' if len(missing) > 1 else ''} named no file" if missing else ""
        click.echo(summary, err=True)
    if failed or missing:
        sys.exit(worst or InputError.exit_code)
