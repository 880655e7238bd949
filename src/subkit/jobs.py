"""What a batch does with one file: convert it, validate it, or repair it (with its guard) and check the result.

Each job is plain data so it can travel to a worker process (`subkit.batch.run_ordered`), and
each outcome is plain data so it can travel back; an error that concerns only that file
becomes part of its outcome (`FileReport.failed`), so the other files of the batch go on. The
command line plans the batch (inputs, outputs, standard input and output), runs these jobs and
prints what they return; a library user can run them the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from subkit.batch import FileResult, InputFile
from subkit.errors import RepairRefused, SubkitError, format_location

if TYPE_CHECKING:
    from subkit.qc.config import QcConfig
    from subkit.qc.report import FileReport

#: what a worker needs to convert, validate or fix, imported once in the parent before the pool forks
CONVERT_MODULES = ("subkit.formats", "subkit.formats.srt", "subkit.formats.vtt", "subkit.formats.txt")
VALIDATE_MODULES = ("subkit.formats", "subkit.qc")
FIX_MODULES = ("subkit.formats", "subkit.formats.srt", "subkit.formats.vtt", "subkit.repairs", "subkit.qc")


@dataclass(frozen=True, slots=True)
class ConvertJob:
    """One file to convert and where it goes (`-`: the bytes come back in the result's `payload`)."""

    item: InputFile
    output: str
    fmt: str
    encoding: str | None = None
    out_encoding: str = "utf-8"
    #: line endings written; None keeps the input's
    newline: str | None = "\n"
    #: txt: start each paragraph with its time
    timestamps: bool = False
    fps: Fraction | None = None
    #: the folder every output of a batch must resolve inside (None for one named file or stdout)
    inside: str | None = None


def convert_file(job: ConvertJob) -> FileResult:
    """Read, convert, write one file; expected errors become a failed FileResult, not an exception.

    Blocks the reader could not read are the result's `problems`; what the target format could
    not hold, and reader warnings, its `notes`.
    """
    from subkit.fileio import check_output  # noqa: PLC0415
    from subkit.formats import ReadOptions, output_format, read_track, render_bytes, write_track  # noqa: PLC0415

    try:
        if job.inside is not None:
            check_output(job.output, inside=job.inside)
        track = read_track(job.item.path, job.encoding, options=ReadOptions(job.fps), data=job.item.data)
        protect = {os.path.realpath(job.item.path)} if job.item.path != "-" else set()
        newline = job.newline if job.newline is not None else (track.source.newline if track.source else "\n")
        if job.output == "-":  # the bytes travel back to the caller, which alone writes standard output
            rendered = render_bytes(
                track,
                output_format(track, job.output, job.fmt),
                job.out_encoding,
                newline,
                job.timestamps,
                job.fps,
                "<stdout>",
            )
        else:
            rendered = write_track(
                track, job.output, job.fmt, job.out_encoding, newline, job.timestamps, protect, job.fps
            )
        shown = track.source.path if track.source else job.item.path
        read_notes = [
            (d.severity, format_location(shown, d.line, f"{d.severity}: {d.message}"))
            for d in track.diagnostics
            if d.code == "S001" or d.code.startswith("F")
        ]
        problems = [line for severity, line in read_notes if severity == "error"]
        notes = [line for severity, line in read_notes if severity != "error"]
        notes += [format_location(shown, None, f"warning: {note}") for note in rendered.notes]
        return FileResult(
            job.item.path,
            True,
            job.output,
            None,
            0,
            notes,
            problems=problems,
            payload=rendered.encoded if job.output == "-" else None,
        )
    except SubkitError as error:
        return FileResult(job.item.path, False, job.output, str(error), error.exit_code, failure=error)


@dataclass(frozen=True, slots=True)
class ValidateJob:
    """One file to check, with everything that decides its findings."""

    path: str
    profile: str | None = None
    lang: str | None = None
    fps: Fraction | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    config: QcConfig | None = None
    source_path: str | None = None
    duration_ms: int | None = None
    encoding: str | None = None
    shots: tuple[int, ...] | None = None
    #: the input's bytes when it is no file (standard input, read by the caller)
    data: bytes | None = None


def _shown(path: str) -> str:
    return "<stdin>" if path == "-" else path


def validate_file(job: ValidateJob) -> FileReport:
    """A FileReport for one file; an unreadable file becomes a report with `error` set."""
    from subkit.formats import ReadOptions, read_track  # noqa: PLC0415
    from subkit.qc.engine import check_track  # noqa: PLC0415
    from subkit.qc.report import FileReport  # noqa: PLC0415 - QC, only for the jobs that check

    try:
        track = read_track(job.path, job.encoding, options=ReadOptions(job.fps), data=job.data)
        source = read_track(job.source_path) if job.source_path else None
    except SubkitError as error:
        return FileReport.failed(_shown(job.path), error)
    findings = check_track(
        track,
        job.profile,
        job.lang,
        job.fps,
        job.select,
        job.ignore,
        source,
        job.duration_ms,
        job.config,
        shots=job.shots,
    )
    info = track.source
    assert info is not None
    return FileReport(info.path, info.format, info.encoding, job.lang or track.language, len(track.cues), findings)


def crashed(path: str, error: BaseException) -> FileReport:
    """A bug or a worker that died fails that file (exit 70), not the whole batch."""
    from subkit.qc.report import FileReport  # noqa: PLC0415 - QC, only for the jobs that check

    return FileReport(
        path=path, error=f"{path}: internal error: {type(error).__name__}: {error} (please report it)", exit_code=70
    )


def validate_files(
    items: Sequence[InputFile],
    *,
    profile: str | None = None,
    lang: str | None = None,
    fps: Fraction | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config: QcConfig | None = None,
    source_path: str | None = None,
    duration_ms: int | None = None,
    encoding: str | None = None,
    shots: tuple[int, ...] | None = None,
    jobs: int = 0,
    on_report: Callable[[FileReport], None] | None = None,
) -> list[FileReport]:
    """Reports for every input, in input order, checked by a process pool when that pays
    (`jobs`: 0 = one worker per core); `on_report` is called as each one arrives."""
    from subkit.batch import input_sizes, run_ordered, worker_count  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415

    settings = settings_for(None, profile, lang, fps, select, ignore, config)  # checks codes before any work
    job_list = [
        ValidateJob(
            item.path, profile, lang, fps, select, ignore, config, source_path, duration_ms, encoding, shots, item.data
        )
        for item in items
    ]
    sizes = input_sizes(items)
    if worker_count(len(job_list), jobs, sizes) > 1 and any(settings.selected(code) for code in ("G001", "G002")):
        from subkit.qc.rules.language import warm_up  # noqa: PLC0415

        warm_up()  # once, in the parent: forked workers inherit loaded profiles
    reports = []
    for report in run_ordered(
        validate_file,
        job_list,
        jobs,
        weights=sizes,
        preload=VALIDATE_MODULES,
        on_error=lambda job, error: crashed(job.path, error),
    ):
        reports.append(report)
        if on_report is not None:
            on_report(report)
    return reports


@dataclass(frozen=True, slots=True, kw_only=True)
class FixJob(ValidateJob):
    """One file to repair: what validating it needs, and where the result goes."""

    #: the output path; "-" asks for the bytes back instead (`FixOutcome.stdout`)
    target: str
    in_place: bool = False
    backup: bool = True
    #: the folder the output must resolve inside (None for one named file, stdout or in place)
    inside: str | None = None
    #: resolved paths of every input of the batch: an output never replaces one
    protect: frozenset[str] = frozenset()


@dataclass(slots=True)
class FixOutcome:
    """What fixing one file gave: the report of the result, the line saying what changed, the
    bytes of the result when it was not written to a file (target `-`)."""

    report: FileReport
    message: str | None = None
    stdout: bytes | None = None
    #: an error that did not stop the file (repairs refused): worth saying even when quiet
    problem: str | None = None


def fix_file(job: FixJob) -> FixOutcome:
    """Read, repair, write and re-check one file; expected errors become a report with `error`.

    The guard: when the reader had to skip blocks it could not read (S001 errors, after mending
    broken timing arrows), nothing is written, since the repaired file would lose their text;
    the findings are reported and the refusal is the outcome's `problem`.
    """
    from subkit.fileio import backup, check_output, encode  # noqa: PLC0415
    from subkit.formats import ReadOptions, parse_bytes, parse_text, read_track, render, write_track  # noqa: PLC0415
    from subkit.model import Source  # noqa: PLC0415
    from subkit.qc.engine import check_track, settings_for  # noqa: PLC0415
    from subkit.qc.report import FileReport  # noqa: PLC0415 - QC, only for the jobs that check
    from subkit.repairs import fix_track, read_for_fix  # noqa: PLC0415

    try:
        if job.inside is not None:
            check_output(job.target, inside=job.inside)
        options = ReadOptions(job.fps)
        first = read_track(job.path, job.encoding, options=options, data=job.data)
        settings = settings_for(first, job.profile, job.lang, job.fps, job.select, job.ignore, job.config)
        track, mended = (
            read_for_fix(job.path, job.encoding, settings.selected("S001"), options) if job.data is None else (first, 0)
        )
        source = track.source
        assert source is not None
        try:
            result = fix_track(track, settings, job.duration_ms, job.shots)
        except RepairRefused as refusal:
            findings = check_track(track, settings=settings, duration_ms=job.duration_ms, shots=job.shots)
            report = FileReport(source.path, source.format, source.encoding, settings.lang, len(track.cues), findings)
            return FixOutcome(report, problem=str(refusal))
        if mended:
            result.changes["S001"] += mended
        if job.target == "-":
            rendered = render(result.track, source.format, source.newline, fps=job.fps, encoding=result.encoding)
            if rendered.data is not None:  # a binary format (EBU-STL)
                stdout = rendered.data
                checked = parse_bytes(rendered.data, source.path, source.format, options)
            else:
                stdout = encode(rendered.text, "<stdout>", result.encoding)
                checked = parse_text(rendered.text, source.path, source.format, options)
            checked.source = Source(source.path, source.format, result.encoding, False, source.newline)
        else:
            if not (job.in_place and result.total == 0):  # nothing changed: the file (and no backup) stays
                if job.in_place and job.backup:
                    backup(job.path)
                protect = set(job.protect) - ({os.path.realpath(job.path)} if job.in_place else set())
                write_track(
                    result.track,
                    job.target,
                    source.format,
                    result.encoding,
                    source.newline,
                    protect=protect,
                    fps=job.fps,
                )
            checked = read_track(job.target, options=options)
            stdout = None
        checked.language = track.language
        findings = check_track(checked, settings=settings, duration_ms=job.duration_ms, shots=job.shots)
        info = checked.source
        assert info is not None
        report = FileReport(
            job.target if job.target != "-" else source.path,
            info.format,
            info.encoding,
            settings.lang,
            len(checked.cues),
            findings,
        )
        changed = ", ".join(f"{code} x{count}" for code, count in sorted(result.changes.items())) or "nothing to repair"
        message = (
            f"{source.path}: {result.total} repair{'s' if result.total != 1 else ''} ({changed}) -> "
            f"{'stdout' if job.target == '-' else job.target}"
        )
        return FixOutcome(report, message, stdout)
    except SubkitError as error:
        return FixOutcome(FileReport.failed(_shown(job.path), error))


def fix_crashed(job: FixJob, error: BaseException) -> FixOutcome:
    return FixOutcome(crashed(job.path, error))
