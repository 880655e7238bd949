"""The translation of one track into one language: cues in, a draft with the same cues out.

Steps: cut cues into utterances and group them into sentences (`segment`), protect tags and
glossary terms (`protect`), translate in batches through the cache (`batching`), spread each
sentence back over its cues (`spread`), restore markup, apply the target's punctuation habits
and speaker-dash style, re-wrap each cue to the profile (`subkit.linebreak.wrap_markup`).

Whatever goes wrong for one sentence is retried at a finer grain rather than given up on: a
sentence whose placeholders were lost, or that came back with fewer words than it has cues, is
translated cue by cue; a cue whose placeholders are lost again is translated without them (its
inline tags are then dropped, and a note says so). Every input cue yields one non-empty cue with
the same times.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from subkit.markup import escape_plain
from subkit.model import Cue, Track
from subkit.translate.batching import BatchStats, BatchTranslator
from subkit.translate.cache import TranslationCache
from subkit.translate.engine import Engine
from subkit.translate.protect import Protector, Restorations, placeholders_intact, restore
from subkit.translate.segment import (
    PAIRED,
    TAG,
    Piece,
    assemble_line,
    group_segments,
    split_cue,
)
from subkit.translate.spread import spread

ProgressCallback = Callable[[int, int, int], None]
#: French high punctuation takes a non-breaking space before it, guillemets inside them
_FRENCH_BEFORE = re.compile(r"[ \u00a0\u202f]?([;:!?»])")
_FRENCH_AFTER = re.compile(r"«[ \u00a0\u202f]?")
_SPACE_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+([;:!?])")


@dataclass(slots=True)
class Layout:
    """The target profile's limits that re-wrapping aims for."""

    max_chars: int = 42
    max_lines: int = 2


@dataclass(slots=True)
class Draft:
    """A translated track plus what the translator should know about how it was made."""

    track: Track
    language: str
    requests: int
    stats: BatchStats
    notes: list[str] = field(default_factory=list)


def _typography(text: str, language: str) -> str:
    """Punctuation spacing of the target: French NBSP before ; : ! ? », none elsewhere."""
    if language == "fr":
        text = _FRENCH_AFTER.sub("«\u00a0", text)
        return _FRENCH_BEFORE.sub(lambda m: "\u00a0" + m.group(1), text)
    return _SPACE_BEFORE_HIGH.sub(r"\1", text)


def _balance_parts(parts: list[str]) -> list[str]:
    """Tags split across cues by the spreading are closed in one cue and reopened in the next."""
    result: list[str] = []
    carried: list[tuple[str, str]] = []
    for part in parts:
        prefix = "".join(tag for _, tag in carried)
        for match in TAG.finditer(part):
            tag = match.group(0)
            name = "" if tag.startswith("{") else match.group(2).lower()
            if name not in PAIRED:
                continue
            if match.group(1):
                if carried and carried[-1][0] == name:
                    carried.pop()
            else:
                carried.append((name, tag))
        suffix = "".join(f"</{name}>" for name, _ in reversed(carried))
        result.append(re.sub(r"<(\w+)[^<>]*>\s*</\1>", "", prefix + part + suffix).strip())
    return result


class TrackTranslator:
    """Translates tracks from one source language into one target language through one engine."""

    def __init__(self, engine: Engine, cache: TranslationCache, source: str, target: str,
                 terms: dict[str, str] | None = None, layout: Layout | None = None,
                 batch_chars: int | None = None, pause_ms: int = 2000,
                 progress: ProgressCallback | None = None) -> None:
        self.engine = engine
        self.source = source
        self.target = target
        self.language = target.split("-")[0].lower()
        self.protector = Protector(terms)
        self.layout = layout or Layout()
        self.pause_ms = pause_ms
        self.batcher = BatchTranslator(engine, cache, source, target, batch_chars, progress)

    def translate(self, track: Track) -> Draft:
        notes: list[str] = []
        cues = track.cues
        pieces = [piece for index, cue in enumerate(cues) for piece in split_cue(index, cue)]
        segments = group_segments(pieces, cues, self.pause_ms, max_chars=min(600, self.batcher.limit // 2))
        bodies: list[str | None] = [None] * len(pieces)

        # pass 1: whole sentences
        jobs: list[tuple[list[int], list[str], Restorations, str]] = []
        for segment in segments:
            if not pieces[segment.pieces[0]].translatable:
                for index in segment.pieces:
                    bodies[index] = pieces[index].body
                continue
            restorations = Restorations()
            texts = [self.protector.protect(pieces[index].body, restorations) for index in segment.pieces]
            jobs.append((segment.pieces, texts, restorations, " ".join(texts)))
        minimum_words = {joined: len(indexes) for indexes, _, _, joined in jobs}
        translations = self.batcher.translate_all(
            [joined for *_, joined in jobs],
            lambda text, out: placeholders_intact(text, out) and len(out.split()) >= minimum_words.get(text, 1),
        )
        retry: list[int] = []
        for (indexes, texts, restorations, joined), translated in zip(jobs, translations):
            parts = spread(translated, [len(text) for text in texts], self.language) \
                if placeholders_intact(joined, translated) else None
            if parts is None:
                retry.extend(indexes)
                continue
            restored = _balance_parts([restore(part, restorations) for part in parts])
            for index, body in zip(indexes, restored):
                bodies[index] = body

        # pass 2: cue by cue, for sentences that did not come back whole
        if retry:
            self._translate_pieces(retry, pieces, bodies, notes)

        new_cues = self._assemble(cues, pieces, bodies, notes)
        draft_track = track.with_cues(new_cues)
        draft_track.language = self.target
        draft_track.diagnostics = []
        return Draft(draft_track, self.target, self.engine.requests, self.batcher.stats, notes)

    def _translate_pieces(self, indexes: list[int], pieces: list[Piece], bodies: list[str | None],
                          notes: list[str]) -> None:
        protected: list[tuple[int, str, Restorations]] = []
        for index in indexes:
            restorations = Restorations()
            protected.append((index, self.protector.protect(pieces[index].body, restorations), restorations))
        answers = self.batcher.translate_all([text for _, text, _ in protected], placeholders_intact)
        bare: list[int] = []
        for (index, text, restorations), answer in zip(protected, answers):
            if answer.strip() and placeholders_intact(text, answer):
                bodies[index] = restore(answer, restorations)
            else:
                bare.append(index)
        if not bare:
            return
        # pass 3: without placeholders; glossary terms replaced in the answer, inline tags dropped
        plain = [self.protector.unprotected(pieces[index].body) for index in bare]
        answers = self.batcher.translate_all(plain)
        for index, answer in zip(bare, answers):
            cue_number = pieces[index].cue + 1
            if answer.strip():
                bodies[index] = escape_plain(self.protector.apply_terms(" ".join(answer.split())))
                if TAG.search(pieces[index].body):
                    notes.append(f"cue {cue_number}: the engine lost the tag placeholders; inline tags dropped")
            else:
                bodies[index] = pieces[index].body
                notes.append(f"cue {cue_number}: the engine returned nothing; source text kept")

    def _assemble(self, cues: list[Cue], pieces: list[Piece], bodies: list[str | None], notes: list[str]) -> list[Cue]:
        from subkit.linebreak import wrap_markup  # noqa: PLC0415

        by_cue: list[list[str]] = [[] for _ in cues]
        for piece, body in zip(pieces, bodies):
            text = _typography(body or piece.body, self.language)
            if not text and piece.plain:
                text = piece.body
            by_cue[piece.cue].append(assemble_line(piece, text, self.language))
        result: list[Cue] = []
        for cue, lines in zip(cues, by_cue):
            markup = "\n".join(line for line in lines if line)
            wrapped = wrap_markup(markup, self.layout.max_chars, self.layout.max_lines, self.language) if markup else markup
            if not wrapped.strip():
                wrapped = cue.text
                notes.append(f"cue {len(result) + 1}: nothing to translate; kept as is")
            result.append(cue.copy(text=wrapped))
        return result
