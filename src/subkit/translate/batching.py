"""As few requests as the provider's size limit allows, and a check that each comes back whole.

Segments are sent one per line, joined by newlines, packed greedily up to the size limit.
Newlines are what every engine keeps best in text mode (they are paragraph breaks to it); a
count check on the way back catches the cases where one was merged or split, and the batch is
then cut in two and each half retried, down to single segments, which need no separator. A
segment whose placeholders were lost in a batch is retried alone, since context from the other
lines is what usually confuses an engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from subkit.translate.cache import TranslationCache
from subkit.translate.engine import Engine

Accept = Callable[[str, str], bool]
Progress = Callable[[int, int, int], None]
SEPARATOR = "\n"


@dataclass(slots=True)
class BatchStats:
    texts: int = 0
    cached: int = 0
    batches: int = 0
    bisections: int = 0


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def pack(texts: list[str], limit: int, measure: Callable[[str], int] = len) -> list[list[str]]:
    """Greedy packing in order: each batch's joined size stays under `limit` (one text may exceed it alone).

    `measure` is `len` for providers that count characters and `utf8_size` for those that count
    bytes (MyMemory), where an accented text is larger than its length.
    """
    batches: list[list[str]] = []
    size = 0
    separator = measure(SEPARATOR)
    for text in texts:
        if batches and size + separator + measure(text) < limit:
            batches[-1].append(text)
            size += separator + measure(text)
        else:
            batches.append([text])
            size = measure(text)
    return batches


class BatchTranslator:
    """Translates many texts through one engine, using and filling the cache."""

    def __init__(self, engine: Engine, cache: TranslationCache, source: str, target: str,
                 limit: int | None = None, progress: Progress | None = None) -> None:
        self.engine = engine
        self.cache = cache
        self.source = source
        self.target = target
        self.limit = min(limit or engine.max_chars, engine.max_chars)
        max_bytes: int | None = getattr(engine, "max_bytes", None)
        # bytes are never fewer than characters, so a byte limit also keeps the character limit
        self.measure: Callable[[str], int] = utf8_size if max_bytes else len
        if max_bytes:
            self.limit = min(self.limit, max_bytes)
        self.progress = progress
        self.stats = BatchStats()
        self._done = 0
        self._total = 0

    def translate_all(self, texts: list[str], accept: Accept | None = None) -> list[str]:
        """Translation of each text, in order (identical texts are translated once)."""
        unique = list(dict.fromkeys(texts))
        self.stats.texts += len(unique)
        results = self.cache.get_many(self.engine.cache_key, self.source, self.target, unique)
        self.stats.cached += len(results)
        pending = [text for text in unique if text not in results]
        self._total += len(unique)
        self._done += len(unique) - len(pending)
        self._report()
        for batch in pack(pending, self.limit, self.measure):
            self.stats.batches += 1
            results.update(self._run(batch, accept or (lambda source, translated: True)))
        return [results[text] for text in texts]

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self._done, self._total, self.engine.requests)

    def _store(self, pairs: dict[str, str]) -> None:
        self.cache.put_many(self.engine.cache_key, self.source, self.target, pairs)
        self._done += len(pairs)
        self._report()

    def _run(self, batch: list[str], accept: Accept) -> dict[str, str]:
        if len(batch) == 1:
            answer = " ".join(self.engine.translate(batch[0]).split())
            self._store({batch[0]: answer})
            return {batch[0]: answer}
        answer = self.engine.translate(SEPARATOR.join(batch))
        lines = [" ".join(line.split()) for line in answer.split(SEPARATOR)]
        lines = [line for line in lines if line]
        if len(lines) != len(batch):
            self.stats.bisections += 1
            middle = len(batch) // 2
            results = self._run(batch[:middle], accept)
            results.update(self._run(batch[middle:], accept))
            return results
        good = {text: line for text, line in zip(batch, lines) if accept(text, line)}
        self._store(good)
        for text in batch:
            if text not in good:
                good.update(self._run([text], accept))
        return good
