"""Tags are swapped for placeholders while text is laid out or repaired: no input character can
ever be taken for one (private-use characters, the last code point, surrogates from a library caller)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from subkit.linebreak import wrap_markup
from subkit.markup import MAX_PROTECTED_TAGS, TAG, PlaceholderError, protect_tags, restore_tags, visible_text
from subkit.qc.rules.typography import fix_dialogue_dash, fix_ellipsis, fix_french_spacing, fix_whitespace

#: characters the old private-use placeholders collided with, and their neighbours
AWKWARD = [
    "\U000f0000",
    "\U000f0001",
    "\U000ffffd",
    "\U00100000",
    "\U00100001",
    "\U0010fffd",
    "\U0010ffff",
    "\ue000",
    "\ue001",
    "\ue002",
    "\uf8ff",
    "\ufffd",
]


def test_a_supplementary_private_use_character_survives_wrapping() -> None:
    text = "<i>This is a fairly long subtitle line \U000f0001 that must be wrapped</i>"
    wrapped = wrap_markup(text, 42, 2, "en")
    assert wrapped.startswith("<i>") and wrapped.endswith("</i>") and wrapped.count("</i>") == 1
    assert visible_text(wrapped).split() == visible_text(text).split()


def test_the_last_code_point_survives_wrapping_and_repairs() -> None:
    text = "- <i>Il a dit\U0010ffff ...</i> bon  ?\n-Oui."
    for repaired in (
        wrap_markup(text, 20, 2, "fr"),
        fix_whitespace(text),
        fix_ellipsis(text),
        fix_french_spacing(text),
        fix_dialogue_dash(text, "fr"),
    ):
        assert "\U0010ffff" in repaired
        assert [m.group(0) for m in TAG.finditer(repaired)] == ["<i>", "</i>"]


def test_bmp_private_use_characters_are_not_mistaken_for_escapes() -> None:
    assert fix_ellipsis("a \ue000 b &amp; c...") == "a \ue000 b &amp; c…"


def test_text_that_cannot_be_protected_is_left_as_it_is() -> None:
    with pytest.raises(PlaceholderError):
        protect_tags("a \ud800 b")
    many = "<i>a</i> " * (MAX_PROTECTED_TAGS // 2 + 1)
    with pytest.raises(PlaceholderError):
        protect_tags(many)
    assert wrap_markup(many, 42) == many
    assert fix_whitespace("x  \udc00 y") == "x  \udc00 y"


PIECES = st.lists(
    st.one_of(
        st.sampled_from(
            AWKWARD
            + [
                "<i>",
                "</i>",
                "<b>",
                "</b>",
                "{\\an8}",
                "&amp;",
                "&lt;",
                " ",
                "\n",
                "...",
                " ?",
                "- ",
                "«",
                "»",
                "mot",
                "le",
            ]
        ),
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="<>&{}"), max_size=5),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(PIECES)
def test_protect_then_restore_is_the_identity(pieces: list[str]) -> None:
    text = "".join(pieces)
    for escapes in (False, True):
        protected, tags = protect_tags(text, escapes)
        assert restore_tags(protected, tags) == text


@settings(max_examples=200, deadline=None)
@given(PIECES, st.integers(min_value=10, max_value=42))
def test_repairs_never_lose_a_character_other_than_spaces_and_dots(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    for repaired in (
        wrap_markup(text, width, 2, "fr"),
        fix_whitespace(text),
        fix_french_spacing(text),
        fix_dialogue_dash(text, "fr"),
        fix_ellipsis(text),
    ):
        assert [m.group(0) for m in TAG.finditer(repaired)] == [m.group(0) for m in TAG.finditer(text)]
        kept = [ch for ch in visible_text(text) if not ch.isspace() and ch not in ".…"]
        assert [ch for ch in visible_text(repaired) if not ch.isspace() and ch not in ".…"] == kept
