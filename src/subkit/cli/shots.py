"""`subkit shots`: the hard cuts of a video, as a plain list for `validate/fix --shots` and editors."""

from __future__ import annotations

import os

import click

from subkit.cli.common import guarded, write_output
from subkit.media.shots import LIST_FORMATS


@click.command()
@click.argument("film", metavar="FILM")
@click.option(
    "-o", "--output", metavar="OUT", default=None, help="Write the list here (- for stdout).  [default: stdout]"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(LIST_FORMATS),
    default="seconds",
    show_default=True,
    help="One time per line: seconds (Subtitle Edit's list) or HH:MM:SS:FF timecodes.",
)
@guarded
def shots(film: str, output: str | None, fmt: str) -> None:
    """Find the hard cuts of FILM (any video ffmpeg reads) and list them, one per line.

    A cut is the first frame of a new shot. Cross-fades, fades through black and fast pans are
    not cuts. The list is what `validate --shots` and `fix --shots` read, and what Subtitle
    Edit imports. Needs ffmpeg. A summary goes to stderr.

    \b
    Examples:
      subkit shots film.mp4 -o film.shots
      subkit shots film.mkv --format timecode -o -
      subkit validate film.fr.srt --shots film.shots
    """
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.media.shots import find_shot_changes, format_shot_list  # noqa: PLC0415

    found = find_shot_changes(film)
    if fmt == "timecode" and found.fps is None:
        raise UsageError(f"the frame rate of {film} is unknown: use --format seconds")
    text = format_shot_list(found.times, fmt, found.fps)
    target = output or "-"
    write_output(target, text.encode("utf-8"), {os.path.realpath(film)})
    rate = f", {float(found.fps):g} fps" if found.fps else ""
    shown = "stdout" if target == "-" else target
    click.echo(f"subkit: {film}: {len(found.times)} shot change(s) in {found.frames} frames{rate} -> {shown}", err=True)
