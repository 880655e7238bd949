"""`subkit convert` and `subkit info` through click's runner and a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

import subkit
from subkit.cli import cli

SRT = "1\n00:00:01,000 --> 00:00:02,000\n<i>Bonjour</i>\n\n2\n00:00:04,500 --> 00:00:06,000\nKaboul\u00a0!\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_convert_one_file_beside_the_input(tmp_path: Path) -> None:
    source = tmp_path / "a.fr.srt"
    source.write_text(SRT, encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "vtt")
    assert code == 0, err
    assert (
        (tmp_path / "a.fr.vtt")
        .read_text(encoding="utf-8")
        .startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<i>Bonjour</i>")
    )
    assert source.read_text(encoding="utf-8") == SRT


def test_convert_to_stdout_and_txt(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    code, out, _ = run("convert", str(source), "--to", "txt", "--timestamps", "-o", "-")
    assert code == 0
    assert out == "[00:00:01] Bonjour\n\n[00:00:04] Kaboul\u00a0!\n"


def test_convert_folder_mirrors_the_tree(tmp_path: Path) -> None:
    (tmp_path / "in" / "ep1").mkdir(parents=True)
    (tmp_path / "in" / "ep1" / "x.fr.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "in" / "y.en.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("not a subtitle", encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "in"), "--to", "vtt", "-o", str(tmp_path / "out"))
    assert code == 0, err
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == [os.path.join("ep1", "x.fr.vtt"), "y.en.vtt"]


def test_same_format_without_output_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "srt")
    assert code == 2 and "overwrite" in err
    assert source.read_text(encoding="utf-8") == SRT


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "srt", "-o", str(source))
    assert code == 73 and "input" in err
    assert source.read_text(encoding="utf-8") == SRT


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"\x00\x01\x02\xff" * 300, "binary"),
        (b"hello\n", "not a subtitle file"),
    ],
)
def test_unreadable_input_exit_3_one_line_no_traceback(tmp_path: Path, content: bytes | None, needle: str) -> None:
    path = tmp_path / ("bad.dat" if needle == "empty file" else "bad.srt")  # a blank .srt is a track with no cues
    if content is not None:
        path.write_bytes(content)
    for command in (["convert", str(path), "--to", "vtt"], ["info", str(path)]):
        code, _, err = run(*command)
        assert code == 3
        assert err.count("\n") == 1 and err.startswith(f"subkit: {path}") and needle in err
        assert "Traceback" not in err


def test_broken_block_is_reported_with_file_and_line_and_the_rest_converted(tmp_path: Path) -> None:
    source = tmp_path / "b.srt"
    source.write_text(
        SRT + "\n3\n00:00:07,000 -> 00:00:08,000\nbroken arrow\n\n4\n00:00:09,000 --> 00:00:10,000\nlast\n",
        encoding="utf-8",
    )
    code, out, err = run("convert", str(source), "--to", "vtt", "-o", "-")
    assert code == 0
    assert f"subkit: {source}:9: error: cannot read timing line" in err
    assert out.count("-->") == 3


def test_info_text_and_json(tmp_path: Path) -> None:
    source = tmp_path / "a.fr.srt"
    source.write_bytes(SRT.replace("\n", "\r\n").encode("cp1252"))
    code, out, _ = run("info", "--no-detect", str(source))
    assert code == 0 and "SRT, cp1252, CRLF" in out and "cues       2" in out
    code, out, _ = run("info", "--format", "json", str(source))
    report = json.loads(out)
    assert (report["encoding"], report["cues"], report["language"], report["duration"]) == (
        "cp1252",
        2,
        "fr",
        "00:00:06,000",
    )
    assert report["cpl_max"] == 8


def test_usage_errors_exit_2() -> None:
    assert run("convert", "x.srt")[0] == 2  # --to missing
    assert run("convert", "x.srt", "--to", "docx")[0] == 2
    assert run("nonsense")[0] == 2


def _installed_subkit() -> list[str]:
    script = shutil.which("subkit", path=os.path.dirname(sys.executable)) or shutil.which("subkit")
    return [script] if script else [sys.executable, "-m", "subkit"]


def test_real_subprocess_of_the_installed_command(tmp_path: Path) -> None:
    source = tmp_path / "c.fr.srt"
    source.write_text(SRT, encoding="utf-8")
    command = _installed_subkit()
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60, check=True)
    # the package's version, its installed metadata (pyproject.toml) and the command agree
    assert version.stdout.strip() == f"subkit {subkit.__version__}" == f"subkit {metadata.version('subkit')}"
    converted = subprocess.run(
        [*command, "convert", str(source), "--to", "vtt", "-o", "-"], capture_output=True, text=True, timeout=60
    )
    assert converted.returncode == 0 and converted.stdout.startswith("WEBVTT")
    missing = subprocess.run([*command, "info", str(tmp_path / "none.srt")], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 3 and missing.stderr == f"subkit: {tmp_path / 'none.srt'}: no such file\n"
    module = subprocess.run([sys.executable, "-m", "subkit", "--version"], capture_output=True, text=True, timeout=60)
    assert module.stdout.strip() == f"subkit {subkit.__version__}"


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", "-", "--to", "vtt", "-o", "-"], input=SRT.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert "00:00:04.500 --> 00:00:06.000" in result.stdout
