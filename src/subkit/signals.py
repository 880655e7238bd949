"""SIGTERM as an exception, so that a terminated run unwinds like Ctrl-C: workers stopped,
temporary files removed, exit 143. Its own small module because the command line installs it
on every start, before any command module is imported.
"""

from __future__ import annotations

import signal
import threading


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like KeyboardInterrupt (temporary files removed, workers stopped)."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def raise_on_sigterm() -> None:
    """Make SIGTERM raise `Terminated` in this (main) process, so it cleans up as on Ctrl-C."""
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)
