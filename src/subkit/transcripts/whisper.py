"""OpenAI Whisper, faster-whisper and WhisperX JSON: `segments[].words[]`, `word_segments[]`.

openai-whisper writes `{"text", "segments": [{"start", "end", "text", "words": [{"word",
"start", "end", "probability"}]}], "language"}` (words only when run with word timestamps);
faster-whisper's segments dumped with `dataclasses.asdict` have the same keys, and older
releases (named tuples) dump a word as `[start, end, word, probability]`; scripts often write
the bare list of segments. Whisper words carry their leading space: a piece without one
continues the previous word. WhisperX adds `word_segments` and `speaker` labels, calls the
confidence `score`, splits words without spaces, and leaves numerals it cannot align without
times. Without words at all (segment-only JSON) the words of each segment's text are placed
inside the segment by characters, and the transcript says so.
"""

from __future__ import annotations

from typing import Any

from subkit.errors import InputError
from subkit.transcripts.model import Problem, RawWord
from subkit.transcripts.timeline import seconds

SEGMENT_ONLY_NOTE = "no word times (segment-only JSON): words placed inside each segment by characters"


def segments_of(data: Any, path: str) -> tuple[list[Any], str]:
    """The segment list and its JSON path, or InputError when the shape is not Whisper's."""
    if isinstance(data, list):
        return data, "$"
    if isinstance(data, dict) and "segments" in data:
        if not isinstance(data["segments"], list):
            raise InputError(f"$.segments: expected a list of segments, found {_kind(data['segments'])}", path)
        return data["segments"], "$.segments"
    raise InputError("$: not Whisper JSON (no segments list)", path)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _confidence(node: dict[str, Any]) -> float | None:
    for key in ("probability", "score", "confidence"):
        value = node.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def _speaker(node: dict[str, Any], default: str | None) -> str | None:
    value = node.get("speaker")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else default


def _word(
    node: Any,
    where: str,
    segment: dict[str, Any],
    bounds: tuple[int | None, int | None],
    spaced: bool,
    first: bool,
    problems: list[Problem],
) -> RawWord | None:
    if isinstance(node, list) and len(node) >= 3 and isinstance(node[2], str):  # faster-whisper named tuple
        node = {"start": node[0], "end": node[1], "word": node[2], "probability": node[3] if len(node) > 3 else None}
    if not isinstance(node, dict):
        problems.append(Problem(where, f"expected a word object, found {_kind(node)}; skipped", "error"))
        return None
    text = node.get("word", node.get("text"))
    if not isinstance(text, str):
        problems.append(Problem(where, "no word text; skipped", "error"))
        return None
    start, start_issue = seconds(node.get("start"))
    end, end_issue = seconds(node.get("end"))
    glue = spaced and not first and bool(text) and not text[:1].isspace()
    return RawWord(
        text,
        start,
        end,
        where,
        _confidence(node),
        _speaker(node, _speaker(segment, None)),
        low=bounds[0],
        high=bounds[1],
        glue=glue,
        time_issue=start_issue or end_issue,
    )


def _bounds(segment: dict[str, Any]) -> tuple[int | None, int | None]:
    low, _ = seconds(segment.get("start"))
    high, _ = seconds(segment.get("end"))
    return low, high


def _spaced(segments: list[Any]) -> bool:
    """True when words carry their leading space (openai-whisper, faster-whisper), so that a
    piece without one is the rest of a word; WhisperX and most scripts strip it."""
    texts = [
        w.get("word", "")
        for s in segments
        if isinstance(s, dict) and isinstance(s.get("words"), list)
        for w in s["words"][:50]
        if isinstance(w, dict)
    ]
    texts = [t for t in texts if isinstance(t, str) and t]
    return bool(texts) and sum(1 for t in texts if t[:1].isspace()) * 2 > len(texts)


def read_whisper(data: Any, path: str, problems: list[Problem], notes: list[str]) -> list[RawWord]:
    """Words of Whisper / faster-whisper JSON (and WhisperX segments, which share the shape)."""
    segments, base = segments_of(data, path)
    raws: list[RawWord] = []
    spaced = _spaced(segments)
    segment_only = 0
    for number, segment in enumerate(segments):
        where = f"{base}[{number}]"
        if not isinstance(segment, dict):
            problems.append(Problem(where, f"expected a segment object, found {_kind(segment)}; skipped", "error"))
            continue
        bounds = _bounds(segment)
        words = segment.get("words")
        if isinstance(words, list) and words:
            for index, node in enumerate(words):
                raw = _word(node, f"{where}.words[{index}]", segment, bounds, spaced, index == 0, problems)
                if raw is not None:
                    raws.append(raw)
            continue
        if words is not None and not isinstance(words, list):
            problems.append(Problem(f"{where}.words", f"expected a list of words, found {_kind(words)}", "error"))
        text = segment.get("text")
        if not isinstance(text, str):
            if text is not None:
                problems.append(Problem(f"{where}.text", f"expected text, found {_kind(text)}; skipped", "error"))
            continue
        if bounds[0] is None or bounds[1] is None:
            problems.append(
                Problem(where, "segment without start or end time: its words are placed between their neighbours")
            )
        segment_only += 1
        speaker = _speaker(segment, None)
        for piece in text.split():
            raws.append(
                RawWord(
                    piece,
                    None,
                    None,
                    f"{where}.text",
                    None,
                    speaker,
                    low=bounds[0],
                    high=bounds[1],
                    expected_untimed=True,
                )
            )
    if segment_only:
        notes.append(
            SEGMENT_ONLY_NOTE
            if segment_only == len(segments)
            else f"{segment_only} segment(s) without word times: their words placed by characters"
        )
    return raws


def read_whisperx(data: Any, path: str, problems: list[Problem], notes: list[str]) -> list[RawWord]:
    """WhisperX JSON: the words of its segments (they carry speakers), else `word_segments`."""
    if not isinstance(data, dict):
        raise InputError("$: not WhisperX JSON (expected an object with word_segments)", path)
    segments = data.get("segments")
    if isinstance(segments, list) and any(
        isinstance(s, dict) and isinstance(s.get("words"), list) and s["words"] for s in segments
    ):
        return read_whisper(data, path, problems, notes)
    words = data.get("word_segments")
    if not isinstance(words, list):
        raise InputError(f"$.word_segments: expected a list of words, found {_kind(words)}", path)
    raws: list[RawWord] = []
    for index, node in enumerate(words):
        raw = _word(node, f"$.word_segments[{index}]", {}, (None, None), False, True, problems)
        if raw is not None:
            raws.append(raw)
    return raws
