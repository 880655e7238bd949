"""What every command shares: turning errors into one-line messages and exit codes, common options.

Commands raise `SubkitError`s from the library; `guarded` prints `subkit: FILE:LINE: message`
on stderr and exits with the error's contract code: 2 usage, 3 unreadable input, 4 service,
73 an output that cannot be written (stdout included: it is flushed before the command ends),
130 Ctrl-C and 143 SIGTERM (after the batch workers have ended and temporary files are gone).
Anything unexpected is a bug: one line and exit 70, or the traceback with `--debug`.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from subkit.errors import OutputError, SubkitError, ValueProblem, format_location

if TYPE_CHECKING:
    from fractions import Fraction

    from subkit.batch import InputFile
    from subkit.formats import Rendered
    from subkit.model import Track
    from subkit.qc.report import FileReport

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 70
INTERRUPTED = 130
TERMINATED = 143
#: what a message about too large an input adds on the command line (the library names no flags)
SIZE_HINT = " (raise it with --max-input-size)"
#: the flag of each library parameter an error may name, where it is not `--` + the name with dashes
FLAGS = {
    "source_lang": "--from",
    "target_lang": "--to",
    "targets": "--to",
    "points": "--map",
    "start_from": "--from",
    "output": "-o",
    "max_input_bytes": "--max-input-size",
}
#: what the command line adds after a wrong value of these parameters
AFTER = {"select": " (see --list-rules)", "ignore": " (see --list-rules)"}
#: how it asks for a missing value, where "give it with FLAG" would not read well
ASK = {"output": "give an output with {flag}"}


def flag_for(option: str) -> str:
    return FLAGS.get(option, "--" + option.replace("_", "-"))


def worded(message: str, option: str | None, missing: bool, flag: str | None = None) -> str:
    """A library message in the command line's words: the flag that gives the missing value, or
    the flag whose value is wrong in front."""
    if option is None:
        return message
    flag = flag or flag_for(option)
    if missing:
        return f"{message}; " + ASK.get(option, "give it with {flag}").format(flag=flag)
    return f"{flag}: {message}{AFTER.get(option, '')}"


def error_line(message: str) -> None:
    try:
        click.echo(f"subkit: {message}", err=True)
    except OSError:  # stderr itself cannot be written: the exit code still says it
        pass


def warn(message: str) -> None:
    click.echo(f"subkit: warning: {message}", err=True)


def describe(error: SubkitError | ValueProblem) -> str:
    """The one-line message of a library error, with the flag or hint the command line adds."""
    from subkit.fileio import InputTooLarge  # noqa: PLC0415

    if isinstance(error, ValueProblem):
        return worded(str(error), error.option, error.missing)
    message = worded(error.message, error.option, error.missing)
    return format_location(error.path, error.line, message) + (SIZE_HINT if isinstance(error, InputTooLarge) else "")


def with_stdin(items: list[InputFile]) -> list[InputFile]:
    """The inputs, with the bytes of standard input attached to `-` (read once, up to the input
    size limit): the library reads files, the command line reads its standard input."""
    if not any(item.path == "-" and item.data is None for item in items):
        return items
    from dataclasses import replace  # noqa: PLC0415

    data = read_stdin()
    return [replace(item, data=data) if item.path == "-" else item for item in items]


def read_stdin() -> bytes:
    from subkit.fileio import read_stream  # noqa: PLC0415

    return read_stream(sys.stdin.buffer, "<stdin>")


def stdin_if_dash(path: str) -> bytes | None:
    """The bytes of standard input when `path` is `-` (the library reads files only)."""
    return read_stdin() if path == "-" else None


def read_track_arg(path: str, encoding: str | None = None, fmt: str | None = None, options: Any = None) -> Track:
    """A subtitle file named on the command line: `-` is standard input."""
    from subkit.formats import read_track  # noqa: PLC0415

    return read_track(path, encoding, fmt, options, data=stdin_if_dash(path))


def write_output(path: str, data: bytes, protect: set[str] | None = None) -> None:
    """An output named on the command line: `-` is standard output, anything else a file written atomically."""
    if path == "-":
        write_stdout(data)
        return
    from subkit.fileio import atomic_write  # noqa: PLC0415

    atomic_write(path, data, protect)


def emit_track(
    track: Track,
    path: str,
    fmt: str | None = None,
    encoding: str = "utf-8",
    newline: str = "\n",
    timestamps: bool = False,
    protect: set[str] | None = None,
    fps: Fraction | None = None,
) -> Rendered:
    """Write a track where the command line was told to (`-`: standard output); returns what was rendered."""
    from subkit.formats import output_format, render_bytes, write_track  # noqa: PLC0415

    if path != "-":
        return write_track(track, path, fmt, encoding, newline, timestamps, protect, fps)
    rendered = render_bytes(track, output_format(track, path, fmt), encoding, newline, timestamps, fps, "<stdout>")
    write_stdout(rendered.encoded)
    return rendered


def load_shots(path: str, fps: Fraction) -> tuple[int, ...]:
    """Shot changes from a list file, standard input (`-`) or the video itself."""
    if path == "-":
        from subkit.fileio import decode  # noqa: PLC0415
        from subkit.media.shots import parse_shot_list  # noqa: PLC0415

        return parse_shot_list(decode(read_stdin(), "<stdin>").text, fps, "<stdin>").times
    from subkit.media.shots import load_shot_changes  # noqa: PLC0415

    return load_shot_changes(path, fps).times


def reworded(reports: list[FileReport]) -> None:
    """Each failed file's message in the command line's words (with the flag it names)."""
    for report in reports:
        if report.failure is not None:
            report.error = describe(report.failure)


def write_stdout(data: bytes) -> None:
    """Bytes to standard output; a failure (`/dev/full`, a closed pipe aside) is an OutputError."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", "<stdout>") from None


def debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, dict) and ctx.obj.get("debug"):
            return True
        ctx = ctx.parent
    return "--debug" in sys.argv


def flush_stdout() -> None:
    """Flush stdout now, so a full disk or `/dev/full` is an OutputError (exit 73), not a message
    from the interpreter at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise OutputError(f"cannot write: {getattr(error, 'strerror', None) or error}", "<stdout>") from None


def _silence_stdout() -> None:
    """After a reader closed the pipe (`subkit ... | head`): no more writes, no error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def guarded(function: F) -> F:
    """Run a command body; library errors become one line on stderr and the contract's exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from subkit.signals import Terminated  # noqa: PLC0415

        try:
            try:
                return function(*args, **kwargs)
            finally:
                flush_stdout()
        except SubkitError as error:
            if debugging():
                raise
            error_line(describe(error))
            sys.exit(error.exit_code)
        except ValueProblem as error:  # a time, a frame rate or a retiming map the library could not use
            raise click.UsageError(describe(error)) from None
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            error_line("interrupted")
            sys.exit(INTERRUPTED)
        except Terminated:
            error_line("terminated")
            sys.exit(TERMINATED)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(0)
        except OSError as error:  # an output the library did not write (a report echoed to stdout)
            if debugging():
                raise
            error_line(f"cannot write: {error.strerror or error}")
            sys.exit(OutputError.exit_code)
        except Exception as error:
            if debugging():
                raise
            error_line(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
            sys.exit(INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """`64M`, `1.5G`, `500k`, `2000000` -> bytes (binary multiples: 1M = 1,048,576 bytes)."""
    match = _SIZE.match(text)
    if not match:
        raise click.BadParameter(
            f"expected a size such as 64M, 1G or 500k, not {text!r}", param_hint="--max-input-size"
        )
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match.group(2).lower()]
    size = int(float(match.group(1)) * scale)
    if size < 1:
        raise click.BadParameter("must be at least 1 byte", param_hint="--max-input-size")
    return size


def _set_max_input_size(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # always set (the default too): a command never inherits the limit of an earlier in-process run
    from subkit.fileio import DEFAULT_MAX_INPUT_BYTES, set_max_input_bytes  # noqa: PLC0415

    set_max_input_bytes(DEFAULT_MAX_INPUT_BYTES if value is None else parse_size(value))


def max_input_option(function: F) -> F:
    """`--max-input-size`: every command that reads subtitle files refuses larger ones (exit 3)."""
    return click.option(
        "--max-input-size",
        metavar="SIZE",
        default=None,
        expose_value=False,
        callback=_set_max_input_size,
        envvar="SUBKIT_MAX_INPUT_SIZE",
        help="Refuse input files larger than this (64M, 1G; env SUBKIT_MAX_INPUT_SIZE).  [default: 32M]",
    )(function)


def encoding_option(what: str = "inputs") -> Callable[[F], F]:
    """`--encoding`: read `what` in this encoding instead of detecting it."""
    return click.option(
        "--encoding", metavar="NAME", default=None, help=f"Read {what} in this encoding instead of detecting it."
    )


def jobs_option(function: F) -> F:
    """`--jobs/-j`: the worker processes of a batch command (`subkit.batch.run_ordered`)."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        metavar="N",
        help="Worker processes; 0 = one per core, in-process for a small batch.  [default: 0]",
    )(function)


def shard_option(function: F) -> F:
    """`--shard K/N`: a batch command's share of the inputs in a parallel CI job (`subkit.batch.select_shard`)."""
    return click.option(
        "--shard", metavar="K/N", help="Process only the K-th of N stable slices of the inputs (parallel CI jobs)."
    )(function)


_BARE_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")


def reject_bare_number(text: str, option: str) -> None:
    """A time without a unit (`--shift 2`) is refused: seconds, frames and milliseconds are all
    common on the command lines of subtitle tools, and guessing wrong moves a whole track by a
    factor of 25 or 1000. Zero needs no unit."""
    if _BARE_NUMBER.match(text) and float(text) != 0:
        raise click.BadParameter(
            f"{text.strip()!r} has no unit; write {text.strip()}s, {text.strip()}ms or {text.strip()}f (frames), "
            "or a timecode such as 00:00:02,000",
            param_hint=option,
        )


def warn_about(shown: str, result: Any, why_overlaps: str = "") -> None:
    """Name every dropped or clamped cue, and every cue that now overlaps an earlier one."""
    for notice in result.notices:
        warn(f"{shown}: {notice.message}")
    if result.overlaps:
        warn(f"{shown}: {len(result.overlaps)} cue(s) now start before an earlier cue ends{why_overlaps}:")
    for overlap in result.overlaps:
        warn(f"{shown}: {overlap.message}")


def write_result(track: Track, output: str, input_path: str, quiet: bool = False) -> None:
    """Write a retimed track, keeping the input's line endings and never replacing the input."""
    protect = {os.path.realpath(input_path)} if input_path != "-" else set()
    newline = track.source.newline if track.source else "\n"
    rendered = emit_track(track, output, None, "utf-8", newline, False, protect)
    for note in [] if quiet else rendered.notes:
        warn(f"{output}: {note}")


def parse_fps_option(value: str | None) -> Fraction | None:
    """A `--fps` value (`25`, `23.976`, `30000/1001`) as an exact rate; None when not given."""
    if value is None:
        return None
    from subkit.timecode import parse_fps  # noqa: PLC0415

    return parse_fps(value)
