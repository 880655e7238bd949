"""Properties of `fix`: cue count kept (bar removed empty cues), starts never move, no new
overlap, no visible word lost, and what it claims fixable is fixed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.fix import fix_track
from subkit.markup import visible_text
from subkit.model import Cue, Source, Track
from subkit.qc import check_track, settings_for

TEXTS = st.sampled_from([
    "Bonjour.", "Il est  parti.", " <i>Tu viens ?</i>", "<i>Il est parti.", "", "<i></i>", "Je ne sais pas...",
    "-Tu viens ?\n-Non.", "Les combattants du Panchir tiennent encore la vallée contre les talibans.",
    "Il est parti\nce matin.", "Oui.\nNon.\nPeut-être pas.", "Ils arrivent dans la\nvallée.", "Il a dit: «Non»",
    "x" * 60,
])


@st.composite
def tracks(draw: st.DrawFn) -> Track:
    count = draw(st.integers(min_value=1, max_value=12))
    time = draw(st.integers(min_value=0, max_value=2000))
    cues = []
    for index in range(count):
        time += draw(st.integers(min_value=-1500, max_value=1500))
        start = max(0, time)
        end = start + draw(st.integers(min_value=-200, max_value=8000))
        cues.append(Cue(start, end, draw(TEXTS), str(index + 1 + draw(st.sampled_from([0, 0, 0, 1])))))
        time = max(time, end)
    return Track(cues, "fr", source=Source("t.fr.srt", "srt", "utf-8"))


def overlapping_pairs(cues: list[Cue]) -> set[tuple[int, int]]:
    """Positions (i, j) of cues with positive durations whose intervals intersect."""
    return {
        (i, j)
        for i, a in enumerate(cues)
        for j in range(i + 1, len(cues))
        if a.end > a.start and cues[j].end > cues[j].start and a.start < cues[j].end and cues[j].start < a.end
    }


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracks(), st.sampled_from(["netflix", "broadcast-fr", "ard"]))
def test_fix_keeps_cues_starts_words_and_adds_no_overlap(track: Track, profile: str) -> None:
    run = settings_for(track, profile, None, None, ["S", "T", "R", "L", "Y"], None, None)
    result = fix_track(track, run)
    kept = [cue for cue in track.cues if visible_text(cue.text).strip()]
    assert len(result.track.cues) == len(kept)
    assert result.changes.get("S004", 0) == len(track.cues) - len(kept)
    for before, after in zip(kept, result.track.cues):
        assert after.start == before.start
        words = lambda text: visible_text(text).replace("\u00a0", " ").split()  # noqa: E731
        assert "".join(words(after.text)).replace("…", "...") == "".join(words(before.text)).replace("…", "...")
    assert overlapping_pairs(result.track.cues) <= overlapping_pairs(kept)
    claimed = {(f.code, f.cue) for f in check_track(track, settings=run) if f.fixable and f.code in ("Y001", "Y002", "Y003", "Y004", "S005", "L001", "L002")}
    if claimed and not result.changes.get("S004"):
        left = {(f.code, f.cue) for f in check_track(result.track, settings=run)}
        assert not claimed & left
