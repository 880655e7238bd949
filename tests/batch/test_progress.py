"""The progress bar: drawn only on a terminal outside CI, always on stderr, out of the way of other lines."""

from __future__ import annotations

import io

import pytest

from subkit.progress import Progress, progress_wanted


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress_wanted(stream=FakeTerminal())
    assert not progress_wanted(stream=io.StringIO())
    assert not progress_wanted(quiet=True, stream=FakeTerminal())
    monkeypatch.setenv("CI", "true")
    assert not progress_wanted(stream=FakeTerminal())
    monkeypatch.setenv("CI", "false")
    assert progress_wanted(stream=FakeTerminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not progress_wanted(stream=FakeTerminal())


def test_bar_draws_counts_echoes_lines_above_and_clears_itself() -> None:
    stream = FakeTerminal()
    with Progress(4, "converting", enabled=True, stream=stream) as bar:
        bar.advance()
        bar.echo("subkit: a.srt: no such file")
        for _ in range(3):
            bar.advance()
        assert bar.render().startswith("converting [" + "#" * 30 + "] 4/4 100%")
    written = stream.getvalue()
    assert "converting [" in written and "0/4" in written and "4/4" in written
    # the error line starts on a cleared line and is whole
    assert "\r\x1b[2Ksubkit: a.srt: no such file\n" in written
    assert written.endswith("\r\x1b[2K")  # nothing of the bar left behind


def test_disabled_bar_prints_only_the_lines() -> None:
    stream = io.StringIO()
    with Progress(5, "converting", stream=stream) as bar:  # not a terminal: off
        bar.advance(2)
        bar.echo("one line")
    assert stream.getvalue() == "one line\n"
    single = FakeTerminal()
    with Progress(1, "converting", enabled=True, stream=single) as bar:  # one file: no bar either
        bar.advance()
    assert single.getvalue() == ""
