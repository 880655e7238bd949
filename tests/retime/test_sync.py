"""sync acceptance: a track and a disturbed copy (re-segmented, jittered +-120 ms) are realigned."""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction

import pytest

from subkit.model import Cue, Track
from subkit.sync import MIN_CONFIDENCE, SyncError, align, apply_alignment, candidate_ratios, synchronise
from tests.retime.tracks import disturbed_copy, generated_track, programme_track, share_within

REFERENCE = programme_track()
MIDDLE = REFERENCE.cues[len(REFERENCE.cues) // 2].start - 60  # in the gap before the middle cue
THIRD = REFERENCE.cues[len(REFERENCE.cues) // 3].start - 60
PAL = Fraction(24000, 1001) / 25  # a 23.976 programme sped up to 25 fps is shorter by this factor

CASES: dict[str, tuple[Callable[[int], Fraction], str, int]] = {
    # name: (reference time -> disturbed time, expected --fps label, expected number of splits)
    "constant offset": (lambda t: Fraction(t) + 3_700, "1:1", 0),
    "negative offset": (lambda t: Fraction(t) - 6_300, "1:1", 0),
    "23.976 to 25 plus offset": (lambda t: Fraction(t) * PAL + 2_300, "25:23.976", 0),
    "14 s added in the middle plus offset": (lambda t: Fraction(t) + 4_100 + (14_000 if t >= MIDDLE else 0), "1:1", 1),
    "14 s removed in the middle plus offset": (lambda t: Fraction(t) - 1_800 - (14_000 if t >= MIDDLE else 0), "1:1", 1),
    "two ad breaks, speed change": (
        lambda t: (Fraction(t) + (30_000 if t >= THIRD else 0) + (45_000 if t >= MIDDLE else 0)) * PAL, "25:23.976", 2),
}


@pytest.mark.parametrize("name", list(CASES))
def test_sync_recovers_the_starts(name: str) -> None:
    timeline, label, split_count = CASES[name]
    copy = disturbed_copy(REFERENCE, timeline)
    alignment = align(copy.track, REFERENCE)
    result = apply_alignment(copy.track, alignment)
    assert not result.notices
    recovered = share_within([cue.start for cue in result.track.cues], copy.expected_starts, 80)
    assert recovered >= 0.95, (name, recovered, alignment)
    assert alignment.ratio_label == label
    assert len(alignment.segments) == split_count + 1, alignment.segments
    assert alignment.confidence >= 0.7


def test_split_is_placed_where_the_material_was_added() -> None:
    copy = disturbed_copy(REFERENCE, CASES["14 s added in the middle plus offset"][0])
    alignment = align(copy.track, REFERENCE)
    first, second = alignment.segments
    assert abs(first.offset - -4_100) <= 40 and abs(second.offset - -18_100) <= 40
    # cues copied from before the insertion point are in the first segment, the others in the
    # second; a cue at the boundary may be ambiguous (moved 14 s, it can land on another cue start)
    expected = [0 if start < MIDDLE else 1 for start in copy.expected_starts]
    wrong = [index for index, (got, want) in enumerate(zip(alignment.assignment, expected)) if got != want]
    assert len(wrong) <= 2 and all(abs(copy.expected_starts[index] - MIDDLE) < 10_000 for index in wrong)
    assert second.first_cue == first.last_cue + 1


def test_without_splits_one_offset_is_used() -> None:
    copy = disturbed_copy(REFERENCE, CASES["14 s added in the middle plus offset"][0])
    alignment = align(copy.track, REFERENCE, splits=False)
    assert len(alignment.segments) == 1
    assert alignment.confidence < 0.7  # half the track cannot match


@pytest.mark.parametrize("seed", [99, 5])
def test_an_unrelated_track_is_refused(seed: int) -> None:
    unrelated = generated_track(cues=600, seed=seed)
    alignment = align(unrelated, REFERENCE)
    assert alignment.confidence < MIN_CONFIDENCE / 2
    with pytest.raises(SyncError, match="no trustworthy alignment"):
        synchronise(unrelated, REFERENCE)


def test_too_few_cues_is_an_error() -> None:
    with pytest.raises(SyncError, match="too few cues"):
        align(Track([Cue(0, 1_000, "a")]), REFERENCE)


def test_candidate_ratios_are_the_usual_frame_rate_pairs() -> None:
    ratios = candidate_ratios()
    assert ratios[Fraction(25) / Fraction(24000, 1001)] == "25:23.976"
    assert ratios[Fraction(1)] == "1:1"
    assert Fraction(30000, 1001) / 25 in ratios and Fraction(24, 25) in ratios
    assert len(ratios) == 17
