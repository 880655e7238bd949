"""Properties of reading and segmenting: every word once and in order, no overlap, limits kept."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.errors import InputError
from subkit.markup import visible_text
from subkit.qc import check_track
from subkit.qc.config import profile_names
from subkit.transcripts import Transcript, Word, limits_for, parse_transcript, segment_transcript
from subkit.transcripts.typography import typeset
from subkit.translation.segment import dash_text

VOCABULARY = st.sampled_from(
    [
        "la",
        "vallée",
        "Massoud.",
        "Ahmad",
        "avait",
        "appris",
        "et",
        "300",
        "mètres",
        "Tu",
        "viens?",
        "Non,",
        "«",
        "»",
        "?",
        ",",
        "...",
        '"Jamais!"',
        "Panchir",
        "est",
        "parti.",
        "de",
        "nouveau",
        "combattants",
        "x" * 45,
        "a&b",
        "<i>",
        "l'hiver",
        "peut-être",
        "Aigle,",
        "ici",
        "Faucon",
        "2",
        "Reçu.",
        "Maintenant!",
        "Attendez…",
    ]
)
PROFILES = st.sampled_from(profile_names())
RATES = st.sampled_from([Fraction(25), Fraction(24000, 1001), Fraction(30), Fraction(50)])
LANGUAGES = st.sampled_from(["fr", "en", "de", None])


@st.composite
def transcripts(draw: st.DrawFn, speakable: bool = False) -> Transcript:
    """Words in spoken order; `speakable` ones are said by one voice slowly enough for any profile
    to show them (a lone word between two other speakers cannot be shown for a second)."""
    count = draw(st.integers(min_value=1, max_value=40))
    clock = draw(st.integers(min_value=0, max_value=5000))
    speakers = not speakable and draw(st.booleans())
    words = []
    for index in range(count):
        text = draw(VOCABULARY if not speakable else VOCABULARY.filter(lambda t: len(t) < 30))
        low = 120 * (len(text) + 1) if speakable else 0
        duration = draw(st.integers(min_value=low, max_value=max(low, 900)))
        words.append(
            Word(
                text,
                clock,
                clock + duration,
                f"$.w[{index}]",
                draw(st.floats(0, 1)),
                draw(st.sampled_from(["A", "B", "C"])) if speakers else None,
            )
        )
        clock += duration + draw(st.integers(min_value=0, max_value=2500))
    return Transcript(words, "whisper", "t.json", None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts(), PROFILES, RATES, LANGUAGES)
def test_every_word_once_in_order_no_overlap_limits_kept(
    transcript: Transcript, profile: str, fps: Fraction, lang: str | None
) -> None:
    limits = limits_for(transcript, profile, lang or "xx", fps)
    result = segment_transcript(transcript, limits=limits)
    words = transcript.words
    cues = result.track.cues
    rules = limits.thresholds
    # the spans cover every word exactly once, in order
    assert [k for first, stop in result.spans for k in range(first, stop)] == list(range(len(words)))
    assert len(cues) == len(result.spans) and all(first < stop for first, stop in result.spans)
    # and each cue shows exactly its words, in order, in the language's typography (spaces,
    # line breaks and dialogue dashes aside)
    dash = dash_text(limits.lang or "")
    for cue, (first, stop) in zip(cues, result.spans):
        lines = visible_text(cue.text).split("\n")
        if any(words[k].speaker != words[first].speaker for k in range(first, stop)):
            assert len(lines) == 2 and all(line.startswith(dash) for line in lines)
            lines = [line[len(dash) :] for line in lines]
        said = "".join(visible_text(typeset(words[k].text, limits.lang, rules.ellipsis)) for k in range(first, stop))
        assert "".join("".join(lines).split()) == "".join(said.split())
    # no overlap, the minimum gap, the frame grid, the maximum duration, line count, line length
    found = check_track(result.track, profile=profile, lang=limits.lang, fps=fps, ignore=["G"])
    codes = {f.code for f in found}
    assert not codes & {"T001", "T002", "T003", "T005", "T006", "T008", "T015", "L002", "S004", "S005"}, found
    for cue in cues:  # a line over the limit can only be one word longer than the limit
        assert all(len(line) <= rules.max_cpl or " " not in line for line in visible_text(cue.text).split("\n")), (
            cue.text
        )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts(speakable=True), PROFILES, RATES)
def test_speech_slow_enough_to_read_gives_a_track_without_errors(
    transcript: Transcript, profile: str, fps: Fraction
) -> None:
    result = segment_transcript(transcript, profile=profile, lang="fr", fps=fps)
    found = [
        f for f in check_track(result.track, profile=profile, lang="fr", fps=fps, ignore=["G"]) if f.severity == "error"
    ]
    assert not found, [(f.code, f.message, result.track.cues[f.cue - 1]) for f in found if f.cue]


TIMES = st.one_of(
    st.none(),
    st.floats(min_value=-5, max_value=30),
    st.sampled_from([float("nan"), float("inf"), "1.5", "x", True, [1]]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([" Il", " est", "?", " parti.", "", " «", "Pan"]),
            TIMES,
            TIMES,
            st.sampled_from(["A", "B", None]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_times_give_ordered_words_or_one_located_error(entries: list[tuple[str, object, object, object]]) -> None:
    data = {
        "segments": [
            {
                "start": 0.0,
                "end": 30.0,
                "text": "",
                "words": [
                    {"word": w, "start": s, "end": e, "probability": 0.5, "speaker": p} for w, s, e, p in entries
                ],
            }
        ]
    }
    said = "".join(w for w, _, _, _ in entries if w.strip())
    if not said:
        with pytest.raises(InputError, match="no words"):
            parse_transcript(json.dumps(data), "t.json")
        return
    transcript = parse_transcript(json.dumps(data), "t.json")  # segment bounds: never "nothing usable"
    assert "".join(w.text for w in transcript.words).replace(" ", "") == said.replace(" ", "")
    assert all(a.end <= b.start and a.start <= a.end for a, b in zip(transcript.words, transcript.words[1:]))
    assert all(0 <= w.start <= w.end for w in transcript.words)
    assert all(p.where.startswith("$.segments[0].words[") for p in transcript.problems)
