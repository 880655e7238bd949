"""Delivery formats: SRT -> TTML of the sample against ttconv, and a catalogue to TTML against pysubs2's CLI.

What it measures (wall time of whole processes, medians of interleaved runs, ratios):
- `subkit convert samples/panchir.fr.srt --to ttml` against `tt convert -i ... -o ....ttml` (ttconv);
- the same sample to every delivery format in-process (render only), in cues per second;
- a catalogue of 300 SRT files x 700 cues (quick: 60) to TTML: `subkit convert DIR --to ttml -o OUT`
  against `pysubs2 --to ttml -o OUT FILES...` (pysubs2's TTML writer puts each file's styling
  on every <p>, drops line breaks' spans and positions; see docs/formats.md).

Usage: `python benchmarks/bench.py formats [--quick]`.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_catalogue import _fresh, _wall, make_catalogue, subkit_command

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "panchir.fr.srt"


def _median_runs(contenders: dict[str, list[str]], repeat: int, before=None) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, command in contenders.items():
            timings[name].append(_wall(command, before))
    return timings


def _report(title: str, timings: dict[str, list[float]], ours: str, cues: int) -> list[str]:
    lines = [title]
    mine = statistics.median(timings[ours])
    for name, values in timings.items():
        median = statistics.median(values)
        ratio = "" if name == ours else f"  subkit/this = {mine / median:.2f}"
        lines.append(
            f"  {name:<18} {median:7.3f} s  {cues / median:>10,.0f} cues/s  "
            f"(runs: {', '.join(f'{v:.3f}' for v in values)}){ratio}"
        )
    return lines


def _sample_section(work: Path, repeat: int) -> list[str]:
    subkit = subkit_command()
    tt = Path(sys.executable).parent / "tt"
    contenders = {"subkit convert": [*subkit, "convert", str(SAMPLE), "--to", "ttml", "-o", str(work / "a.ttml")]}
    if tt.exists() or shutil.which("tt"):
        contenders["ttconv (tt convert)"] = [
            str(tt) if tt.exists() else "tt",
            "convert",
            "-i",
            str(SAMPLE),
            "-o",
            str(work / "b.ttml"),
        ]
    timings = _median_runs(contenders, repeat)
    lines = _report(
        f"## SRT -> TTML, the 726-cue sample, whole process (median of {repeat})", timings, "subkit convert", 726
    )
    if "ttconv (tt convert)" not in contenders:
        lines.append("  ttconv            skipped: not installed (pip install -e '.[test]')")
    return lines


def _render_section(repeat: int) -> list[str]:
    from subkit.formats import read_track, render

    track = read_track(str(SAMPLE))
    lines = [f"## render the sample in-process, per format (median of {repeat})"]
    for fmt in ("srt", "vtt", "ttml", "dfxp", "stl", "scc", "ass", "ssa", "sbv", "sub", "sami"):
        values = []
        for _ in range(repeat):
            started = time.perf_counter()
            render(track, fmt, fps=None)
            values.append(time.perf_counter() - started)
        median = statistics.median(values)
        lines.append(f"  {fmt:<5} {median * 1000:7.1f} ms  {726 / median:>9,.0f} cues/s")
    return lines


def _catalogue_section(root: Path, files: int, repeat: int) -> list[str]:
    paths = make_catalogue(root / "catalogue", files, 700)
    work = root / "out"
    subkit = subkit_command()
    pysubs2 = shutil.which("pysubs2") or str(Path(sys.executable).parent / "pysubs2")
    contenders = {
        "subkit convert": [*subkit, "convert", str(root / "catalogue"), "--to", "ttml", "-o", str(work)],
        "pysubs2 CLI": [pysubs2, "--to", "ttml", "-o", str(work), *map(str, paths)],
    }
    timings = _median_runs(contenders, repeat, _fresh(work))
    return _report(
        f"## catalogue: {files} SRT files x 700 cues -> TTML (wall, median of {repeat} interleaved runs)",
        timings,
        "subkit convert",
        files * 700,
    )


def run(quick: bool = False) -> list[str]:
    repeat = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="subkit-bench-formats-") as folder:
        root = Path(folder)
        lines = _sample_section(root, repeat)
        lines += [""] + _render_section(repeat)
        lines += [""] + _catalogue_section(root, 60 if quick else 300, 3)
    return lines
