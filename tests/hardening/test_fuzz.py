"""A seeded fuzz test: mutations of the samples (and of the conformance corpora when present) go
through every command. Whatever the bytes, subkit must print no traceback, exit only with
documented codes and never 70, leave every input byte as it was, leave nothing behind when it
fails, and reach a fixed point when it converts (`convert(convert(x)) == convert(x)`).

Most runs are in-process (CliRunner), a few are real subprocesses over the whole mutated
folder (the process pool, signals set up by `main`). `SUBKIT_FUZZ_SEED` and
`SUBKIT_FUZZ_FILES` change the seed and the number of mutated files (for longer runs by hand),
`SUBKIT_CORPORA` where the corpora are.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from subkit.cli import cli
from subkit.formats import WRITABLE

from .helpers import leftovers
from .roundtrip import ROUND_TRIP_FORMATS, TIGHT_SCC

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CORPORA = Path(os.environ.get("SUBKIT_CORPORA", REPO / ".." / "shared" / "corpora"))
SEED = int(os.environ.get("SUBKIT_FUZZ_SEED", "20260610"))
FILES = int(os.environ.get("SUBKIT_FUZZ_FILES", "70"))
#: exit codes a command may give for some input bytes (2 is only for bad options, 4 for services)
DOCUMENTED = {
    "info": {0, 3},
    "validate": {0, 1, 3},
    "fix": {0, 1, 3},
    "convert": {0, 3},
    "retime": {0, 3},
    "sync": {0, 1, 3},
}
TOKENS = [
    b"\x00",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"<",
    b">",
    b"&",
    b"-->",
    b"->",
    b" --> ",
    b"<i>",
    b"</i>",
    b"<b",
    b"&lt;",
    b"&amp;",
    b"&#0;",
    b"\xe2\x80\xa9",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\xef\xbb\xbf",
    b" ",
    b"\n\n",
    b"00:00:01,000 --> 00:00:02,000",
    b"00:01.000 --> 00:02.000",
    b"99:59:59,999",
    b"NOTE ",
    b"STYLE\n",
    b"REGION\n",
    b"WEBVTT",
    b"1\n",
    b"{\\an8}",
    b"\xf3\xb0\x80\x81",
    b"\xf4\x8f\xbf\xbf",
    b"<00:00:01.000>",
    b"<c.x>",
    b"<v Bob>",
    b"\x0c",
    b"\x0b",
    b"\x1b",
    b"\xc2\xa0",
    b"&nbsp;",
    b"\xff",
    b"\xe9",
    b"...",
    b" ?",
    b"- ",
    b"." * 300,
    b"\x00" * 200,
    b"a" * 500,
    b"<i>" * 50,
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random edits: tokens that trouble readers, deletions, duplicated or reversed lines,
    flipped bytes, cut ends; sometimes a whole re-encoding or other line endings."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randint(0, len(buffer))
        roll = rng.random()
        if roll < 0.45:
            buffer[position:position] = rng.choice(TOKENS)
        elif roll < 0.6 and buffer:
            del buffer[position : position + rng.randint(1, 40)]
        elif roll < 0.75 and buffer:
            lines = bytes(buffer).split(b"\n")
            index = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[index] if rng.random() < 0.5 else lines[index][::-1])
            buffer = bytearray(b"\n".join(lines))
        elif roll < 0.9 and buffer:
            buffer[min(position, len(buffer) - 1)] = rng.randrange(256)
        else:
            del buffer[position:]
    result = bytes(buffer)
    roll = rng.random()
    if roll < 0.08:
        result = result.replace(b"\n", b"\r\n")
    elif roll < 0.14:
        try:
            result = codecs.BOM_UTF16_LE + result.decode("utf-8").encode("utf-16-le")
        except UnicodeDecodeError:
            pass
    elif roll < 0.2:
        try:
            result = result.decode("utf-8").encode("cp1252", errors="replace")
        except UnicodeDecodeError:
            pass
    return result


def seeds() -> list[tuple[str, bytes]]:
    """The files mutations start from: the samples cut to their first cues, and the corpora."""
    found = []
    for path in sorted((REPO / "samples").glob("*.*t")):
        data = path.read_bytes()
        found.append((path.name, data[: data.find(b"\n\n", 6000) + 2] if len(data) > 6000 else data))
    if CORPORA.is_dir():
        corpus = sorted(
            p for p in CORPORA.rglob("*") if p.suffix.lower() in (".srt", ".vtt") and p.stat().st_size < 20000
        )
        found += [(p.name, p.read_bytes()) for p in random.Random(SEED).sample(corpus, min(40, len(corpus)))]
    return found


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("fuzz") / "in"
    folder.mkdir()
    sources = seeds()
    made = []
    for number in range(FILES):
        name, data = sources[number % len(sources)] if number < len(sources) else rng.choice(sources)
        suffix = ".vtt" if data.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT") or name.endswith(".vtt") else ".srt"
        if rng.random() < 0.1:
            suffix = ".vtt" if suffix == ".srt" else ".srt"  # a file whose name says the wrong format
        path = folder / f"f{number:03d}.fr{suffix}"
        path.write_bytes(mutate(data, rng) if number >= 3 else data)
        made.append(path)
    return made


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(command: str, *arguments: str) -> Result:
    result = CliRunner().invoke(cli, [command, *arguments])
    output = result.output
    assert "Traceback" not in output and "internal error" not in output, (command, arguments, output)
    assert result.exit_code in DOCUMENTED[command], (command, arguments, result.exit_code, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, arguments, result.exception)
    return result


def test_every_command_on_mutated_files(fuzzed: list[Path], tmp_path: Path) -> None:
    reference = str(REPO / "samples" / "panchir.fr.srt")
    rng = random.Random(SEED + 1)
    fixed_points = 0
    for number, path in enumerate(fuzzed):
        before = digest(path)
        out = tmp_path / f"out{number}"
        out.mkdir()
        run("info", str(path), "--no-detect")
        language = [] if number % 10 == 0 else ["--ignore", "G"]  # langdetect on one file in ten: it is slow
        run("validate", str(path), *language, "--format", rng.choice(["text", "json", "junit"]))
        fixed = out / f"fixed{path.suffix}"
        result = run("fix", str(path), "-o", str(fixed), "--ignore", "G")
        assert fixed.exists() == (result.exit_code in (0, 1) and "nothing written" not in result.stderr), result.output
        result = run("retime", str(path), "--shift", "-1.5s", "-o", str(out / f"retimed{path.suffix}"))
        assert (out / f"retimed{path.suffix}").exists() == (result.exit_code == 0)
        if number % 7 == 0:
            run("sync", str(path), "--reference", reference, "--no-splits")
        for fmt in WRITABLE:
            target = out / f"once.{fmt}"
            result = run("convert", str(path), "--to", fmt, "-o", str(target))
            assert target.exists() == (result.exit_code == 0), result.output
            if result.exit_code == 0 and fmt in ROUND_TRIP_FORMATS:
                again = out / f"twice.{fmt}"
                second = run("convert", str(target), "--to", fmt, "-o", str(again))
                assert second.exit_code == 0, second.output  # whatever subkit writes, it reads back
                if not (fmt == "scc" and TIGHT_SCC in result.stderr):
                    assert again.read_bytes() == target.read_bytes(), (path.name, fmt)  # a fixed point
                assert "cannot hold" not in second.stderr, second.stderr  # what could not survive was said once
                fixed_points += 1
        assert digest(path) == before, path
        assert leftovers(out) == []
    # the test checks something: most mutated files are still subtitles that convert
    assert fixed_points >= len(fuzzed) * len(ROUND_TRIP_FORMATS) // 3, fixed_points


def test_whole_mutated_folder_in_real_processes(fuzzed: list[Path], tmp_path: Path) -> None:
    folder = fuzzed[0].parent
    before = {path.name: digest(path) for path in fuzzed}
    for command, codes in (
        (["convert", str(folder), "--to", "vtt", "-o", str(tmp_path / "vtt"), "-j", "2"], {0, 3}),
        (["validate", str(folder), "-j", "2", "--ignore", "G", "--format", "json"], {0, 1, 3}),
        (["fix", str(folder), "-o", str(tmp_path / "fixed"), "-j", "2", "--ignore", "G", "-q"], {0, 1, 3}),
    ):
        completed = subprocess.run(
            [sys.executable, "-m", "subkit", *command],
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
        assert completed.returncode in codes, (command, completed.stderr[-2000:])
        assert "Traceback" not in completed.stderr and "internal error" not in completed.stderr, completed.stderr[
            -2000:
        ]
    assert {path.name: digest(path) for path in fuzzed} == before
    assert leftovers(tmp_path) == [] and leftovers(folder) == []
