"""The translator's workflow on the 52-minute sample: memory across a re-cut, fuzzy lookups, XML costs.

1. The sample is translated into English through the fake LibreTranslate server (the test
   suite's, tests/translate/fakelibre.py, on 127.0.0.1) with a memory, approved with
   `subkit tm add`, then the re-cut of tests/workflow/recut.py (scenes removed and moved, a tenth
   of the cues edited, cues merged and split, two new scenes) is translated with the memory:
   requests and texts sent for each run, cues from the memory, time of the re-cut run.
2. The fuzzy lookup of the re-cut's edited cues against the memory: rapidfuzz against the
   standard library's difflib (same threshold, same answers checked), median of several runs.
3. Import cost in a fresh interpreter (median of several): click, lxml.etree, rapidfuzz, and
   translate-toolkit's XLIFF and TMX readers, against a bare interpreter.
4. XLIFF export and import of the 726-cue track.
"""

from __future__ import annotations

import difflib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "translate"))
sys.path.insert(0, str(ROOT / "tests" / "workflow"))

SAMPLE = ROOT / "samples" / "panchir.fr.srt"


def _median_import(statement: str, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _recut(folder: Path) -> tuple[list[str], object, object]:
    from click.testing import CliRunner
    from fakelibre import FakeLibre
    from recut import recut

    from subkit.cli import cli
    from subkit.formats import read_track, write_track

    lines = []
    source = folder / "panchir.fr.srt"
    shutil.copyfile(SAMPLE, source)
    memory = folder / "film.tm"
    with FakeLibre() as libre:
        args = [
            "--to",
            "en",
            "--engine",
            "libre",
            "--engine-url",
            libre.url,
            "--no-cache",
            "--memory",
            str(memory),
            "-q",
        ]
        CliRunner().invoke(cli, ["translate", str(source), *args], catch_exceptions=False)
        first, first_texts = libre.requests, sum(q.count("\n") + 1 for q in libre.queries)
        CliRunner().invoke(
            cli,
            ["tm", "add", str(source), str(folder / "panchir.en.srt"), "--memory", str(memory)],
            catch_exceptions=False,
        )
        cut = recut(read_track(str(source)))
        recut_path = folder / "recut" / "panchir.fr.srt"
        recut_path.parent.mkdir()
        write_track(cut.track, str(recut_path))
        libre.requests, libre.queries[:] = 0, []
        started = time.process_time()
        result = CliRunner().invoke(cli, ["translate", str(recut_path), *args[:-1]], catch_exceptions=False)
        seconds = time.process_time() - started
        second, second_texts = libre.requests, sum(q.count("\n") + 1 for q in libre.queries)
    summary = next(line.strip() for line in result.output.splitlines() if line.strip().startswith("memory:"))
    labels = {label: cut.labels.count(label) for label in ("unchanged", "edited", "merged", "split", "new")}
    lines.append(f"re-cut of the 52-minute sample: {len(cut.track.cues)} cues {labels}")
    lines.append(f"  first translation (726 cues): {first} requests, {first_texts} texts sent")
    lines.append(
        f"  re-cut with the memory: {second} requests, {second_texts} texts sent (the new scenes); {summary}; "
        f"{seconds * 1000:.0f} ms of process time"
    )
    return lines, cut, memory


def _fuzzy(cut: object, memory: Path, repeat: int) -> list[str]:
    from rapidfuzz import fuzz, process

    from subkit.translation.memory import TranslationMemory, key

    with TranslationMemory(str(memory)) as store:
        index = store.index("fr", "en")
    choices = list(index.human)
    queries = [key(cue.text) for cue, label in zip(cut.track.cues, cut.labels) if label == "edited"]  # type: ignore[attr-defined]

    def with_rapidfuzz() -> list[int | None]:
        found = [process.extractOne(q, choices, scorer=fuzz.ratio, score_cutoff=75) for q in queries]
        return [f[2] if f else None for f in found]

    def with_difflib() -> list[int | None]:
        answers: list[int | None] = []
        for query in queries:
            best, best_score = None, 0.0
            for position, choice in enumerate(choices):
                matcher = difflib.SequenceMatcher(None, query, choice, autojunk=False)
                if matcher.real_quick_ratio() * 100 < max(75, best_score) or matcher.quick_ratio() * 100 < max(
                    75, best_score
                ):
                    continue
                score = matcher.ratio() * 100
                if score >= 75 and score > best_score:
                    best, best_score = position, score
            answers.append(best)
        return answers

    timings: dict[str, float] = {}
    answers = {}
    for name, function in (("rapidfuzz", with_rapidfuzz), ("difflib", with_difflib)):
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            answers[name] = function()
            runs.append(time.perf_counter() - started)
        timings[name] = statistics.median(runs)
    same = sum(1 for a, b in zip(answers["rapidfuzz"], answers["difflib"]) if a == b)
    return [
        f"fuzzy lookup of {len(queries)} edited cues in {len(choices)} units (threshold 75): "
        f"rapidfuzz {timings['rapidfuzz'] * 1000:.1f} ms, difflib {timings['difflib'] * 1000:.0f} ms "
        f"({timings['difflib'] / timings['rapidfuzz']:.0f}x slower; same best unit for {same} of {len(queries)})"
    ]


def _xliff(folder: Path, repeat: int) -> list[str]:
    from subkit.translation.xliff import export_track, import_track

    source = folder / "panchir.fr.srt"
    draft = folder / "panchir.en.srt"
    out = folder / "panchir.fr-en.xlf"
    exports, imports = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        export_track(str(source), "en", str(out), draft=str(draft))
        exports.append(time.perf_counter() - started)
        started = time.perf_counter()
        import_track(str(out), str(folder / "back.en.srt"), source=str(source))
        imports.append(time.perf_counter() - started)
    return [
        f"XLIFF of the 726-cue track: export {statistics.median(exports) * 1000:.0f} ms, "
        f"import with checks {statistics.median(imports) * 1000:.0f} ms ({out.stat().st_size // 1024} KiB)"
    ]


def run(quick: bool = False) -> list[str]:
    repeat = 3 if quick else 7
    lines = ["## workflow (translation memory, fuzzy matches, XLIFF)"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        recut_lines, cut, memory = _recut(folder)
        lines += recut_lines
        lines += _fuzzy(cut, memory, repeat)  # type: ignore[arg-type]
        lines += _xliff(folder, repeat)
    base = _median_import("pass", repeat)
    costs = []
    for label, statement in (
        ("click", "import click"),
        ("lxml.etree", "import lxml.etree"),
        ("rapidfuzz", "from rapidfuzz import fuzz, process"),
        ("translate-toolkit xliff+tmx", "import translate.storage.xliff, translate.storage.tmx"),
    ):
        try:
            costs.append(f"{label} +{(_median_import(statement, repeat) - base) * 1000:.0f} ms")
        except subprocess.CalledProcessError:
            costs.append(f"{label} (not installed)")
    lines.append("import cost over a bare interpreter: " + ", ".join(costs))
    return lines


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
