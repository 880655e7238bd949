"""Read + write throughput of a large track: subkit against pysrt, srt and pysubs2 doing the same work.

Two jobs, each library doing all of it from the bytes of a file to the bytes of the output:
- SRT -> SRT: read a 50,000-cue SRT file, write it back as SRT;
- SRT -> VTT: read the same file, write WebVTT (pysrt and srt cannot write WebVTT, so the
  comparison is with pysubs2 and webvtt-py's `from_srt`).
Each figure is the median of several runs in this one process; ratios are against subkit.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import srt_text


def _median_seconds(
    function: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    timings = []
    for _ in range(repeat):
        started = clock()
        function()
        timings.append(clock() - started)
    return statistics.median(timings)


def _jobs(path: str) -> dict[str, dict[str, Callable[[], object]]]:
    import pysrt
    import pysubs2
    import srt
    import webvtt

    from subkit.fileio import decode, read_bytes
    from subkit.formats import parse_text, render

    def subkit_job(target: str) -> Callable[[], object]:
        def run() -> object:
            decoded = decode(read_bytes(path), path)
            return render(parse_text(decoded.text, path, "srt"), target).text.encode("utf-8")

        return run

    def pysrt_srt() -> object:
        subs = pysrt.from_string(Path(path).read_bytes().decode("utf-8"))
        buffer = io.StringIO()
        subs.write_into(buffer)
        return buffer.getvalue().encode("utf-8")

    def srt_srt() -> object:
        return srt.compose(srt.parse(Path(path).read_bytes().decode("utf-8"))).encode("utf-8")

    def pysubs2_job(target: str) -> Callable[[], object]:
        return lambda: (
            pysubs2.SSAFile.from_string(Path(path).read_bytes().decode("utf-8"), format_="srt")
            .to_string(target)
            .encode("utf-8")
        )

    def webvtt_vtt() -> object:
        return webvtt.from_srt(path).content.encode("utf-8")

    return {
        "SRT -> SRT": {"subkit": subkit_job("srt"), "pysrt": pysrt_srt, "srt": srt_srt, "pysubs2": pysubs2_job("srt")},
        "SRT -> VTT": {"subkit": subkit_job("vtt"), "pysubs2": pysubs2_job("vtt"), "webvtt-py": webvtt_vtt},
    }


def run(quick: bool = False) -> list[str]:
    cues = 5_000 if quick else 50_000
    repeat = 3 if quick else 5
    lines = [f"## read + write of a {cues:,}-cue track (median of {repeat} runs; ratio = their time / subkit's)"]
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "large.srt")
        Path(path).write_text(srt_text(cues), encoding="utf-8")
        for job, contenders in _jobs(path).items():
            timings = {name: _median_seconds(function, repeat) for name, function in contenders.items()}
            ours = timings["subkit"]
            lines.append(f"{job}:")
            for name, seconds in timings.items():
                ratio = "" if name == "subkit" else f"  x{seconds / ours:.2f}"
                lines.append(f"  {name:<10} {seconds * 1000:8.1f} ms  {cues / seconds:>10,.0f} cues/s{ratio}")
    return lines


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
