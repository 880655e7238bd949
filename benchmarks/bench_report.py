"""`subkit report` page: how long Chromium takes to open it, for 726 and 10,000 cues.

"Browser time" is `performance.now()` when the page's script has finished building the tables
and drawing the timelines (it writes it into `<body data-ready>`), measured in headless Chromium
from a file URL; the median of a few runs. Writing the page (Python) is timed too.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from synth import srt_text

from subkit.formats import parse_text
from subkit.qc import check_track, settings_for
from subkit.reporters.html import ReportInfo, render_html


def _browser_ms(page: Path, profile: Path) -> float:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium
    out = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    match = re.search(r'data-ready="([\d.]+)"', out)
    return float(match.group(1)) if match else float("nan")


def run(quick: bool = False) -> list[str]:
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return ["## report", "chromium not installed: skipped"]
    lines = ["## report (headless Chromium, time until the page's script has drawn everything)"]
    folder = Path(tempfile.mkdtemp())
    sample = Path(__file__).resolve().parents[1] / "samples" / "panchir.fr.srt"
    tracks = [("panchir.fr.srt (726 cues)", parse_text(sample.read_text(encoding="utf-8"), str(sample), "srt"))]
    tracks.append(("synthetic 10,000 cues", parse_text(srt_text(10_000), "synthetic.fr.srt", "srt")))
    for label, track in tracks:
        track.language = "fr"
        settings = settings_for(track, "netflix", "fr", None, None, ["G"], None)
        started = time.perf_counter()
        findings = check_track(track, settings=settings)
        page = render_html(track, findings, ReportInfo(label, "netflix", "fr", 17, 42, 25.0, "bench"))
        write_ms = (time.perf_counter() - started) * 1000
        path = folder / f"{len(track.cues)}.html"
        path.write_text(page, encoding="utf-8")
        runs = [_browser_ms(path, folder / f"profile{i}") for i in range(2 if quick else 5)]
        lines.append(
            f"{label}: {len(findings)} findings, page {len(page) / 1e6:.2f} MB written in {write_ms:.0f} ms; "
            f"browser median {statistics.median(runs):.0f} ms (runs: {', '.join(f'{r:.0f}' for r in runs)})"
        )
    shutil.rmtree(folder, ignore_errors=True)
    return lines
