"""`subkit report`: one self-contained HTML QC report of a track (timeline, findings, figures)."""

from __future__ import annotations

from pathlib import Path

import click

from subkit.cli.common import guarded, load_shots, parse_fps_option, read_track_arg, write_output
from subkit.cli.qcoptions import QcOptions, parse_duration_option, qc_options


@click.command()
@click.argument("file", metavar="FILE")
@qc_options
@click.option(
    "-o", "--output", metavar="OUT", default=None, help="Where to write the page.  [default: FILE with .html added]"
)
@guarded
def report(
    file: str,
    qc: QcOptions,
    output: str | None,
) -> None:
    """Write one self-contained HTML QC report of FILE: the track's figures, a timeline coloured
    by reading speed with the findings (and shot changes) on it, CPS and CPL charts, the findings
    with filters by severity and rule, and every cue. No network access, no external files.

    Takes the same checking options as `subkit validate`. Exit codes: 0 written (findings or
    not); 2 usage; 3 FILE or the shots list could not be read; 73 the page could not be written.

    Example:

        subkit report film.fr.srt -o film.fr.html

        subkit report film.fr.srt --shots film.shots --profile broadcast-fr -o qc/film.fr.html
    """
    from subkit.qc import check_track, load_config, settings_for  # noqa: PLC0415
    from subkit.reporters.html import ReportInfo, render_html  # noqa: PLC0415
    from subkit.version import __version__  # noqa: PLC0415

    config = load_config(qc.config_path)
    frame_rate = parse_fps_option(qc.fps)
    track = read_track_arg(file, qc.encoding)
    settings = settings_for(track, qc.profile, qc.lang, frame_rate, qc.select_codes, qc.ignore_codes, config)
    shots = load_shots(qc.shots_path, settings.fps) if qc.shots_path else None
    findings = check_track(
        track, settings=settings, duration_ms=parse_duration_option(qc.duration, settings.fps), shots=shots
    )
    name = file if file != "-" else "stdin"
    info = ReportInfo(
        name.rsplit("/", 1)[-1],
        settings.profile,
        settings.lang,
        settings.thresholds.max_cps,
        settings.thresholds.max_cpl,
        float(settings.fps),
        __version__,
    )
    page = render_html(track, findings, info, list(shots) if shots else None)
    target = output or (f"{file}.html" if file != "-" else "-")
    write_output(target, page.encode("utf-8"), {str(Path(file).resolve())} if file != "-" else None)
    if target != "-":
        click.echo(f"subkit: {file}: {len(findings)} findings -> {target}", err=True)
