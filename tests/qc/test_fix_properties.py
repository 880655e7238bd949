"""Properties of `fix`: every original cue keeps its start (the cue count changes only by removed
empty cues and split long cues), no new overlap, no visible letter lost or reordered, no cue
shortened below the minimum duration when touching the next one was possible, split parts stay
inside the original cue, and what it claims fixable is fixed."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.counting import strip_invisible
from subkit.markup import visible_text
from subkit.model import Cue, Source, Track
from subkit.qc import check_track, settings_for
from subkit.repairs import fix_track

TEXTS = st.sampled_from(
    [
        "Bonjour.",
        "Il est  parti.",
        " <i>Tu viens ?</i>",
        "<i>Il est parti.",
        "",
        "<i></i>",
        "Je ne sais pas...",
        "-Tu viens ?\n-Non.",
        "Les combattants du Panchir tiennent encore la vallée contre les talibans.",
        "Il est parti\nce matin.",
        "Oui.\nNon.\nPeut-être pas.",
        "Ils arrivent dans la\nvallée.",
        "Il a dit: «Non»",
        "x" * 60,
        "Tu viens ?\n- Oui.",
        "- Je reviens demain.",
        "– Tu viens ?\n– Non.",
        "Oui , bien sûr,merci.",
        "Il est parti. il reviendra.",
        "Bonjour\u200b.\u0007",
        "l'armée est là.",
        'Il a dit "non".',
        "\u200b",
        "<i>Les combattants tiennent la vallée. Les talibans attendent au sud, près de Kaboul.</i>",
        "- On part ce soir, avant la nuit.\n- Non, demain matin.",
        "il reviendra.",
        "L’armée recule.",
    ]
)

NORMALISE = re.compile(r"[\W_]+")


def letters(cues: list[Cue]) -> str:
    """Every visible letter and digit of the track, in order, case-folded (what a viewer reads)."""
    return NORMALISE.sub("", "".join(visible_text(cue.text) for cue in cues)).casefold()


@st.composite
def tracks(draw: st.DrawFn) -> Track:
    count = draw(st.integers(min_value=1, max_value=12))
    time = draw(st.integers(min_value=0, max_value=2000))
    cues = []
    for index in range(count):
        time += draw(st.integers(min_value=-1500, max_value=1500))
        start = max(0, time)
        end = start + draw(st.integers(min_value=-200, max_value=16000))
        cues.append(Cue(start, end, draw(TEXTS), str(index + 1 + draw(st.sampled_from([0, 0, 0, 1])))))
        time = max(time, end)
    return Track(cues, "fr", source=Source("t.fr.srt", "srt", "utf-8"))


def overlapping_pairs(cues: list[Cue]) -> set[tuple[int, int]]:
    """Starts (a, b) of cues with positive durations whose intervals intersect."""
    return {
        (a.start, b.start)
        for i, a in enumerate(cues)
        for b in cues[i + 1 :]
        if a.end > a.start and b.end > b.start and a.start < b.end and b.start < a.end
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracks(), st.sampled_from(["netflix", "broadcast-fr", "ard", "bbc", "arte"]))
def test_fix_keeps_starts_letters_and_adds_no_overlap(track: Track, profile: str) -> None:
    run = settings_for(track, profile, None, None, ["S", "T", "R", "L", "Y"], None, None)
    result = fix_track(track, run)
    out = result.track.cues
    kept = [cue for cue in track.cues if strip_invisible(visible_text(cue.text)).strip()]
    assert result.changes.get("S004", 0) == len(track.cues) - len(kept)
    assert len(out) >= len(kept)
    assert (len(out) == len(kept)) == (not result.changes.get("T005"))
    assert letters(out) == letters(kept)
    # every original cue is still there, at its start, in order; a cue that is not is part of a
    # split one and follows it, inside its time
    starts = {cue.start for cue in kept}
    assert [cue.start for cue in out if cue.start in starts] == [cue.start for cue in kept]
    parent: Cue | None = None
    originals = iter(kept)
    for cue in out:
        if cue.start in starts:
            parent = next(originals)
            continue
        assert parent is not None and parent.duration > (run.thresholds.max_duration or 0)
        assert parent.start < cue.start and cue.end <= parent.end
        assert cue.duration >= run.thresholds.min_duration
    assert overlapping_pairs(out) <= overlapping_pairs(kept)


def test_gap_repair_never_makes_a_cue_shorter_than_the_minimum() -> None:
    track = Track(
        [Cue(1000, 1120, "Oui.", "1"), Cue(1160, 3000, "Non, pas encore.", "2")],
        "fr",
        source=Source("t.fr.srt", "srt", "utf-8"),
    )
    run = settings_for(track, "netflix", None, None, None, ["G", "T004"], None)
    first, second = fix_track(track, run).track.cues
    assert (first.start, first.end) == (1000, 1160) and second.start == 1160  # touching, not an 80 ms cue


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracks(), st.sampled_from(["netflix", "broadcast-fr", "arte"]))
def test_what_validate_calls_fixable_is_fixed(track: Track, profile: str) -> None:
    run = settings_for(track, profile, None, None, ["S", "T", "R", "L", "Y"], None, None)
    result = fix_track(track, run)
    text_codes = (
        "Y001",
        "Y002",
        "Y003",
        "Y004",
        "Y005",
        "Y007",
        "Y008",
        "S005",
        "S007",
        "S008",
        "S009",
        "L001",
        "L002",
    )
    claimed = {(f.code, f.cue) for f in check_track(track, settings=run) if f.fixable and f.code in text_codes}
    if claimed and not result.changes.get("S004") and not result.changes.get("T005"):
        left = {(f.code, f.cue) for f in check_track(result.track, settings=run)}
        assert not claimed & left
    if len({cue.start for cue in track.cues}) < len(track.cues):
        return  # cues are told apart by their start below
    for earlier, later in zip(result.track.cues, result.track.cues[1:]):
        moved = [c for c in track.cues if c.start == earlier.start]
        if moved and earlier.end > moved[0].end and later.start >= earlier.start:
            assert earlier.end <= later.start  # extended only into free time
