"""lxml and rapidfuzz are imported only by the commands that read or write XML or look up fuzzy matches."""

from __future__ import annotations

from pathlib import Path

from subkit.formats import write_track
from subkit.model import Cue, Track
from tests.support import modules_after_cli

XML_AND_FUZZY = {"lxml", "rapidfuzz", "translate"}


def test_version_help_and_plain_commands_import_no_xml_or_fuzzy_library(tmp_path: Path) -> None:
    assert not modules_after_cli(["--version"]) & XML_AND_FUZZY
    assert not modules_after_cli(["xliff", "--help"]) & XML_AND_FUZZY
    assert not modules_after_cli(["tm", "export", "--help"]) & XML_AND_FUZZY
    source = tmp_path / "a.fr.srt"
    write_track(Track([Cue(0, 1000, "Bonjour.")]), str(source))
    assert not modules_after_cli(["convert", str(source), "--to", "vtt", "-o", str(tmp_path / "a.vtt")]) & XML_AND_FUZZY


def test_an_exact_memory_run_needs_no_fuzzy_matcher(tmp_path: Path) -> None:
    source, target = tmp_path / "a.fr.srt", tmp_path / "a.en.srt"
    write_track(Track([Cue(0, 1000, "Bonjour.")]), str(source))
    write_track(Track([Cue(0, 1000, "Hello.")]), str(target))
    memory = tmp_path / "a.tm"
    added = modules_after_cli(["tm", "add", str(source), str(target), "--memory", str(memory)])
    assert not added & XML_AND_FUZZY
    # nothing listens on port 9: a request would fail the run (exit 4, no draft)
    drafted = modules_after_cli(
        [
            "translate",
            str(source),
            "--to",
            "en",
            "--memory",
            str(memory),
            "--no-cache",
            "--engine",
            "libre",
            "--engine-url",
            "http://127.0.0.1:9/",
            "-o",
            str(tmp_path / "out"),
        ]
    )
    assert (tmp_path / "out" / "a.en.srt").read_text(encoding="utf-8").rstrip().endswith("Hello.")
    assert "rapidfuzz" not in drafted
    # the memory answered every cue: the engine was never set up
    assert not drafted & {"deep_translator", "requests", "lxml"}
