"""`subkit report`: one self-contained HTML page that a real browser renders without script errors.

Headless Chromium loads the page written for the 726-cue sample (and the defects sample, with a
shot list) from a file URL with networking disabled, runs its script to the end (the script marks
`<body data-ready>` as its last act), fills the findings and cue tables, and takes a screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from tests.qc.helpers import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH (apt-get install chromium)")


def chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    environment = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-proxy-server",
        "--proxy-server=127.0.0.1:9", "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
        "--virtual-time-budget=5000", "--hide-scrollbars", *extra, url,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment, check=False)


def write_report(tmp_path: Path, source: Path, *options: str) -> Path:
    out = tmp_path / (source.name + ".html")
    result = CliRunner().invoke(cli, ["report", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.stderr
    return out


def test_page_is_self_contained_and_carries_every_cue_and_finding(tmp_path: Path) -> None:
    page = write_report(tmp_path, SAMPLES / "panchir-defects.fr.srt").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count('"T004"') == 1 and "Faucon 2, ici Aigle." in page
    assert '[10,"T004","error","duration-min"' in page


def test_rule_codes_are_taken_comma_separated_as_validate_takes_them(tmp_path: Path) -> None:
    source = SAMPLES / "panchir-defects.fr.srt"
    (tmp_path / "comma").mkdir()
    (tmp_path / "repeated").mkdir()
    comma = write_report(tmp_path / "comma", source, "--select", "T004,S", "--ignore", "S002, S003").read_text("utf-8")
    repeated = write_report(
        tmp_path / "repeated", source, "--select", "T004", "--select", "S", "--ignore", "S002", "--ignore", "S003"
    ).read_text("utf-8")
    assert comma == repeated
    assert '"T004"' in comma and '"T002"' not in comma and '"S002"' not in comma


def test_shot_list_errors_are_located(tmp_path: Path) -> None:
    shots = tmp_path / "film.shots"
    shots.write_text("# cuts\n00:00:10,000\n12.5\nsoon\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["report", str(SAMPLES / "panchir.fr.srt"), "--shots", str(shots), "-o", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 3
    assert f"{shots}:4:" in result.stderr and not (tmp_path / "x.html").exists()
    missing = CliRunner().invoke(cli, ["report", str(tmp_path / "nope.srt")])
    assert missing.exit_code == 3


def test_report_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "a.fr.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:03,000\nBonjour.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(source), "-o", str(source)])
    assert result.exit_code != 0 and source.read_text(encoding="utf-8").startswith("1\n")


@needs_chromium
@pytest.mark.slow
def test_chromium_renders_the_726_cue_sample_without_script_errors(tmp_path: Path) -> None:
    page = write_report(tmp_path, SAMPLES / "panchir.fr.srt")
    run = chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert "Uncaught" not in run.stderr, run.stderr[-2000:]
    assert re.search(r'<body data-ready="[\d.]+"', run.stdout), run.stdout[-500:]
    assert len(re.findall(r'<tr id="cue-\d+"', run.stdout)) == 726
    assert "No findings for this filter." in run.stdout  # the clean sample has none


@needs_chromium
@pytest.mark.slow
def test_chromium_screenshot_of_a_report_with_findings_and_shots(tmp_path: Path) -> None:
    shots = tmp_path / "film.shots"
    shots.write_text("".join(f"{seconds}\n" for seconds in range(20, 560, 7)), encoding="utf-8")
    page = write_report(tmp_path, SAMPLES / "panchir-defects.fr.srt", "--shots", str(shots))
    run = chromium(page.as_uri() + "#cue-24", tmp_path / "profile", "--dump-dom")
    assert "Uncaught" not in run.stderr, run.stderr[-2000:]
    assert 'id="cue-24" class="sel"' in run.stdout  # the link target is selected
    checked = CliRunner().invoke(
        cli, ["validate", str(SAMPLES / "panchir-defects.fr.srt"), "--shots", str(shots), "--format", "json"]
    )
    listed = len(json.loads(checked.stdout)["files"][0]["findings"])
    assert listed > 22  # the 22 planted defects, and in- and out-times near the shot changes (T009/T010)
    assert len(re.findall(r'<td class="sev (?:error|warning|info)">', run.stdout)) == listed  # every finding listed
    screenshot = tmp_path / "report.png"
    shot = chromium(page.as_uri(), tmp_path / "profile2", f"--screenshot={screenshot}", "--window-size=1400,1100")
    assert screenshot.exists(), shot.stderr[-1000:]
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
