"""SIGTERM and Ctrl-C during a parallel batch: the workers end, no temporary file is left, and
the exit code says what happened (143, 130). Real processes, Linux only (it reads /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from subkit.formats import read_track
from tests.batch.conftest import load_bench_catalogue

from .helpers import leftovers

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc")]


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("signals") / "catalogue"
    load_bench_catalogue().make_catalogue(root, files=16, cues=2500, seed=11)
    return root


@pytest.mark.parametrize(("how", "code"), [("term", 143), ("ctrl-c", 130)])
def test_a_signal_ends_the_workers_and_leaves_no_temporary_file(
    how: str, code: int, catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "subkit", "convert", str(catalogue), "--to", "vtt", "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        for _ in range(600):  # until the workers have written something (or the batch ended)
            if process.poll() is not None or (out.exists() and any(out.rglob("*.vtt"))):
                break
            time.sleep(0.02)
        workers = children(process.pid)
        if how == "term":
            process.send_signal(signal.SIGTERM)
        else:  # a terminal's Ctrl-C goes to the whole process group, workers included
            os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    if not workers:
        pytest.skip("the batch ended before it could be interrupted")
    assert process.returncode == code, stderr
    assert stderr.strip().endswith("terminated" if how == "term" else "interrupted")
    assert "Traceback" not in stderr
    assert [pid for pid in workers if alive(pid)] == []
    assert leftovers(out) == []
    written = list(out.rglob("*.vtt"))
    assert 0 < len(written) < 16  # some files were done, the rest never started: none half-written
    for path in written:  # each one whole: every cue of its input
        source = catalogue / path.relative_to(out).with_suffix(".srt")
        assert len(read_track(str(path)).cues) == len(read_track(str(source)).cues)
