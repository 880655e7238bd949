"""Issue 15's measured criterion: a re-cut after approval costs the engine only its new text.

The approved English translation of the 52-minute sample is in the memory (with three pairs of
cues the translator merged). The re-cut (tests/workflow/recut.py) removes and moves scenes,
edits a tenth of the cues, merges and splits some, and adds two new scenes. Through the real
`subkit translate --memory` against the fake LibreTranslate server: every unchanged, merged or
split cue comes from the memory with the approved text, every edited cue as a fuzzy match, and
the requests carry the new scenes' text and nothing else.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import read_track
from subkit.markup import visible_text
from subkit.translation.memory import TranslationMemory, key

from .conftest import Approved, translate_args
from .recut import NEW_SCENES, Recut


def test_the_recut_has_every_kind_of_change(recut_run: tuple[Recut, Path, object, list[str], int]) -> None:
    cut = recut_run[0]
    counts = Counter(cut.labels)
    assert counts["edited"] >= len(cut.track.cues) // 10 - 1
    assert counts["merged"] >= 10 and counts["split"] >= 20 and counts["new"] == sum(map(len, NEW_SCENES))
    assert len(cut.track.cues) < 726


def test_unchanged_merged_and_split_cues_come_from_the_memory_edited_ones_as_fuzzy(
    approved: Approved, recut_run: tuple[Recut, Path, object, list[str], int]
) -> None:
    cut, path, result, _, _ = recut_run
    with TranslationMemory(str(approved.memory)) as memory:
        matches = memory.index("fr", "en").resolve(cut.track.cues)
    seen = Counter((label, match.kind if match else "engine") for label, match in zip(cut.labels, matches))
    assert seen == Counter(
        {
            ("unchanged", "exact"): Counter(cut.labels)["unchanged"],
            ("merged", "exact"): Counter(cut.labels)["merged"],
            ("split", "exact"): Counter(cut.labels)["split"],
            ("edited", "fuzzy"): Counter(cut.labels)["edited"],
            # the new scenes were drafted by the engine during the run: now machine units
            ("new", "exact"): Counter(cut.labels)["new"],
        }
    )
    assert all(match.origin == "machine" for label, match in zip(cut.labels, matches) if label == "new" and match)
    draft = read_track(str(path.with_name("panchir.en.srt")))
    checked = 0
    for cue, label, origin, drafted in zip(cut.track.cues, cut.labels, cut.origins, draft.cues):
        assert (drafted.start, drafted.end) == (cue.start, cue.end)
        if label == "unchanged" and origin[0] in approved.approved_text:
            assert drafted.text == approved.approved_text[origin[0]]  # the approved wording, reworded ones included
            checked += 1
    assert checked >= 500
    stdout = result.output  # type: ignore[attr-defined]
    exact = sum(1 for label in cut.labels if label in ("unchanged", "merged", "split"))
    assert (
        f"memory: {exact} exact, {Counter(cut.labels)['edited']} fuzzy, {Counter(cut.labels)['new']} from the engine"
        in stdout
    )


def test_only_new_text_went_to_the_engine(
    approved: Approved, recut_run: tuple[Recut, Path, object, list[str], int]
) -> None:
    cut, _, _, queries, requests = recut_run
    # a sentence over several cues goes out with a marker placeholder between its cues (issue 9)
    sent = [" ".join(re.sub(r"\[\d+\]", " ", line).split()) for query in queries for line in query.split("\n")]
    new_text = " ".join(" ".join(scene) for scene in NEW_SCENES)
    assert requests >= 1
    assert " ".join(sent) == " ".join(new_text.split())
    assert approved.first_requests > requests
    for cue, label in zip(cut.track.cues, cut.labels):
        if label != "new":
            assert key(visible_text(cue.text)) not in " ".join(sent)


def test_a_second_run_sends_nothing(approved: Approved, recut_run: tuple[Recut, Path, object, list[str], int]) -> None:
    _, path, _, _, _ = recut_run
    approved.libre.requests = 0
    result = CliRunner().invoke(
        cli,
        ["translate", str(path), *translate_args(approved.libre, approved.memory, "-o", str(path.parent / "again"))],
    )
    assert result.exit_code == 0, result.output
    assert approved.libre.requests == 0
    assert (path.parent / "again" / "panchir.en.srt").read_bytes() == path.with_name("panchir.en.srt").read_bytes()
