"""Linear time everywhere: long tracks and pathological lines, as ratios of time against size.

No rule, reader or writer may be worse than linear in the length of a line or of a track (a
regular expression that backtracks over a run of dots once made one cue take 11 s). Each
figure is the median of a few runs; the ratio `x4 size -> xT time` is about 4 when the work is
linear and about 16 when it is quadratic, whatever the machine.

- tracks: a 200,000-cue SRT (18 MB) read, checked with every rule but the language ones,
  repaired and written, against the same work on 50,000 cues; then `subkit validate` on the
  200,000-cue file end to end (time and peak memory of the process);
- sync: a 2,800-cue track aligned against a 700-cue one of the same kind;
- lines: one cue made of a pathological line of 16,000 and 64,000 characters (runs of dots,
  NULs, spaces, tags, `<`, digits, short words...) read, checked, repaired and written.

In-process figures are CPU time of this process (`time.process_time`), so that other work on a
shared machine does not distort the ratios; the end-to-end run is wall-clock time.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_io import _median_seconds  # noqa: E402
from synth import srt_text  # noqa: E402

#: one pathological line per case, as a function of its length in characters
LINES: dict[str, Callable[[int], str]] = {
    "dots (`Caption tex....t #6`)": lambda n: "Caption tex" + "." * n + "t #6",
    "NUL characters": lambda n: "\x00" * n,
    "spaces inside a line": lambda n: "a" + " " * n + "b",
    "short words": lambda n: "mot " * (n // 4),
    "tags": lambda n: "<i>a</i> " * (n // 9),
    "`<a ` (tag-like text)": lambda n: "<a " * (n // 3),
    "digits then a dash": lambda n: "1" * n + "-",
    "`1:` runs": lambda n: "1:" * (n // 2) + " -",
    "one-character lines": lambda n: "a\n" * (n // 2),
    "`? ` (French spacing)": lambda n: "? " * (n // 2),
    "ampersands": lambda n: "&" * n,
}


def _median(function: Callable[[], object], repeat: int) -> float:
    """Median process CPU time: other load on a shared machine does not distort the ratios."""
    return _median_seconds(function, repeat, time.process_time)


def _track_work(text: str) -> Callable[[], object]:
    from subkit.formats import parse_text, render
    from subkit.qc import check_track, settings_for
    from subkit.repairs import fix_track

    def work() -> object:
        track = parse_text(text, "big.fr.srt", "srt")
        track.language = "fr"
        settings = settings_for(track, None, "fr", None, None, ["G"], None)
        check_track(track, settings=settings)
        fixed = fix_track(track, settings).track
        render(fixed, "srt")
        return render(fixed, "vtt")

    return work


def _tracks_section(quick: bool) -> list[str]:
    small, large = (12_500, 50_000) if quick else (50_000, 200_000)
    repeat = 1 if quick else 3
    small_text, large_text = srt_text(small, seed=5), srt_text(large, seed=5)
    small_time = _median(_track_work(small_text), repeat)
    large_time = _median(_track_work(large_text), repeat)
    lines = [
        f"## scaling: tracks (read, every rule but G, fix, write SRT and VTT; median of {repeat})",
        f"  {small:,} cues: {small_time:.2f} s   {large:,} cues ({len(large_text.encode()) / 1e6:.0f} MB): "
        f"{large_time:.2f} s   x4 size -> x{large_time / small_time:.1f} time "
        f"({large / large_time:,.0f} cues/s)",
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.fr.srt"
        path.write_text(large_text, encoding="utf-8")
        started = time.perf_counter()
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "subkit",
                "validate",
                str(path),
                "--ignore",
                "G",
                "--format",
                "json",
                "-o",
                str(Path(folder) / "qc.json"),
            ],
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    lines.append(
        f"  `subkit validate --ignore G` on the {large:,}-cue file: {seconds:.1f} s, exit {completed.returncode}, "
        f"peak memory {peak:.0f} MB"
    )
    return lines


def _sync_section(quick: bool) -> list[str]:
    from subkit.alignment import align
    from subkit.formats import parse_text
    from subkit.model import Cue, Track

    def pair(cues: int) -> tuple[Track, Track]:
        reference = parse_text(srt_text(cues, seed=9), "ref.srt", "srt")
        rng = random.Random(cues)
        speed = Fraction(24000, 25025)
        copy = Track(
            [
                Cue(round((c.start + rng.randint(-120, 120)) * speed) + 2300, round(c.end * speed) + 2300, c.text)
                for c in reference.cues
            ]
        )
        return copy, reference

    small, large = 700, 2800
    repeat = 1 if quick else 3
    small_pair, large_pair = pair(small), pair(large)
    small_time = _median(lambda: align(*small_pair), repeat)
    large_time = _median(lambda: align(*large_pair), repeat)
    return [
        "## scaling: sync (align a re-timed copy to its reference)",
        f"  {small} cues: {small_time * 1000:.0f} ms   {large} cues: {large_time * 1000:.0f} ms   "
        f"x4 size -> x{large_time / small_time:.1f} time",
    ]


def _one_cue(line: str) -> Callable[[], object]:
    return _track_work(f"1\n00:00:01,000 --> 00:00:04,000\n{line}\n")


def _lines_section(quick: bool) -> list[str]:
    small, large = (4_000, 16_000) if quick else (16_000, 64_000)
    repeat = 1 if quick else 3
    lines = [
        f"## scaling: pathological lines (one cue; read, every rule but G, fix, write; median of {repeat})",
        f"  {'line':32} {small:>7,} chars {large:>7,} chars   x4 size ->",
    ]
    worst = 0.0
    for name, make in LINES.items():
        small_time = _median(_one_cue(make(small)), repeat)
        large_time = _median(_one_cue(make(large)), repeat)
        ratio = large_time / max(small_time, 1e-4)
        worst = max(worst, ratio if large_time > 0.02 else 0.0)
        lines.append(f"  {name:32} {small_time * 1000:9.1f} ms {large_time * 1000:9.1f} ms   x{ratio:.1f} time")
    dots = _median(_one_cue(LINES["dots (`Caption tex....t #6`)"](800)), repeat)
    nuls = _median(_one_cue("\x00" * 3000), repeat)
    lines.append(
        f"  the issue's cases: 800 dots {dots * 1000:.0f} ms (was 11 s), 3,000 NULs {nuls * 1000:.0f} ms (was 20 s); "
        f"worst x4 ratio {worst:.1f}"
    )
    return lines


def run(quick: bool = False) -> list[str]:
    return _tracks_section(quick) + [""] + _sync_section(quick) + [""] + _lines_section(quick)


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
