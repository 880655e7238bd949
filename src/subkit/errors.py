"""Errors that carry where they happened, so the command line can print `FILE:LINE: message`.

They are plain data (message, path, line) and define `__reduce__` so that they survive a trip
through a process pool: a worker's failure must reach the parent intact, not as a pickling error.

The library never names a command-line flag: an error about one of a function's parameters says
which in `option` (the parameter's name, e.g. `"fps"`), and `missing` tells whether a value was
wanted or the one given is wrong; the command line turns that into its own flag name and words.
"""

from __future__ import annotations


class SubkitError(Exception):
    """Base of every error subkit raises on purpose; `exit_code` follows the contract."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        *,
        option: str | None = None,
        missing: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        #: the parameter the problem is about, as the library names it (`fps`, `encoding`...)
        self.option = option
        #: True: a value for `option` is needed; False: the value given is wrong
        self.missing = missing

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.path, self.line, self.option, self.missing))


def _rebuild(
    kind: type[SubkitError], message: str, path: str | None, line: int | None, option: str | None, missing: bool
) -> SubkitError:
    """Unpickle an error whatever its subclass's constructor takes: attributes are set, not passed."""
    error = kind.__new__(kind)
    SubkitError.__init__(error, message, path, line, option=option, missing=missing)
    return error


class InputError(SubkitError):
    """An input could not be read or parsed at all (missing, binary, empty, undecodable)."""

    exit_code = 3


class UsageError(SubkitError):
    """A wrong combination of options or values that click itself cannot see."""

    exit_code = 2


class OutputError(SubkitError):
    """An output could not be written: not a regular file, no permission, disk full, unencodable text."""

    exit_code = 73


class RepairRefused(SubkitError):
    """Repairs were not made because writing the result would lose text (blocks the reader could
    not read); the findings stay to be corrected by hand, hence the findings exit code."""

    exit_code = 1


class ServiceError(SubkitError):
    """An external service (translation provider) failed for good."""

    exit_code = 4


class ValueProblem(ValueError):
    """A value that cannot be understood (a time, a frame rate, a retiming map); a ValueError so
    that plain Python callers can catch it as one. `option` and `missing` as for SubkitError."""

    def __init__(self, message: str, *, option: str | None = None, missing: bool = False) -> None:
        super().__init__(message)
        self.option = option
        self.missing = missing

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_value, (type(self), str(self), self.option, self.missing))


def _rebuild_value(kind: type[ValueProblem], message: str, option: str | None, missing: bool) -> ValueProblem:
    error = kind.__new__(kind)
    ValueProblem.__init__(error, message, option=option, missing=missing)
    return error


def format_location(path: str | None, line: int | None, message: str) -> str:
    """`FILE:LINE: message`, leaving out what is unknown."""
    if path is None:
        return message
    if line is None:
        return f"{path}: {message}"
    return f"{path}:{line}: {message}"
