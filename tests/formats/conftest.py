"""Shared fixtures for the delivery formats: the sample converted once per session, and the readers
that check our output (ttconv, imscJS in Node, ffmpeg, pysubs2)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from subkit.formats import read_track, write_track
from subkit.model import Track

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "panchir.fr.srt"
IMSC = ROOT / ".ci" / "npm" / "node_modules" / "imsc"
#: every format written from the sample, with the frame rate asked for
TARGETS = {
    "ttml": None,
    "dfxp": Fraction(25),
    "stl": None,
    "scc": None,
    "ass": None,
    "ssa": None,
    "sbv": None,
    "sub": Fraction(25),
    "sami": None,
}
SUFFIX = {"sub": ".sub", "sami": ".smi"}


@pytest.fixture(scope="session")
def sample() -> Track:
    return read_track(str(SAMPLE))


def _convert(folder: Path, track: Track) -> dict[str, tuple[Path, list[str]]]:
    out = {}
    for fmt, fps in TARGETS.items():
        path = folder / f"panchir.fr{SUFFIX.get(fmt, '.' + fmt)}"
        rendered = write_track(track, str(path), fmt, fps=fps)
        out[fmt] = (path, rendered.notes)
    return out


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory, sample: Track) -> dict[str, tuple[Path, list[str]]]:
    """The sample written in every delivery format: path and the notes of what was dropped."""
    return _convert(tmp_path_factory.mktemp("converted"), sample)


#: ttconv reads 726 cues in 4-7 s a format; its checks use the first 240 cues (every accent, italics,
#: dialogues and the 40-plus-character lines are in them). The full sample was measured too (docs/formats.md).
PART = 240


@pytest.fixture(scope="session")
def part(sample: Track) -> Track:
    return sample.with_cues(sample.cues[:PART])


@pytest.fixture(scope="session")
def converted_part(tmp_path_factory: pytest.TempPathFactory, part: Track) -> dict[str, tuple[Path, list[str]]]:
    return _convert(tmp_path_factory.mktemp("converted_part"), part)


def words(text: str) -> list[str]:
    """The words a viewer reads, whatever a format did to tags, spaces and line breaks."""
    text = re.sub(r"<[^>]*>|\{[^}]*\}", "", text).replace("\\N", " ").replace("\\h", " ")
    return text.replace("\u00a0", " ").split()


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (CI installs it; see .ci/run)")
    return path


def tt_convert(source: Path, target: Path, *extra: str) -> None:
    """ttconv's command line (`tt convert`), as a user would run it."""
    tt = shutil.which("tt") or str(Path(sys.executable).parent / "tt")
    if not Path(tt).exists():
        pytest.skip("ttconv is not installed (pip install -e '.[test]')")
    subprocess.run(
        [tt, "convert", "-i", str(source), "-o", str(target), *extra], check=True, capture_output=True, timeout=120
    )


def imsc_read(path: Path) -> dict[str, Any]:
    """What imscJS (the W3C's IMSC reference reader) shows, interval by interval."""
    node = need_tool("node")
    if not (IMSC / "package.json").exists():
        pytest.skip("imscJS is not installed: npm install --prefix .ci/npm imsc@1.1.5 (.ci/run does it)")
    completed = subprocess.run(
        [node, str(Path(__file__).with_name("imsc_read.js")), str(IMSC), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown: dict[str, Any] = json.loads(completed.stdout)
    return shown
