"""Transcripts derived from the sample track (tools/make_transcripts.py), built once per session."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "panchir.fr.srt"


def derivation() -> ModuleType:
    """tools/make_transcripts.py as a module (tools/ is not a package)."""
    if "make_transcripts" in sys.modules:
        return sys.modules["make_transcripts"]
    spec = importlib.util.spec_from_file_location("make_transcripts", REPO / "tools" / "make_transcripts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_transcripts"] = module
    spec.loader.exec_module(module)
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
