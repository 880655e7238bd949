"""validate: rules per second on large tracks, and what one file costs a pre-commit hook.

Three figures:
- `check_track` without the language rules (`--ignore G`) on 10,000 to 200,000 cues: CPU time of
  one call in a fresh interpreter (after one call on a one-cue track, so that importing the rule
  modules counts as start-up), median of 3: cues/s, and the cost per cue at each size against 10,000
  cues (1.00 everywhere means linear). Two tracks: the 52-minute sample (`samples/panchir.fr.srt`,
  clean, realistic French) repeated end to end, and `synth.srt_text`, where one cue in four has
  a line over 42 characters, so the re-wrap behind L001's "fixable" dominates;
- `subkit validate FILE --ignore G` of the largest track as a command: process CPU time of the
  whole run (start-up, reading, checking, report);
- one file with every rule on, as a pre-commit hook runs it: process CPU time of
  `subkit validate samples/panchir.fr.srt` with and without the language rules (median of
  several runs), and the language rules' start-up alone (building their detector, in a fresh
  interpreter).
Usage: `python benchmarks/bench.py validate` (`--quick`: up to 50,000 cues, fewer runs).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_catalogue import subkit_command  # noqa: E402
from synth import srt_text  # noqa: E402

SAMPLE = HERE.parent / "samples" / "panchir.fr.srt"
#: each copy of the sample starts 52 minutes after the previous one (the sample ends at 51:50)
PROGRAMME_MS = 52 * 60 * 1000


def repeated_sample(cues: int) -> str:
    """`cues` cues of the sample, copy after copy, as one SRT document."""
    from subkit.formats import read_track
    from subkit.timecode import format_srt

    base = read_track(str(SAMPLE)).cues
    blocks = []
    for number in range(cues):
        copy, cue = divmod(number, len(base))
        original = base[cue]
        offset = copy * PROGRAMME_MS
        blocks.append(
            f"{number + 1}\n{format_srt(original.start + offset)} --> {format_srt(original.end + offset)}\n"
            f"{original.text}\n"
        )
    return "\n".join(blocks)


_CHECK_ONCE = """
import sys, time
from subkit.formats import parse_text, read_track
from subkit.qc import check_track
track = read_track(sys.argv[1])
# once on one cue first: importing the rule modules and reading the profile are start-up, not per cue
check_track(parse_text("1\\n00:00:01,000 --> 00:00:02,000\\nBonjour.\\n", "warm.fr.srt"), ignore=["G"])
started = time.process_time()
check_track(track, ignore=["G"])
print(time.process_time() - started)
"""


def _check_cpu(path: Path) -> float:
    """CPU seconds of one `check_track` in a fresh interpreter (cold caches, as one run of the command)."""
    completed = subprocess.run(
        [sys.executable, "-c", _CHECK_ONCE, str(path)], capture_output=True, text=True, check=True
    )
    return float(completed.stdout)


def _child_cpu(command: Sequence[str]) -> float:
    """User + system CPU seconds of one run of `command` (a child process, waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:4])} ... failed ({completed.returncode}): {completed.stderr[-500:]!r}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _scaling(
    label: str, make: Callable[[int], str], sizes: Sequence[int], repeat: int, folder: Path
) -> tuple[list[str], Path]:
    lines = [f"{label}:"]
    base_cost = None
    path = folder
    for size in sizes:
        path = folder / f"{label.split()[0]}-{size}.fr.srt"
        path.write_text(make(size), encoding="utf-8")
        seconds = statistics.median(_check_cpu(path) for _ in range(repeat))
        per_cue = seconds / size
        base_cost = base_cost or per_cue
        lines.append(
            f"  {size:>8,} cues  {seconds * 1000:8.0f} ms  {size / seconds:>9,.0f} cues/s  "
            f"cost per cue x{per_cue / base_cost:.2f}"
        )
    return lines, path


def run(quick: bool = False) -> list[str]:
    sizes = (10_000, 50_000) if quick else (10_000, 50_000, 100_000, 200_000)
    repeat = 3
    runs = 5 if quick else 15
    lines = [f"## validate without the language rules: check_track (CPU, median of {repeat} fresh interpreters)"]
    subkit = subkit_command()
    with tempfile.TemporaryDirectory(prefix="subkit-validate-") as name:
        folder = Path(name)
        sample_lines, largest = _scaling("sample repeated (clean, realistic)", repeated_sample, sizes, repeat, folder)
        synth_lines, _ = _scaling("synth.srt_text (1 cue in 4 over 42 CPL)", srt_text, sizes, repeat, folder)
        lines += sample_lines + synth_lines
        whole = statistics.median(_child_cpu([*subkit, "validate", str(largest), "--ignore", "G"]) for _ in range(3))
        lines.append(
            f"`subkit validate` of the {sizes[-1]:,}-cue sample track, --ignore G, process CPU "
            f"(median of 3): {whole:.2f} s = {sizes[-1] / whole:,.0f} cues/s with start-up, reading and report"
        )

    lines.append("")
    lines.append(
        f"## one file with every rule on: `subkit validate {SAMPLE.name}` (726 cues), process CPU, "
        f"median of {runs} interleaved runs"
    )
    timings: dict[str, list[float]] = {"every rule": [], "--ignore G": []}
    for _ in range(runs):
        timings["every rule"].append(_child_cpu([*subkit, "validate", str(SAMPLE)]))
        timings["--ignore G"].append(_child_cpu([*subkit, "validate", str(SAMPLE), "--ignore", "G"]))
    every, without = (statistics.median(values) for values in timings.values())
    lines.append(f"  every rule   {every * 1000:6.0f} ms")
    lines.append(f"  --ignore G   {without * 1000:6.0f} ms   (the language rules: {(every - without) * 1000:.0f} ms)")
    startup_code = (
        "import time\nstarted = time.process_time()\n"
        "from subkit.language import load_profiles\nfrom subkit.qc.rules.language import detector_languages\n"
        "load_profiles(detector_languages('fr'))\nprint(time.process_time() - started)\n"
    )
    startups = [
        float(subprocess.run([sys.executable, "-c", startup_code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    lines.append(
        f"  language rules' start-up (import langdetect, build their detector): "
        f"{statistics.median(startups) * 1000:.0f} ms"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
