"""Media made once per test session with ffmpeg and espeak-ng (small, 8 kHz, 64x36 pictures).

`speech_film`: the first cues of the programme spoken over noise and music in a film of another
cut and frame rate than the track's: every time x 1001/960 (a track timed for 25 fps, a 23.976
master), 3.1 s later, and a 15 s scene after the 14th cue missing; its second audio track holds
music and noise only. `other_film`: another programme's speech (for refusals). `cut_video`: shots with
known hard cuts, cross-fades, fades through black and fast pans. Tests that need them skip, with
the reason, when ffmpeg or espeak-ng is not installed (`.ci/run` installs both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from subkit.model import Track
from tests.media.synth import have_programs, moved_cues, mux, shot_video, speech_mix, write_wav
from tests.retime.tracks import generated_track, programme_track

RATE = 8000
CUES = 36
SPEED = Fraction(1001, 960)  # 25 fps timing played at 23.976: every time x 25/23.976
OFFSET = 3_100
CUT_AFTER = 14  # the scene after this cue (15 s) is not in the film
CUT_MS = 15_000


@dataclass(frozen=True)
class SpeechFilm:
    path: Path
    #: the track to sync (as delivered: timed for another cut and frame rate)
    track: Track
    track_path: Path
    #: cue position -> where its speech starts in the film (None: its scene was cut)
    truth: list[int | None]
    duration_ms: int


def _needs(*programs: str) -> None:
    if not have_programs(*programs):
        pytest.skip(f"needs {' and '.join(programs)} (installed by .ci/run)")


def _film_timeline(track: Track) -> Callable[[int], int | None]:
    cut_at = track.cues[CUT_AFTER].start - 100

    def placed(ms: int) -> int | None:
        if cut_at <= ms < cut_at + CUT_MS:
            return None
        if ms >= cut_at + CUT_MS:
            ms -= CUT_MS
        return int((Fraction(ms) * SPEED + OFFSET).__round__())

    return placed


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def speech_film(media_dir: Path) -> SpeechFilm:
    _needs("ffmpeg", "espeak-ng")
    from subkit.formats import write_track

    source = programme_track()
    # the first cues, and the 15 s after cue CUT_AFTER taken out of the film
    track = Track([cue.copy() for cue in source.cues[:CUES]])
    timeline = _film_timeline(track)
    spoken = moved_cues([(c.start, c.end, c.text) for c in track.cues], timeline)
    duration = spoken[-1][1] + 3_000
    speech = media_dir / "speech.wav"
    write_wav(speech, speech_mix(spoken, duration, RATE, seed=3), RATE)
    music = media_dir / "music.wav"
    write_wav(music, speech_mix([], duration, RATE, seed=4), RATE)
    # FLAC: no encoder delay, so the speech is where it was put (AAC in MKV starts 128 ms late)
    film = mux(speech, media_dir / "film.mkv", duration / 1000, audio_codec="flac", extra_audio=music)
    track_path = media_dir / "film.fr.srt"
    write_track(track, str(track_path))
    return SpeechFilm(film, track, track_path, [timeline(cue.start) for cue in track.cues], duration)


@pytest.fixture(scope="session")
def other_film(media_dir: Path, speech_film: SpeechFilm) -> Path:
    """Speech of another programme, with its own rhythm, over the same kind of sound."""
    other = generated_track(cues=40, seed=77)
    texts = [cue.text for cue in programme_track().cues[200:240]]
    cues = [(cue.start, cue.end, text) for cue, text in zip(other.cues, texts)]
    duration = cues[-1][1] + 2_000
    audio = media_dir / "other.wav"
    write_wav(audio, speech_mix(cues, duration, RATE, seed=9), RATE)
    return mux(audio, media_dir / "other.mp4", duration / 1000)


@dataclass(frozen=True)
class CutVideo:
    path: Path
    cuts: list[int]
    #: (start, end) ms of fades and of the inside of fast pans: no cut may be reported there
    quiet: list[tuple[int, int]]
    fps: int


SHOTS = [
    ("bars", 2.0, "cut"),
    ("fractal", 1.6, "cut"),
    ("pan", 2.0, "cut"),
    ("warm", 1.6, "fade"),
    ("grain", 1.2, "cut"),
    ("sky", 1.6, "black"),
    ("night", 1.2, "cut"),
    ("pan", 1.6, "cut"),
    ("warm", 1.0, "cut"),
    ("fractal", 1.4, "fade"),
    ("sky", 1.2, "cut"),
]


@pytest.fixture(scope="session")
def cut_video(media_dir: Path) -> CutVideo:
    _needs("ffmpeg")
    fps = 25
    cuts, fades = shot_video(media_dir / "cuts.mp4", SHOTS, fps=fps)
    pans = []
    time = 0.0
    for source, seconds, into in SHOTS:
        seconds = round(seconds * fps) / fps
        if into == "fade":
            time -= 1
        if source == "pan":
            pans.append((round(time * 1000) + 80, round((time + seconds) * 1000) - 80))
        time += seconds
    return CutVideo(media_dir / "cuts.mp4", cuts, fades + pans, fps)
