"""Catalogue benchmark: a distributor's folder tree converted and checked the way CI would do it.

What it measures, all in one run on the same files (wall time, medians, ratios):
- `subkit convert DIR --to vtt -o OUT` with default settings, against the `pysubs2 --to vtt -o OUT`
  command line on the same file list, and against a shell-style loop of `ffmpeg -i in.srt out.vtt`
  when ffmpeg is installed (the column is skipped with a note otherwise);
- `--shard 1/3`, `2/3`, `3/3`: together they must write every file exactly once;
- `subkit validate DIR --format json` throughput in cues per second (when the command exists);
- where one file's time goes (read, decode, parse, render, write), in-process;
- start-up: `subkit --version` against a bare `python -c "import click"` (median of 21 runs each),
  and `python -X importtime` for `--version`, `convert` and `validate` on one file, with a check
  that langdetect, deep_translator and requests are not imported.

The catalogue is generated with a fixed seed: 300 files of 700 cues (quick: 60 files) in nested
`season/programme/` folders, six languages, narration in italics, dialogue dashes, accents,
« guillemets » and non-breaking spaces. Usage: `python benchmarks/bench_catalogue.py [--quick]`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from subkit.timecode import format_srt

LANGUAGES = ("fr", "en", "de", "es", "it", "pl")
HEAVY_MODULES = ("langdetect", "deep_translator", "requests")
_WORDS = {
    "fr": "la vallée du Panchir résiste encore aux talibans depuis août Kaboul les combattants montagne hélicoptère "
    "village nuit munitions prisonniers épargnés lieutenants exil faim radio évacuation colonel déjà où ça".split(),
    "en": "the valley still holds out against the Taliban since August Kabul fighters mountain helicopter "
    "village night ammunition prisoners spared lieutenants exile hunger radio evacuation colonel".split(),
    "de": "das Tal hält noch gegen die Taliban seit August Kabul Kämpfer Berg Hubschrauber Dorf Nacht "
    "Munition Gefangene verschont Leutnants Exil Hunger Funk Evakuierung Oberst über Größe Brücke".split(),
    "es": "el valle resiste todavía a los talibanes desde agosto Kabul combatientes montaña helicóptero "
    "pueblo noche munición prisioneros perdonados tenientes exilio hambre radio evacuación coronel".split(),
    "it": "la valle resiste ancora ai talebani da agosto Kabul combattenti montagna elicottero villaggio "
    "notte munizioni prigionieri risparmiati tenenti esilio fame radio evacuazione colonnello perché".split(),
    "pl": "dolina wciąż opiera się talibom od sierpnia Kabul bojownicy góra śmigłowiec wioska noc amunicja "
    "jeńcy oszczędzeni porucznicy wygnanie głód radio ewakuacja pułkownik żołnierze".split(),
}
_NAMES = ("Khalid Amiry", "Ahmad Massoud", "Panchir", "Kaboul")


def _sentence(rng: random.Random, language: str, low: int, high: int) -> str:
    words = [rng.choice(_WORDS[language]) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words) + 1), rng.choice(_NAMES))
    text = " ".join(words)
    ending = rng.choice((".", ".", ",", "…", "?", "!"))
    if language == "fr" and ending in "?!":
        ending = "\u00a0" + ending  # French typography: a non-breaking space before ? and !
    return text[0].upper() + text[1:] + ending


def track_text(cues: int, language: str, seed: int) -> str:
    """One SRT track: narration in italics, interviews, dialogue dashes, quotes, realistic timing."""
    rng = random.Random(seed)
    blocks: list[str] = []
    now = rng.randrange(5_000, 60_000, 40)
    quote = ("« ", " »") if language == "fr" else ("„", "“") if language in ("de", "pl") else ("\u201c", "\u201d")
    for number in range(1, cues + 1):
        kind = rng.random()
        if kind < 0.25:  # narration, voice-over
            text = f"<i>{_sentence(rng, language, 4, 7)}\n{_sentence(rng, language, 3, 6)}</i>"
        elif kind < 0.40:  # two speakers
            dash = "- " if language in ("fr", "es", "it", "pl") else "-"
            text = f"{dash}{_sentence(rng, language, 2, 5)}\n{dash}{_sentence(rng, language, 2, 5)}"
        elif kind < 0.50:  # quoted radio chatter
            text = f"{quote[0]}{_sentence(rng, language, 2, 4)}{quote[1]}"
        else:
            lines = [_sentence(rng, language, 3, 7) for _ in range(rng.randint(1, 2))]
            text = "\n".join(lines)
        duration = rng.randrange(920, 6520, 40)  # whole 25 fps frames
        blocks.append(f"{number}\n{format_srt(now)} --> {format_srt(now + duration)}\n{text}\n")
        now += duration + rng.choice((80, 80, 120, 160, 480, 2000))
    return "\n".join(blocks)


def make_catalogue(root: Path, files: int = 300, cues: int = 700, seed: int = 2023) -> list[Path]:
    """`files` SRT tracks under `root/season-N/programme-NNN/`, each programme in up to six languages."""
    paths = []
    for index in range(files):
        programme, language = divmod(index, len(LANGUAGES))
        folder = root / f"season-{programme % 5 + 1}" / f"programme-{programme:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"programme-{programme:03d}.{LANGUAGES[language]}.srt"
        path.write_text(track_text(cues, LANGUAGES[language], seed * 100_003 + index), encoding="utf-8")
        paths.append(path)
    return paths


def subkit_command() -> list[str]:
    """The installed console script run by this interpreter (no pyenv/venv shims in the timing)."""
    script = Path(sys.executable).parent / "subkit"
    if script.exists():
        return [sys.executable, str(script)]
    found = shutil.which("subkit")
    return [found] if found else [sys.executable, "-m", "subkit"]


def _wall(command: Sequence[str], before: Callable[[], object] | None = None, **kwargs: object) -> float:
    if before is not None:
        before()
    started = time.perf_counter()
    completed = subprocess.run(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:4])} ... failed ({completed.returncode}): {completed.stderr[-500:]!r}")
    return elapsed


def _fresh(folder: Path) -> Callable[[], None]:
    def clear() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    return clear


def _ffmpeg_loop(files: Sequence[Path], out: Path) -> list[str]:
    """A POSIX shell loop, as a distributor would write it: one ffmpeg process per file."""
    lines = [
        f'ffmpeg -nostdin -loglevel error -y -i "{path}" "{out / (path.stem + ".vtt")}" || exit 1' for path in files
    ]
    return ["sh", "-c", "\n".join(lines)]


def _count_files(folder: Path, suffix: str) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(f"*{suffix}"))


def _convert_section(root: Path, files: list[Path], repeat: int, cues: int) -> list[str]:
    work = root / "out"
    subkit = subkit_command()
    contenders: dict[str, list[str]] = {
        "subkit convert": [*subkit, "convert", str(root / "catalogue"), "--to", "vtt", "-o", str(work)],
        "pysubs2 CLI": ["pysubs2", "--to", "vtt", "-o", str(work), *map(str, files)],
    }
    if shutil.which("pysubs2") is None:
        contenders["pysubs2 CLI"] = [sys.executable, "-m", "pysubs2", "--to", "vtt", "-o", str(work), *map(str, files)]
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        contenders["ffmpeg loop"] = _ffmpeg_loop(files, work)
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):  # interleaved, so drift in machine load hits every contender alike
        for name, command in contenders.items():
            timings[name].append(_wall(command, _fresh(work)))
    total_cues = cues * len(files)
    ours = statistics.median(timings["subkit convert"])
    lines = [
        f"## catalogue convert: {len(files)} SRT files x {cues} cues in nested folders -> WebVTT "
        f"(wall time, median of {repeat} interleaved runs; ratio = subkit's time / theirs)"
    ]
    for name, values in timings.items():
        median = statistics.median(values)
        ratio = "" if name == "subkit convert" else f"  subkit/this = {ours / median:.2f}"
        lines.append(
            f"  {name:<15} {median:7.2f} s  {total_cues / median:>10,.0f} cues/s  "
            f"(runs: {', '.join(f'{v:.2f}' for v in values)}){ratio}"
        )
    if not ffmpeg:
        lines.append("  ffmpeg loop     skipped: ffmpeg is not installed")
    lines.append(f"  subkit: default --jobs = {os.cpu_count()} cores here; target: at most 0.50 of pysubs2 (aim 0.33)")
    return lines


def _shard_section(root: Path, count: int) -> list[str]:
    subkit = subkit_command()
    written: dict[str, int] = {}
    sizes = []
    for k in (1, 2, 3):
        out = root / f"shard-{k}"
        _wall(
            [*subkit, "convert", str(root / "catalogue"), "--to", "vtt", "-o", str(out), "--shard", f"{k}/3"],
            _fresh(out),
        )
        names = _count_files(out, ".vtt")
        sizes.append(len(names))
        for name in names:
            written[name] = written.get(name, 0) + 1
    once = sum(1 for times in written.values() if times == 1)
    verdict = "OK" if once == count and len(written) == count else "WRONG"
    return [
        f"## --shard 1/3, 2/3, 3/3: {' + '.join(map(str, sizes))} = {sum(sizes)} files; "
        f"{once} of {count} written exactly once: {verdict}"
    ]


def _validate_section(root: Path, files: int, cues: int, repeat: int) -> list[str]:
    subkit = subkit_command()
    probe = subprocess.run([*subkit, "validate", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        return ["## validate throughput: skipped, `subkit validate` is not available in this build"]
    command = [*subkit, "validate", str(root / "catalogue"), "--format", "json"]
    report = subprocess.run(command, capture_output=True, text=True)
    try:
        reported = len(json.loads(report.stdout)["files"])
    except (ValueError, KeyError, TypeError):
        reported = -1
    timings = [_wall(command) for _ in range(repeat)]
    median = statistics.median(timings)
    return [
        f"## validate DIR --format json: {files} files, {files * cues:,} cues (median of {repeat} runs)",
        f"  {median:7.2f} s  {files * cues / median:>10,.0f} cues/s  {files / median:,.0f} files/s; "
        f"files in the report: {reported}",
    ]


def _stages_section(files: list[Path], cues: int) -> list[str]:
    """Where one file's time goes, in-process (the per-file path every worker runs)."""
    from subkit.fileio import atomic_write, decode, encode, read_bytes
    from subkit.formats import parse_text, render

    sample = files[: min(30, len(files))]
    totals = {"read bytes": 0.0, "decode": 0.0, "parse SRT": 0.0, "render VTT": 0.0, "encode + write": 0.0}
    with tempfile.TemporaryDirectory() as scratch:
        render(parse_text(decode(read_bytes(str(sample[0])), "x").text, "x", "srt"), "vtt")  # warm imports
        for path in sample:
            stamps = [time.perf_counter()]
            data = read_bytes(str(path))
            stamps.append(time.perf_counter())
            decoded = decode(data, str(path))
            stamps.append(time.perf_counter())
            track = parse_text(decoded.text, str(path), "srt")
            stamps.append(time.perf_counter())
            text = render(track, "vtt").text
            stamps.append(time.perf_counter())
            atomic_write(os.path.join(scratch, path.stem + ".vtt"), encode(text, "x"))
            stamps.append(time.perf_counter())
            for (name, _), start, end in zip(totals.items(), stamps, stamps[1:]):
                totals[name] += end - start
    per_file = {name: seconds / len(sample) * 1000 for name, seconds in totals.items()}
    whole = sum(per_file.values())
    parts = ", ".join(f"{name} {ms:.2f} ms ({ms / whole:.0%})" for name, ms in per_file.items())
    return [f"## one {cues}-cue file in-process: {whole:.2f} ms = {parts}"]


def _startup_section(root: Path, runs: int) -> list[str]:
    subkit = subkit_command()
    pairs = {
        "python -c 'import click'": [sys.executable, "-c", "import click"],
        "subkit --version": [*subkit, "--version"],
    }
    timings: dict[str, list[float]] = {name: [] for name in pairs}
    for _ in range(runs):
        for name, command in pairs.items():
            timings[name].append(_wall(command))
    click_ms = statistics.median(timings["python -c 'import click'"]) * 1000
    ours_ms = statistics.median(timings["subkit --version"]) * 1000
    verdict = "OK" if ours_ms <= 1.3 * click_ms else "OVER"
    lines = [
        f"## start-up (wall, median of {runs} interleaved runs)",
        f"  python -c 'import click'  {click_ms:6.1f} ms",
        f"  subkit --version          {ours_ms:6.1f} ms  = {ours_ms / click_ms:.2f}x (limit 1.30x): {verdict}",
    ]
    one = root / "catalogue" / "season-1" / "programme-000" / "programme-000.fr.srt"
    cases = {
        "--version": ["--version"],
        f"convert {one.name} --to vtt -o -": ["convert", str(one), "--to", "vtt", "-o", "-"],
        f"validate {one.name}": ["validate", str(one)],
        f"validate {one.name} --ignore G": ["validate", str(one), "--ignore", "G"],
    }
    lines.append(
        "  python -X importtime (cumulative of top-level imports; heavy = langdetect, deep_translator, requests;"
    )
    lines.append("  validate uses langdetect for its G rules, language checks, which are on by default):")
    for label, arguments in cases.items():
        total_us, modules, heavy, code = import_profile(arguments)
        if code == 2 and label.startswith("validate"):
            lines.append(f"    {label:<50} skipped: no validate command in this build")
            continue
        lines.append(
            f"    {label:<50} {total_us / 1000:6.1f} ms, {modules:3d} modules, heavy imported: {', '.join(heavy) or 'none'}"
        )
    return lines


def import_profile(arguments: Sequence[str]) -> tuple[int, int, list[str], int]:
    """Run the CLI once under `-X importtime`: (total µs, modules, heavy modules seen, exit code)."""
    code = "import sys\nfrom subkit.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    sys.exit(e.code)\n"
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *arguments], capture_output=True, text=True
    )
    total = 0
    modules = 0
    heavy: set[str] = set()
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|", 2)
        modules += 1
        if not name.startswith("  "):  # a top-level import: its cumulative time includes its children
            total += int(cumulative.strip())
        top = name.strip().split(".")[0]
        if top in HEAVY_MODULES:
            heavy.add(top)
    return total, modules, sorted(heavy), completed.returncode


def run(quick: bool = False) -> list[str]:
    files_count = 60 if quick else 300
    cues = 700
    repeat = 3
    startup_runs = 21
    lines: list[str] = [
        f"# catalogue benchmark ({files_count} files x {cues} cues, {os.cpu_count()} cores, quick={quick})"
    ]
    with tempfile.TemporaryDirectory(prefix="subkit-catalogue-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        files = make_catalogue(root / "catalogue", files_count, cues)
        size = sum(path.stat().st_size for path in files)
        lines.append(f"generated in {time.perf_counter() - started:.1f} s: {size / 1e6:.1f} MB, seed 2023")
        lines += _convert_section(root, files, repeat, cues)
        lines += _shard_section(root, files_count)
        lines += _validate_section(root, files_count, cues, repeat)
        lines += _stages_section(files, cues)
        lines += _startup_section(root, startup_runs)
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    print("\n".join(run(quick="--quick" in sys.argv)))
