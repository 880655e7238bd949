"""A progress bar for batches: on a terminal only, on stderr, and silent in CI and pipes.

Why our own rather than `click.progressbar`: the library does not import click, and click's bar
prints its label to stdout when that is not a terminal (docs/libraries.md §0.8), which would
corrupt output piped to stdout. This one writes only to stderr, redraws at most ten times a
second, clears itself before any other line is printed (`echo`) and when it ends, and is
switched off entirely when stderr is not a terminal, `CI` is set (GitHub, GitLab, Jenkins and
most runners set it), `TERM=dumb`, or the user asked for quiet. In CI a log then holds only the
per-file lines and the summary, which scripts can read.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

_REDRAW_SECONDS = 0.1
_WIDTH = 30


def progress_wanted(quiet: bool = False, stream: TextIO | None = None) -> bool:
    """Whether a bar should be drawn on `stream` (stderr by default)."""
    if quiet:
        return False
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    target = stream if stream is not None else sys.stderr
    try:
        return bool(target.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


class Progress:
    """`with Progress(total, "converting") as bar: ... bar.advance() ... bar.echo(line)`.

    When disabled it draws nothing and `echo` simply prints the line, so callers need no
    branches of their own.
    """

    def __init__(self, total: int, label: str, *, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.total = max(0, total)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = progress_wanted(stream=self.stream) if enabled is None else enabled
        self.enabled = self.enabled and self.total > 1
        self.done = 0
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        self._started = time.monotonic()
        self._draw(force=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._clear()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count) if self.total else self.done + count
        self._draw(force=self.done == self.total)

    def echo(self, line: str) -> None:
        """Print a whole line (an error, a note) above the bar, then redraw the bar under it."""
        self._clear()
        self.stream.write(line + "\n")
        self.stream.flush()
        self._draw(force=True)

    def render(self) -> str:
        """The bar's text: `converting [#########.....] 120/300  40%  eta 3s`."""
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * _WIDTH)
        elapsed = time.monotonic() - self._started
        eta = ""
        if 0 < self.done < self.total and elapsed > 0.5:
            eta = f"  eta {elapsed / self.done * (self.total - self.done):.0f}s"
        bar = "#" * filled + "." * (_WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {fraction:4.0%}{eta}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < _REDRAW_SECONDS:
            return
        self._last_draw = now
        self.stream.write("\r\x1b[2K" + self.render())
        self.stream.flush()
        self._drawn = True

    def _clear(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False
