"""Many files at once: walking folders, stable sharding, a process pool with ordered results.

Distributors run subkit over whole catalogues in CI. Inputs are expanded once (folders walked
recursively for `*.srt`/`*.vtt`, globs expanded), sorted so every run and every CI job sees the
same order, optionally cut into shards, and processed by a pool whose results come back in
input order. A failing file becomes a `FileResult` with its message; it never stops the batch.
"""

from __future__ import annotations

import glob
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from subkit.errors import InputError, UsageError

SUBTITLE_SUFFIXES = (".srt", ".vtt")
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to process and its path relative to the argument it came from (for mirroring)."""

    path: str
    relative: str


@dataclass(slots=True)
class FileResult:
    """What happened to one file in a batch."""

    path: str
    ok: bool
    output: str | None = None
    message: str | None = None
    exit_code: int = 0
    notes: list[str] = field(default_factory=list)
    payload: Any = None


def collect_inputs(arguments: Iterable[str]) -> list[InputFile]:
    """Files named, folders walked recursively for subtitle files, globs expanded; duplicates once.

    A named path that does not exist is an InputError (exit 3); a folder with no subtitle files
    is one too, because a CI job that checks nothing should not pass silently.
    """
    seen: set[str] = set()
    found: list[InputFile] = []

    def add(path: str, relative: str) -> None:
        key = os.path.realpath(path) if path != "-" else "-"
        if key not in seen:
            seen.add(key)
            found.append(InputFile(path, relative))

    for argument in arguments:
        if argument == "-":
            add("-", "stdin")
        elif os.path.isdir(argument):
            files = sorted(_walk(argument))
            if not files:
                raise InputError("folder holds no .srt or .vtt files", argument)
            for path in files:
                add(path, os.path.relpath(path, argument))
        elif os.path.exists(argument):
            add(argument, os.path.basename(argument))
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [m for m in matches if os.path.isfile(m) and m.lower().endswith(SUBTITLE_SUFFIXES)]
            if not files:
                raise InputError("pattern matches no .srt or .vtt files", argument)
            for path in files:
                add(path, os.path.basename(path))
        else:
            raise InputError("no such file or folder", argument)
    return found


def _walk(folder: str) -> Iterator[str]:
    for root, directories, files in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in files:
            if name.lower().endswith(SUBTITLE_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` (1-based) -> (K, N)."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise UsageError(f"--shard must look like K/N (e.g. 2/3), not {text!r}") from None
    if n < 1 or not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return k, n


def in_shard(item: InputFile, k: int, n: int) -> bool:
    """Stable: a file's shard depends only on its relative path, not on the other files."""
    return zlib.crc32(item.relative.replace(os.sep, "/").encode("utf-8")) % n == k - 1


def select_shard(items: list[InputFile], shard: str | None) -> list[InputFile]:
    if not shard:
        return items
    k, n = parse_shard(shard)
    return [item for item in items if in_shard(item, k, n)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_ordered(function: Callable[[T], R], items: list[T], jobs: int | None = None) -> Iterator[R]:
    """`map(function, items)` in input order, over a process pool when it is worth it.

    Small batches run in-process: forking workers costs more than converting a few files.
    """
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or len(items) < 4:
        yield from map(function, items)
        return
    chunk = max(1, min(16, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
        yield from pool.map(function, items, chunksize=chunk)


def mirrored_output(item: InputFile, out_dir: str, suffix: str) -> str:
    """OUT/relative/path/name.suffix for an input found under a folder argument."""
    return str(Path(out_dir) / Path(item.relative).with_suffix(suffix))
