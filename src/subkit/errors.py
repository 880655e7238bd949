"""Errors that carry where they happened, so the command line can print `FILE:LINE: message`.

They are plain data (message, path, line) and define `__reduce__` so that they survive a trip
through a process pool: a worker's failure must reach the parent intact, not as a pickling error.
"""

from __future__ import annotations


class SubkitError(Exception):
    """Base of every error subkit raises on purpose; `exit_code` follows the contract."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None]]:
        return (type(self), (self.message, self.path, self.line))


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


def format_location(path: str | None, line: int | None, message: str) -> str:
    """`FILE:LINE: message`, leaving out what is unknown."""
    if path is None:
        return message
    if line is None:
        return f"{path}: {message}"
    return f"{path}:{line}: {message}"
