"""As few requests as the provider's size limit allows, and only checked answers used or cached.

Segments are sent one per line, joined by newlines, packed greedily up to the size limit.
Newlines are what every engine keeps best in text mode (they are paragraph breaks to it); a
count check on the way back catches the cases where one was merged or split, and the batch is
then cut in two and each half retried, down to single segments, which need no separator.

Every answer is cleaned (`answers.clean`) and checked (`answers.rejection` plus the caller's own
check) before it is used, and only an accepted answer is cached: an empty answer, a provider's
complaint, lost placeholders or an untranslated echo is retried alone, once, and otherwise
returned as None with its reason in `rejected`, for the caller's fallback. An engine that echoes
a whole batch unchanged is not translating at all: that is a provider failure (exit 4).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from subkit.errors import ServiceError
from subkit.translation.answers import clean, comparable, is_untranslated, rejection
from subkit.translation.cache import TranslationCache
from subkit.translation.engine import Engine

#: (text sent, cleaned answer) -> why the answer cannot be used, or None
Check = Callable[[str, str], "str | None"]
Progress = Callable[[int, int, int], None]
SEPARATOR = "\n"
UNTRANSLATED = "untranslated"
#: reasons worth asking once more (a flaky server), unlike deterministic ones (lost placeholders)
_RETRIABLE = ("empty answer", "the provider's message")


@dataclass(slots=True)
class BatchStats:
    texts: int = 0
    cached: int = 0
    batches: int = 0
    bisections: int = 0
    #: answers rejected (and not cached), whatever happened next
    rejected: int = 0


@dataclass(slots=True)
class _Pending:
    texts: list[str]
    check: Check
    #: text -> placeholders its answer may lose (cue-boundary markers)
    optional: Callable[[str], frozenset[str]]
    results: dict[str, str] = field(default_factory=dict)


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

    def __init__(
        self,
        engine: Engine,
        cache: TranslationCache,
        source: str,
        target: str,
        limit: int | None = None,
        progress: Progress | None = None,
        detect_target: Callable[[str], bool] | None = None,
    ) -> None:
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
        #: True when a text is already in the target language (an echo of it is then a translation)
        self.detect_target = detect_target
        self.stats = BatchStats()
        #: text -> why its last answer was rejected (texts that got no usable answer)
        self.rejected: dict[str, str] = {}
        #: the last answer each rejected text got in this run: a later pass with another check
        #: judges it again instead of paying for the same answer twice
        self._answers: dict[str, str] = {}
        self._done = 0
        self._total = 0

    def translate_all(
        self, texts: list[str], check: Check | None = None, optional: Callable[[str], frozenset[str]] | None = None
    ) -> list[str | None]:
        """Translation of each text, in order (identical texts are translated once); None when
        no usable answer came, with the reason in `rejected[text]`. `check` adds the caller's
        own reasons; `optional(text)` names placeholders an answer may lose."""
        pending = _Pending([], check or (lambda sent, answer: None), optional or (lambda sent: frozenset()))
        unique = list(dict.fromkeys(texts))
        self.stats.texts += len(unique)
        cached = self.cache.get_many(
            self.engine.cache_key,
            self.source,
            self.target,
            unique,
            lambda sent, answer: self._problem(sent, answer, pending) is None,
        )
        self.stats.cached += len(cached)
        pending.results.update(cached)
        for text in unique:
            if text in self._answers and text not in cached:
                reason = self._problem(text, self._answers[text], pending)
                if reason is None:
                    self._accept({text: self._answers[text]}, pending)
                else:
                    self.rejected[text] = reason
        pending.texts = [text for text in unique if text not in pending.results and text not in self._answers]
        self._total += len(unique)
        self._done += len(cached)
        self._report()
        for batch in pack(pending.texts, self.limit, self.measure):
            self.stats.batches += 1
            self._run(batch, pending)
        return [pending.results.get(text) for text in texts]

    def _problem(self, sent: str, answer: str, pending: _Pending) -> str | None:
        reason = rejection(sent, answer, pending.optional(sent)) or pending.check(sent, answer)
        if reason is None and is_untranslated(sent, answer) and not (self.detect_target and self.detect_target(answer)):
            reason = UNTRANSLATED
        return reason

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self._done, self._total, self.engine.requests)

    def _accept(self, pairs: dict[str, str], pending: _Pending) -> None:
        self.cache.put_many(self.engine.cache_key, self.source, self.target, pairs)
        pending.results.update(pairs)
        for text in pairs:
            self.rejected.pop(text, None)
        self._done += len(pairs)
        self._report()

    def _ask(self, text: str) -> str:
        return clean(self.engine.translate(text), text, self.target)

    def _single(self, text: str, pending: _Pending, tries: int = 2) -> None:
        for _ in range(tries):
            answer = re.sub(r" *\n+ *", " ", self._ask(text)).strip()  # one text, one line
            reason = self._problem(text, answer, pending)
            if reason is None:
                self._accept({text: answer}, pending)
                return
            self.stats.rejected += 1
            self.rejected[text] = reason
            self._answers[text] = answer
            if not reason.startswith(_RETRIABLE):
                break  # the same request gets the same answer from a deterministic engine
        self._done += 1
        self._report()

    def _run(self, batch: list[str], pending: _Pending) -> None:
        if len(batch) == 1:
            self._single(batch[0], pending)
            return
        lines = self._ask(SEPARATOR.join(batch)).split(SEPARATOR)
        if len(lines) != len(batch):
            # an engine may add blank lines between paragraphs: they carry nothing
            lines = [line for line in lines if line.strip()]
        if len(lines) != len(batch):
            self.stats.bisections += 1
            middle = len(batch) // 2
            self._run(batch[:middle], pending)
            self._run(batch[middle:], pending)
            return
        reasons = [self._problem(text, line, pending) for text, line in zip(batch, lines)]
        if reasons.count(UNTRANSLATED) >= 2 and all(
            comparable(text) == comparable(line) for text, line in zip(batch, lines)
        ):
            raise ServiceError(
                f"{getattr(self.engine, 'name', 'the engine')} {self.source}->{self.target}: "
                f"the answer is the text sent, untranslated ({len(batch)} lines); "
                "check the languages"
            )
        self._accept({text: line for text, line, reason in zip(batch, lines, reasons) if reason is None}, pending)
        for text, reason in zip(batch, reasons):
            if reason is not None:
                self.stats.rejected += 1
                self.rejected[text] = reason
                self._single(text, pending)
