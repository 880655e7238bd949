"""The segmenter: where cues end, how lines and typography look, when cues show."""

from __future__ import annotations

from fractions import Fraction

import pytest

from subkit.linebreak import break_fault
from subkit.markup import visible_text
from subkit.model import Track
from subkit.qc import check_track
from subkit.transcripts import Transcript, Word, limits_for, segment_transcript
from subkit.transcripts.typography import typeset


def speak(
    text: str,
    start: int = 1000,
    ms_per_char: int = 70,
    pause: int = 40,
    pauses: dict[str, int] | None = None,
    speakers: dict[int, str] | None = None,
) -> list[Word]:
    """Words of `text` said one after the other; `pauses` adds silence after a word (by text).

    `|` in the text marks a speaker change when `speakers` maps word positions to labels.
    """
    words: list[Word] = []
    clock = start
    speaker = None
    for index, token in enumerate(text.split()):
        if speakers and index in speakers:
            speaker = speakers[index]
        end = clock + ms_per_char * (len(token) + 1)
        words.append(Word(token, clock, end, f"$.words[{index}]", 0.9, speaker))
        clock = end + pause + (pauses or {}).get(token, 0)
    return words


def cut(
    words: list[Word],
    profile: str = "netflix",
    lang: str | None = "fr",
    fps: Fraction | None = None,
    min_confidence: float = 0.5,
) -> tuple[list[str], Track, list[tuple[int, int]]]:
    transcript = Transcript(words, "whisper", "t.json", lang)
    result = segment_transcript(transcript, profile=profile, lang=lang, fps=fps, min_confidence=min_confidence)
    return [cue.text for cue in result.track.cues], result.track, result.spans


def errors(track: Track, profile: str = "netflix", lang: str = "fr") -> list[str]:
    return [
        f"{f.code} cue {f.cue}: {f.message}"
        for f in check_track(track, profile=profile, lang=lang)
        if f.severity != "info"
    ]


def test_a_short_sentence_is_one_cue_on_one_line() -> None:
    texts, track, spans = cut(speak("Nous sommes arrivés au petit matin."))
    assert texts == ["Nous sommes arrivés au petit matin."] and spans == [(0, 6)]
    assert not errors(track)


def test_cues_break_at_a_sentence_end_before_a_clause_and_a_clause_before_a_phrase() -> None:
    sentence = (
        "Les combattants ont tenu la vallée pendant trois semaines. Puis les routes ont été coupées, "
        "les vivres ont manqué, et beaucoup sont partis vers le nord avec leurs familles."
    )
    texts, track, _ = cut(speak(sentence))
    assert visible_text(texts[0]).replace("\n", " ") == "Les combattants ont tenu la vallée pendant trois semaines."
    assert all(visible_text(t).rstrip().endswith((".", ",")) for t in texts)
    assert not errors(track)


def test_a_pause_is_where_a_long_sentence_is_cut() -> None:
    sentence = "Les combattants ont tenu la vallée pendant trois semaines sans recevoir la moindre aide de l'extérieur"
    texts, _, _ = cut(speak(sentence, pauses={"semaines": 600}))
    assert visible_text(texts[0]).replace("\n", " ") == "Les combattants ont tenu la vallée pendant trois semaines"


@pytest.mark.parametrize(
    "pause_after, first_cue_ends",
    [
        ("la", "vallée"),  # article + noun
        ("Ahmad", "Massoud"),  # first + last name
        ("avait", "appris"),  # auxiliary + participle
        ("300", "mètres"),  # number + what it counts
    ],
)
def test_never_inside_a_protected_group_even_at_a_pause(pause_after: str, first_cue_ends: str) -> None:
    sentences = {
        "la": "Ils sont montés très haut dans la vallée qui mène au col et ils ont attendu là-bas toute la nuit",
        "Ahmad": "Le lendemain matin le commandant Ahmad Massoud est arrivé au village avec une vingtaine d'hommes",
        "avait": "Personne dans le village ne lui avait appris à se servir d'une arme avant cette terrible année-là",
        "300": "Les premiers véhicules se sont arrêtés à 300 mètres du pont et les hommes sont descendus sans un bruit",
    }
    words = speak(sentences[pause_after], pauses={pause_after: 700})
    texts, _, spans = cut(words)
    assert len(texts) >= 2
    assert pause_after not in {words[stop - 1].text for _, stop in spans[:-1]}
    assert break_fault(["dans", pause_after], first_cue_ends, "fr") is not None


def test_french_typography_is_restored() -> None:
    texts, track, _ = cut(speak('Il a dit: "Jamais!" Tu comprends? Attends...'))
    assert [t.replace("\n", " ") for t in texts] == [
        "Il a dit\u00a0: «\u00a0Jamais\u00a0!\u00a0» Tu comprends\u00a0? Attends…"
    ]
    assert not errors(track)
    texts, _, _ = cut(speak("Il a dit : « Jamais ! »"))
    assert texts == ["Il a dit\u00a0: «\u00a0Jamais\u00a0!\u00a0»"]


def test_english_keeps_its_punctuation_and_broadcast_fr_keeps_three_dots() -> None:
    texts, _, _ = cut(speak('He said: "Never!" Do you see? Wait...'), lang="en")
    assert texts == ['He said: "Never!" Do you see? Wait…']
    assert typeset("Attends...", "fr", False) == "Attends..."


def test_a_new_speaker_starts_a_new_cue_or_shares_one_with_dialogue_dashes() -> None:
    words = speak("Tu viens avec nous ? Non, je reste ici.", speakers={0: "A", 5: "B"})
    texts, track, _ = cut(words)
    assert texts == ["- Tu viens avec nous\u00a0?\n- Non, je reste ici."]
    assert not errors(track)
    texts, _, _ = cut(speak("Are you coming with us? No, I am staying here.", speakers={0: "A", 5: "B"}), lang="en")
    assert texts == ["-Are you coming with us?\n-No, I am staying here."]
    texts, _, _ = cut(
        speak("Are you coming with us? No, I am staying here.", speakers={0: "A", 5: "B"}), profile="bbc", lang="en"
    )
    assert texts == ["Are you coming with us?", "No, I am staying here."]


def test_three_speakers_never_share_a_cue() -> None:
    texts, _, _ = cut(speak("Oui. Non. Peut-être.", speakers={0: "A", 1: "B", 2: "C"}, pause=600))
    assert all(t.count("\n") <= 1 for t in texts) and len(texts) >= 2
    assert not any("Oui" in t and "Peut-être" in t for t in texts)


def test_a_cue_stays_up_long_enough_to_be_read_extending_into_the_silence() -> None:
    words = speak("Reçu.", start=10_000, ms_per_char=60) + speak("Maintenant, on y va.", start=16_000)
    texts, track, _ = cut(words)
    assert texts == ["Reçu.", "Maintenant, on y va."]
    first = track.cues[0]
    assert first.start == 10_000 and first.duration >= 833
    assert not errors(track)


def test_times_follow_the_frame_grid_and_the_minimum_gap() -> None:
    words = (
        speak("Il est parti.", start=1013)
        + speak("Il revient demain matin.", start=2390)
        + speak("Peut-être.", start=4444)
    )
    for fps, frame in ((Fraction(25), 40), (Fraction(24000, 1001), None)):
        _, track, _ = cut(words, fps=fps)
        from subkit.qc.rules.timing import on_grid

        assert all(on_grid(c.start, fps) and on_grid(c.end, fps) for c in track.cues)
        assert not [f for f in check_track(track, profile="netflix", lang="fr", fps=fps)]
        if frame:
            assert track.cues[0].start == 1000


def test_a_long_stretch_of_speech_is_cut_under_the_maximum_duration_and_line_count() -> None:
    text = " ".join(["Nous avons marché toute la nuit dans la montagne, sans lumière et sans bruit."] * 6)
    texts, track, _ = cut(speak(text, ms_per_char=80), profile="broadcast-fr")
    assert all(c.end - c.start <= 7000 for c in track.cues)  # the profile's maximum time on screen
    assert all(len(t.split("\n")) <= 2 and all(len(line) <= 36 for line in visible_text(t).split("\n")) for t in texts)
    assert not errors(track, "broadcast-fr")


def test_speech_too_fast_to_read_borrows_a_little_time_then_reports() -> None:
    fast = speak(
        "Ils arrivent par le nord, ils sont nombreux, ils ont des armes et ils avancent vite vers nous.",
        ms_per_char=45,
        pause=0,
    )
    words = fast + speak(
        "Tout le monde dehors, maintenant, vite, vite !", start=fast[-1].end + 20, ms_per_char=45, pause=0
    )
    _, track, _ = cut(words)
    starts = [c.start for c in track.cues]
    # a cue may start up to MAX_LAG_MS after its first word, never before
    first_words = [w.start for w in words]
    assert all(start >= min(first_words) for start in starts)
    assert all(b.start - a.end >= 80 for a, b in zip(track.cues, track.cues[1:]))
    assert any(f.code == "R001" for f in check_track(track, profile="netflix", lang="fr"))


def test_low_confidence_words_are_kept_and_listed_with_their_cue() -> None:
    words = speak("Le commandant Massoud est arrivé.") + speak("Il parle aux hommes.", start=5000)
    words[2].confidence = 0.2
    words[6].confidence = 0.45
    transcript = Transcript(words, "whisper", "t.json", "fr")
    result = segment_transcript(transcript)
    assert [(w.cue, w.word, w.confidence, w.where) for w in result.low_confidence] == [
        (1, "Massoud", 0.2, "$.words[2]"),
        (2, "parle", 0.45, "$.words[1]"),
    ]
    assert "Massoud" in result.track.cues[0].text


def test_italic_words_stay_italic() -> None:
    words = speak("Le narrateur parle.") + speak("Puis quelqu'un répond.", start=4000)
    for word in words[:3]:
        word.italic = True
    texts, _, _ = cut(words)
    assert texts == ["<i>Le narrateur parle.</i>", "Puis quelqu'un répond."]


def test_limits_follow_the_profile_and_the_configuration() -> None:
    limits = limits_for(Transcript([], "whisper", "t.json", "en"), "netflix")
    assert (limits.thresholds.max_cps, limits.lang, limits.gap_ms) == (20, "en", 80) and limits.fps == 25
    assert not limits_for(None, "bbc", "en").dialogue


def test_no_words_no_cues() -> None:
    assert cut([])[0] == []
