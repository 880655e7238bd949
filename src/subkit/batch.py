"""Many files at once: walking folders, stable sharding, a process pool with ordered results.

Distributors run subkit over whole catalogues in CI. Inputs are expanded once (folders walked
recursively for every format subkit reads: `*.srt`, `*.vtt`, `*.ttml`, `*.stl`..., globs expanded), sorted so every run and every CI job sees the
same order, optionally cut into shards, and processed by a pool whose results come back in
input order. A failing file becomes a `FileResult` with its message; it never stops the batch.

How a command uses it (convert does exactly this; validate can too):

    items = select_shard(collect_inputs(paths), shard)
    with Progress(len(items), "converting", enabled=progress_wanted(quiet)) as bar:
        for result in run_ordered(work, items, jobs, weights=input_sizes(items),
                                  preload=("subkit.formats.srt",), on_error=failed_result):
            bar.advance()
            ...print result lines through bar.echo(...)

`work` must be a module-level function (it is pickled to the workers) and should turn the
errors it expects into a failed result itself; `on_error` catches the rest (a bug, a worker
killed by the system) so that one file never takes the batch down.

Workers end with the batch: they ignore Ctrl-C (the parent handles it), and when the parent is
interrupted or terminated it stops them with SIGTERM, on which each removes the temporary file
it was writing and exits, before the parent itself exits 130 or 143.
"""

from __future__ import annotations

import contextlib
import glob
import importlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from subkit.errors import InputError, SubkitError, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Future

#: file endings a folder walk or a glob picks up: every readable format's (the registry's list;
#: `.xml` is left out because most XML is not subtitles, though a TTML `.xml` named alone is read)
SUBTITLE_SUFFIXES = (
    ".srt",
    ".vtt",
    ".webvtt",
    ".ttml",
    ".dfxp",
    ".stl",
    ".scc",
    ".ass",
    ".ssa",
    ".sbv",
    ".sub",
    ".smi",
    ".sami",
)
T = TypeVar("T")
R = TypeVar("R")

#: Below this much input (bytes, about 15 files of 700 cues) the default `--jobs` runs in-process:
#: starting workers and shipping results back costs more than it saves (see benchmarks/bench_catalogue.py).
IN_PROCESS_BYTES = 1_000_000


def _worker_terminated(signum: int, frame: object) -> None:
    from subkit.fileio import remove_temporaries  # noqa: PLC0415

    remove_temporaries()
    os._exit(128 + signum)


def _worker_start(modules: Sequence[str], max_input: int) -> None:
    """In each worker: Ctrl-C is the parent's business; SIGTERM removes the temporary file being
    written and exits at once; the parent's input size limit applies; modules are imported once."""
    from subkit.fileio import set_max_input_bytes  # noqa: PLC0415

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _worker_terminated)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    set_max_input_bytes(max_input)
    _preload(modules)


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to process and its path relative to the argument it came from (for mirroring).

    `relative` also decides the shard, so it uses `/` on every platform.
    """

    path: str
    relative: str
    #: the bytes of an input that is no file (`-`, standard input, which the caller reads):
    #: readers take these instead of opening `path`
    data: bytes | None = None


@dataclass(slots=True)
class FileResult:
    """What happened to one file in a batch."""

    path: str
    ok: bool
    output: str | None = None
    message: str | None = None
    exit_code: int = 0
    #: warnings and information about the file (hidden by --quiet)
    notes: list[str] = field(default_factory=list)
    payload: Any = None
    #: errors that did not stop the file (a block that could not be read): shown even when quiet
    problems: list[str] = field(default_factory=list)
    #: the library error behind `message`, so a caller can word it its own way
    failure: SubkitError | None = None


def collect_inputs(arguments: Iterable[str]) -> list[InputFile]:
    """`gather_inputs`, raising the first argument's failure (for callers that stop at one)."""
    found, failures = gather_inputs(arguments)
    if failures:
        raise failures[0]
    return found


def gather_inputs(arguments: Iterable[str]) -> tuple[list[InputFile], list[InputError]]:
    """Files named, folders walked recursively for subtitle files, globs expanded; duplicates once.

    Order is stable: arguments in the order given, each folder or glob sorted. A named file that
    does not exist is kept, so the batch reports it as one failed file and checks the others; a
    missing folder (`DIR/`), a folder with no subtitle files or a pattern that matches none is
    returned as a failure of that argument (exit 3 in the end, the other arguments still done),
    because a CI job that checks nothing should not pass silently.
    """
    seen: set[str] = set()
    found: list[InputFile] = []
    failures: list[InputError] = []

    def add(path: str, relative: str) -> None:
        key = os.path.realpath(path) if path != "-" else "-"
        if key not in seen:
            seen.add(key)
            found.append(InputFile(path, relative.replace(os.sep, "/")))

    for argument in arguments:
        if argument == "-":
            add("-", "stdin")
        elif os.path.isdir(argument):
            files = sorted(_walk(argument))
            if not files:
                failures.append(
                    InputError("folder holds no subtitle files (no .srt, .vtt or other format subkit reads)", argument)
                )
            for path in files:
                add(path, os.path.relpath(path, argument))
        elif argument.endswith(("/", os.sep)) and not os.path.exists(argument):
            failures.append(InputError("no such folder", argument))
        elif os.path.exists(argument) or not glob.has_magic(argument):
            add(argument, os.path.basename(argument.rstrip("/" + os.sep)) or argument)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            files = [m for m in matches if os.path.isfile(m) and m.lower().endswith(SUBTITLE_SUFFIXES)]
            if not files:
                failures.append(
                    InputError("pattern matches no subtitle files (.srt, .vtt, .ttml, .stl, .scc, .ass...)", argument)
                )
            base = _glob_base(argument)
            for path in files:
                add(path, _inner_relative(path, base, files))
    return found, failures


def _inner_relative(path: str, base: str, files: list[str]) -> str:
    """`path` relative to the glob's fixed part, or, when the pattern climbs out of it with `..`
    (`in/*/../../secret/*.srt`), relative to the folder all its matches share: a mirrored output
    must never climb out of the output folder."""
    relative = os.path.normpath(os.path.relpath(path, base))
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep) and not os.path.isabs(relative):
        return relative
    common = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])
    return os.path.relpath(os.path.abspath(path), common)


def _glob_base(pattern: str) -> str:
    """The folder before the first wildcard: `in/**/*.srt` -> `in`, so outputs mirror the tree under it."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def _walk(folder: str) -> Iterator[str]:
    """Subtitle files under `folder`; hidden files and folders (`.git`, editor backups) are skipped."""
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
        raise UsageError(f"must look like K/N (e.g. 2/3), not {text!r}", option="shard") from None
    if n < 1 or not 1 <= k <= n:
        raise UsageError(f"{text}: K must be between 1 and N", option="shard")
    return k, n


def select_shard(items: list[InputFile], shard: str | None) -> list[InputFile]:
    """The items of shard `K/N`, in their original order (all of them when `shard` is None).

    The files are sorted by relative path and dealt round-robin like cards, so the N shards
    differ in size by at most one file and every file is in exactly one shard. (Hashing each
    path into a shard needs no sorting but, measured on a 300-file catalogue, left 3 shards at
    111/84/105 files and 8 shards between 30 and 48: the slowest CI job sets the pipeline's
    time.) The deal depends only on the set of relative paths, which is the same in every job
    of a CI matrix that runs the same command on the same checkout, on any OS (`/` separators).
    """
    if not shard:
        return items
    k, n = parse_shard(shard)
    dealt = sorted(range(len(items)), key=lambda index: (items[index].relative, items[index].path))
    chosen = {index for position, index in enumerate(dealt) if position % n == k - 1}
    return [item for index, item in enumerate(items) if index in chosen]


def default_jobs() -> int:
    """The cores this process may run on (a CI container's CPU quota through its affinity mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def input_sizes(items: Sequence[InputFile]) -> list[int]:
    """Bytes of each input (0 when unreadable or stdin): the cost estimate for scheduling."""
    sizes = []
    for item in items:
        try:
            sizes.append(os.stat(item.path).st_size if item.path != "-" else 0)
        except OSError:
            sizes.append(0)
    return sizes


def worker_count(count: int, jobs: int | None, weights: Sequence[int] | None = None) -> int:
    """How many processes to use for `count` items; 1 means in-process.

    An explicit `jobs` is obeyed (capped by the number of items). The default (None or 0) is
    the number of cores, except for a small batch, which runs in-process because the pool's
    start-up would cost more than it saves.
    """
    if count < 2:
        return 1
    if jobs is not None and jobs > 0:
        return min(jobs, count)
    if weights is not None and sum(weights) < IN_PROCESS_BYTES:
        return 1
    if weights is None and count < 8:
        return 1
    return min(default_jobs(), count)


def _preload(modules: Sequence[str]) -> None:
    for name in modules:
        importlib.import_module(name)


def _pool_context() -> Any:
    """`fork` where it exists and is safe (one thread): workers start in ~1 ms with modules loaded.

    Elsewhere (macOS, Windows, a threaded parent) the platform default is used and `preload`
    imports the modules in each worker instead.
    """
    import multiprocessing  # noqa: PLC0415 - with concurrent.futures ~15 ms, only for a pool

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _call(function: Callable[[T], R], item: T, on_error: Callable[[T, BaseException], R] | None) -> R:
    if on_error is None:
        return function(item)
    try:
        return function(item)
    except Exception as error:  # noqa: BLE001 - one file must not stop the batch; on_error reports it
        return on_error(item, error)


def run_ordered(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None = None,
    *,
    weights: Sequence[int] | None = None,
    preload: Sequence[str] = (),
    on_error: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """`map(function, items)` in input order, over a process pool when it is worth it.

    - Results are yielded in input order (stable output and reports), each as soon as it and
      all those before it are done.
    - Work is handed out largest first (by `weights`, e.g. file sizes), so a long file does not
      start last and hold the whole batch up.
    - `preload` modules are imported before the workers start, once, instead of in each worker.
    - With `on_error`, an exception in `function`, or a worker process that died, becomes
      `on_error(item, error)` for that item and the batch goes on; without it, it propagates.
    """
    count = len(items)
    workers = worker_count(count, jobs, weights)
    if workers == 1:
        for item in items:
            yield _call(function, item, on_error)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - see _pool_context

    from subkit.fileio import max_input_bytes  # noqa: PLC0415

    _preload(preload)
    order = sorted(range(count), key=lambda index: -weights[index]) if weights is not None else list(range(count))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_worker_start,
        initargs=(tuple(preload), max_input_bytes()),
    )
    finished = False
    try:
        futures: list[Future[R] | None] = [None] * count
        with _signals_held():  # workers start with them held, until their handlers are in place
            for index in order:
                futures[index] = pool.submit(function, items[index])
        for index, future in enumerate(futures):
            assert future is not None
            try:
                result = future.result()
            except Exception as error:
                if on_error is None:
                    raise
                result = on_error(items[index], error)
            futures[index] = None  # let the result go once it is handed over
            yield result
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted (Ctrl-C, SIGTERM, a consumer that stopped early): stop everything now
            _stop_workers(pool)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_workers(pool: Any) -> None:
    """Drop the queued work and end the running workers (SIGTERM: each removes its temporary file),
    waiting for them, so none outlives the batch."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join(5)


def mirrored_output(item: InputFile, out_dir: str, suffix: str) -> str:
    """OUT/relative/path/name.suffix for an input found under a folder argument (never outside OUT:
    `collect_inputs` keeps `relative` inside, and `fileio.check_output` checks what it resolves to)."""
    relative = Path(os.path.normpath(item.relative))
    if relative.is_absolute() or relative.parts[:1] == (os.pardir,) or not relative.name:
        relative = Path(Path(item.path).name or "stdin")
    return str(Path(out_dir) / relative.with_suffix(suffix))


def refuse_collisions(items: Sequence[InputFile], targets: Sequence[str], verb: str) -> None:
    """A UsageError (nothing written yet) when two inputs would write the same file, or an output
    would replace another input of the batch before it is read. `verb` names the command."""
    inputs = {os.path.realpath(item.path): item.path for item in items if item.path != "-"}
    claimed: dict[str, str] = {}
    for item, target in zip(items, targets):
        if target == "-":
            continue
        resolved = os.path.realpath(target)
        other = claimed.get(resolved)
        if other is not None:
            raise UsageError(
                f"{other} and {item.path} would both be written to {target}; "
                f"{verb} them separately (e.g. select one format with a glob such as 'DIR/**/*.srt')"
            )
        claimed[resolved] = item.path
        overwritten = inputs.get(resolved)
        if overwritten is not None and overwritten != item.path:
            raise UsageError(
                f"{item.path} would be written over another input, {overwritten}", option="output", missing=True
            )
