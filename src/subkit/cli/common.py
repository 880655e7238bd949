"""What every command shares: turning errors into one-line messages and exit codes, common options.

Commands raise `SubkitError`s from the library; `guarded` prints `subkit: FILE:LINE: message`
on stderr and exits with the error's contract code. Anything unexpected is a bug: one line and
exit 70, or the traceback with `--debug`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from subkit.errors import SubkitError
from subkit.timecode import TimecodeError

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 70


def error_line(message: str) -> None:
    click.echo(f"subkit: {message}", err=True)


def warn(message: str) -> None:
    click.echo(f"subkit: warning: {message}", err=True)


def debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, dict) and ctx.obj.get("debug"):
            return True
        ctx = ctx.parent
    return "--debug" in sys.argv


def guarded(function: F) -> F:
    """Run a command body; library errors become one line on stderr and the contract's exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SubkitError as error:
            if debugging():
                raise
            error_line(str(error))
            sys.exit(error.exit_code)
        except TimecodeError as error:
            raise click.UsageError(str(error)) from None
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
            if debugging():
                raise
            error_line(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
            sys.exit(INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]
