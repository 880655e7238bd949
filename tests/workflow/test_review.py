"""The bilingual review file: self-contained HTML that headless Chromium renders, and CSV."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import parse_text
from subkit.translation.review import render_html, review_rows

from .conftest import Approved
from .recut import Recut

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH (apt-get install chromium)")


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    environment = {
        key: value for key, value in os.environ.items() if key.lower() not in ("http_proxy", "https_proxy", "all_proxy")
    }
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-proxy-server",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment, check=False)


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the inflated scanlines of a PNG (enough to tell a page from a blank one)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def review_of(recut_run: tuple[Recut, Path, object, list[str], int]) -> Path:
    path = recut_run[1].with_name("panchir.fr-en.review.html")
    assert path.is_file()
    return path


def test_the_review_file_is_self_contained_and_flags_every_cue(
    recut_run: tuple[Recut, Path, object, list[str], int],
) -> None:
    cut = recut_run[0]
    page = review_of(recut_run).read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|src=|url\(|@import|https?://", page, re.I)
    rows = re.findall(r'<tr class="([^"]*)" id="cue-(\d+)"', page)
    assert len(rows) == len(cut.track.cues)
    kinds = [classes.split()[0] for classes, _ in rows]
    assert kinds.count("fuzzy") == cut.labels.count("edited")
    assert kinds.count("machine") == cut.labels.count("new")
    assert kinds.count("memory") == len(cut.labels) - cut.labels.count("edited") - cut.labels.count("new")
    assert "memory source: " in page and "<i>" in page  # a fuzzy row shows what the memory's text was for
    assert re.search(r'<span class="flag limit">R001 reading-speed</span>', page)


def test_the_review_flags_limits_exactly_where_the_qa_report_does(
    recut_run: tuple[Recut, Path, object, list[str], int],
) -> None:
    page = review_of(recut_run).read_text(encoding="utf-8")
    report = json.loads(recut_run[1].with_name("panchir.en.qa.json").read_text(encoding="utf-8"))["drafts"][0]
    flagged = set()
    for number, cells in re.findall(r'id="cue-(\d+)">(.*?)</tr>', page):
        flagged |= {(int(number), code) for code in re.findall(r'class="flag limit">([RL]00[12]) ', cells)}
    assert flagged and flagged == {(entry["cue"], entry["code"]) for entry in report["over_limits"]}


SOURCE = """1
00:00:01,000 --> 00:00:03,000
Ils étaient 5000 à Panchir.

2
00:00:04,000 --> 00:00:06,000
Bonjour.

3
00:00:07,000 --> 00:00:09,000
Merci.
"""
DRAFT = (
    SOURCE.replace("Ils étaient 5000 à Panchir.", "There were 500 of them in Panchir.")
    .replace("Bonjour.", "Hello, this line runs far, far longer than any line limit of any profile allows.")
    .replace("Merci.", "Merci.")
)


def test_review_flags_come_from_the_qa_report_when_there_is_one() -> None:
    source, draft = parse_text(SOURCE, "film.fr.srt"), parse_text(DRAFT, "film.en.srt")
    report = {
        "untranslated": [{"cue": 3, "reason": "the engine answered with the source text"}],
        "over_limits": [],  # cue 2's long line is not in this report: the review must not flag it either
        "numbers": [{"cues": [1], "source": ["5000"], "draft": ["500"]}],
        "glossary": [{"cues": [1], "term": "Panchir", "expected": "Panjshir"}],
        "fallback": [{"cue": 1, "reason": "translated cue by cue"}],
    }
    rows = review_rows(source, draft, "en", qa_report=report)
    assert [flag.kind for flag in rows[0].flags] == ["numbers", "glossary", "fallback"]
    assert "source 5000; draft 500" in rows[0].flags[0].detail and "'Panjshir'" in rows[0].flags[1].detail
    assert not any(flag.kind == "limit" for flag in rows[1].flags)
    assert [flag.kind for flag in rows[2].flags] == ["untranslated"]
    # without a QA report (an XLIFF import) the review checks the limits itself
    assert any(flag.kind == "limit" for flag in review_rows(source, draft, "en")[1].flags)
    page = render_html(rows, "Review", "film.fr.srt")
    assert '<span class="flag untranslated">untranslated</span>' in page and ".flag.numbers" in page


@needs_chromium
def test_chromium_renders_the_review_file(
    recut_run: tuple[Recut, Path, object, list[str], int], tmp_path: Path
) -> None:
    source = review_of(recut_run)
    # the "show only cues to check" switch, as a reviewer would tick it
    flagged = tmp_path / "flagged.html"
    flagged.write_text(
        source.read_text(encoding="utf-8").replace('id="only" hidden>', 'id="only" hidden checked>'), encoding="utf-8"
    )
    dom = chromium("--dump-dom", flagged.as_uri(), profile=tmp_path / "profile")
    assert "<table>" in dom.stdout and 'class="fuzzy' in dom.stdout, dom.stderr[-500:]
    shot = tmp_path / "review.png"
    done = chromium("--window-size=1400,1000", f"--screenshot={shot}", flagged.as_uri(), profile=tmp_path / "profile")
    assert shot.is_file(), done.stderr[-800:]
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1400, 1000)
    assert len(set(pixels)) > 64  # text, pills and colours: not a blank or error page
    keep = os.environ.get("SUBKIT_KEEP_SCREENSHOTS")
    if keep:
        shutil.copyfile(shot, Path(keep) / "review.png")


def test_xliff_import_writes_a_csv_review(approved: Approved, tmp_path: Path) -> None:
    runner = CliRunner()
    xlf = tmp_path / "panchir.fr-en.xlf"
    exported = runner.invoke(
        cli,
        [
            "xliff",
            "export",
            str(approved.source),
            "--to",
            "en",
            "--memory",
            str(approved.memory),
            "--draft",
            str(approved.draft),
            "-o",
            str(xlf),
        ],
    )
    assert exported.exit_code == 0, exported.output
    review = tmp_path / "panchir.fr-en.review.csv"
    result = runner.invoke(
        cli,
        [
            "xliff",
            "import",
            str(xlf),
            "--source",
            str(approved.source),
            "-o",
            str(tmp_path / "panchir.en.srt"),
            "--review",
            str(review),
        ],
    )
    assert result.exit_code == 0, result.output
    raw = review.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 726 and list(rows[0]) == [
        "cue",
        "start",
        "end",
        "source",
        "target",
        "origin",
        "flags",
        "memory source",
    ]
    assert rows[0]["start"] == "00:00:24,000" and rows[0]["source"].startswith("<i>Faucon 2")
    # every cue is an approved translation, the two the translator merged included (spread back over both)
    assert {row["origin"] for row in rows} == {"memory"}
    assert rows[41]["target"] and rows[42]["target"]
