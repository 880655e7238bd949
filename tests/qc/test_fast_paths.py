"""The shortcuts that make validate fast give the answers of the plain arithmetic they replace."""

from __future__ import annotations

import gc
import re
import unicodedata
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from subkit import language
from subkit.counting import MAY_JOIN, count_graphemes
from subkit.formats import parse_text
from subkit.model import Track
from subkit.qc import check_track
from subkit.qc.context import Context
from subkit.qc.rules.consistency import (
    _CURLY_APOSTROPHE,
    _ENDS_SENTENCE,
    _STRAIGHT_APOSTROPHE,
    _VISIBLE_NO_SPACE_AFTER,
    _ends_sentence,
)
from subkit.qc.rules.language import detector_languages
from subkit.qc.rules.timing import on_grid
from subkit.qc.rules.typography import _FRENCH_SUSPECT, _french_edits, whitespace_issues
from subkit.timecode import format_srt, frames_to_ms, parse_fps, round_half_up, round_ratio
from tests.qc.helpers import track_of

RATES = [parse_fps(text) for text in ("23.976", "24", "25", "29.97", "30", "50", "59.94", "7/3")]
FAST = settings(max_examples=300, deadline=None)


def fraction_round(value: Fraction) -> int:
    """Round half away from zero, written the slow obvious way."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


@FAST
@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6))
def test_round_ratio_is_fraction_rounding(numerator: int, denominator: int) -> None:
    assert round_ratio(numerator, denominator) == fraction_round(Fraction(numerator, denominator))
    assert round_half_up(Fraction(numerator, denominator)) == fraction_round(Fraction(numerator, denominator))


@FAST
@given(st.integers(-(10**9), 10**10), st.sampled_from(RATES))
def test_frame_grid_in_integers_is_the_fraction_definition(ms: int, fps: Fraction) -> None:
    nearest = fraction_round(Fraction(ms) * fps / 1000)
    assert on_grid(ms, fps) == (fraction_round(Fraction(nearest) * 1000 / fps) == ms)
    assert frames_to_ms(nearest, fps) == fraction_round(Fraction(nearest) * 1000 / fps)


def test_characters_the_grapheme_counter_skips_cannot_join_a_cluster() -> None:
    skipped = [chr(code) for code in range(0x110000) if not MAY_JOIN.match(chr(code))]
    joiners = [
        ch
        for ch in skipped
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f\ufe0e" or unicodedata.category(ch) in ("Mn", "Me", "Mc")
    ]
    assert joiners == []
    assert count_graphemes("l’été… «\u00a0e\u0301\u00a0» €") == 14


@FAST
@given(st.lists(st.text(alphabet=" \tab\n", max_size=12), min_size=1, max_size=3))
def test_whitespace_rule_finds_what_the_full_check_finds(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip() or "\n\n" in text or text.startswith("\n") or text.endswith("\n"):
        return  # not a cue text an SRT reader can give back unchanged
    track = track_of([(0, 2000, text)])
    expected = [1] if whitespace_issues(track.cues[0].text) else []
    assert [f.cue for f in check_track(track, select=["Y002"])] == expected


@pytest.mark.parametrize("enabled", [True, False])
def test_checking_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        check_track(track_of([(0, 500, "Il est  parti.")]), ignore=["G"])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# --- language rules: only the profiles needed, and a neighbour language is still told apart ----

#: original sentences written for these tests, one language each
NEIGHBOUR_TEXTS = {
    "nl": "De vallei biedt nog steeds weerstand aan de taliban sinds augustus. De strijders komen 's nachts "
    "van de berg af. We weten niet wanneer de helikopter komt. De kinderen slapen in de school van het dorp.",
    "ro": "Valea încă rezistă talibanilor din august. Luptătorii coboară noaptea de pe munte. Nu știm când va "
    "veni elicopterul. Copiii dorm în școala din sat.",
    "ru": "Долина всё ещё сопротивляется талибам с августа. Бойцы спускаются с горы ночью. Мы не знаем, когда "
    "прилетит вертолёт. Дети спят в школе деревни.",
    "pt": "O vale ainda resiste aos talibãs desde agosto. Os combatentes descem da montanha à noite. Não sabemos "
    "quando o helicóptero vai chegar. As crianças dormem na escola da aldeia.",
}


def _track_in(text: str, lang: str) -> Track:
    sentences = [s.strip() for s in text.split(". ") if s.strip()]
    srt = "\n".join(
        f"{n}\n{format_srt(n * 3000)} --> {format_srt(n * 3000 + 2500)}\n{s}\n" for n, s in enumerate(sentences, 1)
    )
    track = parse_text(srt, f"x.{lang}.srt", "srt")
    track.language = lang
    return track


@pytest.mark.parametrize(("actual", "declared"), [("nl", "de"), ("ro", "it"), ("ru", "pl"), ("pt", "es")])
def test_g001_tells_a_neighbour_language_from_the_declared_one(actual: str, declared: str) -> None:
    """Among the six delivery languages alone, Dutch reads as German (p=1.00): the neighbours are loaded too."""
    [finding] = check_track(_track_in(NEIGHBOUR_TEXTS[actual], declared), select=["G001"])
    assert finding.message.startswith(f"the text is in {actual} ") and finding.message.endswith(f"declared {declared}")


def test_a_correctly_declared_track_loads_only_the_delivery_languages_profiles() -> None:
    french = (
        "Les combattants tiennent toujours la vallée du Panchir. Ils attendent les ordres du colonel. "
        "Personne ne sait combien de temps ils tiendront. Les enfants dorment à l'école du village."
    )
    language._factories.clear()
    assert check_track(_track_in(french, "fr"), select=["G"]) == []
    assert list(language._factories) == [tuple(detector_languages("fr"))]  # not None: not all 55


# --- the merged rules' prechecks hide nothing ---------------------------------------------------

#: a text in which every whole-track precheck finds what it looks for, so none skips anything
EVERYTHING = "  \t , a,b -- \u2013 ... - < <font {\\k1} \u00c3\u00a9 \U0001f389 \u200b a? « a' a\u2019 \" \u201c x. y"
#: characters the rules react to: spaces, punctuation, dashes, quotes, apostrophes, capitals
TRICKY = st.lists(
    st.sampled_from(list("ab AB.,;:!?…-–—'’\"«»“\u00a0\t\u200bÃ©\U0001f389") + ["<i>", "</i>", "<font>"]),
    min_size=1,
    max_size=25,
).map("".join)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(TRICKY, min_size=1, max_size=6), st.sampled_from(["netflix", "broadcast-fr", "bbc", "arte", "netflix-sdh"])
)
def test_whole_track_prechecks_hide_no_finding(texts: list[str], profile: str) -> None:
    track = track_of([(index * 3000, index * 3000 + 2000, text.strip() or "a") for index, text in enumerate(texts)])
    expected = check_track(track, ignore=["G"], profile=profile)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Context, "all_visible", property(lambda self: EVERYTHING))
        patch.setattr(Context, "all_markup", property(lambda self: EVERYTHING))
        assert check_track(track, ignore=["G"], profile=profile) == expected


@FAST
@given(st.text(alphabet=list('ab.!?…"»”’) \u00a0\n\t'), max_size=10))
def test_sentence_end_read_from_the_end_is_the_pattern(text: str) -> None:
    assert _ends_sentence(text) == bool(_ENDS_SENTENCE.search(text))


@FAST
@given(st.text(alphabet=list("a ;:!?«»\u00a0\u202f\n19/'"), max_size=12))
def test_french_spacing_precheck_misses_nothing(text: str) -> None:
    if not _FRENCH_SUSPECT.search(text):
        assert _french_edits(text) == []


@FAST
@given(st.text(alphabet=list("ab1_'’ éÉ\n-,"), max_size=12))
def test_apostrophe_and_comma_patterns_match_where_their_definitions_do(text: str) -> None:
    letter = "[^\\W\\d_]"
    for pattern, definition in (
        (_STRAIGHT_APOSTROPHE, f"(?<={letter})'(?={letter})"),
        (_CURLY_APOSTROPHE, f"(?<={letter})\u2019(?={letter})"),
        (_VISIBLE_NO_SPACE_AFTER, f"(?<={letter}),(?={letter})"),
    ):
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(definition, text)]
