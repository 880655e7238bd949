"""`subkit fix`: the safe automatic repairs, the validation report of the result, what changed."""

from __future__ import annotations

import os
import shutil
import sys

import click

from subkit.cli.common import guarded
from subkit.cli.validate import (
    FAIL_LEVELS,
    _codes,
    exit_code_for,
    load_shots_option,
    parse_duration_option,
    parse_fps_option,
    qc_options,
    use_color,
    write_report,
)


def _output_for(path: str, output: str | None, in_place: bool, several: bool) -> str:
    if in_place:
        return path
    assert output is not None
    if several or os.path.isdir(output) or output.endswith(("/", os.sep)):
        return os.path.join(output, os.path.basename(path))
    return output


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--output", metavar="OUT", default=None,
              help="Write the repaired track here (a folder for several files; - for stdout).")
@click.option("--in-place", is_flag=True, help="Replace each FILE (a FILE.bak copy is kept unless --no-backup).")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no .bak copy.")
@qc_options
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Exit 1 when findings of this severity or worse remain after the repairs.  [default: error]")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Format of the report of the result.")
@click.option("--report", "report_path", metavar="FILE", default=None, help="Write the report to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report.  [default: on a terminal]")
@guarded
def fix(files: tuple[str, ...], output: str | None, in_place: bool, no_backup: bool, profile: str | None,
        lang: str | None, fps: str | None, duration: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
        config_path: str | None, encoding: str | None, shots_path: str | None, fail_on: str | None, fmt: str, report_path: str | None,
        color: bool | None) -> None:
    """Apply the safe automatic repairs to each FILE, then report what is left.

    Repairs (each runs only when its rule is selected, so --ignore Y001 keeps your spacing):
    S004 remove empty cues, S002 renumber, S003 write UTF-8, S005 close tags, Y002 whitespace,
    Y001 French non-breaking spaces, Y003 ellipsis, Y004 dialogue dash, L001-L004 re-wrap to the
    profile's line length, T002 end overlaps and T006 widen short gaps by moving out-times
    earlier, T004 extend short cues into free time. Start times never move and no text is
    dropped; what cannot be repaired safely stays in the report. With --shots, and a profile
    that snaps (netflix), T010/T009 move out- and in-times onto nearby shot changes (a start by
    less than the profile's window, never into an overlap); T011 chaining runs when selected
    (--select ALL,T011).

    \b
    Examples:
      subkit fix samples/panchir-defects.fr.srt -o fixed.fr.srt
      subkit fix film.fr.srt --in-place --ignore L
      subkit fix deliveries/*.srt -o fixed/ --profile broadcast-fr
      subkit fix film.fr.srt --shots film.shots --select ALL,T011 -o timed.fr.srt
    """
    if in_place == (output is not None):
        raise click.UsageError("give exactly one of -o OUT and --in-place")
    if no_backup and not in_place:
        raise click.UsageError("--no-backup goes with --in-place")
    if output == "-" and len(files) > 1:
        raise click.UsageError("-o - (stdout) takes exactly one FILE")
    from subkit.errors import InputError  # noqa: PLC0415
    from subkit.fix import fix_track, read_for_fix, unreadable_blocks  # noqa: PLC0415
    from subkit.formats import ReadOptions, parse_bytes, parse_text, read_track, render, write_track  # noqa: PLC0415
    from subkit.model import Source  # noqa: PLC0415
    from subkit.qc import check_track, load_config, settings_for  # noqa: PLC0415
    from subkit.qc.registry import catalogue  # noqa: PLC0415
    from subkit.reporters import FileReport, render as render_report  # noqa: PLC0415

    config = load_config(config_path)
    frame_rate = parse_fps_option(fps)
    duration_ms = parse_duration_option(duration, frame_rate)
    shots = load_shots_option(shots_path, profile, lang, frame_rate, config)
    reports: list[FileReport] = []
    several = len(files) > 1
    for path in files:
        try:
            first = read_track(path, encoding, options=ReadOptions(frame_rate))
        except InputError as error:
            click.echo(f"subkit: {error}", err=True)
            reports.append(FileReport(path=path, error=str(error)))
            continue
        settings = settings_for(first, profile, lang, frame_rate, _codes(select), _codes(ignore), config)
        track, mended = (read_for_fix(path, encoding, settings.selected("S001"), ReadOptions(frame_rate))
                         if path != "-" else (first, 0))
        source = track.source
        assert source is not None
        lost = unreadable_blocks(track)
        if lost:
            # Writing now would drop the text of the blocks the reader skipped: write nothing.
            findings = check_track(track, settings=settings, duration_ms=duration_ms, shots=shots)
            reports.append(FileReport(source.path, source.format, source.encoding, settings.lang, len(track.cues), findings))
            click.echo(f"subkit: {source.path}: not repaired, nothing written: {len(lost)} block(s) cannot be read "
                       f"and would be lost ({lost[0]}); correct them by hand first", err=True)
            continue
        result = fix_track(track, settings, duration_ms, shots)
        if mended:
            result.changes["S001"] += mended
        target = _output_for(path, output, in_place, several)
        if in_place and not no_backup:
            shutil.copy2(path, path + ".bak")
        protect = set() if in_place else ({os.path.realpath(path)} if path != "-" else set())
        newline = source.newline
        if target == "-":
            rendered = render(result.track, source.format, newline, fps=frame_rate)
            if rendered.data is not None:
                sys.stdout.buffer.write(rendered.data)
                sys.stdout.flush()
                checked = parse_bytes(rendered.data, source.path, source.format)
            else:
                sys.stdout.write(rendered.text)
                checked = parse_text(rendered.text, source.path, source.format, ReadOptions(frame_rate))
            checked.source = Source(source.path, source.format, result.encoding, False, newline)
            checked.language = track.language
        else:
            write_track(result.track, target, source.format, result.encoding, newline, protect=protect, fps=frame_rate)
            checked = read_track(target, options=ReadOptions(frame_rate))
            checked.language = track.language
        findings = check_track(checked, settings=settings, duration_ms=duration_ms, shots=shots)
        info = checked.source
        assert info is not None
        reports.append(FileReport(target if target != "-" else source.path, info.format, info.encoding,
                                  settings.lang, len(checked.cues), findings))
        changed = ", ".join(f"{code} x{count}" for code, count in sorted(result.changes.items())) or "nothing to repair"
        click.echo(f"subkit: {source.path}: {result.total} repair{'s' if result.total != 1 else ''} "
                   f"({changed}) -> {target}", err=True)
    if output != "-" or report_path is not None:
        settings = settings_for(None, profile, lang, frame_rate, _codes(select), _codes(ignore), config)
        rules = [(rule.code, rule.name) for rule in catalogue() if settings.selected(rule.code)]
        write_report(render_report(reports, fmt, settings.profile, rules, use_color(color, report_path)), report_path)
    sys.exit(exit_code_for(reports, fail_on or config.fail_on or "error"))
