"""Acceptance: the film as a recogniser hears it, segmented, against what the subtitler did.

The transcript is derived from samples/panchir.fr.srt (tools/make_transcripts.py): the human
track's words spoken inside each cue's time with jitter, recogniser typography, no line breaks,
Whisper-like segments. The segmented track must pass QC with no error under `netflix` and
`broadcast-fr`, and start most of its cues where the subtitler did (within 200 ms), where the
naive one-cue-per-segment conversion (Whisper's own writer) fails QC and misses most of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from subkit.formats import read_track
from subkit.model import Cue, Track
from subkit.qc import check_track
from subkit.transcripts import parse_transcript, segment_transcript

from .conftest import REPO

TOLERANCE_MS = 200


@pytest.fixture(scope="session")
def transcript(renderings: dict[str, str]) -> Any:
    return parse_transcript(renderings["whisper"], "panchir.fr.whisper.json")


@pytest.mark.parametrize("profile", ["netflix", "broadcast-fr"])
def test_the_segmented_film_passes_qc_and_finds_the_subtitlers_cuts(
    profile: str, transcript: Any, derived: Any, sample_cues: list[Cue], tools: ModuleType
) -> None:
    result = segment_transcript(transcript, profile=profile)
    track = result.track
    findings = check_track(track, profile=profile, lang="fr")
    assert [f for f in findings if f.severity == "error"] == []
    human = [cue.start for cue in sample_cues]
    ours = [cue.start for cue in track.cues]
    share = tools.boundary_share(human, ours, TOLERANCE_MS)
    precision = tools.boundary_share(ours, human, TOLERANCE_MS)
    naive = Track(
        [Cue(start, end, text, str(n)) for n, (start, end, text) in enumerate(tools.naive_cues(derived), 1)], "fr"
    )
    naive_errors = [f for f in check_track(naive, profile=profile, lang="fr", ignore=["G"]) if f.severity == "error"]
    naive_share = tools.boundary_share(human, [cue.start for cue in naive.cues], TOLERANCE_MS)
    print(
        f"\n{profile}: {len(track.cues)} cues, 0 errors, {share:.1%} of the subtitler's {len(human)} cue starts "
        f"within {TOLERANCE_MS} ms ({precision:.1%} of ours match one); naive: {len(naive.cues)} cues, "
        f"{len(naive_errors)} errors, {naive_share:.1%}"
    )
    assert share >= 0.70 and precision >= 0.70
    assert naive_share < share and len(naive_errors) > 100
    # every word once, in order; low-confidence words listed, not dropped
    assert [k for first, stop in result.spans for k in range(first, stop)] == list(range(len(transcript.words)))
    low = [w for w in transcript.words if w.confidence is not None and w.confidence < 0.5]
    assert len(result.low_confidence) == len(low) > 50


def test_the_committed_excerpt_is_what_the_tool_derives(tools: ModuleType) -> None:
    assert (REPO / "samples" / "panchir-excerpt.fr.whisper.json").read_bytes() == tools.excerpt_bytes()


@pytest.mark.slow
def test_the_installed_command_segments_the_film_and_validate_agrees(
    tmp_path: Path, renderings: dict[str, str]
) -> None:
    source = tmp_path / "panchir.fr.json"
    source.write_text(renderings["whisperx"], encoding="utf-8")
    out = tmp_path / "panchir.fr.srt"
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "subkit",
            "segment",
            str(source),
            "--profile",
            "broadcast-fr",
            "-o",
            str(out),
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "0 errors" in run.stderr and "words with confidence under 0.5, kept" in run.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (
        data["format"] == "whisperx"
        and data["summary"]["error"] == 0
        and data["cues"] == len(read_track(str(out)).cues)
    )
    assert any("\n- " in cue.text for cue in read_track(str(out)).cues)  # speakers share a few cues
    check = subprocess.run(
        [sys.executable, "-m", "subkit", "validate", str(out), "--profile", "broadcast-fr"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout
