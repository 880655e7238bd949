"""Chromium's own WebVTT parser reads what `subkit convert --to vtt` writes, cue for cue.

The conformance suites check subkit against the spec; this checks the files subkit *writes*
against a real browser. A cp1252/CRLF French SRT (NBSP before `!` and inside « guillemets », œ,
the … character, italics, two-line cues) is converted to WebVTT, served over a local HTTP server
to a headless Chromium whose `<track>` element loads it, and the cues Chromium exposes
(`id`, `startTime`, `endTime`, `text`) are compared with the SRT. The same file then goes back to
SRT, and every time and character must be the original's.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from subkit.timecode import format_srt

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (apt-get install chromium); browser check not run"
)

NBSP = "\u00a0"
#: (id, start ms, end ms, text lines) of the SRT; ids are SRT counters, which VTT keeps as identifiers.
CUES = [
    ("1", 1_000, 3_500, [f"<i>Dans la vallée du Panchir{NBSP}:</i>", "la résistance s’organise…"]),
    ("2", 3_600, 6_120, [f"«{NBSP}Nous ne partirons pas{NBSP}», dit-il."]),
    ("3", 6_200, 9_999, [f"- Où est Khalid Amiry{NBSP}?", f"- Il a rejoint l’œuvre{NBSP}!"]),
    ("4", 61_005, 63_250, ["<i>Kaboul, août 2021.</i>"]),
    ("5", 3_723_400, 3_725_000, [f"Cœur, sœur, œil{NBSP}; et 3{NBSP}000 combattants…"]),
]

PAGE = """<!doctype html>
<meta charset="utf-8">
<video id="video" muted><track id="track" default kind="subtitles" srclang="fr" src="film.fr.vtt"></video>
<pre id="result">pending</pre>
<script>
const element = document.getElementById("track");
const out = document.getElementById("result");
element.track.mode = "hidden";
function report() {
  const cues = Array.from(element.track.cues || []).map(
    cue => ({id: cue.id, startTime: cue.startTime, endTime: cue.endTime, text: cue.text}));
  out.textContent = "RESULT" + JSON.stringify({readyState: element.readyState, cues: cues}) + "END";
}
element.addEventListener("load", report);
element.addEventListener("error", () => { out.textContent = "RESULT" + JSON.stringify({error: true}) + "END"; });
if (element.readyState === 2) report();
</script>
"""


def srt_text() -> str:
    blocks = [
        f"{cue_id}\r\n{format_srt(start)} --> {format_srt(end)}\r\n" + "\r\n".join(lines)
        for cue_id, start, end, lines in CUES
    ]
    return "".join(block + "\r\n\r\n" for block in blocks)  # the layout SRT writers (pysrt) use


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt; charset=utf-8"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1 (free port) from a thread; yields (folder, base URL)."""
    site = tmp_path / "site"
    site.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def chromium_cues(url: str, profile: Path) -> dict[str, object]:
    """Load `url` in headless Chromium and return what the page wrote into #result."""
    assert CHROMIUM is not None
    environment = {
        key: value for key, value in os.environ.items() if key.lower() not in ("http_proxy", "https_proxy", "all_proxy")
    }
    environment["NO_PROXY"] = environment["no_proxy"] = "127.0.0.1,localhost"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--no-proxy-server", f"--user-data-dir={profile}",
        "--virtual-time-budget=5000", "--dump-dom", url,
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=30, env=environment, check=False)
    match = re.search(r"RESULT(.*?)END", completed.stdout, re.S)
    assert match, (
        f"no result in Chromium's DOM (exit {completed.returncode}): {completed.stdout[-500:]!r} {completed.stderr[-800:]!r}"
    )
    import html

    result: dict[str, object] = json.loads(html.unescape(match.group(1)))
    return result


def test_chromium_reads_the_cues_subkit_writes(served: tuple[Path, str], tmp_path: Path) -> None:
    site, base = served
    source = tmp_path / "film.fr.srt"
    original = srt_text().encode("cp1252")
    source.write_bytes(original)
    vtt = site / "film.fr.vtt"
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "vtt", "-o", str(vtt)])
    assert result.exit_code == 0, result.stderr
    assert source.read_bytes() == original
    (site / "page.html").write_text(PAGE, encoding="utf-8")

    seen = chromium_cues(f"{base}/page.html", tmp_path / "chromium-profile")

    assert "error" not in seen, "Chromium fired the track's error event (it rejected the file)"
    expected: list[dict[str, Any]] = [
        {"id": cue_id, "startTime": start / 1000, "endTime": end / 1000, "text": "\n".join(lines)}
        for cue_id, start, end, lines in CUES
    ]
    cues = seen["cues"]
    assert isinstance(cues, list)
    assert len(cues) == len(expected)
    for got, want in zip(cues, expected):
        assert got["id"] == want["id"]
        assert round(got["startTime"] * 1000) == round(want["startTime"] * 1000)
        assert round(got["endTime"] * 1000) == round(want["endTime"] * 1000)
        assert got["text"] == want["text"]


def test_srt_vtt_srt_round_trip_is_identical(tmp_path: Path) -> None:
    source = tmp_path / "film.fr.srt"
    original = srt_text().encode("cp1252")
    source.write_bytes(original)
    vtt = tmp_path / "film.fr.vtt"
    back = tmp_path / "back" / "film.fr.srt"
    runner = CliRunner()
    first = runner.invoke(cli, ["convert", str(source), "--to", "vtt", "-o", str(vtt)])
    assert first.exit_code == 0, first.stderr
    second = runner.invoke(
        cli, ["convert", str(vtt), "--to", "srt", "-o", str(back), "--output-encoding", "cp1252", "--newline", "crlf"]
    )
    assert second.exit_code == 0, second.stderr
    assert back.read_bytes() == original
