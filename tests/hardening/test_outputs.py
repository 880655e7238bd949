"""Outputs: regular files (new or existing) or stdout only; a batch writes only inside -o; every
failed write exits 73 and leaves no partial or temporary file."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from subkit.errors import OutputError
from subkit.fileio import atomic_write

from .helpers import GOOD, ONE_BAD_BLOCK, invoke, leftovers, write

SAMPLE = str(Path(__file__).resolve().parents[2] / "samples" / "panchir.fr.srt")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
def test_a_fifo_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    source = write(tmp_path / "a.srt")
    fifo = tmp_path / "out.vtt"
    os.mkfifo(fifo)
    link = tmp_path / "link.vtt"
    link.symlink_to(fifo)
    for target in (fifo, link):
        for command in (
            ["convert", str(source), "--to", "vtt", "-o", str(target)],
            ["retime", str(source), "--shift", "1s", "-o", str(target)],
            ["validate", str(source), "-o", str(target)],
            ["fix", str(source), "-o", str(target)],
        ):
            result = invoke(*command)
            assert result.exit_code == 73, (command, result.output)
            assert "FIFO" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_node_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    result = invoke("validate", str(write(tmp_path / "a.srt")), "--format", "junit", "-o", str(null))
    assert result.exit_code == 73 and "device" in result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_failed_writes_exit_73_in_every_command_and_leave_nothing(tmp_path: Path) -> None:
    source = write(tmp_path / "a.fr.srt")
    folder = tmp_path / "folder"
    folder.mkdir()
    blocker = write(tmp_path / "blocker", "a file where a folder must go")
    for command in (
        ["convert", str(source), "--to", "vtt", "-o", str(blocker / "x.vtt")],
        ["retime", str(source), "--shift", "1s", "-o", str(folder)],
        ["retime", str(source), "--shift", "1s", "-o", str(blocker / "x.srt")],
        ["fix", str(source), "-o", str(blocker / "x.srt")],
        ["validate", str(source), "-o", str(folder)],
        ["validate", str(source), "-o", str(blocker / "r.txt")],
        ["sync", SAMPLE, "--reference", SAMPLE, "-o", str(folder)],
        ["convert", str(source), "--to", "vtt", "--output-encoding", "foo", "-o", str(tmp_path / "e.vtt")],
        [
            "convert",
            str(write(tmp_path / "u.srt", GOOD.replace("vallée", "vallée ☃"))),
            "--to",
            "vtt",
            "--output-encoding",
            "ascii",
            "-o",
            str(tmp_path / "u.vtt"),
        ],
    ):
        result = invoke(*command)
        assert result.exit_code == 73, (command, result.output)
        assert result.stderr.startswith("subkit: ") and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fr.srt", "blocker", "folder", "u.srt"]
    assert list(folder.iterdir()) == []


def test_a_full_disk_exits_73_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "in" / "a.srt")
    existing = write(tmp_path / "out" / "a.vtt", "old")

    class Full:
        def __init__(self, handle: int, mode: str) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            os.close(self.handle)

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("subkit.fileio.os.fdopen", Full)
    for command in (
        ["convert", str(source), "--to", "vtt", "-o", str(existing)],
        ["convert", str(tmp_path / "in"), "--to", "vtt", "-o", str(tmp_path / "out"), "-j", "1"],
        ["fix", str(source), "-o", str(existing.with_suffix(".srt"))],
    ):
        result = invoke(*command)
        assert result.exit_code == 73 and "No space left on device" in result.stderr, result.output
    assert existing.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == [] and not existing.with_suffix(".srt").exists()
    with pytest.raises(OutputError):
        atomic_write(str(tmp_path / "x.txt"), b"data")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_on_a_full_device_exits_73() -> None:
    sample = str(Path(__file__).resolve().parents[2] / "samples" / "panchir.fr.srt")
    for command in (
        ["convert", sample, "--to", "vtt", "-o", "-"],
        ["validate", sample, "--ignore", "G"],
        ["info", sample, "--no-detect"],
        ["retime", sample, "--shift", "1s"],
    ):
        with open("/dev/full", "wb") as full:
            completed = subprocess.run(
                [sys.executable, "-m", "subkit", *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
            )
        assert completed.returncode == 73, (command, completed.stderr)
        assert completed.stderr.startswith("subkit: ") and "Traceback" not in completed.stderr
        assert "Exception ignored" not in completed.stderr


def test_batch_outputs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    write(tmp_path / "t" / "in" / "x" / "a.srt")
    write(tmp_path / "t" / "secret" / "s.srt")
    out = tmp_path / "t" / "out"
    result = invoke(
        "convert", str(tmp_path / "t" / "in" / "*" / ".." / ".." / "secret" / "*.srt"), "--to", "vtt", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "t").as_posix() for p in (tmp_path / "t").rglob("*.vtt")) == ["out/s.vtt"]
    # a symbolic link inside -o that points elsewhere is not followed out of it
    write(tmp_path / "t" / "in2" / "link" / "z.srt")
    (out / "link").symlink_to(tmp_path / "t" / "secret", target_is_directory=True)
    for command in (
        ["convert", str(tmp_path / "t" / "in2"), "--to", "vtt", "-o", str(out)],
        ["fix", str(tmp_path / "t" / "in2"), "-o", str(out)],
    ):
        result = invoke(*command)
        assert result.exit_code == 73 and "outside the output folder" in result.stderr, result.output
    assert sorted(p.name for p in (tmp_path / "t" / "secret").iterdir()) == ["s.srt"]


def test_fix_to_stdout_reports_on_stderr(tmp_path: Path) -> None:
    source = write(tmp_path / "a.fr.srt", "1\n00:00:05,000 --> 00:00:04,000\nIl est  parti.\n")
    result = invoke("fix", str(source), "-o", "-")
    assert result.exit_code == 1  # T001 (ends before it starts) is left for a person
    assert result.stdout == "1\n00:00:05,000 --> 00:00:04,000\nIl est parti.\n\n"  # the track, only the track
    assert "T001 duration-negative" in result.stderr and "1 file, 1 error" in result.stderr
    assert "1 repair (Y002 x1) -> stdout" in result.stderr


def test_nothing_is_written_for_an_input_that_cannot_be_read(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.srt", "garbage, no cue here\n")
    broken = write(tmp_path / "broken.fr.srt", ONE_BAD_BLOCK)
    for command, code in (
        (["fix", str(bad), "-o", str(tmp_path / "out.srt")], 3),
        (["fix", str(broken), "-o", str(tmp_path / "out.srt")], 1),
        (["convert", str(bad), "--to", "vtt", "-o", str(tmp_path / "out.vtt")], 3),
        (["retime", str(bad), "--shift", "1s", "-o", str(tmp_path / "out.srt")], 3),
    ):
        result = invoke(*command)
        assert result.exit_code == code, (command, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.srt", "broken.fr.srt"]
