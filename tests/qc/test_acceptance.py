"""Acceptance: planted defects found at their block's line, clean cues silent, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from tests.qc.helpers import SAMPLES
from tests.qc.planted import build

UNFIXABLE = {"T001", "T003", "T005", "T007", "T008", "R001", "G002"}


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def delivery(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int | None], str]:
    data, planted, duration = build()
    path = tmp_path_factory.mktemp("delivery") / "episode.fr.srt"
    path.write_bytes(data)
    return path, planted, duration


def test_every_planted_defect_at_its_line_and_nothing_else(delivery: tuple[Path, dict[str, int | None], str]) -> None:
    path, planted, duration = delivery
    code, stdout, _ = run("validate", str(path), "--format", "json", "--duration", duration)
    assert code == 1
    report = json.loads(stdout)
    entry = report["files"][0]
    assert entry["encoding"] == "cp1252" and entry["language"] == "fr"
    got = {(f["code"], f["line"]) for f in entry["findings"]}
    assert got == set(planted.items()), (sorted(got - set(planted.items())), sorted(set(planted.items()) - got))
    assert report["summary"]["files"] == 1


def test_clean_file_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "clean.fr.srt"
    clean.write_text("1\n00:00:01,000 --> 00:00:04,000\nLes combattants tiennent la vallée.\n", encoding="utf-8")
    assert run("validate", str(clean))[0] == 0


def test_fix_then_validate_leaves_only_what_cannot_be_fixed(
    delivery: tuple[Path, dict[str, int | None], str], tmp_path: Path
) -> None:
    path, planted, duration = delivery
    before = path.read_bytes()
    out = tmp_path / "fixed.fr.srt"
    code, stdout, stderr = run("fix", str(path), "-o", str(out), "--duration", duration, "--format", "json")
    assert path.read_bytes() == before  # the input is never touched
    assert code == 1
    assert "repairs (" in stderr and "S004 x1" in stderr
    left = {f["code"] for f in json.loads(stdout)["files"][0]["findings"]}
    assert left == UNFIXABLE
    again = json.loads(run("validate", str(out), "--format", "json", "--duration", duration, "--lang", "fr")[1])
    assert {f["code"] for f in again["files"][0]["findings"]} == UNFIXABLE
    assert out.read_bytes().decode("utf-8").count("-->") == before.decode("cp1252").count("->") - 1  # S004 removed one


def test_samples_manifest_defects_are_all_reported() -> None:
    manifest = json.loads((SAMPLES / "panchir-defects.fr.json").read_text(encoding="utf-8"))
    code, stdout, _ = run("validate", str(SAMPLES / "panchir-defects.fr.srt"), "--format", "json")
    assert code == 1
    findings = json.loads(stdout)["files"][0]["findings"]
    got = {(f["code"], f["line"] if f["code"] != "S003" else 1) for f in findings}
    expected = {(d["code"], d["line"]) for d in manifest}
    assert got == expected


def test_fix_on_the_samples_defects_file(tmp_path: Path) -> None:
    out = tmp_path / "fixed.fr.srt"
    code, stdout, _ = run("fix", str(SAMPLES / "panchir-defects.fr.srt"), "-o", str(out), "--format", "json")
    left = {f["code"] for f in json.loads(stdout)["files"][0]["findings"]}
    assert left <= UNFIXABLE and code == 1


def test_the_clean_52_minute_sample_passes_every_rule() -> None:
    code, stdout, _ = run("validate", str(SAMPLES / "panchir.fr.srt"), "--format", "json", "--fail-on", "info")
    assert code == 0, stdout
