"""`subkit retime` and `subkit sync` through click's runner: outputs, warnings, exit codes."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import parse_text, write_track
from tests.retime.tracks import disturbed_copy, generated_track, programme_track

SRT = (
    "1\n00:00:01,000 --> 00:00:02,000\n<i>Bonjour</i>\n\n2\n00:00:04,500 --> 00:00:06,000\nKaboul\u00a0!\n\n"
    "3\n00:00:10,000 --> 00:00:12,000\nTrois\n"
)
VTT = (
    "WEBVTT\n\nNOTE en tête\n\nintro\n00:00:01.000 --> 00:00:02.000 line:0\n<i>Bonjour</i>\n\nNOTE deux\n\n"
    "deux\n00:00:04.500 --> 00:00:06.000 align:start\nKaboul\n"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def starts(text: str, path: str = "x.srt") -> list[tuple[int, int]]:
    return [(cue.start, cue.end) for cue in parse_text(text, path).cues]


def test_shift_writes_the_output_and_names_dropped_and_clamped_cues(tmp_path: Path) -> None:
    source = tmp_path / "a.fr.srt"
    source.write_text(SRT, encoding="utf-8")
    code, out, err = run("retime", str(source), "--shift", "-4.6s", "-o", str(tmp_path / "b.fr.srt"))
    assert code == 0, err
    assert out == ""
    assert starts((tmp_path / "b.fr.srt").read_text(encoding="utf-8")) == [(0, 1_400), (5_400, 7_400)]
    lines = err.splitlines()
    assert len(lines) == 2
    assert "cue 1 at 00:00:01,000 --> 00:00:02,000" in lines[0] and "dropped" in lines[0]
    assert "cue 2 at 00:00:04,500" in lines[1] and "starts at 0" in lines[1]
    assert source.read_text(encoding="utf-8") == SRT


def test_without_output_the_track_goes_to_stdout_and_stdin_works() -> None:
    code, out, err = run("retime", "-", "--fps", "25:23.976", stdin=SRT)
    assert code == 0, err
    assert starts(out)[0] == (1_043, 2_085)  # 1000 x 25 x 1001 / 24000 = 1042.7


def test_options_combine_in_the_documented_order(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    # --fps 2:1 doubles, the map adds 1 s after that, --shift adds 250 ms, --snap 25 rounds to 40 ms
    code, out, _ = run(
        "retime", str(source), "--shift", "250ms", "--map", "0=1s", "--map", "100s=101s", "--snap", "25", "--fps", "2:1"
    )
    assert code == 0
    assert starts(out)[0] == (3_240, 5_240)  # 1000*2+1000+250 = 3250 -> frame 81.25 -> 81 -> 3240


def test_from_and_frames(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    code, out, _ = run("retime", str(source), "--from", "100f", "--shift", "25f", "--rate", "25")
    assert code == 0
    assert starts(out) == [(1_000, 2_000), (5_500, 7_000), (11_000, 13_000)]
    code, _, err = run("retime", str(source), "--shift", "25f")
    assert code == 2 and "--rate" in err


def test_vtt_keeps_ids_settings_notes_and_can_become_srt(tmp_path: Path) -> None:
    source = tmp_path / "a.vtt"
    source.write_text(VTT, encoding="utf-8")
    code, out, _ = run("retime", str(source), "--shift", "1s")
    assert code == 0
    assert out == VTT.replace("00:00:01.000 --> 00:00:02.000", "00:00:02.000 --> 00:00:03.000").replace(
        "00:00:04.500 --> 00:00:06.000", "00:00:05.500 --> 00:00:07.000"
    )
    code, _, err = run("retime", str(source), "--shift", "1s", "-o", str(tmp_path / "a.srt"))
    assert code == 0
    assert (tmp_path / "a.srt").read_text(encoding="utf-8").startswith("1\n00:00:02,000 --> 00:00:03,000\n")
    assert "cannot hold" in err


def test_usage_and_input_errors(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    assert run("retime", str(source))[0] == 2  # nothing to do
    assert run("retime", str(source), "--fps", "25")[0] == 2
    assert run("retime", str(source), "--map", "1s=2s")[0] == 2
    code, _, err = run("retime", str(source), "--shift", "2")  # seconds? frames? milliseconds?
    assert code == 2 and "has no unit" in err
    code, _, err = run("retime", str(source), "--map", "1s=5s", "--map", "2s=3s")
    assert code == 2 and err.startswith("subkit: --map: would reverse time")
    code, _, err = run("retime", str(tmp_path / "missing.srt"), "--shift", "1s")
    assert code == 3 and err == f"subkit: {tmp_path / 'missing.srt'}: no such file\n"
    code, _, err = run("retime", str(source), "--shift", "1s", "-o", str(source))
    assert code == 73 and "overwrite" in err and "Traceback" not in err
    assert source.read_text(encoding="utf-8") == SRT


def _sync_files(tmp_path: Path, unrelated: bool = False) -> tuple[Path, Path]:
    reference = programme_track()
    if unrelated:
        track = generated_track(cues=500, seed=77)
    else:
        track = disturbed_copy(reference, lambda t: Fraction(t) * Fraction(24000, 1001) / 25 + 2_000).track
    write_track(reference, str(tmp_path / "ref.en.srt"))
    write_track(track, str(tmp_path / "film.fr.srt"))
    return tmp_path / "film.fr.srt", tmp_path / "ref.en.srt"


def test_sync_reports_and_writes(tmp_path: Path) -> None:
    film, reference = _sync_files(tmp_path)
    code, out, err = run(
        "sync", str(film), "--reference", str(reference), "--format", "json", "-o", str(tmp_path / "out.srt")
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["fps"] == "25:23.976" and report["splits"] == [] and not report["refused"]
    assert abs(report["offset_ms"] - -2_086) <= 40  # 2000 ms x 25/23.976
    assert report["confidence"] > 0.7 and report["output"] == str(tmp_path / "out.srt")
    assert len(parse_text((tmp_path / "out.srt").read_text(encoding="utf-8"), "out.srt").cues) == report["cues"]
    code, out, _ = run("sync", str(film), "-r", str(reference))
    assert code == 0 and "written     nothing (give -o OUT" in out and "25:23.976" in out
    code, out, err = run("sync", str(film), "-r", str(reference), "-o", "-")
    assert code == 0 and out.startswith("1\n") and "confidence" in err


def test_sync_refuses_an_unrelated_track(tmp_path: Path) -> None:
    film, reference = _sync_files(tmp_path, unrelated=True)
    code, out, err = run("sync", str(film), "-r", str(reference), "-o", str(tmp_path / "out.srt"))
    assert code == 1
    assert "too poor to trust" in out
    assert err.startswith(f"subkit: {film}: no trustworthy alignment") and err.count("\n") == 1
    assert not (tmp_path / "out.srt").exists()
    code, out, _ = run("sync", str(film), "-r", str(reference), "--format", "json")
    assert code == 1 and json.loads(out)["refused"] is True
