"""numpy and the media modules load only for media work (start-up cost is what gets imported)."""

from __future__ import annotations

from pathlib import Path

from tests.support import modules_after_cli

SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nBonjour.\n\n2\n00:00:04,000 --> 00:00:06,000\nAu revoir.\n\n"
    "3\n00:00:07,000 --> 00:00:09,000\nMerci.\n"
)


def test_version_and_subtitle_work_import_no_numpy(tmp_path: Path) -> None:
    track = tmp_path / "a.fr.srt"
    track.write_text(SRT, encoding="utf-8")
    shots = tmp_path / "a.shots"
    shots.write_text("2.0\n", encoding="utf-8")
    assert "numpy" not in modules_after_cli(["--version"])
    assert "numpy" not in modules_after_cli(["sync", str(track), "-r", str(track)])
    assert "numpy" not in modules_after_cli(["validate", str(track), "--shots", str(shots), "--ignore", "G"])
