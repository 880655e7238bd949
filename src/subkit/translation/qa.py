"""The QA report of a draft: what a translator must look at, in full and machine-readable.

A summary line can only say how many; this says which: cues left in the source language, numbers
that differ from the source, glossary terms missing from the target, every cue over the target's
limits, cues translated by a fallback, timestamp tags dropped. Numbers and glossary terms are
compared sentence by sentence (the cues a sentence ran over, together), because spreading a
translation back may move a word into the neighbouring cue without anything being wrong.

The file holds `{"subkit": VERSION, "drafts": [REPORT, ...]}`, one REPORT per target language,
whether it sits next to one draft (`film.en.qa.json`) or gathers every language in one file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from subkit.markup import visible_text
from subkit.model import Track
from subkit.translation.pipeline import Draft

#: a number as subtitles write it: `5000`, `5 000`, `5,000`, `5.000`, `3,5`, `3.5`, `1'000`
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?")
REPORT_SUFFIX = ".qa.json"
#: the rules a draft is checked against for its QA report's `over_limits`: reading speed, line length, line count
LIMIT_RULES = ("R001", "L001", "L002")


def canonical_number(text: str) -> str:
    """`5 000` / `5,000` / `5.000` -> `5000`; `3,5` -> `3.5`: a separator before exactly three
    digits groups them, any other is the decimal point."""
    text = re.sub(r"[ \u00a0\u202f'’]", "", text)
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return text.lstrip("0") or "0"
    head, tail = parts[:-1], parts[-1]
    if len(tail) == 3 and all(len(part) == 3 for part in head[1:]):
        return ("".join(parts)).lstrip("0") or "0"
    return ("".join(head).lstrip("0") or "0") + "." + tail


def numbers(text: str) -> Counter[str]:
    return Counter(canonical_number(match.group(0)) for match in _NUMBER.finditer(visible_text(text)))


def _groups(sentences: list[list[int]], count: int) -> list[list[int]]:
    """Cues joined into groups: a cue shared by two sentences (a dialogue) joins them."""
    parent = list(range(count))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for sentence in sentences:
        for cue in sentence[1:]:
            parent[find(cue)] = find(sentence[0])
    groups: dict[int, list[int]] = {}
    for cue in range(count):
        groups.setdefault(find(cue), []).append(cue)
    return sorted(groups.values())


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def build_report(
    source: Track,
    draft: Draft,
    *,
    source_language: str,
    engine: str,
    profile: str,
    limits: dict[str, Any],
    findings: list[Any],
    terms: dict[str, str] | None = None,
    forbidden: list[Any] | None = None,
    source_path: str | None = None,
    draft_path: str | None = None,
) -> dict[str, Any]:
    """One draft's report (a plain dict, ready for JSON); `forbidden` holds the glossary's
    forbidden terms found in the draft (`subkit.translation.glossary.check_terms`)."""
    cues = len(source.cues)
    number_issues: list[dict[str, Any]] = []
    glossary_issues: list[dict[str, Any]] = []
    for group in _groups(draft.sentences, cues):
        before = "\n".join(source.cues[index].text for index in group)
        after = "\n".join(draft.track.cues[index].text for index in group)
        wanted, got = numbers(before), numbers(after)
        if wanted != got:
            number_issues.append(
                {
                    "cues": [index + 1 for index in group],
                    "source": sorted(wanted.elements()),
                    "draft": sorted(got.elements()),
                }
            )
        if terms:
            plain_before, plain_after = visible_text(before), visible_text(after)
            for term, expected in terms.items():
                needed = len(_term_pattern(term).findall(plain_before))
                if needed and len(_term_pattern(expected).findall(plain_after)) < needed:
                    glossary_issues.append({"cues": [index + 1 for index in group], "term": term, "expected": expected})
    glossary_issues += [{"cues": [issue.cue + 1], "term": issue.term, "forbidden": True} for issue in forbidden or []]
    over = [
        {"cue": finding.cue, "code": finding.code, "message": finding.message}
        for finding in sorted(findings, key=lambda f: (f.cue or 0, f.code))
    ]
    report: dict[str, Any] = {
        "language": draft.language,
        "source_language": source_language,
        "source": source_path,
        "draft": draft_path,
        "engine": engine,
        "profile": profile,
        "limits": limits,
        "cues": cues,
        "requests": draft.requests,
        "texts": draft.stats.texts,
        "cached": draft.stats.cached,
        "untranslated": [{"cue": note.cue, "reason": note.reason} for note in sorted(draft.untranslated, key=_cue)],
        "numbers": number_issues,
        "glossary": glossary_issues,
        "over_limits": over,
        "fallback": [{"cue": note.cue, "reason": note.reason} for note in sorted(draft.fallback, key=_cue)],
        "timestamps": [{"cue": note.cue, "reason": note.reason} for note in sorted(draft.timestamps, key=_cue)],
        "notes": list(draft.notes),
    }
    report["counts"] = {
        key: len(report[key])
        for key in ("untranslated", "numbers", "glossary", "over_limits", "fallback", "timestamps")
    }
    return report


def _cue(note: Any) -> int:
    return int(note.cue)


def report_path(draft_path: str) -> str:
    """`film.en.srt` -> `film.en.qa.json`, beside the draft."""
    stem, dot, _ = draft_path.rpartition(".")
    return (stem if dot else draft_path) + REPORT_SUFFIX


def dumps(reports: list[dict[str, Any]]) -> str:
    from subkit.version import __version__  # noqa: PLC0415

    return json.dumps({"subkit": __version__, "drafts": reports}, ensure_ascii=False, indent=1) + "\n"
