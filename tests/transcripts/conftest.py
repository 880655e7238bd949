"""Transcripts derived from the sample track (tools/make_transcripts.py), built once per session."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "panchir.fr.srt"


def derivation() -> ModuleType:
    """tools/make_transcripts.py (tools/ is a folder of scripts, not a package)."""
    if str(REPO / "tools") not in sys.path:
        sys.path.insert(0, str(REPO / "tools"))
    import make_transcripts  # type: ignore[import-not-found]

    module: ModuleType = make_transcripts
    return module


@pytest.fixture(scope="session")
def tools() -> ModuleType:
    return derivation()


@pytest.fixture(scope="session")
def sample_cues() -> list[Any]:
    from subkit.formats import read_track

    return list(read_track(str(SAMPLE)).cues)


@pytest.fixture(scope="session")
def derived(tools: ModuleType, sample_cues: list[Any]) -> Any:
    """The whole film as a recogniser would hear it: ~5,400 timed words, ~420 segments."""
    return tools.derive(sample_cues)


@pytest.fixture(scope="session")
def renderings(tools: ModuleType, derived: Any) -> dict[str, str]:
    """The same words as each input format subkit reads."""
    return {
        "whisper": json.dumps(tools.to_whisper(derived), ensure_ascii=False),
        "whisperx": json.dumps(tools.to_whisperx(derived), ensure_ascii=False),
        "aws": json.dumps(tools.to_aws(derived), ensure_ascii=False),
        "vtt": tools.to_youtube_vtt(derived),
        "segments": json.dumps(tools.to_whisper(derived, words=False), ensure_ascii=False),
    }
