"""wrap_markup: balanced, tag-safe, never loses a word, respects the no-break word lists."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from subkit.counting import count_graphemes
from subkit.linebreak import bad_line_end, break_fault, wrap_markup
from subkit.markup import TAG, visible_text


def widths(markup: str) -> list[int]:
    return [count_graphemes(line) for line in visible_text(markup).split("\n")]


def test_fits_on_one_line_stays_or_becomes_one_line() -> None:
    assert wrap_markup("Il est parti.", 42) == "Il est parti."
    assert wrap_markup("Il est\nparti.", 42) == "Il est parti."


def test_well_broken_text_is_returned_unchanged() -> None:
    text = "Nous sommes arrivés dans la vallée\ndu Panchir au petit matin."
    assert wrap_markup(text, 42) is text or wrap_markup(text, 42) == text


def test_breaks_balanced_bottom_heavy_and_not_after_an_article() -> None:
    result = wrap_markup("Les combattants du Panchir tiennent encore la vallée contre les talibans.", 42)
    top, bottom = visible_text(result).split("\n")
    assert len(top) <= 42 and len(bottom) <= 42
    assert not bad_line_end(top, "fr")
    assert abs(len(top) - len(bottom)) <= 12


def test_tags_kept_and_not_counted() -> None:
    result = wrap_markup("<i>Le colonel Khalid Amiry a choisi de rester au lieu d'être évacué.</i>", 42)
    assert result.startswith("<i>") and result.endswith("</i>")
    assert max(widths(result)) <= 42
    assert {"<i>", "</i>"} == {m.group(0) for m in TAG.finditer(result)}


def test_dialogue_keeps_one_speaker_per_line() -> None:
    assert wrap_markup("- Tu viens ?\n- Non.", 42) == "- Tu viens ?\n- Non."
    assert wrap_markup("- Tu viens\navec nous ?\n- Non.", 42) == "- Tu viens avec nous ?\n- Non."


def test_nbsp_is_not_a_break_point() -> None:
    result = wrap_markup("Qu'est-ce que vous avez fait pendant tout ce temps\u00a0?", 30)
    assert not any(line.startswith("?") for line in visible_text(result).split("\n"))


def test_too_long_text_keeps_every_word_in_max_lines() -> None:
    text = " ".join(["mot"] * 40)
    result = wrap_markup(text, 20, 2)
    assert result.count("\n") == 1 and result.split() == text.split()
    assert wrap_markup(text, 20, 1) == text.strip()


WORDS = st.lists(
    st.sampled_from(
        [
            "le",
            "la",
            "de",
            "vallée",
            "Panchir",
            "combattants",
            "tiennent",
            "<i>encore</i>",
            "«\u00a0Non\u00a0»",
            "talibans,",
            "l'armée",
            "Kaboul.",
            "et",
            "à",
            "Tom &amp; Jerry",
            "e\u0301te\u0301",
        ]
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(WORDS, st.integers(min_value=12, max_value=45), st.integers(min_value=1, max_value=3))
def test_wrap_never_loses_or_reorders_words_and_fits_when_possible(
    words: list[str], max_chars: int, max_lines: int
) -> None:
    text = " ".join(words)
    result = wrap_markup(text, max_chars, max_lines)
    assert re.split(r"\s+", visible_text(result).strip()) == re.split(r"\s+", visible_text(text).strip())
    assert [m.group(0) for m in TAG.finditer(result)] == [m.group(0) for m in TAG.finditer(text)]
    longest_word = max(count_graphemes(visible_text(w)) for w in text.split())
    total = count_graphemes(visible_text(text))
    if total <= max_chars:
        assert "\n" not in result
    elif longest_word <= max_chars and total <= max_chars * max_lines // 2:
        # comfortably fits in the allowed lines: it must
        assert max(widths(result)) <= max_chars and len(widths(result)) <= max_lines


@pytest.mark.parametrize(
    ("before", "after", "fault"),
    [
        ("Il a", "décidé de rester.", True),
        ("Il ne veut", "pas partir.", True),
        ("Je te", "dis la vérité.", True),
        ("Le colonel Khalid", "Amiry est resté.", True),
        ("Ils étaient trois", "hommes.", True),
        ("On ne restait jamais", "plus de deux nuits.", False),
        ("Il est parti,", "puis revenu.", False),
        ("Ils ont tenu", "la vallée.", False),
        ("qu’ils", "partent.", False),
    ],
)
def test_break_fault_knows_what_belongs_together(before: str, after: str, fault: bool) -> None:
    assert (break_fault(before.split(), after.split()[0], "fr") is not None) == fault


def test_wrap_keeps_auxiliary_with_participle_and_ne_with_pas() -> None:
    for text in (
        "Le colonel Khalid Amiry a finalement décidé de rester dans la vallée.",
        "Les hommes de la vallée ne voulaient pas quitter leurs maisons cette nuit-là.",
    ):
        top, bottom = visible_text(wrap_markup(text, 42)).split("\n")
        assert break_fault(top.split(), bottom.split()[0], "fr") is None
