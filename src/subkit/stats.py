"""Figures about a track for `subkit info`: counts, duration, reading speed and line length."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from subkit.counting import cps, line_lengths
from subkit.model import Track


@dataclass(slots=True)
class TrackStats:
    cues: int
    duration_ms: int
    first_start_ms: int
    lines_max: int
    cpl_max: int
    cpl_median: float
    cps_max: float
    cps_median: float
    cps_p95: float


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def track_stats(track: Track) -> TrackStats:
    speeds: list[float] = []
    lengths: list[int] = []
    lines_max = 0
    for cue in track.cues:
        per_line = line_lengths(cue.text)
        lengths.extend(per_line)
        lines_max = max(lines_max, len(per_line))
        speed = cps(cue.text, cue.duration)
        if speed != float("inf"):
            speeds.append(speed)
    return TrackStats(
        cues=len(track.cues),
        duration_ms=track.duration,
        first_start_ms=min((c.start for c in track.cues), default=0),
        lines_max=lines_max,
        cpl_max=max(lengths, default=0),
        cpl_median=float(median(lengths)) if lengths else 0.0,
        cps_max=round(max(speeds, default=0.0), 1),
        cps_median=round(float(median(speeds)), 1) if speeds else 0.0,
        cps_p95=round(_percentile(speeds, 0.95), 1),
    )
