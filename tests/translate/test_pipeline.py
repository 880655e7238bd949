"""Segmentation, placeholders, spreading, batching and the cache, without HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from subkit.errors import InputError
from subkit.model import Cue, Track
from subkit.translation.batching import BatchTranslator, pack
from subkit.translation.cache import TranslationCache
from subkit.translation.glossary import load_glossary
from subkit.translation.naming import output_path
from subkit.translation.pipeline import TrackTranslator
from subkit.translation.protect import Protector, Restorations, placeholders_intact, restore
from subkit.translation.run import parse_languages
from subkit.translation.segment import balance_lines, group_segments, split_cue
from subkit.translation.spread import spread, tokens

from .fakelibre import fake_translate


class FakeEngine:
    """In-process engine: the fake translation, optionally merging lines of big batches."""

    cache_key = "fake"

    def __init__(self, max_chars: int = 5000, merge_over: int | None = None) -> None:
        self.max_chars = max_chars
        self.merge_over = merge_over
        self.requests = 0
        self.texts: list[str] = []

    def translate(self, text: str) -> str:
        self.requests += 1
        self.texts.append(text)
        out = fake_translate(text, "en")
        if self.merge_over and out.count("\n") + 1 > self.merge_over:
            out = out.replace("\n", " ", 1)
        return out


def test_dialogue_cue_gives_one_piece_per_speaker_with_tags_lifted() -> None:
    pieces = split_cue(0, Cue(0, 1000, "<i>- Tu viens\u00a0?\n- Non.</i>"))
    assert [(p.lead, p.dash, p.body, p.trail) for p in pieces] == [
        ("<i>", True, "Tu viens\u00a0?", "</i>"),
        ("<i>", True, "Non.", "</i>"),
    ]


def test_layout_line_breaks_are_dropped_and_inline_tags_kept() -> None:
    [piece] = split_cue(0, Cue(0, 1000, "il a dit <i>non</i>\nhier soir"))
    assert (piece.lead, piece.body, piece.trail) == ("", "il a dit <i>non</i> hier soir", "")


def test_tags_open_across_lines_are_balanced_per_line() -> None:
    assert balance_lines(["<i>un", "deux</i>"]) == ["<i>un</i>", "<i>deux</i>"]
    assert balance_lines(["un</b>", "deux"]) == ["un", "deux"]


def test_sentences_run_over_cues_until_punctuation_dash_or_pause() -> None:
    cues = [
        Cue(0, 1000, "Nous sommes partis"),
        Cue(1100, 2000, "au petit matin."),
        Cue(2100, 3000, "Puis nous avons attendu"),
        Cue(9000, 10000, "longtemps."),
        Cue(10100, 11000, "Et alors\n- Non."),
        Cue(11100, 12000, "..."),
    ]
    pieces = [p for i, c in enumerate(cues) for p in split_cue(i, c)]
    groups = [[pieces[i].cue for i in s.pieces] for s in group_segments(pieces, cues, pause_ms=2000)]
    assert groups == [[0, 1], [2], [3], [4], [4], [5]]


def test_placeholders_protect_tags_terms_and_literal_brackets() -> None:
    protector = Protector({"Panchir": "Panjshir"})
    restorations = Restorations()
    text = protector.protect("Le <i>Panchir</i> [1] &amp; Kaboul\u00a0?", restorations)
    assert text == "Le [1][2][3] [4] & Kaboul ?"
    assert restore("The [1][2][3] [4] & Kabul?", restorations) == "The <i>Panjshir</i> [1] &amp; Kabul?"
    assert not placeholders_intact(text, "The [1][3] [4]")
    assert not placeholders_intact(text, "The [1][2][3][3] [4]")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghij,.", min_size=1, max_size=8), min_size=1, max_size=30),
    st.lists(st.integers(min_value=0, max_value=80), min_size=1, max_size=6),
)
def test_spread_keeps_every_word_in_order_and_no_part_empty(word_list: list[str], weights: list[int]) -> None:
    text = " ".join(word_list)
    parts = spread(text, weights, "en")
    if len(tokens(text, "en")) < len(weights):  # punctuation on its own is no unit: it stays with its word
        assert parts is None
        return
    assert parts is not None and len(parts) == len(weights)
    assert all(part.strip() for part in parts)
    assert " ".join(parts).split() == text.split()


def test_spread_follows_the_source_proportions_and_prefers_punctuation() -> None:
    assert spread("one two three four five six", [7, 15], "en") == ["one two", "three four five six"]
    assert spread("aaaa bbbb, cccc dddd", [11, 8], "en") == ["aaaa bbbb,", "cccc dddd"]
    assert spread("we went to the valley", [11, 10], "en") == ["we went", "to the valley"]


def test_pack_respects_the_limit_and_order() -> None:
    texts = ["a" * 40, "b" * 40, "c" * 40, "d" * 150]
    assert pack(texts, 100) == [texts[:2], texts[2:3], texts[3:]]


def test_bisection_recovers_from_merged_lines_and_fills_the_cache(tmp_path: Path) -> None:
    texts = [f"Phrase numéro {n}." for n in range(20)]
    cache = TranslationCache(str(tmp_path / "c.db"))
    engine = FakeEngine(merge_over=3)
    batcher = BatchTranslator(engine, cache, "fr", "en", 5000)
    assert batcher.translate_all(texts) == [fake_translate(t, "en") for t in texts]
    assert engine.requests > 1 and batcher.stats.bisections > 0
    again = FakeEngine()
    assert BatchTranslator(again, cache, "fr", "en").translate_all(texts) == [fake_translate(t, "en") for t in texts]
    assert again.requests == 0


def test_track_translator_keeps_every_cue_and_time() -> None:
    cues = [
        Cue(0, 2000, "<i>Nous sommes partis</i>"),
        Cue(2100, 4000, "<i>au petit matin.</i>"),
        Cue(4100, 5000, "- Tu viens\u00a0?\n- Non."),
        Cue(5100, 6000, "♪"),
        Cue(6100, 9000, "Une très longue phrase qui ne tiendra pas sur une seule ligne de texte."),
    ]
    engine = FakeEngine()
    draft = TrackTranslator(engine, TranslationCache(None), "fr", "en").translate(Track(cues, language="fr"))
    assert [(c.start, c.end) for c in draft.track.cues] == [(c.start, c.end) for c in cues]
    assert [c.text for c in draft.track.cues] == [
        "<i>Abhf fbzzrf cnegvf</i>",
        "<i>nh crgvg zngva.</i>",
        "-Gh ivraf?\n-Aba.",
        "♪",
        "Har geèf ybathr cuenfr dhv ar gvraqen\ncnf fhe har frhyr yvtar qr grkgr.",
    ]
    assert engine.requests == 1
    assert "Abhf fbzzrf cnegvf nh crgvg zngva." not in engine.texts[0]  # source went out, not target
    # the sentence went out whole, with a marker placeholder where its cues meet
    assert "Nous sommes partis [1] au petit matin." in engine.texts[0].split("\n")


def test_glossary_file(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("# names\nfr\ten\tde\nPanchir\tPanjshir\tPandschir\nKhalid Amiry\t\t\n", encoding="utf-8")
    glossary = load_glossary(str(path))
    assert glossary.for_target("de") == {"Panchir": "Pandschir", "Khalid Amiry": "Khalid Amiry"}
    assert glossary.for_target("pl") == {"Panchir": "Panchir", "Khalid Amiry": "Khalid Amiry"}
    bad = tmp_path / "bad.csv"
    bad.write_text("fr,en\n,Kabul\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: the source term"):
        load_glossary(str(bad))


def test_output_names_and_languages() -> None:
    assert output_path("dir/film.fr.srt", "en", "srt", None) == "dir/film.en.srt"
    assert output_path("film.srt", "de", "vtt", "out") == "out/film.de.vtt"
    assert output_path("film.fr.srt", "en", "srt", "-") == "-"
    assert parse_languages(" en, de,en ,pt-BR") == ["en", "de", "pt-BR"]


class EchoEngine(FakeEngine):
    def translate(self, text: str) -> str:
        self.requests += 1
        return text


def test_target_punctuation_and_dash_style_follow_the_target_language() -> None:
    cues = [Cue(0, 2000, "-Are you coming?\n-No: \u00abnever\u00bb!")]
    to_french = TrackTranslator(EchoEngine(), TranslationCache(None), "en", "fr").translate(Track(cues))
    assert to_french.track.cues[0].text == "- Are you coming\u00a0?\n- No\u00a0: \u00ab\u00a0never\u00a0\u00bb\u00a0!"
    back = TrackTranslator(EchoEngine(), TranslationCache(None), "fr", "de").translate(to_french.track)
    assert back.track.cues[0].text == "-Are you coming?\n-No: \u00ab never \u00bb!"
