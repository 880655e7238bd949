"""What `validate` and `fix` share: the QC options, parsing their values, where the report goes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any, TypeVar

import click

from subkit.cli.common import encoding_option, max_input_option

F = TypeVar("F", bound=Callable[..., Any])
FAIL_LEVELS = ("error", "warning", "info")
#: the report formats (`subkit.reporters.FORMATS`; kept literal so --help needs no import)
REPORT_FORMATS = ("text", "json", "junit", "github")


def codes(values: tuple[str, ...]) -> list[str] | None:
    codes = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return codes or None


@dataclass(frozen=True)
class QcOptions:
    """The values of the options `qc_options` adds, as typed: the command parses them in its body,
    where `guarded` turns a bad value into a one-line message."""

    profile: str | None
    lang: str | None
    fps: str | None
    duration: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    config_path: str | None
    encoding: str | None
    shots_path: str | None

    @property
    def select_codes(self) -> list[str] | None:
        return codes(self.select)

    @property
    def ignore_codes(self) -> list[str] | None:
        return codes(self.ignore)


def qc_options(function: F) -> F:
    """The options `validate`, `fix` and `report` share: profile, language, frame rate, rules,
    configuration; the command gets them as one `qc: QcOptions` argument."""
    from subkit.qc.config import profile_names  # noqa: PLC0415

    names = [field.name for field in fields(QcOptions)]

    @functools.wraps(function)
    def packed(*args: Any, **kwargs: Any) -> Any:
        qc = QcOptions(**{name: kwargs.pop(name) for name in names})
        return function(*args, qc=qc, **kwargs)

    decorators = [
        click.option(
            "--profile",
            type=click.Choice(profile_names()),
            default=None,
            help="Delivery profile (thresholds).  [default: from the configuration, else netflix]",
        ),
        click.option(
            "--lang",
            metavar="CODE",
            default=None,
            help="Declared language of the track(s).  [default: the file's .xx. suffix]",
        ),
        click.option(
            "--fps",
            metavar="RATE",
            default=None,
            help="Frame rate for frame-based limits and times (25, 23.976, 30000/1001).  [default: profile's, 25]",
        ),
        click.option(
            "--duration",
            metavar="TIME",
            default=None,
            help="Programme length (e.g. 52:03 or 00:52:03,000): cues must end before it (T007).",
        ),
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Only these rules (codes or prefixes, comma-separated or repeated: T,R001).",
        ),
        click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes)."),
        config_option,
        encoding_option(),
        click.option(
            "--shots",
            "shots_path",
            metavar="FILE",
            default=None,
            help="Shot changes (a list from `subkit shots`, or the video itself) for T009/T010.",
        ),
    ]
    wrapped: Any = packed
    for decorator in reversed(decorators):
        wrapped = decorator(wrapped)
    return max_input_option(wrapped)  # type: ignore[no-any-return]


def config_option(function: F) -> F:
    """`--config`: the configuration file of the commands that check (`subkit.qc.load_config`)."""
    return click.option(
        "--config",
        "config_path",
        metavar="FILE",
        default=None,
        help="Configuration file.  [default: nearest subkit.toml or pyproject.toml [tool.subkit]]",
    )(function)


def fail_on_option(what: str = "findings", when: str = "") -> Callable[[F], F]:
    """`--fail-on`: the severity from which the command's `what` make it exit 1."""
    return click.option(
        "--fail-on",
        type=click.Choice(FAIL_LEVELS),
        default=None,
        help=f"Exit 1 when {what} of this severity or worse remain{when}.  [default: error]",
    )


def report_format_option(text: str, default: str | None = None) -> Callable[[F], F]:
    """`--format` of a QC report (text, json, junit, github)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(REPORT_FORMATS),
        default=default,
        show_default=default is not None,
        help=text,
    )


def color_option(function: F) -> F:
    """`--color/--no-color` of a text report; `use_color` decides when neither is given."""
    return click.option("--color/--no-color", default=None, help="Colour the text report.  [default: on a terminal]")(
        function
    )


def parse_duration_option(value: str | None, fps: Fraction | None) -> int | None:
    if value is None:
        return None
    from subkit.cli.common import reject_bare_number  # noqa: PLC0415
    from subkit.timecode import parse_time  # noqa: PLC0415

    reject_bare_number(value, "--duration")

    return parse_time(value, fps or Fraction(25))


def load_shots_option(
    path: str | None, profile: str | None, lang: str | None, fps: Fraction | None, config: Any
) -> tuple[int, ...] | None:
    """The --shots list (frames and timecodes at the frame rate in force); a warning when the
    profile has no shot-change window, since nothing would be checked."""
    if path is None:
        return None
    from subkit.cli.common import load_shots, warn  # noqa: PLC0415
    from subkit.qc.engine import settings_for  # noqa: PLC0415

    settings = settings_for(None, profile, lang, fps, None, None, config)
    if settings.thresholds.shot_window_frames <= 0:
        warn(
            f"profile {settings.profile} has no shot-change rule (shot-window-frames = 0): --shots checks nothing; "
            "set shot-window-frames in subkit.toml"
        )
    return load_shots(path, settings.fps)


def write_report(text: str, output: str | None) -> None:
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from subkit.fileio import atomic_write  # noqa: PLC0415

    atomic_write(output, text.encode("utf-8"))


def use_color(choice: bool | None, output: str | None) -> bool:
    if choice is not None:
        return choice
    if output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
