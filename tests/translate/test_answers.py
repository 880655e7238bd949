"""Answer hygiene and checks, language codes, spreading and CJK wrapping, without HTTP."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from subkit.linebreak import wrap_markup
from subkit.model import Cue, Track
from subkit.scripts import phrases, uax14_units
from subkit.translation.answers import clean, decode_entities, is_untranslated, provider_complaint, rejection
from subkit.translation.batching import BatchTranslator
from subkit.translation.cache import TranslationCache
from subkit.translation.languages import canonical, provider_code
from subkit.translation.pipeline import TrackTranslator, markup_problem, rtl_line
from subkit.translation.protect import Protector, Restorations
from subkit.translation.qa import canonical_number
from subkit.translation.segment import is_balanced
from subkit.translation.spread import cut_at_markers, spread, tokens

from .fakelibre import fake_translate
from .test_pipeline import FakeEngine


@pytest.mark.parametrize(
    "answer, sent, expected",
    [
        ("Je n&#39;ai rien vu", "Je n'ai rien vu", "Je n'ai rien vu"),
        ("n&amp;#39;ai", "n'ai", "n&#39;ai"),  # decoded exactly once
        ("R&amp;D &lt;3", "R&D <3", "R&D <3"),
        ("AT&amp;T", "AT&amp;T", "AT&amp;T"),  # the source itself held the entity: kept as it is
    ],
)
def test_entities_are_decoded_exactly_once(answer: str, sent: str, expected: str) -> None:
    assert decode_entities(answer, sent) == expected


def test_invisible_characters_an_engine_adds_are_dropped() -> None:
    added = "\ufeffHe\u200bllo\u200d there\u0007\u00ad, fri\u200fend\u2066!"
    assert clean(added, "Bonjour, ami !", "en") == "Hello there, friend!"
    assert clean("cafe\u0301", "café", "en") == "café"  # NFC
    assert clean("می\u200cخواهم", "je veux", "fa") == "می\u200cخواهم"  # a Persian non-joiner is spelling
    assert clean("a\u200bb", "x\u200by", "en") == "a\u200bb"  # what the source had is the source's business


def test_french_target_typography_keeps_words_and_numbers_together() -> None:
    assert (
        clean("Il a dit : « non » 5 000 fois ?! A 10:30 ; ok", "", "fr")
        == "Il a dit\u00a0: «\u00a0non\u00a0» 5\u00a0000 fois\u00a0?! A 10:30\u00a0; ok"
    )
    assert clean("He said : no ; 5 000", "", "en") == "He said: no; 5 000"


@pytest.mark.parametrize(
    "answer",
    [
        "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN 10 HOURS",
        "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS",
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "<!DOCTYPE html><html lang=en><title>Error 429 (Too Many Requests)</title>",
        "Too Many Requests",
    ],
)
def test_provider_messages_are_not_translations(answer: str) -> None:
    assert provider_complaint(answer, "Bonjour tout le monde") is not None
    assert rejection("Bonjour tout le monde", answer) is not None


def test_ordinary_answers_are_accepted() -> None:
    assert provider_complaint("There were too many requests for help that day.", "x") is None
    assert rejection("Il a dit [1]non[2].", "He said [1]no[2].") is None
    assert rejection("Bonjour.", "") == "empty answer"
    assert rejection("...", "") is None
    assert rejection("a [1] b [2] c", "a b [2] c", frozenset({"[1]"})) is None  # a marker may be lost
    assert rejection("a [1] b [2] c", "a [1] b [1] c", frozenset({"[1]"})) is not None  # but not repeated


def test_an_echo_of_a_long_source_is_untranslated() -> None:
    assert is_untranslated(
        "Nous sommes arrivés dans la vallée au petit matin.", "nous sommes arrivés dans la vallée au petit matin."
    )
    assert not is_untranslated("Ahmad Massoud.", "Ahmad Massoud.")  # a name is the same in every language
    assert not is_untranslated("Nous sommes arrivés.", "We arrived.")


def test_placeholders_crossed_renested_or_reordered_are_refused() -> None:
    restorations = Restorations()
    sent = Protector().protect("Il a dit <i>non</i> deux fois <b>au <u>chef</u></b>.", restorations)
    assert sent == "Il a dit [1]non[2] deux fois [3]au [4]chef[5][6]."
    assert markup_problem(sent, "He said [1]no[2] twice [3]to the [4]chief[5][6].", restorations) is None
    assert markup_problem(sent, "He said [2] no [1] twice [3]to the [4]chief[5][6].", restorations)  # swapped
    assert markup_problem(sent, "He said [1]no[2] twice [3]to the [4]chief[6][5].", restorations)  # crossed
    stamps = Restorations()
    timed = Protector().protect("Nous <00:00:06.500>sommes <00:00:07.000>là.", stamps)
    assert markup_problem(timed, "We [2]are [1]here.", stamps) == "timestamp tags out of order"


@pytest.mark.parametrize(
    "code, google, mymemory, libre",
    [
        ("he", "iw", "he-IL", "he"),
        ("zh-Hans", "zh-CN", "zh-CN", "zh"),
        ("zh-Hant", "zh-TW", "zh-TW", "zh-Hant"),
        ("pt-BR", "pt", "pt-BR", "pt"),
        ("ja", "ja", "ja-JP", "ja"),
        ("iw", "iw", "he-IL", "iw"),
    ],
)
def test_language_codes_are_mapped_to_each_provider(code: str, google: str, mymemory: str, libre: str) -> None:
    assert (provider_code("google", code), provider_code("mymemory", code), provider_code("libre", code)) == (
        google,
        mymemory,
        libre,
    )


def test_language_codes_keep_the_users_spelling_with_canonical_case() -> None:
    assert [canonical(code) for code in ("ZH-hant", "pt_br", "he", "es-419")] == ["zh-Hant", "pt-BR", "he", "es-419"]
    with pytest.raises(ValueError):
        canonical("english")


def test_french_spaced_punctuation_and_numbers_are_one_unit() -> None:
    assert tokens("Il a dit\u00a0: « non » à 5\u00a0000 hommes\u00a0!", "fr") == [
        "Il",
        "a",
        "dit\u00a0:",
        "« non »",
        "à",
        "5\u00a0000",
        "hommes\u00a0!",
    ]
    parts = spread("Il répondit : « jamais » et 5\u00a0000 hommes partirent", [12, 14, 20], "fr", [2, 2, 4])
    assert parts is not None and not any(part.startswith((":", "»", "!")) or part.endswith("«") for part in parts)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=9), min_size=1, max_size=8), min_size=2, max_size=6
    ),
    st.floats(min_value=0.3, max_value=3.0),
)
def test_an_engine_that_keeps_every_word_gets_every_word_back_in_its_cue(cues: list[list[str]], factor: float) -> None:
    """Respelling every word (any length) keeps the count: the cut falls where the source's did."""
    source = [" ".join(words) for words in cues]
    respelt = [" ".join(word[0] * max(1, round(len(word) * factor)) for word in words) for words in cues]
    parts = spread(" ".join(respelt), [len(text) for text in source], "en", [len(words) for words in cues])
    assert parts == respelt


def test_markers_the_engine_kept_are_where_cues_are_cut() -> None:
    assert cut_at_markers("We went [3] to the valley [4] at dawn.", ["[3]", "[4]"], "en") == [
        "We went",
        "to the valley",
        "at dawn.",
    ]
    assert cut_at_markers("We went [4] to the valley [3] at dawn.", ["[3]", "[4]"], "en") is None  # reordered
    assert cut_at_markers("Il est parti [3] : « jamais » [4] dit-il.", ["[3]", "[4]"], "fr") == [
        "Il est parti :",
        "« jamais »",
        "dit-il.",
    ]


def test_cjk_text_breaks_between_phrases_never_before_closing_punctuation() -> None:
    assert phrases("今日は天気です。明日は雨が降るでしょう。", "ja") == [
        "今日は",
        "天気です。",
        "明日は",
        "雨が",
        "降るでしょう。",
    ]
    assert all(
        not unit.startswith(("。", "、", "ー", "っ")) for unit in uax14_units("ちょっと待って、ラーメンを食べよう。")
    )
    wrapped = wrap_markup("<i>我们在早上到达了潘杰希尔山谷，村子还在睡觉。</i>", 16, 2, "zh")
    assert wrapped == "<i>我们在早上到达了潘杰希尔山谷，\n村子还在睡觉。</i>"
    assert wrap_markup("- 本当に？\n- はい、そうです。", 13, 2, "ja") == "- 本当に？\n- はい、そうです。"


def test_rtl_lines_that_start_with_latin_or_digits_get_a_right_to_left_mark() -> None:
    assert rtl_line("שלום לכולם!") == "שלום לכולם!"
    assert rtl_line("GPS עובד כאן.") == "\u200fGPS עובד כאן."
    assert rtl_line("<i>2021.</i>") == "<i>\u200f2021.</i>"
    assert rtl_line("-Panjshir היא עמק.") == "-\u200fPanjshir היא עמק."


def test_hebrew_marks_only_the_second_speaker_with_a_dash() -> None:
    cues = [Cue(0, 2000, "- Tu viens\u00a0?\n- Non, Panchir.")]
    engine = FakeEngine()
    engine.translate = lambda text: fake_translate(text, "he")  # type: ignore[method-assign]
    draft = TrackTranslator(engine, TranslationCache(None), "fr", "he", {"Panchir": "Panjshir"}).translate(Track(cues))
    first, second = draft.track.cues[0].text.split("\n")
    assert not first.startswith("-") and second.startswith("-") and not second.startswith("- ")
    assert "\u200f" not in first and "Panjshir" in second


def test_numbers_are_compared_whatever_the_grouping() -> None:
    assert {canonical_number(n) for n in ("5000", "5 000", "5\u00a0000", "5,000", "5.000")} == {"5000"}
    assert canonical_number("3,5") == canonical_number("3.5") == "3.5"


def test_a_bad_answer_in_an_old_cache_never_reaches_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as connection:  # what an earlier version stored: raw answers
        connection.execute(
            "CREATE TABLE translations (engine TEXT, source TEXT, target TEXT, text TEXT, translation TEXT)"
        )
        connection.execute(
            "INSERT INTO translations VALUES ('fake', 'fr', 'en', 'Bonjour tout le monde.', 'MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY')"
        )
    cache = TranslationCache(str(path))
    cache.put_many("fake", "fr", "en", {"Il est parti hier soir.": ""})  # a bad row, however it got there
    engine = FakeEngine()
    batcher = BatchTranslator(engine, cache, "fr", "en")
    assert batcher.translate_all(["Bonjour tout le monde.", "Il est parti hier soir."]) == [
        fake_translate("Bonjour tout le monde.", "en"),
        fake_translate("Il est parti hier soir.", "en"),
    ]
    assert engine.requests == 1 and batcher.stats.cached == 0


def test_rejected_answers_are_never_cached(tmp_path: Path) -> None:
    cache = TranslationCache(str(tmp_path / "c.sqlite3"))

    class Empty(FakeEngine):
        def translate(self, text: str) -> str:
            self.requests += 1
            return "\n".join("" if "vide" in line else fake_translate(line, "en") for line in text.split("\n"))

    engine = Empty()
    batcher = BatchTranslator(engine, cache, "fr", "en")
    result = batcher.translate_all(["Une phrase pleine.", "Une phrase vide."])
    assert result == [fake_translate("Une phrase pleine.", "en"), None]
    assert batcher.rejected == {"Une phrase vide.": "empty answer"}
    assert engine.requests == 3  # the batch, then the empty one alone, twice
    assert cache.get_many("fake", "fr", "en", ["Une phrase pleine.", "Une phrase vide."]) == {
        "Une phrase pleine.": fake_translate("Une phrase pleine.", "en")
    }


def test_each_cue_keeps_its_speaker_and_the_balance_of_its_tags() -> None:
    cues = [
        Cue(0, 2000, "<v Roger>Il a dit <i>non</i> deux fois"),
        Cue(2100, 4000, "<v Roger>au commandant.</v>"),
        Cue(4100, 6000, "<v Anna>Oui.</v> <v Roger>Non, jamais de la vie.</v>"),
    ]
    engine = FakeEngine()
    draft = TrackTranslator(engine, TranslationCache(None), "fr", "en").translate(Track(cues))
    texts = [cue.text for cue in draft.track.cues]
    assert texts[0].startswith("<v Roger>") and texts[1].startswith("<v Roger>") and texts[1].endswith("</v>")
    assert "<v Anna>" in texts[2] and "<v Roger>" in texts[2]
    assert all(is_balanced(text) for text in texts)
    assert "</v>" not in engine.texts[0]  # a voice span's end never travels as a placeholder


def test_the_hebrew_second_speaker_dash_is_no_finding() -> None:
    from subkit.qc import check_track

    track = Track([Cue(0, 2000, "אתה בא?\n-כן, אני בא.")])
    assert [f.code for f in check_track(track, lang="he", select=["Y006"])] == []
    assert [f.code for f in check_track(track, lang="fr", select=["Y006"])] == ["Y006"]
