"""Amazon Transcribe JSON: `results.items[]`, punctuation items, `speaker_labels`.

A `pronunciation` item is a word with `start_time`/`end_time` (seconds as strings) and
`alternatives[0]` holding `content` and `confidence`; a `punctuation` item has no time and
belongs to the word before it. Speakers come from `speaker_label` on the item (current output)
or from `results.speaker_labels.segments[].items[]`, matched by start time (older output).
"""

from __future__ import annotations

from typing import Any

from subkit.errors import InputError
from subkit.transcripts.model import Problem, RawWord
from subkit.transcripts.timeline import number, seconds


def _speakers_by_start(results: dict[str, Any]) -> dict[str, str]:
    labels = results.get("speaker_labels")
    found: dict[str, str] = {}
    if not isinstance(labels, dict) or not isinstance(labels.get("segments"), list):
        return found
    for segment in labels["segments"]:
        if not isinstance(segment, dict) or not isinstance(segment.get("items"), list):
            continue
        for item in segment["items"]:
            if isinstance(item, dict) and isinstance(item.get("start_time"), str):
                label = item.get("speaker_label", segment.get("speaker_label"))
                if isinstance(label, str):
                    found[item["start_time"]] = label
    return found


def language_of(data: Any) -> str | None:
    results = data.get("results") if isinstance(data, dict) else None
    code = results.get("language_code") if isinstance(results, dict) else None
    return code if isinstance(code, str) else None


def read_aws(data: Any, path: str, problems: list[Problem], notes: list[str]) -> list[RawWord]:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict):
        raise InputError("$.results: not Amazon Transcribe JSON (no results object)", path)
    items = results.get("items")
    if not isinstance(items, list):
        raise InputError("$.results.items: expected a list of items", path)
    speakers = _speakers_by_start(results)
    raws: list[RawWord] = []
    for index, item in enumerate(items):
        where = f"$.results.items[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(where, "expected an item object; skipped", "error"))
            continue
        alternatives = item.get("alternatives")
        best = alternatives[0] if isinstance(alternatives, list) and alternatives else None
        content = best.get("content") if isinstance(best, dict) else None
        if not isinstance(content, str):
            problems.append(Problem(f"{where}.alternatives", "no alternative with content; skipped", "error"))
            continue
        confidence = number(best.get("confidence"), allow_text=True) if isinstance(best, dict) else None
        if item.get("type") == "punctuation":
            raws.append(RawWord(content, None, None, where, expected_untimed=True))
            continue
        start_text = item.get("start_time")
        start, start_issue = seconds(start_text, allow_text=True)
        end, end_issue = seconds(item.get("end_time"), allow_text=True)
        label = item.get("speaker_label")
        speaker = label if isinstance(label, str) else speakers.get(start_text) if isinstance(start_text, str) else None
        raws.append(RawWord(content, start, end, where, confidence, speaker, time_issue=start_issue or end_issue))
    return raws
