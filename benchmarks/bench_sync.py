"""sync on the 52-minute sample: median time to align a disturbed copy to the original.

The copy is the sample re-timed for 25 fps from 23.976 (x 24000/25025), moved by 2.3 s, with
14 s of material added in the middle and every start jittered by +-120 ms: the full algorithm
(17 ratios screened, segmentation, refinement, confidence). Falls back to a generated 650-cue
track when `samples/panchir.fr.srt` is not there. Figures: median of several runs, and cues/s.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SAMPLE = HERE.parent / "samples" / "panchir.fr.srt"


def _tracks() -> tuple[str, object, object]:
    from subkit.formats import parse_text, read_track
    from subkit.model import Cue, Track

    if SAMPLE.exists():
        reference = read_track(str(SAMPLE))
        name = "samples/panchir.fr.srt"
    else:
        from synth import srt_text

        reference = parse_text(srt_text(650), "synth.srt", "srt")
        name = "a generated 650-cue track (samples/panchir.fr.srt not found)"
    rng = random.Random(3)
    middle = reference.cues[len(reference.cues) // 2].start - 60
    speed = Fraction(24000, 25025)

    def moved(time: int) -> int:
        return round((Fraction(time) + (14_000 if time >= middle else 0)) * speed + 2_300)

    copy = Track([Cue(moved(c.start + rng.randint(-120, 120)), moved(c.end), c.text, c.id) for c in reference.cues])
    return name, reference, copy


def run(quick: bool = False) -> list[str]:
    from subkit.sync import align, apply_alignment

    name, reference, copy = _tracks()
    repeat = 3 if quick else 9
    timings = []
    alignment = None
    for _ in range(repeat):
        started = time.perf_counter()
        alignment = align(copy, reference)  # type: ignore[arg-type]
        apply_alignment(copy, alignment)  # type: ignore[arg-type]
        timings.append(time.perf_counter() - started)
    seconds = statistics.median(timings)
    cues = len(copy.cues)  # type: ignore[attr-defined]
    assert alignment is not None
    return [
        f"## sync: align + retime on {name} (median of {repeat} runs)",
        f"  {cues} cues vs {len(reference.cues)} reference cues: {seconds * 1000:.0f} ms, "  # type: ignore[attr-defined]
        f"{cues / seconds:,.0f} cues/s",
        f"  found: fps {alignment.ratio_label}, {len(alignment.segments) - 1} split(s), offsets "
        f"{', '.join(str(s.offset) for s in alignment.segments)} ms, confidence {alignment.confidence:.2f}",
    ]


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
