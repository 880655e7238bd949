"""What a correct draft is, as the acceptance criteria of issue 5 state it, checked cue by cue."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from click.testing import CliRunner, Result

from subkit.cli import cli
from subkit.counting import count_graphemes
from subkit.markup import TAG, visible_text
from subkit.model import Track
from subkit.translation.segment import is_balanced

from .fakelibre import rot, shift_for, untranslate

WORD = re.compile(r"[^\W\d_]+|\d+")


def words(text: str) -> list[str]:
    return WORD.findall(visible_text(text))


def tag_names(text: str) -> Counter[str]:
    return Counter(m.group(0).lower().replace("/", "") for m in TAG.finditer(text))


def decoded_words(draft_text: str, target: str, terms: dict[str, str]) -> list[str]:
    """The draft's words with the fake translation undone (glossary terms mapped back first)."""
    plain = visible_text(draft_text)
    for source_term, target_term in terms.items():
        plain = re.sub(rf"(?<!\w){re.escape(target_term)}(?!\w)", rot(source_term, shift_for(target)), plain)
    return WORD.findall(untranslate(plain, target))


def assert_good_draft(
    source: Track,
    draft: Track,
    target: str,
    terms: dict[str, str] | None = None,
    max_chars: int = 42,
    max_lines: int = 2,
) -> None:
    terms = terms or {}
    assert len(draft.cues) == len(source.cues)
    for number, (before, after) in enumerate(zip(source.cues, draft.cues), 1):
        where = f"cue {number}: {before.text!r} -> {after.text!r}"
        assert (after.start, after.end) == (before.start, before.end), where
        assert visible_text(after.text).strip(), where
        lines = visible_text(after.text).split("\n")
        assert len(lines) <= max_lines, where
        assert all(count_graphemes(line) <= max_chars for line in lines), where
        assert is_balanced(after.text), where
        expected_tags = tag_names(before.text)
        if draft.source is not None and draft.source.format == "vtt":
            # WebVTT holds a top position as a cue setting, not as an SSA {\an8} code
            if any(name.startswith("{\\an8") for name in expected_tags):
                assert "line:0" in after.settings, where
            expected_tags = Counter({k: v for k, v in expected_tags.items() if not k.startswith("{")})
        assert tag_names(after.text) == expected_tags, where
        assert decoded_words(after.text, target, terms) == words(before.text), where
        for line in lines:
            if line.startswith("-"):
                assert line.startswith("- ") == (target not in ("en", "de")), where
        for source_term, target_term in terms.items():
            if source_term in visible_text(before.text):
                assert target_term in visible_text(after.text), where


def run_translate(path: Path, url: str, engine: str, *extra: str, to: str = "en", retry_wait: str = "0") -> Result:
    """`subkit translate` in-process against a local look-alike engine: no cache, quick retries."""
    return CliRunner().invoke(
        cli,
        [
            "translate",
            str(path),
            "--to",
            to,
            "--engine",
            engine,
            "--engine-url",
            url.rstrip("/"),
            "--retry-wait",
            retry_wait,
            "--timeout",
            "5",
            *extra,
        ],
    )
