"""The delivery formats through the command line: convert, info, validate, fix, batches."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.batch import SUBTITLE_SUFFIXES
from subkit.cli import cli
from subkit.formats import EXTENSIONS, FORMATS, READABLE_SUFFIXES, read_track
from tests.formats.conftest import SAMPLE
from tests.support import modules_after_cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "fmt,suffix",
    [
        ("ttml", ".ttml"),
        ("dfxp", ".dfxp"),
        ("stl", ".stl"),
        ("scc", ".scc"),
        ("ass", ".ass"),
        ("ssa", ".ssa"),
        ("sbv", ".sbv"),
        ("sub", ".sub"),
        ("sami", ".smi"),
    ],
)
def test_output_is_named_after_the_target(fmt: str, suffix: str, tmp_path: Path) -> None:
    source = tmp_path / "film.fr.srt"
    shutil.copy(SAMPLE, source)
    code, _, err = run("convert", str(source), "--to", fmt, "--fps", "25")
    assert code == 0, err
    written = tmp_path / f"film.fr{suffix}"
    track = read_track(str(written), options=None)
    assert len(track.cues) == 726 and track.language == "fr"


def test_losses_are_reported_once_per_file_with_counts(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SAMPLE), "--to", "scc", "-o", str(tmp_path / "x.scc"))
    assert code == 0
    lines = err.splitlines()
    assert sum("cannot hold" in line for line in lines) == 1
    assert "'œ' written as 'oe' x1, '…' written as '...' x4" in err


def test_binary_stl_goes_to_stdout_intact() -> None:
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "--to", "stl", "-o", "-", "-q"])
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data[:11] == b"850STL25.01" and (len(data) - 1024) % 128 == 0


def test_a_folder_of_mixed_formats_is_walked_and_mirrored(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "season").mkdir(parents=True)
    shutil.copy(SAMPLE, source / "a.fr.srt")
    assert run("convert", str(source / "a.fr.srt"), "--to", "stl", "-o", str(source / "season" / "b.fr.stl"))[0] == 0
    assert run("convert", str(source / "a.fr.srt"), "--to", "scc", "-o", str(source / "c.en.scc"))[0] == 0
    (source / "notes.xml").write_text("<notes/>", encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "ttml", "-o", str(tmp_path / "out"), "--shard", "1/1")
    assert code == 0, err
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.ttml"))
    assert written == ["a.fr.ttml", "c.en.ttml", "season/b.fr.ttml"]


def test_folder_walks_pick_every_readable_extension() -> None:
    assert set(SUBTITLE_SUFFIXES) == set(READABLE_SUFFIXES)
    assert all(EXTENSIONS[suffix] in FORMATS for suffix in SUBTITLE_SUFFIXES)


def test_validate_reports_the_limits_of_an_scc_file(tmp_path: Path) -> None:
    path = tmp_path / "film.fr.scc"
    # a hand-made caption: 36 characters on one row
    path.write_text(
        "Scenarist_SCC V1.0\n\n00:00:01;00\t94ae 94ae 9420 9420 94d0 94d0 "
        + "c1c1 " * 18
        + "942f 942f\n\n00:00:04;00\t942c 942c\n",
        encoding="ascii",
    )
    code, out, _ = run("validate", str(path), "--select", "F", "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert finding["code"] == "F001" and finding["line"] == 3
    assert finding["message"] == "row 1 has 36 characters; SCC shows 32 (CEA-608)"


def test_validate_reports_stl_rows_over_the_gsi_maximum(tmp_path: Path) -> None:
    path = tmp_path / "x.stl"
    assert run("convert", str(SAMPLE), "--to", "stl", "-o", str(path))[0] == 0
    data = bytearray(path.read_bytes())
    data[251:253] = b"30"  # MNC: 30 characters a row
    path.write_bytes(bytes(data))
    code, out, _ = run("validate", str(path), "--select", "F001", "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1 and len(findings) > 100
    assert all(f["message"].endswith("STL shows 30 (the GSI block)") for f in findings)


def test_validate_on_scc_uses_the_files_own_frame_rate(tmp_path: Path) -> None:
    path = tmp_path / "x.scc"
    assert run("convert", str(SAMPLE), "--to", "scc", "-o", str(path))[0] == 0
    code, out, _ = run("validate", str(path), "--select", "T008", "--format", "json")
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []


def test_fix_keeps_the_format_it_was_given(tmp_path: Path) -> None:
    source = tmp_path / "x.ass"
    source.write_text(
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, "
        "MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,Bonjour  {\\k20}à tous\n",
        encoding="utf-8",
    )
    code, _, err = run("fix", str(source), "-o", str(tmp_path / "fixed.ass"), "--select", "Y002")
    assert "Y002 x1" in err, err
    fixed = (tmp_path / "fixed.ass").read_text(encoding="utf-8")
    assert "Bonjour {\\k20}à tous" in fixed


def test_info_shows_what_the_file_declares(tmp_path: Path) -> None:
    path = tmp_path / "x.fr.stl"
    assert run("convert", str(SAMPLE), "--to", "stl", "-o", str(path), "--fps", "29.97")[0] == 0
    code, out, _ = run("info", str(path), "--no-detect")
    assert code == 0
    assert "declares   fps 29.97 (30000/1001), max columns 40, max rows 23, title panchir.fr, display teletext" in out


def test_reading_delivery_formats_is_lazy() -> None:
    modules = modules_after_cli(["--version"])
    assert not {"xml", "pyexpat", "unicodedata"} & modules


def test_installed_subkit_converts_and_validates_an_stl(tmp_path: Path) -> None:
    subkit = shutil.which("subkit")
    assert subkit is not None
    out = tmp_path / "film.fr.stl"
    done = subprocess.run(
        [subkit, "convert", str(SAMPLE), "--to", "stl", "-o", str(out)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "STL cannot hold '…' written as '...' x4" in done.stderr
    checked = subprocess.run(
        [subkit, "validate", str(out), "--select", "F"], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stdout
    bad = tmp_path / "bad.ttml"
    bad.write_text("<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='1s'", encoding="utf-8")
    failed = subprocess.run([subkit, "info", str(bad)], capture_output=True, text=True, timeout=60)
    assert failed.returncode == 3 and failed.stderr.startswith(f"subkit: {bad}:1: XML is not well-formed")
