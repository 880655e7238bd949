"""Test tracks for retiming and sync: a realistic programme-length track and disturbed copies of it.

The sample `samples/panchir.fr.srt` is used when it exists; otherwise a seeded generator gives a
track with the same shape (650 cues over 52 minutes, runs of dialogue with short gaps, pauses for
music and establishing shots), so the tests never depend on another area's files being there.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from subkit.model import Cue, Track

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "panchir.fr.srt"


def generated_track(cues: int = 650, seed: int = 4) -> Track:
    """A 25 fps documentary-like track: 1-6 s cues, mostly short gaps, some long pauses."""
    rng = random.Random(seed)
    time = 12_000
    result = []
    for number in range(1, cues + 1):
        duration = rng.randrange(1_000, 6_000, 40)
        result.append(Cue(time, time + duration, f"Réplique {number}\navec deux lignes", str(number)))
        gap = rng.choices((80, 120, 160, 480, 1_200, 2_400, 6_000, 14_000), (30, 20, 10, 15, 10, 8, 5, 2))[0]
        time += duration + gap + rng.randrange(0, 200, 40)
    return Track(cues=result)


def programme_track() -> Track:
    """The sample programme when present, else the generated one."""
    if SAMPLE.exists():
        from subkit.formats import read_track

        track = read_track(str(SAMPLE))
        if len(track.cues) >= 300:
            return track
    return generated_track()


@dataclass(frozen=True)
class Disturbed:
    """A disturbed copy: its cues, and for each the start it should get back after sync."""

    track: Track
    expected_starts: list[int]


def disturbed_copy(
    reference: Track,
    timeline: Callable[[int], Fraction],
    seed: int = 11,
    merge: float = 0.08,
    split: float = 0.08,
    jitter: int = 120,
) -> Disturbed:
    """Re-segment (merge neighbours, split some cues), jitter starts by +-`jitter` ms, then move
    every time through `timeline` (offset, speed change, inserted material).

    The expected start of a cue is its jittered start on the reference timeline: jitter is a
    difference between two subtitlers, which sync must tolerate, not undo.
    """
    rng = random.Random(seed)
    pieces: list[tuple[int, int]] = []
    cues = reference.cues
    index = 0
    while index < len(cues):
        cue = cues[index]
        roll = rng.random()
        if roll < merge and index + 1 < len(cues):
            pieces.append((cue.start, cues[index + 1].end))
            index += 2
            continue
        if roll < merge + split and cue.duration >= 2_000:
            middle = cue.start + cue.duration // 2
            pieces.extend([(cue.start, middle - 40), (middle, cue.end)])
        else:
            pieces.append((cue.start, cue.end))
        index += 1
    moved = []
    expected = []
    for number, (start, end) in enumerate(pieces, 1):
        jittered = start + rng.randint(-jitter, jitter)
        end = max(end, jittered + 400)
        expected.append(jittered)
        moved.append(Cue(_ms(timeline(jittered)), _ms(timeline(end)), f"Copie {number}", str(number)))
    return Disturbed(Track(cues=moved), expected)


def _ms(value: Fraction) -> int:
    return int(value.__round__())


def share_within(actual: list[int], expected: list[int], tolerance: int) -> float:
    assert len(actual) == len(expected)
    return sum(1 for a, e in zip(actual, expected) if abs(a - e) <= tolerance) / len(expected)
