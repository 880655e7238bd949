"""Building small tracks for rule tests: cues as (start, end, text) in ms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from subkit.formats import parse_text
from subkit.model import Cue, Source, Track
from subkit.qc import check_track
from subkit.timecode import format_srt

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def srt_text(cues: list[tuple[int, int, str]], counters: list[str] | None = None) -> str:
    blocks = []
    for index, (start, end, text) in enumerate(cues):
        counter = counters[index] if counters else str(index + 1)
        blocks.append(f"{counter}\n{format_srt(start)} --> {format_srt(end)}\n{text}\n")
    return "\n".join(blocks)


def track_of(cues: list[tuple[int, int, str]], lang: str | None = "fr", counters: list[str] | None = None) -> Track:
    track = parse_text(srt_text(cues, counters), "test.srt", "srt")
    track.language = lang
    track.source = Source("test.srt", "srt", "utf-8")
    return track


def found(cues: list[tuple[int, int, str]], code: str, lang: str | None = "fr", **options: Any) -> list[int | None]:
    """Cue positions (1-based) of the findings of one rule."""
    track = options.pop("track", None) or track_of(cues, lang)
    return [f.cue for f in check_track(track, select=[code], **options)]


def plain_cue(start: int, end: int, text: str) -> Cue:
    return Cue(start, end, text)
