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
from typing import Any, TypeVar

import click

from subkit.errors import OutputError, SubkitError
from subkit.timecode import TimecodeError

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 70
INTERRUPTED = 130
TERMINATED = 143
#: what a message about too large an input adds on the command line (the library names no flags)
SIZE_HINT = " (raise it with --max-input-size)"


def error_line(message: str) -> None:
    try:
        click.echo(f"subkit: {message}", err=True)
    except OSError:  # stderr itself cannot be written: the exit code still says it
        pass


def warn(message: str) -> None:
    click.echo(f"subkit: warning: {message}", err=True)


def describe(error: SubkitError) -> str:
    """The one-line message of a library error, with the command-line hint it may need."""
    from subkit.fileio import InputTooLarge  # noqa: PLC0415

    return str(error) + (SIZE_HINT if isinstance(error, InputTooLarge) else "")


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
        from subkit.batch import Terminated  # noqa: PLC0415

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
        except TimecodeError as error:
            raise click.UsageError(str(error)) from None
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
        except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
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
        raise click.BadParameter(f"expected a size such as 64M, 1G or 500k, not {text!r}", param_hint="--max-input-size")
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
        "--max-input-size", metavar="SIZE", default=None, expose_value=False, callback=_set_max_input_size,
        envvar="SUBKIT_MAX_INPUT_SIZE",
        help="Refuse input files larger than this (64M, 1G; env SUBKIT_MAX_INPUT_SIZE).  [default: 32M]",
    )(function)


_BARE_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")


def reject_bare_number(text: str, option: str) -> None:
    """A time without a unit (`--shift 2`) is refused: seconds, frames and milliseconds are all
    common on the command lines of subtitle tools, and guessing wrong moves a whole track by a
    factor of 25 or 1000. Zero needs no unit."""
    if _BARE_NUMBER.match(text) and float(text) != 0:
        raise click.BadParameter(
            f"{text.strip()!r} has no unit; write {text.strip()}s, {text.strip()}ms or {text.strip()}f (frames), "
            "or a timecode such as 00:00:02,000", param_hint=option)
