"""The translation of one track into one language: cues in, a draft with the same cues out.

Steps: cut cues into utterances and group them into sentences (`segment`), protect tags and
glossary terms (`protect`), translate in batches through the cache (`batching`, which cleans and
checks every answer), spread each sentence back over its cues (`spread`: at the cue-boundary
markers the engine kept, else at clause boundaries), restore markup, apply the target's dash
style, re-wrap each cue to the profile (`subkit.linebreak.wrap_markup`), mark right-to-left lines.

Whatever goes wrong for one sentence is retried at a finer grain rather than given up on: a
sentence whose answer was rejected (empty, the provider's message, placeholders lost, tags
crossed or reordered, untranslated) or that came back with fewer words than it has cues is
translated cue by cue; a cue whose answer is rejected again is translated without placeholders
(its inline tags are then dropped). A cue with no usable answer after that keeps its source
text and is listed in `Draft.untranslated`; the caller decides whether such a draft may be
written. Every fallback is listed too (`Draft.fallback`), for the QA report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from subkit.markup import TAG, escape_plain
from subkit.model import Cue, Track
from subkit.translation.batching import UNTRANSLATED, BatchStats, BatchTranslator
from subkit.translation.cache import TranslationCache
from subkit.translation.engine import Engine
from subkit.translation.languages import base, direction
from subkit.translation.protect import PLACEHOLDER, Protector, Restorations, restore
from subkit.translation.segment import (
    PAIRED,
    Piece,
    assemble_line,
    dash_text,
    group_segments,
    is_balanced,
    split_cue,
)
from subkit.translation.spread import cut_at_markers, spread, without_markers, word_count

ProgressCallback = Callable[[int, int, int], None]
_TIMESTAMP = re.compile(r"<(\d{2,}:)?(\d{2}):(\d{2})\.(\d{3})>")
_RLM = "\u200f"
#: characters with a strong direction, for the first-strong rule players apply to each line
_STRONG_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


@dataclass(slots=True)
class Layout:
    """The target profile's limits that re-wrapping aims for."""

    max_chars: int = 42
    max_lines: int = 2


@dataclass(slots=True)
class CueNote:
    """Something the translator must know about one cue of a draft (1-based cue number)."""

    cue: int
    reason: str


@dataclass(slots=True)
class Draft:
    """A translated track plus what the translator should know about how it was made."""

    track: Track
    language: str
    requests: int
    stats: BatchStats
    notes: list[str] = field(default_factory=list)
    #: cues left in the source language: no usable answer, or the engine's answer was the source
    untranslated: list[CueNote] = field(default_factory=list)
    #: cues translated by a fallback (alone, or without their tags), and why
    fallback: list[CueNote] = field(default_factory=list)
    #: cues whose timestamp tags could not be kept in order inside the cue
    timestamps: list[CueNote] = field(default_factory=list)
    #: the cues (0-based) of each sentence, for checks that must compare whole sentences
    sentences: list[list[int]] = field(default_factory=list)

    def moved(self, positions: list[int], track: Track) -> Draft:
        """This draft of some cues of a track, as notes about `track` (its cue `k` is `positions[k - 1]`)."""

        def notes(items: list[CueNote]) -> list[CueNote]:
            return [CueNote(positions[note.cue - 1] + 1, note.reason) for note in items]

        moved = re.compile(r"^cue (\d+):")
        return Draft(
            track,
            self.language,
            self.requests,
            self.stats,
            [moved.sub(lambda m: f"cue {positions[int(m.group(1)) - 1] + 1}:", note) for note in self.notes],
            notes(self.untranslated),
            notes(self.fallback),
            notes(self.timestamps),
            [[positions[cue] for cue in sentence] for sentence in self.sentences],
        )


def retarget(track: Track, language: str) -> Track:
    """The draft's track as the target language's: language set, a WebVTT `Language:` header
    naming it, the source's reader diagnostics gone."""
    track.language = language
    track.diagnostics = []
    track.metadata = [
        f"Language: {language}" if re.match(r"(?i)language\s*:", line) else line for line in track.metadata
    ]
    return track


@dataclass(slots=True)
class _Job:
    pieces: list[int]
    texts: list[str]
    restorations: Restorations
    joined: str


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


def _milliseconds(tag: str) -> int | None:
    match = _TIMESTAMP.fullmatch(tag)
    if match is None:
        return None
    hours = int(match.group(1)[:-1]) if match.group(1) else 0
    return ((hours * 60 + int(match.group(2))) * 60 + int(match.group(3))) * 1000 + int(match.group(4))


def markup_problem(sent: str, answer: str, restorations: Restorations) -> str | None:
    """Why an answer's placeholders cannot be put back as they were: tags crossed, renested or
    closed before they open, timestamp tags out of order (None when they can)."""
    restored = restore(without_markers(answer, restorations.markers), restorations)
    if not is_balanced(restored):
        return "tags crossed or out of order"
    stamps = [
        key for key in PLACEHOLDER.findall(answer) if _milliseconds(restorations.markup.get(f"[{key}]", "")) is not None
    ]
    if stamps != [key for key in PLACEHOLDER.findall(sent) if key in stamps]:
        return "timestamp tags out of order"
    return None


def rtl_line(line: str) -> str:
    """A right-to-left line that players lay out right to left: a right-to-left mark first when the
    line's first strong character is not right-to-left (a Latin name, a number, punctuation only),
    since players take a line's direction from its first strong character (UAX #9 P2, WebVTT)."""
    leading = re.match(rf"(?:{TAG.pattern}|[\s\-–—])*", line)
    rest = line[leading.end() :] if leading else line
    first_rtl = _STRONG_RTL.search(rest)
    first_ltr = _STRONG_LTR.search(rest)
    if first_rtl is not None and (first_ltr is None or first_rtl.start() < first_ltr.start()):
        return line
    if not rest.strip() or first_rtl is None and first_ltr is None and not re.search(r"[\d.,!?:;]", rest):
        return line
    cut = leading.end() if leading else 0
    return line[:cut] + _RLM + line[cut:]


class TrackTranslator:
    """Translates tracks from one source language into one target language through one engine."""

    def __init__(
        self,
        engine: Engine,
        cache: TranslationCache,
        source: str,
        target: str,
        terms: dict[str, str] | None = None,
        layout: Layout | None = None,
        batch_chars: int | None = None,
        pause_ms: int = 2000,
        progress: ProgressCallback | None = None,
        detect: bool = True,
    ) -> None:
        self.engine = engine
        self.source = source
        self.target = target
        self.language = base(target)
        self.source_language = base(source)
        self.protector = Protector(terms)
        self.layout = layout or Layout()
        self.pause_ms = pause_ms
        self.batcher = BatchTranslator(
            engine, cache, source, target, batch_chars, progress, self._in_target_language if detect else None
        )

    def _in_target_language(self, text: str) -> bool:
        """An answer equal to its source is a translation when the source was already in the target language."""
        from subkit.language import detect_language  # noqa: PLC0415 - langdetect, only for echoed answers

        detected, probability = detect_language(PLACEHOLDER.sub(" ", text), [self.source_language, self.language])
        return detected is not None and detected.split("-")[0] == self.language and probability >= 0.9

    def translate(self, track: Track) -> Draft:
        cues = track.cues
        pieces = [piece for index, cue in enumerate(cues) for piece in split_cue(index, cue)]
        segments = group_segments(pieces, cues, self.pause_ms, max_chars=min(600, self.batcher.limit // 2))
        bodies: list[str | None] = [None] * len(pieces)
        draft = Draft(track, self.target, 0, self.batcher.stats)
        draft.sentences = [sorted({pieces[i].cue for i in segment.pieces}) for segment in segments]

        # pass 1: whole sentences, with a marker placeholder at each cue boundary
        jobs: list[_Job] = []
        for segment in segments:
            if not pieces[segment.pieces[0]].translatable:
                for index in segment.pieces:
                    bodies[index] = pieces[index].body
                continue
            restorations = Restorations()
            texts = [self.protector.protect(pieces[index].body, restorations) for index in segment.pieces]
            joined = texts[0]
            for text in texts[1:]:
                joined += f" {restorations.marker()} {text}"
            jobs.append(_Job(segment.pieces, texts, restorations, joined))
        by_text = {job.joined: job for job in jobs}

        def sentence_check(sent: str, answer: str) -> str | None:
            job = by_text[sent]
            problem = markup_problem(sent, answer, job.restorations)
            if problem is None and self._parts(job, answer) is None:
                problem = "fewer words than cues"
            return problem

        answers = self.batcher.translate_all(
            [job.joined for job in jobs], sentence_check, lambda sent: frozenset(by_text[sent].restorations.markers)
        )
        retry: dict[int, str] = {}
        for job, answer in zip(jobs, answers):
            parts = self._parts(job, answer) if answer is not None else None
            if answer is None or parts is None:
                reason = self.batcher.rejected.get(job.joined, "fewer words than cues")
                retry.update({index: reason for index in job.pieces})
                continue
            restored = _balance_parts([restore(part, job.restorations) for part in parts])
            for index, body in zip(job.pieces, restored):
                bodies[index] = body

        # pass 2: cue by cue, for sentences that did not come back whole
        if retry:
            self._translate_pieces(retry, pieces, bodies, draft)

        new_cues = self._assemble(cues, pieces, bodies, draft)
        draft.track = retarget(track.with_cues(new_cues), self.target)
        draft.requests = self.engine.requests
        return draft

    def _parts(self, job: _Job, answer: str) -> list[str] | None:
        """The answer cut into one part per piece: at the markers if the engine kept them, else spread."""
        markers = job.restorations.markers
        if len(job.texts) > 1:
            parts = cut_at_markers(answer, markers, self.language)
            if parts is not None:
                return parts
        words = [word_count(PLACEHOLDER.sub(" ", text), self.source_language) for text in job.texts]
        return spread(without_markers(answer, markers), [len(text) for text in job.texts], self.language, words)

    def _translate_pieces(
        self, retry: dict[int, str], pieces: list[Piece], bodies: list[str | None], draft: Draft
    ) -> None:
        protected: list[tuple[int, str, Restorations]] = []
        for index in retry:
            restorations = Restorations()
            protected.append((index, self.protector.protect(pieces[index].body, restorations), restorations))
        restorations_of = {text: restorations for _, text, restorations in protected}
        answers = self.batcher.translate_all(
            [text for _, text, _ in protected],
            lambda sent, answer: markup_problem(sent, answer, restorations_of[sent]),
        )
        bare: list[tuple[int, str]] = []
        for (index, text, restorations), answer in zip(protected, answers):
            cue = pieces[index].cue + 1
            if answer is not None:
                bodies[index] = restore(answer, restorations)
                draft.fallback.append(CueNote(cue, f"translated alone ({retry[index]})"))
                continue
            reason = self.batcher.rejected.get(text, "no answer")
            plain = self.protector.unprotected(pieces[index].body)
            if reason == UNTRANSLATED or plain == text:
                bodies[index] = pieces[index].body
                draft.untranslated.append(CueNote(cue, reason))
            else:
                bare.append((index, reason))
        if not bare:
            return
        # pass 3: without placeholders; glossary terms replaced in the answer, inline tags dropped
        plain_texts = [self.protector.unprotected(pieces[index].body) for index, _ in bare]
        answers = self.batcher.translate_all(plain_texts)
        for (index, reason), text, answer in zip(bare, plain_texts, answers):
            cue = pieces[index].cue + 1
            if answer is None:
                bodies[index] = pieces[index].body
                draft.untranslated.append(CueNote(cue, self.batcher.rejected.get(text, reason)))
                continue
            bodies[index] = escape_plain(self.protector.apply_terms(answer))
            dropped = "; inline tags dropped" if TAG.search(pieces[index].body) else ""
            draft.fallback.append(CueNote(cue, f"translated without placeholders ({reason}){dropped}"))

    def _assemble(self, cues: list[Cue], pieces: list[Piece], bodies: list[str | None], draft: Draft) -> list[Cue]:
        from subkit.linebreak import wrap_markup  # noqa: PLC0415

        by_cue: list[list[str]] = [[] for _ in cues]
        for piece, body in zip(pieces, bodies):
            text = body if body is not None else piece.body
            if not text and piece.plain:
                text = piece.body
            by_cue[piece.cue].append(assemble_line(piece, text, self.language))
        result: list[Cue] = []
        for cue, lines in zip(cues, by_cue):
            markup = "\n".join(line for line in lines if line)
            markup = self._timestamps(markup, cue, len(result) + 1, draft)
            wrapped = (
                wrap_markup(markup, self.layout.max_chars, self.layout.max_lines, self.language) if markup else markup
            )
            if not wrapped.strip():
                wrapped = cue.text
                draft.notes.append(f"cue {len(result) + 1}: nothing to translate; kept as is")
            elif dash_text(self.language, first=True) == "" and len(lines) > 1:
                # dashed like every dialogue while wrapping (one speaker a line), then the first dash
                # goes: Hebrew marks the second speaker only
                wrapped = re.sub(rf"^((?:{TAG.pattern})*)-\s?", r"\1", wrapped, count=1)
            if direction(self.language) == "rtl":
                wrapped = "\n".join(rtl_line(line) for line in wrapped.split("\n"))
            result.append(cue.copy(text=wrapped))
        return result

    def _timestamps(self, markup: str, cue: Cue, number: int, draft: Draft) -> str:
        """Timestamp tags kept only when they are in order and inside the cue; the others are dropped
        and the cue is listed (a spread sentence can move one into a neighbouring cue)."""
        if "<" not in markup:
            return markup
        last = cue.start
        dropped = 0

        def keep(match: re.Match[str]) -> str:
            nonlocal last, dropped
            time = _milliseconds(match.group(0))
            if time is None:
                return match.group(0)
            if last <= time <= cue.end:
                last = time
                return match.group(0)
            dropped += 1
            return ""

        kept = TAG.sub(keep, markup)
        if dropped:
            draft.timestamps.append(
                CueNote(
                    number,
                    f"{dropped} timestamp tag{'s' if dropped > 1 else ''} dropped "
                    "(out of order or outside the cue after translation)",
                )
            )
        return kept
