"""sync acceptance: a track and a disturbed copy (re-segmented, jittered +-120 ms) are realigned."""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction

import pytest

from subkit.alignment import MIN_CONFIDENCE, SyncError, align, apply_alignment, candidate_ratios, synchronise
from subkit.model import Cue, Track
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
    "14 s removed in the middle plus offset": (
        lambda t: Fraction(t) - 1_800 - (14_000 if t >= MIDDLE else 0),
        "1:1",
        1,
    ),
    "two ad breaks, speed change": (
        lambda t: (Fraction(t) + (30_000 if t >= THIRD else 0) + (45_000 if t >= MIDDLE else 0)) * PAL,
        "25:23.976",
        2,
    ),
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


# --- the weak spots of issue 11: sparse references, large offsets, short segments, overlaps ----


def forced_narrative(share: float, seed: int = 2) -> Track:
    """A forced-narrative track: a few blocks of consecutive cues (foreign-language scenes)."""
    rng = random.Random(seed)
    cues = REFERENCE.cues
    kept: list[Cue] = []
    while len(kept) < share * len(cues):
        first = rng.randrange(len(cues) - 8)
        kept.extend(cues[first : first + rng.randint(3, 8)])
    return Track(sorted({cue.start: cue for cue in kept}.values(), key=lambda cue: cue.start))


@pytest.mark.parametrize("reference", ["10% spread", "30% spread", "15% in blocks"])
def test_a_sparse_correct_reference_is_accepted(reference: str) -> None:
    if reference.endswith("blocks"):
        sparse = forced_narrative(0.15)
    else:
        rng = random.Random(3)
        share = int(reference[:2]) / 100
        sparse = Track([cue for cue in REFERENCE.cues if rng.random() < share])
    copy = disturbed_copy(REFERENCE, lambda t: Fraction(t) * PAL + 4_200)
    alignment = align(copy.track, sparse)
    assert alignment.confidence >= 0.5, alignment
    assert alignment.judged_by == "reference"
    result = apply_alignment(copy.track, alignment)
    assert share_within([cue.start for cue in result.track.cues], copy.expected_starts, 80) >= 0.95


@pytest.mark.parametrize("seed", [99, 5])
def test_a_sparse_unrelated_reference_is_refused(seed: int) -> None:
    rng = random.Random(seed)
    unrelated = generated_track(cues=600, seed=seed)
    sparse = Track([cue for cue in unrelated.cues if rng.random() < 0.1])
    assert align(REFERENCE, sparse).confidence < MIN_CONFIDENCE
    assert align(Track(REFERENCE.cues[::10]), unrelated).confidence < MIN_CONFIDENCE


@pytest.mark.parametrize("offset", [-900_000, -450_000, 450_000, 900_000])
def test_offsets_up_to_15_minutes_even_without_the_last_minutes(offset: int) -> None:
    copy = disturbed_copy(REFERENCE, lambda t: Fraction(t) + offset)
    shorter = Track(REFERENCE.cues[:-40])
    alignment = align(copy.track, shorter)
    assert alignment.confidence >= 0.7 and len(alignment.segments) == 1, alignment.segments
    assert abs(alignment.offset + offset) <= 40


@pytest.mark.parametrize(("length", "at"), [(10, 2), (16, 3), (29, 2)])
def test_short_differing_segments_are_found(length: int, at: int) -> None:
    """A stretch of `length` cues 30 s later: 30 s of material added before it, 30 s cut after."""
    first = REFERENCE.cues[len(REFERENCE.cues) // at]
    after = REFERENCE.cues[len(REFERENCE.cues) // at + length]
    low, high = first.start - 60, after.start - 60
    kept = Track([cue for cue in REFERENCE.cues if not high <= cue.start < high + 30_000])
    copy = disturbed_copy(kept, lambda t: Fraction(t) + 2_000 + (30_000 if low <= t < high else 0))
    alignment = align(copy.track, REFERENCE)
    assert [abs(segment.offset) // 1000 for segment in alignment.segments] == [2, 32, 2], alignment.segments
    assert abs(alignment.segments[1].cues - length) <= 2
    result = apply_alignment(copy.track, alignment)
    assert share_within([cue.start for cue in result.track.cues], copy.expected_starts, 80) >= 0.98


def test_every_overlap_made_by_an_inserted_scene_is_reported() -> None:
    """The copy has a 40 s scene the reference lacks; its cues keep the offset before them and
    land on the cues that follow, which are moved back by 40 s: each one is named."""
    middle = REFERENCE.cues[len(REFERENCE.cues) // 2].start - 60
    copy = disturbed_copy(REFERENCE, lambda t: Fraction(t) + 1_500 + (40_000 if t >= middle else 0))
    scene = [
        Cue(middle + 1_500 + 1_000 + 4_000 * i, middle + 1_500 + 4_000 + 4_000 * i, f"Insert {i}") for i in range(9)
    ]
    track = Track(sorted(copy.track.cues + scene, key=lambda cue: cue.start))
    alignment = align(track, REFERENCE)
    result = apply_alignment(track, alignment)

    def overlapping(cues: list[Cue]) -> set[int]:
        times = [(cue.start, cue.end) for cue in cues]
        return {
            i
            for i, (start, _) in enumerate(times)
            if any(
                other_start <= start < other_end and (other_start, j) < (start, i)
                for j, (other_start, other_end) in enumerate(times)
            )
        }

    new = overlapping(result.track.cues) - overlapping(track.cues)
    assert len(new) >= 9
    assert {overlap.cue - 1 for overlap in result.overlaps} == new
    assert result.new_overlaps == len(new)
