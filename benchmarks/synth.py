"""Deterministic synthetic tracks for benchmarks: realistic French/German lines, italics, accents.

Seeded so every run and every machine measures the same bytes.
"""

from __future__ import annotations

import random

from subkit.timecode import format_srt

WORDS = (
    "la vallée du Panchir résiste encore aux talibans depuis août Kaboul les combattants "
    "montagne hélicoptère Khalid Amiry Ahmad Massoud moudjahidine village nuit munitions "
    "prisonniers épargnés lieutenants exécutés exil faim radio Faucon évacuation colonel "
    "über Brücke Größe Männer été œuvre déjà où ça"
).split()


def srt_text(cues: int, seed: int = 7) -> str:
    """An SRT document of `cues` cues: 1-2 lines, every 10th in italics, 80 ms minimum gaps."""
    rng = random.Random(seed)
    parts: list[str] = []
    time = 20_000
    for number in range(1, cues + 1):
        duration = rng.randrange(1000, 6000, 40)
        lines = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6))).capitalize() for _ in range(rng.randint(1, 2))
        ]
        text = "\n".join(lines)
        if number % 10 == 0:
            text = f"<i>{text}</i>"
        parts.append(f"{number}\n{format_srt(time)} --> {format_srt(time + duration)}\n{text}\n")
        time += duration + rng.choice((80, 80, 120, 400, 2000))
    return "\n".join(parts)
