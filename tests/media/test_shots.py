"""Hard cuts found in generated video; shot-change lists read and written; `subkit shots`."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from subkit.cli import cli
from subkit.errors import InputError
from subkit.media.shots import find_shot_changes, format_shot_list, hard_cuts, parse_shot_list
from subkit.timecode import frames_to_ms
from tests.media.conftest import CutVideo

RATES = [Fraction(25), Fraction(24000, 1001), Fraction(30), Fraction(24)]


def test_every_hard_cut_is_found_on_its_frame_and_none_in_fades_or_pans(cut_video: CutVideo) -> None:
    found = find_shot_changes(str(cut_video.path))
    frame = 1000 / cut_video.fps
    assert found.fps == cut_video.fps and found.frames > 0
    for cut in cut_video.cuts:
        assert any(abs(time - cut) <= frame for time in found.times), (cut, found.times)
    extra = [time for time in found.times if not any(abs(time - cut) <= frame for cut in cut_video.cuts)]
    assert extra == [], (extra, cut_video.quiet)


def test_a_cut_stands_out_from_its_neighbours_a_fade_does_not() -> None:
    steady = [(i * 40, 0.01) for i in range(20)]
    cut = [(t, 0.6 if t == 400 else s) for t, s in steady]
    fade = [(t, 0.2 if 300 <= t <= 700 else s) for t, s in steady]
    assert list(hard_cuts(cut)) == [400]
    assert list(hard_cuts(fade)) == []
    assert list(hard_cuts(cut[:12])) == [400]  # judged with the neighbours it has at the end


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 200_000), max_size=30), st.sampled_from(RATES), st.sampled_from(["seconds", "timecode"]))
def test_lists_round_trip_within_a_frame(frames: list[int], fps: Fraction, fmt: str) -> None:
    times = sorted({frames_to_ms(frame, fps) for frame in frames})
    back = parse_shot_list(format_shot_list(times, fmt, fps), fps).times
    assert list(back) == times


def test_every_documented_line_form_is_read() -> None:
    text = "\ufeff# shot changes\n12.48\n00:00:13.000 # a comment\n00:00:14,040; exterior\n00:00:15:05\n20\n525f\n\n"
    assert parse_shot_list(text, Fraction(25)).times == (12_480, 13_000, 14_040, 15_200, 20_000, 21_000)


def test_a_bad_line_is_an_error_with_its_number() -> None:
    with pytest.raises(InputError, match="not a shot-change time") as caught:
        parse_shot_list("12.48\nabc\n", Fraction(25), "film.shots")
    assert caught.value.line == 2 and caught.value.exit_code == 3


def test_shots_command_writes_a_list_validate_reads(cut_video: CutVideo, tmp_path: Path) -> None:
    out = tmp_path / "cuts.shots"
    result = CliRunner().invoke(cli, ["shots", str(cut_video.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{len(cut_video.cuts)} shot change(s)" in result.stderr and str(out) in result.stderr
    listed = parse_shot_list(out.read_text(encoding="utf-8"), Fraction(25)).times
    assert len(listed) == len(cut_video.cuts)
    timecodes = CliRunner().invoke(cli, ["shots", str(cut_video.path), "--format", "timecode"])
    assert timecodes.stdout.splitlines()[0].count(":") == 3


def test_shots_of_a_sound_file_or_garbage_is_exit_3(tmp_path: Path, speech_film: object) -> None:
    garbage = tmp_path / "x.mp4"
    garbage.write_bytes(b"nothing to see" * 100)
    for path, words in ((garbage, "cannot read media"), (tmp_path / "missing.mkv", "no such file")):
        result = CliRunner().invoke(cli, ["shots", str(path)])
        assert result.exit_code == 3 and words in result.stderr and result.stderr.count("\n") == 1
    wav = tmp_path / "speech.wav"
    wav.write_bytes((Path(speech_film.path).parent / "speech.wav").read_bytes())  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, ["shots", str(wav)])
    assert result.exit_code == 3 and "no video stream" in result.stderr
