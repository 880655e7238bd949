"""`subkit retime`: shift, change frame rate, map through points, snap to frames (one file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from subkit.cli.common import (
    describe,
    encoding_option,
    guarded,
    max_input_option,
    read_track_arg,
    reject_bare_number,
    warn_about,
    worded,
    write_result,
)
from subkit.errors import UsageError

if TYPE_CHECKING:
    from subkit.retiming import Plan


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--shift", "shift_text", metavar="D", help="Move every time by D (2.5s, -1500ms, 00:00:01,200, 75f).")
@click.option(
    "--fps",
    "fps_text",
    metavar="A:B",
    help="The track is timed for A frames/s and must fit B frames/s: times x A/B (23.976 = 24000/1001).",
)
@click.option(
    "--map",
    "map_texts",
    metavar="SRC=DST",
    multiple=True,
    help="A point of a piecewise-linear map; repeat for two or more points (extrapolated beyond the outer ones).",
)
@click.option("--from", "from_text", metavar="T", help="Move only cues that start at or after T (input time).")
@click.option("--snap", "snap_text", metavar="FPS", help="Put every moved time on the frame grid of FPS.")
@click.option(
    "--rate", "rate_text", metavar="FPS", help="Frame rate for times given in frames (75f).  [default: the --snap rate]"
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default="-",
    show_default=False,
    help="Output file; its extension picks the format (.srt/.vtt), else the input's format is kept.  [default: - (stdout)]",
)
@encoding_option("the input")
@click.option(
    "--quiet", "-q", is_flag=True, help="Do not print warnings (dropped or clamped cues, what the format cannot hold)."
)
@max_input_option
@guarded
def retime(
    file: str,
    shift_text: str | None,
    fps_text: str | None,
    map_texts: tuple[str, ...],
    from_text: str | None,
    snap_text: str | None,
    rate_text: str | None,
    output: str,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Shift, change the frame rate of, map or snap the times of FILE (- for stdin).

    Options combine in this order, whatever their order on the command line: --fps first, then
    --map (its points are on the converted timeline), then --shift, then --snap. All of it is
    computed exactly and rounded to the millisecond once. --from compares with input times.

    Cues that would end at or before 0 are dropped, cues that would start before 0 start at 0;
    each is named in a warning. Ids, cue settings and NOTE blocks are kept. The output goes to
    stdout unless -o is given; an input file is never overwritten.

    \b
    Examples:
      subkit retime film.fr.srt --shift -2.5s -o film.fr.shifted.srt
      subkit retime film.fr.srt --fps 25:23.976 -o film.fr.23976.srt
      subkit retime film.fr.srt --map 0:10=0:11 --map 50:00=50:04 -o out.srt
      subkit retime film.fr.srt --from 00:26:00,000 --shift 14s -o out.srt
      subkit retime film.fr.vtt --snap 25 -o film.fr.snapped.vtt
    """
    from subkit.retiming import RetimeError, retime as apply_plan  # noqa: PLC0415

    plan = build_plan(shift_text, fps_text, map_texts, from_text, snap_text, rate_text)
    track = read_track_arg(file, encoding)
    try:
        result = apply_plan(track, plan)
    except RetimeError as error:
        raise UsageError(describe(error)) from None
    shown = track.source.path if track.source else file
    if not quiet:
        warn_about(shown, result)
    write_result(result.track, output, file, quiet)


def build_plan(
    shift_text: str | None,
    fps_text: str | None,
    map_texts: tuple[str, ...],
    from_text: str | None,
    snap_text: str | None,
    rate_text: str | None,
) -> Plan:
    """The command line's times and rates as an exact `Plan` (frames need --rate or --snap)."""
    from fractions import Fraction  # noqa: PLC0415

    from subkit.retiming import Plan  # noqa: PLC0415
    from subkit.timecode import TimecodeError, parse_fps, parse_time as parse_timecode  # noqa: PLC0415

    snap = parse_fps(snap_text) if snap_text else None
    rate = parse_fps(rate_text) if rate_text else snap

    def parse_time(text: str, option: str) -> int:
        reject_bare_number(text, option)
        try:
            return parse_timecode(text, rate)
        except TimecodeError as error:
            flag = "--rate FPS, or --snap FPS" if error.option == "fps" else None
            raise click.BadParameter(worded(str(error), error.option, error.missing, flag), param_hint=option) from None

    fps: tuple[Fraction, Fraction] | None = None
    if fps_text:
        parts = fps_text.split(":")
        if len(parts) != 2 or not all(part.strip() for part in parts):
            raise click.BadParameter(f"expected A:B, e.g. 25:23.976, not {fps_text!r}", param_hint="--fps")
        fps = (parse_fps(parts[0]), parse_fps(parts[1]))
    points = []
    for text in map_texts:
        source, equals, destination = text.partition("=")
        if not equals:
            raise click.BadParameter(
                f"expected SRC=DST, e.g. 00:01:00,000=00:01:02,500, not {text!r}", param_hint="--map"
            )
        points.append((parse_time(source, "--map"), parse_time(destination, "--map")))
    if len(points) == 1:
        raise click.BadParameter(
            "give at least two points (SRC=DST SRC=DST); for one point use --shift", param_hint="--map"
        )
    plan = Plan(
        shift=parse_time(shift_text, "--shift") if shift_text else 0,
        fps=fps,
        points=tuple(points),
        start_from=parse_time(from_text, "--from") if from_text else None,
        snap=snap,
    )
    if plan.is_empty():
        raise click.UsageError("nothing to do: give --shift, --fps, --map or --snap")
    return plan
