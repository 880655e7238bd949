"""Inputs: regular files or stdin only, up to a size limit, so nothing can hang a run or fill memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from subkit.fileio import DEFAULT_MAX_INPUT_BYTES, InputTooLarge, read_bytes
from subkit.formats import read_track

from .helpers import GOOD, invoke, write

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def subkit(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process; the timeout only stops a hang from blocking the suite."""
    if stdin is None:
        return subprocess.run(
            [sys.executable, "-m", "subkit", *arguments], stdin=subprocess.DEVNULL, capture_output=True, timeout=120
        )
    return subprocess.run([sys.executable, "-m", "subkit", *arguments], input=stdin, capture_output=True, timeout=120)


@needs_fifo
def test_a_fifo_without_a_writer_is_refused_at_once_alone_and_inside_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "show" / "a.srt")
    os.mkfifo(tmp_path / "show" / "b.srt")
    write(tmp_path / "show" / "c.srt")
    alone = subkit("info", str(tmp_path / "show" / "b.srt"))
    assert alone.returncode == 3 and b"FIFO" in alone.stderr
    batch = subkit("convert", str(tmp_path / "show"), "--to", "vtt", "-o", str(tmp_path / "out"), "-j", "2")
    assert batch.returncode == 3 and b"b.srt: is a FIFO" in batch.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.vtt", "c.vtt"]
    for command in (
        ["validate", str(tmp_path / "show")],
        ["fix", str(tmp_path / "show"), "-o", str(tmp_path / "fixed")],
    ):
        assert subkit(*command).returncode == 3


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_endless_device_is_refused_without_reading_it() -> None:
    for command in (
        ["info", "/dev/zero"],
        ["validate", "/dev/zero"],
        ["convert", "/dev/zero", "--to", "vtt", "-o", "-"],
    ):
        result = invoke(*command)
        assert result.exit_code == 3 and "device" in result.stderr + result.stdout, command
    with open("/dev/zero", "rb") as endless:  # through stdin it is read only up to the limit
        completed = subprocess.run(
            [sys.executable, "-m", "subkit", "info", "-", "--max-input-size", "64k"],
            stdin=endless,
            capture_output=True,
            timeout=120,
        )
    assert completed.returncode == 3 and b"larger than the input size limit of 64 KiB" in completed.stderr


def test_the_size_limit_is_documented_and_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = write(tmp_path / "big.srt", GOOD * 50)
    size = big.stat().st_size
    assert 4096 < size < DEFAULT_MAX_INPUT_BYTES
    result = invoke("info", str(big), "--max-input-size", "4k")
    assert result.exit_code == 3
    assert (
        result.stderr == f"subkit: {big}: larger than the input size limit of 4 KiB (raise it with --max-input-size)\n"
    )
    assert invoke("info", str(big), "--max-input-size", "1M", "--no-detect").exit_code == 0
    monkeypatch.setenv("SUBKIT_MAX_INPUT_SIZE", "4k")
    assert invoke("validate", str(big)).exit_code == 3
    assert invoke("convert", str(big), "--to", "vtt", "-o", "-", "--max-input-size", "2M").exit_code == 0
    assert invoke("info", str(big), "--max-input-size", "lots").exit_code == 2
    with pytest.raises(InputTooLarge):
        read_bytes(str(big), limit=size - 1)
    assert read_bytes(str(big), limit=size) == big.read_bytes()
    assert invoke("info", "-", "--max-input-size", "1k", input=GOOD * 50).exit_code == 3


def test_a_folder_is_not_a_subtitle_file(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="folder"):
        read_track(str(tmp_path))
