"""From what a reader found to words in spoken order with usable times, saying what was repaired.

Recognisers get times wrong in a handful of ways, whatever the format: a word with no time
(WhisperX cannot align numerals), a time that is not a number, a word that ends before it
starts, a word that starts before the previous one (a hallucination loop restarting the clock),
two speakers talking at once (a subtitle track can only show them one after the other). Each is
located and reported here, and the word is kept: its times are replaced by a place between its
neighbours, by characters, never dropped. Punctuation the recogniser gave as separate items
(AWS) is attached to its word first, since a comma has no time of its own to check.
"""

from __future__ import annotations

import math
from typing import Any

from subkit.errors import InputError
from subkit.transcripts.model import Problem, RawWord, Word

#: punctuation that opens (attaches to the next word); the rest attaches to the previous word
_OPENING = frozenset("«“‘„([{¿¡")
#: a small overlap between consecutive words is how recognisers work (shared boundary frames):
#: it is trimmed without a word; more than this is reported
OVERLAP_TOLERANCE_MS = 100
#: speaking rate used to place words that have no time and no enclosing segment (about 15 cps)
MS_PER_CHARACTER = 65


def number(value: Any, allow_text: bool = False) -> float | None:
    """A JSON number (or, for AWS, a number written as a string), else None."""
    if isinstance(value, str) and allow_text:
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def seconds(value: Any, allow_text: bool = False) -> tuple[int | None, str | None]:
    """Milliseconds from a JSON time in seconds, or (None, why not) when it is unusable.

    A missing value is (None, None): the caller decides whether that is expected.
    """
    if value is None:
        return None, None
    amount = number(value, allow_text)
    if amount is None:
        return None, f"time {value!r} is not a number"
    if amount < 0:
        return None, f"time {value!r} is negative"
    return int(round(amount * 1000)), None


def _has_word_character(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _merge_pieces(raws: list[RawWord]) -> list[RawWord]:
    """Whisper word pieces glued to their word, punctuation items attached to theirs."""
    merged: list[RawWord] = []
    prefix: RawWord | None = None
    quotes = 0
    for raw in raws:
        text = raw.text.strip()
        if not text:
            continue
        if raw.glue and merged and prefix is None and _has_word_character(text):
            _append(merged[-1], raw, text)
            continue
        if not _has_word_character(text):
            opening = text[0] in _OPENING or (text == '"' and quotes % 2 == 0)
            quotes += text.count('"')
            if opening or not merged or prefix is not None:  # never reorder: after a pending "«", all waits
                prefix = _prefixed(prefix, raw, text)
            else:
                _append(merged[-1], raw, text)
            continue
        quotes += text.count('"')
        word = RawWord(
            text,
            raw.start,
            raw.end,
            raw.where,
            raw.confidence,
            raw.speaker,
            raw.italic,
            raw.low,
            raw.high,
            raw.expected_untimed,
            False,
            raw.time_issue,
        )
        if prefix is not None:
            word.text = prefix.text + word.text
            prefix = None
        merged.append(word)
    if prefix is not None:
        if merged:
            merged[-1].text += prefix.text
        else:
            merged.append(prefix)
    return merged


def _prefixed(prefix: RawWord | None, raw: RawWord, text: str) -> RawWord:
    if prefix is None:
        return RawWord(text, None, None, raw.where, None, raw.speaker, raw.italic, raw.low, raw.high, True)
    prefix.text += text
    return prefix


def _append(word: RawWord, piece: RawWord, text: str) -> None:
    """`piece` continues `word` ("Pan" + "chir", "mot" + ","): its end time extends the word."""
    word.text += text
    if piece.end is not None and word.end is not None and piece.end > word.end and piece.time_issue is None:
        word.end = piece.end
    if piece.confidence is not None and _has_word_character(text):
        word.confidence = piece.confidence if word.confidence is None else min(word.confidence, piece.confidence)


def settle(raws: list[RawWord], path: str, problems: list[Problem]) -> list[Word]:
    """Words in order with checked, non-overlapping times; repairs are appended to `problems`.

    Raises InputError (exit 3) when there is no word, or no time anywhere to place them by.
    """
    pieces = _merge_pieces(raws)
    if not pieces:
        raise InputError("no words in this transcript", path)
    words: list[Word] = []
    last_start = -1
    last_end = 0
    last_speaker: str | None = None
    for raw in pieces:
        start, end = raw.start, raw.end
        word = Word(raw.text, 0, 0, raw.where, raw.confidence, raw.speaker, raw.italic, timed=False)
        words.append(word)
        usable = start is not None and end is not None and raw.time_issue is None
        if not usable:
            if not raw.expected_untimed:
                missing = [name for name, value in (("start", start), ("end", end)) if value is None]
                why = raw.time_issue or f"no {' or '.join(missing)} time"
                problems.append(Problem(raw.where, f"{_shown(raw.text)}: {why}; placed between its neighbours"))
            continue
        assert start is not None and end is not None
        if end < start:
            problems.append(
                Problem(
                    raw.where,
                    f"{_shown(raw.text)}: ends {start - end} ms before it starts; placed between its neighbours",
                )
            )
            continue
        if start < last_start:
            problems.append(
                Problem(
                    raw.where,
                    f"{_shown(raw.text)}: times go backwards (starts {last_start - start} ms "
                    "before the previous word); placed between its neighbours",
                )
            )
            continue
        if start < last_end:
            overlap = last_end - start
            other = raw.speaker is not None and last_speaker is not None and raw.speaker != last_speaker
            if other:
                problems.append(
                    Problem(
                        raw.where,
                        f"overlapping speakers: {raw.speaker} starts {overlap} ms before "
                        f"{last_speaker} stops; shown one after the other",
                    )
                )
            elif overlap > OVERLAP_TOLERANCE_MS:
                problems.append(
                    Problem(
                        raw.where,
                        f"{_shown(raw.text)}: starts {overlap} ms before the previous word ends; moved after it",
                    )
                )
            start = last_end
            end = max(end, start)
        word.start, word.end, word.timed = start, end, True
        last_start, last_end, last_speaker = start, end, raw.speaker
    _place_untimed(words, pieces, path)
    return words


def _shown(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:29] + "…")


def _place_untimed(words: list[Word], pieces: list[RawWord], path: str) -> None:
    """Give every untimed run the time between its timed neighbours (or its segment), by characters."""
    count = len(words)
    index = 0
    while index < count:
        if words[index].timed:
            index += 1
            continue
        run_end = index
        while run_end < count and not words[run_end].timed:
            run_end += 1
        _place_run(words, pieces, index, run_end, path)
        index = run_end


def _place_run(words: list[Word], pieces: list[RawWord], first: int, stop: int, path: str) -> None:
    """Words first..stop-1 have no usable time: spread them over the time their neighbours leave.

    Segment or cue bounds narrow the span where known, but never past a timed neighbour; a run
    with a timed neighbour on one side only and no bounds gets an ordinary speaking rate.
    """
    before = words[first - 1].end if first > 0 else None
    after = words[stop].start if stop < len(words) else None
    lows = [p.low for p in pieces[first:stop] if p.low is not None]
    highs = [p.high for p in pieces[first:stop] if p.high is not None]
    chars = sum(len(w.text) + 1 for w in words[first:stop])
    left = max([v for v in (before, min(lows) if lows else None) if v is not None], default=None)
    right = min([v for v in (after, max(highs) if highs else None) if v is not None], default=None)
    if left is None and right is None:
        raise InputError("no usable time anywhere in this transcript: nothing to place the words by", path)
    if left is None:
        assert right is not None
        left = max(0, right - chars * MS_PER_CHARACTER)
    if right is None:
        right = left + chars * MS_PER_CHARACTER
    if before is not None:
        left = max(left, before)
    if after is not None:
        right = min(right, after)
    right = max(right, left)
    # runs are placed segment by segment when they cross segment bounds, so each keeps its own span
    groups = _by_bounds(pieces, first, stop)
    if len(groups) > 1:
        for group_first, group_stop in groups:
            _spread(words, group_first, group_stop, *_clamped(pieces, group_first, group_stop, left, right))
            left = words[group_stop - 1].end
        return
    _spread(words, first, stop, left, right)


def _by_bounds(pieces: list[RawWord], first: int, stop: int) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    group_first = first
    for index in range(first + 1, stop):
        if (pieces[index].low, pieces[index].high) != (pieces[index - 1].low, pieces[index - 1].high):
            groups.append((group_first, index))
            group_first = index
    groups.append((group_first, stop))
    return groups


def _clamped(pieces: list[RawWord], first: int, stop: int, left: int, right: int) -> tuple[int, int]:
    low, high = pieces[first].low, pieces[first].high
    span_left = max(left, low) if low is not None else left
    span_right = min(right, high) if high is not None else right
    span_left = min(span_left, right)
    return span_left, max(span_left, span_right)


def _spread(words: list[Word], first: int, stop: int, left: int, right: int) -> None:
    """Times for words first..stop-1 inside [left, right], each word's share by its length."""
    weights = [len(w.text) + 1 for w in words[first:stop]]
    total = sum(weights)
    span = right - left
    position = 0
    for offset, weight in enumerate(weights):
        word = words[first + offset]
        word.start = left + span * position // total
        position += weight
        word.end = left + span * position // total
