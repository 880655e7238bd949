"""sync against a film's sound: espeak-ng speech at known times over noise and music (see conftest)."""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.alignment import MIN_CONFIDENCE, align_to_media, apply_alignment
from subkit.cli import cli
from subkit.errors import InputError, UsageError
from subkit.formats import read_track
from tests.media.conftest import SpeechFilm


def errors_against_truth(film: SpeechFilm, synced_starts: list[int]) -> list[int]:
    return [start - want for start, want in zip(synced_starts, film.truth) if want is not None]


def test_sync_to_speech_finds_speed_offset_and_the_cut(speech_film: SpeechFilm) -> None:
    alignment, speech = align_to_media(speech_film.track, str(speech_film.path))
    assert alignment.ratio_label == "25:23.976"
    assert len(alignment.segments) == 2, alignment.segments
    assert alignment.confidence >= 0.6
    result = apply_alignment(speech_film.track, alignment)
    errors = [abs(e) for e in errors_against_truth(speech_film, [cue.start for cue in result.track.cues])]
    assert statistics.median(errors) <= 40, errors
    assert sum(1 for e in errors if e <= 100) >= 0.9 * len(errors), errors
    assert speech.stream.number == 1 and speech.duration_ms == pytest.approx(speech_film.duration_ms, abs=100)


def test_speech_of_another_film_is_refused(speech_film: SpeechFilm, other_film: Path) -> None:
    alignment, _ = align_to_media(speech_film.track, str(other_film))
    assert alignment.confidence < MIN_CONFIDENCE
    result = CliRunner().invoke(cli, ["sync", str(speech_film.track_path), "-r", str(other_film), "-o", "x.srt"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "no trustworthy alignment" in result.stderr


def test_audio_track_picks_the_stream(speech_film: SpeechFilm) -> None:
    music_only, _ = align_to_media(speech_film.track, str(speech_film.path), audio_track=2)
    assert music_only.confidence < MIN_CONFIDENCE
    with pytest.raises(UsageError, match="audio track 3 asked for, but the file has 2"):
        align_to_media(speech_film.track, str(speech_film.path), audio_track=3)


def test_cli_writes_the_synced_track_and_a_json_report(speech_film: SpeechFilm, tmp_path: Path) -> None:
    out = tmp_path / "synced.fr.srt"
    result = CliRunner().invoke(
        cli,
        [
            "sync",
            str(speech_film.track_path),
            "-r",
            str(speech_film.path),
            "--audio-track",
            "1",
            "--format",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reference_kind"] == "speech" and data["speech"]["audio_track"] == 1
    assert data["fps"] == "25:23.976" and len(data["splits"]) == 1 and not data["refused"]
    starts = [cue.start for cue in read_track(str(out)).cues]
    errors = [abs(e) for e in errors_against_truth(speech_film, starts)]
    assert statistics.median(errors) <= 40


def test_installed_command_reports_speech(speech_film: SpeechFilm) -> None:
    completed = subprocess.run(
        ["subkit", "sync", str(speech_film.track_path), "-r", str(speech_film.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[1].startswith("  speech ") and "audio track 1" in lines[1]
    assert "of a speech onset" in completed.stdout and "written     nothing (give -o OUT" in completed.stdout


@pytest.mark.parametrize("content", [b"", b"\x00\x01 not a film at all" * 50])
def test_unreadable_media_is_one_line_exit_3(speech_film: SpeechFilm, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "broken.mkv"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["sync", str(speech_film.track_path), "-r", str(bad)])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"subkit: {bad}: cannot read media") and result.stderr.count("\n") == 1


def test_a_film_without_sound_is_exit_3(speech_film: SpeechFilm, cut_video: object) -> None:
    result = CliRunner().invoke(cli, ["sync", str(speech_film.track_path), "-r", str(cut_video.path)])  # type: ignore[attr-defined]
    assert result.exit_code == 3
    assert "no audio stream" in result.stderr and result.stderr.count("\n") == 1


def test_missing_ffmpeg_is_one_line_exit_3(speech_film: SpeechFilm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = CliRunner().invoke(cli, ["sync", str(speech_film.track_path), "-r", str(speech_film.path)])
    assert result.exit_code == 3
    assert "ffprobe is not installed" in result.stderr and "apt-get install ffmpeg" in result.stderr
    with pytest.raises(InputError, match="not installed"):
        align_to_media(speech_film.track, str(speech_film.path))


def test_audio_track_with_a_subtitle_reference_is_a_usage_error(speech_film: SpeechFilm) -> None:
    result = CliRunner().invoke(
        cli, ["sync", str(speech_film.track_path), "-r", str(speech_film.track_path), "--audio-track", "2"]
    )
    assert result.exit_code == 2 and "--audio-track" in result.stderr
