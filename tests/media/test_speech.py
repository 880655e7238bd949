"""Speech onsets: the streaming detector, and what it finds in generated speech over noise and music."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from subkit.errors import InputError
from subkit.media.ffmpeg import looks_like_media, pcm_chunks, probe
from subkit.media.speech import RATE, OnsetDetector, find_speech, speech_segments
from tests.media.conftest import SpeechFilm


def bursts(starts_ms: list[int], length_ms: int = 600, seed: int = 1) -> bytes:
    """Quiet noise with loud tone bursts (a crude voice) starting at the given times."""
    rng = np.random.default_rng(seed)
    total = (max(starts_ms, default=0) + length_ms + 1_500) * RATE // 1000
    signal = rng.normal(0, 30, total)
    for start in starts_ms:
        first = start * RATE // 1000
        t = np.arange(length_ms * RATE // 1000) / RATE
        signal[first : first + t.size] += 3_000 * np.sin(2 * np.pi * 440 * t)
    return signal.astype("<i2").tobytes()


def test_onsets_of_bursts_are_found_within_a_frame_or_two() -> None:
    starts = [1_500, 3_000, 3_900, 6_250]
    segments = speech_segments([bursts(starts)])
    assert [start for start, _ in segments] == pytest.approx(starts, abs=30)
    assert all(end - start == pytest.approx(600, abs=60) for start, end in segments)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 9_000), min_size=1, max_size=12))
def test_chunking_does_not_change_what_is_found(cuts: list[int]) -> None:
    data = bursts([1_000, 2_700, 4_100])
    whole = speech_segments([data])
    edges = sorted({min(cut * 7, len(data)) for cut in cuts})
    pieces = [data[a:b] for a, b in zip([0, *edges], [*edges, len(data)])]
    assert speech_segments(pieces) == whole


def test_detector_holds_one_chunk_and_one_second_of_history() -> None:
    detector = OnsetDetector()
    for _ in range(30):
        detector.feed(bursts([500], seed=_)[: RATE * 2 * 2])
    assert detector._history.size == 100 and len(detector._leftover) < 2 * RATE // 100


def test_cue_starts_have_an_onset_beside_them(speech_film: SpeechFilm) -> None:
    onsets = np.array(find_speech(str(speech_film.path)).onsets)
    heard = [abs(onsets - want).min() for want in speech_film.truth if want is not None]
    assert sum(1 for distance in heard if distance <= 100) >= 0.9 * len(heard)


def test_sound_is_streamed_in_chunks(speech_film: SpeechFilm) -> None:
    stream = probe(str(speech_film.path)).audio_stream(1)
    sizes = [len(chunk) for chunk in pcm_chunks(str(speech_film.path), stream, RATE, chunk_ms=5_000)]
    assert len(sizes) > 10 and max(sizes) == RATE * 2 * 5
    assert sum(sizes) == pytest.approx(speech_film.duration_ms * RATE * 2 // 1000, rel=0.01)


def test_stopping_early_stops_ffmpeg(speech_film: SpeechFilm) -> None:
    stream = probe(str(speech_film.path)).audio_stream(1)
    chunks = pcm_chunks(str(speech_film.path), stream, RATE, chunk_ms=1_000)
    next(chunks)
    chunks.close()  # must neither hang nor raise


def test_media_is_recognised_by_name_or_first_bytes(tmp_path: Path) -> None:
    riff = tmp_path / "sound"
    riff.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt ")
    text = tmp_path / "film.fr.srt"
    text.write_text("1\n00:00:01,000 --> 00:00:02,000\nBonjour\n", encoding="utf-8")
    assert looks_like_media(str(riff)) and looks_like_media("film.MKV") and not looks_like_media(str(text))


def test_unreadable_and_silent_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_speech(str(tmp_path / "missing.wav"))
    folder = tmp_path / "folder.mkv"
    folder.mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        probe(str(folder))
