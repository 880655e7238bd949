"""Readers: every input format gives the same words, and bad input gives located diagnostics."""

from __future__ import annotations

import json
from typing import Any

import pytest

from subkit.errors import InputError
from subkit.formats import parse_text
from subkit.transcripts import parse_transcript, sniff, transcript_from_track


def whisper(*segments: list[tuple[Any, ...]], **extra: Any) -> str:
    """Whisper JSON from segments given as lists of (word, start, end[, probability])."""
    out = []
    for words in segments:
        out.append(
            {
                "start": words[0][1],
                "end": words[-1][2],
                "text": "".join(w[0] for w in words),
                "words": [
                    {"word": w[0], "start": w[1], "end": w[2], "probability": w[3] if len(w) > 3 else 0.9}
                    for w in words
                ],
            }
        )
    return json.dumps({"segments": out, **extra})


@pytest.mark.parametrize(
    "name, fmt", [("whisperx", "whisperx"), ("aws", "aws"), ("vtt", "vtt"), ("segments", "whisper")]
)
def test_every_format_gives_the_words_of_the_whisper_rendering(renderings: dict[str, str], name: str, fmt: str) -> None:
    reference = parse_transcript(renderings["whisper"], "film.fr.json")
    other = parse_transcript(renderings[name], f"film.fr.{name}")
    assert other.format == fmt
    assert [w.text for w in other.words] == [w.text for w in reference.words]
    assert not other.problems
    if name in ("whisperx", "aws"):  # the same times, to the millisecond
        assert [(w.start, w.end) for w in other.words] == [(w.start, w.end) for w in reference.words]
    if name == "whisperx":
        assert {w.speaker for w in other.words} >= {"SPEAKER_00", "SPEAKER_01"}
    starts = [w.start for w in other.words]
    assert starts == sorted(starts)
    assert all(w.start <= w.end for w in other.words)


def test_the_derived_transcript_is_the_sample_in_recogniser_typography(
    renderings: dict[str, str], sample_cues: list[Any]
) -> None:
    transcript = parse_transcript(renderings["whisper"], "film.fr.json")
    assert transcript.language == "fr"
    texts = [w.text for w in transcript.words]
    assert texts[:7] == ["Faucon", "2,", "ici", "Aigle.", "Tu", "me", "reçois?"]
    assert "\u00a0" not in "".join(texts)
    assert sum(1 for w in transcript.words if w.confidence is not None and w.confidence < 0.5) > 50


def test_segment_only_json_places_words_inside_their_segment_and_says_so() -> None:
    text = json.dumps(
        {
            "segments": [
                {"start": 1.0, "end": 3.0, "text": " Bonjour à tous."},
                {"start": 5.0, "end": 6.0, "text": " Merci."},
            ]
        }
    )
    transcript = parse_transcript(text, "a.json")
    assert [w.text for w in transcript.words] == ["Bonjour", "à", "tous.", "Merci."]
    assert transcript.words[0].start == 1000 and transcript.words[2].end == 3000
    assert (transcript.words[3].start, transcript.words[3].end) == (5000, 6000)
    assert transcript.untimed == 4 and not transcript.problems
    assert "segment-only" in transcript.notes[0]


def test_whisper_pieces_without_a_space_continue_their_word_and_punctuation_joins_its_word() -> None:
    text = whisper(
        [
            (" Le", 0.0, 0.2),
            (" Pan", 0.2, 0.5, 0.4),
            ("chir", 0.5, 0.8, 0.8),
            (" ?", 0.8, 0.8),
            (" «", 1.0, 1.0),
            ("Non", 1.0, 1.3),
            (" »", 1.3, 1.3),
        ]
    )
    words = parse_transcript(text, "a.json").words
    assert [w.text for w in words] == ["Le", "Panchir?", "«Non»"]
    assert (words[1].start, words[1].end, words[1].confidence) == (200, 800, 0.4)


def test_faster_whisper_named_tuples_and_a_bare_list_of_segments() -> None:
    text = json.dumps(
        [{"start": 0.0, "end": 1.0, "text": " Oui non", "words": [[0.0, 0.4, " Oui", 0.9], [0.5, 1.0, " non", 0.8]]}]
    )
    transcript = parse_transcript(text, "a.json")
    assert transcript.format == "whisper"
    assert [(w.text, w.start, w.end, w.confidence) for w in transcript.words] == [
        ("Oui", 0, 400, 0.9),
        ("non", 500, 1000, 0.8),
    ]


def test_whisperx_words_it_could_not_align_are_kept_placed_and_reported_with_their_path() -> None:
    data = {
        "segments": [
            {
                "start": 1.0,
                "end": 3.0,
                "text": "En 2021 tout change",
                "speaker": "SPEAKER_00",
                "words": [
                    {"word": "En", "start": 1.0, "end": 1.2, "score": 0.9},
                    {"word": "2021"},
                    {"word": "tout", "start": 2.0, "end": 2.3, "score": 0.9},
                    {"word": "change", "start": 2.3, "end": 3.0, "score": 0.9},
                ],
            }
        ],
        "word_segments": [],
    }
    transcript = parse_transcript(json.dumps(data), "x.json")
    assert transcript.format == "whisperx"
    assert [w.text for w in transcript.words] == ["En", "2021", "tout", "change"]
    placed = transcript.words[1]
    assert not placed.timed and 1200 <= placed.start <= placed.end <= 2000
    assert [p.where for p in transcript.problems] == ["$.segments[0].words[1]"]
    assert "no start or end time" in transcript.problems[0].message
    assert transcript.words[0].speaker == "SPEAKER_00"


def test_aws_punctuation_items_and_speaker_labels() -> None:
    data = {
        "results": {
            "language_code": "en-US",
            "items": [
                {
                    "type": "pronunciation",
                    "start_time": "0.5",
                    "end_time": "0.9",
                    "alternatives": [{"confidence": "0.99", "content": "Hello"}],
                },
                {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": ","}]},
                {
                    "type": "pronunciation",
                    "start_time": "1.0",
                    "end_time": "1.4",
                    "alternatives": [{"confidence": "0.31", "content": "world"}],
                },
                {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]},
            ],
            "speaker_labels": {
                "speakers": 2,
                "segments": [
                    {
                        "speaker_label": "spk_0",
                        "start_time": "0.5",
                        "end_time": "0.9",
                        "items": [{"start_time": "0.5", "speaker_label": "spk_0"}],
                    },
                    {
                        "speaker_label": "spk_1",
                        "start_time": "1.0",
                        "end_time": "1.4",
                        "items": [{"start_time": "1.0", "speaker_label": "spk_1"}],
                    },
                ],
            },
        }
    }
    transcript = parse_transcript(json.dumps(data), "job.json")
    assert transcript.format == "aws" and transcript.language == "en-US"
    assert [(w.text, w.start, w.end, w.speaker, w.confidence) for w in transcript.words] == [
        ("Hello,", 500, 900, "spk_0", 0.99),
        ("world.", 1000, 1400, "spk_1", 0.31),
    ]


YOUTUBE = """WEBVTT
Kind: captions
Language: en

00:00:00.240 --> 00:00:03.830 align:start position:0%
 
we<00:00:00.690><c> went</c><00:00:01.050><c> up</c><00:00:01.530><c> the</c><00:00:01.770><c> valley</c>

00:00:03.830 --> 00:00:03.840 align:start position:0%
we went up the valley
 

00:00:03.840 --> 00:00:06.950 align:start position:0%
we went up the valley
at<00:00:04.290><c> dawn</c><00:00:05.000><c> New York</c>

00:00:06.950 --> 00:00:06.960 align:start position:0%
at dawn New York
 
"""


def test_youtube_captions_give_each_word_once_with_its_timestamp() -> None:
    transcript = parse_transcript(YOUTUBE, "auto.vtt")
    assert transcript.format == "vtt" and transcript.language == "en"
    assert [w.text for w in transcript.words] == ["we", "went", "up", "the", "valley", "at", "dawn", "New", "York"]
    assert [w.start for w in transcript.words[:6]] == [240, 690, 1050, 1530, 1770, 3840]
    assert transcript.words[7].start == 5000 < transcript.words[8].start <= transcript.words[8].end <= 6950
    # a word seems to last until the next timestamp; what it cannot take to say is a pause
    assert transcript.words[4].end < 3840


def test_a_subtitle_track_is_evidence_by_its_cue_times_with_italics_and_speakers() -> None:
    track = parse_text(
        "1\n00:00:01,000 --> 00:00:03,000\n<i>Il est parti\nce matin.</i>\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n- Tu viens ?\n- Non.\n",
        "a.fr.srt",
    )
    transcript = transcript_from_track(track)
    assert [w.text for w in transcript.words] == ["Il", "est", "parti", "ce", "matin.", "Tu", "viens?", "Non."]
    assert all(w.italic for w in transcript.words[:5]) and not transcript.words[5].italic
    assert transcript.words[0].start == 1000 and transcript.words[4].end == 3000
    assert transcript.words[5].speaker != transcript.words[7].speaker
    assert not transcript.problems and transcript.notes


def test_a_rolled_up_track_is_read_without_its_repeated_lines() -> None:
    cues = ["we went up", "we went up\nthe valley at", "the valley at\ndawn and we", "dawn and we\nsaw them"]
    text = "".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n + 1},000\n{c}\n\n" for n, c in enumerate(cues, 1))
    transcript = parse_transcript(text, "live.srt")
    assert " ".join(w.text for w in transcript.words) == "we went up the valley at dawn and we saw them"


def test_a_line_said_twice_in_an_ordinary_track_is_kept_twice() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nNon.\n\n2\n00:00:03,000 --> 00:00:04,000\nNon.\nJamais.\n"
    assert [w.text for w in parse_transcript(text, "a.srt").words] == ["Non.", "Non.", "Jamais."]


@pytest.mark.parametrize(
    "text, fmt",
    [
        ('{"segments": []}', "whisper"),
        ('[{"text": " a", "start": 0, "end": 1}]', "whisper"),
        ('{"word_segments": []}', "whisperx"),
        ('{"results": {"items": []}}', "aws"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", "vtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nx\n", "srt"),
    ],
)
def test_sniffing(text: str, fmt: str) -> None:
    assert sniff(text, "x") == fmt


def test_a_format_can_be_forced(renderings: dict[str, str]) -> None:
    forced = parse_transcript(renderings["whisperx"], "x.json", "whisper")
    assert forced.format == "whisper" and len(forced.words) > 5000
    with pytest.raises(InputError, match=r"\$\.results"):
        parse_transcript(renderings["whisper"], "x.json", "aws")


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("{not json", "not valid JSON", 1),
        ('{"text": "hello", "chunks": []}', r"\$: JSON of no transcript shape", None),
        ("[1, 2, 3]", r"\$: JSON of no transcript shape", None),
        ('{"segments": "none"}', r"\$\.segments: expected a list", None),
        ('{"segments": []}', "no words", None),
        ('{"segments": [{"text": " sans temps"}]}', "no usable time anywhere", None),
        ('{"segments": [{"words": [{"word": " a"}, {"word": " b", "start": "x"}]}]}', "no usable time anywhere", None),
        ("just some text", "not a transcript", None),
        ('{"results": {"items": "x"}}', r"\$\.results\.items: expected a list", None),
    ],
)
def test_unusable_input_is_one_located_error(text: str, message: str, line: int | None) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_transcript(text, "bad.json")
    assert caught.value.exit_code == 3 and caught.value.path == "bad.json" and caught.value.line == line


def test_bad_times_are_located_repaired_and_every_word_kept() -> None:
    text = whisper(
        [(" Un", 1.0, 1.4), (" deux", 1.5, 1.9), (" trois", 0.2, 0.5), (" quatre", 2.5, 2.1)],
        [(" cinq", 3.0, 3.5), (" six", "4", 4.5), (" sept", -1, 5.0), (" huit", 5.0, 5.6)],
    )
    transcript = parse_transcript(text, "t.json")
    assert [w.text for w in transcript.words] == ["Un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit"]
    where = {p.where: p.message for p in transcript.problems}
    assert "times go backwards" in where["$.segments[0].words[2]"]
    assert "ends 400 ms before it starts" in where["$.segments[0].words[3]"]
    assert "not a number" in where["$.segments[1].words[1]"]
    assert "negative" in where["$.segments[1].words[2]"]
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(transcript.words, transcript.words[1:]))
    assert [w.timed for w in transcript.words] == [True, True, False, False, True, False, False, True]


def test_overlapping_speakers_are_reported_and_shown_one_after_the_other() -> None:
    data = {
        "segments": [
            {
                "start": 0,
                "end": 3,
                "text": "a b c",
                "words": [
                    {"word": "Viens", "start": 0.0, "end": 1.5, "speaker": "A"},
                    {"word": "Non", "start": 1.0, "end": 1.8, "speaker": "B"},
                    {"word": "vite", "start": 1.8, "end": 2.2, "speaker": "A"},
                ],
            }
        ],
        "word_segments": [],
    }
    transcript = parse_transcript(json.dumps(data), "x.json")
    assert [p.where for p in transcript.problems] == ["$.segments[0].words[1]"]
    assert "overlapping speakers: B starts 500 ms before A stops" in transcript.problems[0].message
    assert transcript.words[1].start == 1500


def test_a_small_overlap_between_words_is_trimmed_silently() -> None:
    transcript = parse_transcript(whisper([(" a", 0.0, 0.52), (" b", 0.5, 0.9)]), "x.json")
    assert not transcript.problems and transcript.words[1].start == 520


def test_any_subtitle_format_is_evidence_youtube_sbv_included() -> None:
    sbv = "0:00:01.000,0:00:02.500\nwe walked all night\n\n0:00:02.500,0:00:04.000\nin the mountains.\n"
    transcript = parse_transcript(sbv, "auto.en.sbv")
    assert transcript.format == "sbv" and transcript.language == "en"
    assert [w.text for w in transcript.words] == ["we", "walked", "all", "night", "in", "the", "mountains."]
    assert transcript.words[0].start == 1000 and transcript.words[-1].end == 4000
