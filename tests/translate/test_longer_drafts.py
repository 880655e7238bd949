"""Drafts longer than their source (as German or Spanish usually are) are re-wrapped, keep every
word in order, and the cues that now read too fast are listed for the translator."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from subkit.cli import cli
from subkit.counting import count_graphemes
from subkit.formats import read_track
from subkit.markup import visible_text

from .checks import words
from .fakelibre import FakeLibre, untranslate

SUFFIX = "qx"


def test_a_longer_draft_is_rewrapped_and_its_fast_cues_listed(film: Path, libre: FakeLibre) -> None:
    libre.expand = SUFFIX
    result = CliRunner().invoke(
        cli,
        [
            "translate",
            str(film),
            "--to",
            "de",
            "--engine",
            "libre",
            "--engine-url",
            libre.url,
            "--no-cache",
            "--retry-wait",
            "0.01",
            "--timeout",
            "5",
        ],
    )
    assert result.exit_code == 0, result.stderr
    source = read_track(str(film))
    draft = read_track(str(film.with_name("film.de.srt")))
    assert [(c.start, c.end) for c in draft.cues] == [(c.start, c.end) for c in source.cues]
    assert all(visible_text(c.text).strip() for c in draft.cues)

    # every word, in order, across the whole track (a word may move to a neighbouring cue when
    # the longer sentence is spread back, but none is lost, added or reordered)
    decoded = [
        w for cue in draft.cues for w in words(untranslate(re.sub(rf"{SUFFIX}\b", "", visible_text(cue.text)), "de"))
    ]
    assert decoded == [w for cue in source.cues for w in words(cue.text)]

    grown = 0
    for before, after in zip(source.cues, draft.cues):
        lines = visible_text(after.text).split("\n")
        total = sum(count_graphemes(line) for line in lines)
        grown += total > sum(count_graphemes(line) for line in visible_text(before.text).split("\n"))
        dialogue = sum(line.startswith("-") for line in lines) >= 2  # one speaker a line: cannot re-wrap
        if total <= 2 * 42 - 10 and not dialogue:  # room for two balanced lines: the wrap must find them
            assert len(lines) <= 2 and all(count_graphemes(line) <= 42 for line in lines), after.text
    assert grown > len(source.cues) // 2
    # the summary counts the cues to condense, because the longer text reads faster; the QA report
    # beside the draft lists every one of them
    match = re.search(r"de: 130 cues, ([1-9]\d*) over 17 CPS", result.stdout)
    assert match and result.stdout.count("\n") == 1, result.stdout
    report = json.loads(film.with_name("film.de.qa.json").read_text(encoding="utf-8"))["drafts"][0]
    fast = [entry["cue"] for entry in report["over_limits"] if entry["code"] == "R001"]
    assert len(fast) == int(match.group(1)) and report["counts"]["over_limits"] == len(report["over_limits"])
