"""Reporters: the contract's JSON schema, JUnit XML, GitHub annotations and the text report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import metadata

import subkit
from subkit.qc.findings import Finding
from subkit.reporters import FileReport, render

OVERLAP = Finding("T002", "overlap", "error", 3, "3", 9, 9000, 11800, "starts 300 ms before cue 2 ends", True)
SPACE = Finding("Y002", "whitespace", "warning", 4, "4", 13, 12000, 13000, "double space, 100%: yes", True)
GRID = Finding("T008", "frame-grid", "info", 5, "5", 17, 14010, 15000, "start not on the 25 fps frame grid", False)
REPORTS = [
    FileReport("film.fr.srt", "srt", "cp1252", "fr", 812, [OVERLAP, SPACE, GRID]),
    FileReport("clean.fr.srt", "srt", "utf-8", "fr", 10, []),
    FileReport("broken.srt", error="broken.srt: binary data, not a subtitle file"),
]


def test_json_follows_the_contract_schema() -> None:
    report = json.loads(render(REPORTS, "json", "netflix"))
    assert list(report) == ["subkit", "profile", "files", "summary"]
    assert report["subkit"] == subkit.__version__ == metadata.version("subkit")
    assert report["profile"] == "netflix"
    first = report["files"][0]
    assert {k: first[k] for k in ("path", "format", "encoding", "language", "cues")} == {
        "path": "film.fr.srt",
        "format": "srt",
        "encoding": "cp1252",
        "language": "fr",
        "cues": 812,
    }
    assert first["findings"][0] == {
        "code": "T002",
        "name": "overlap",
        "severity": "error",
        "cue": 3,
        "id": "3",
        "line": 9,
        "start": "00:00:09,000",
        "end": "00:00:11,800",
        "message": "starts 300 ms before cue 2 ends",
        "fixable": True,
    }
    assert report["files"][2]["error"].endswith("binary data, not a subtitle file")
    assert report["summary"] == {"files": 3, "error": 2, "warning": 1, "info": 1}


def test_junit_one_suite_per_file_one_case_per_rule_one_failure_per_finding() -> None:
    rules = [("T002", "overlap"), ("Y002", "whitespace"), ("T008", "frame-grid"), ("L001", "line-length")]
    root = ET.fromstring(render(REPORTS, "junit", "netflix", rules))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["film.fr.srt", "clean.fr.srt", "broken.srt"]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == ["T002 overlap", "T008 frame-grid", "L001 line-length", "Y002 whitespace"]
    assert [len(c.findall("failure")) for c in cases] == [1, 1, 0, 1]
    assert suites[0].get("failures") == "3" and suites[1].get("failures") == "0"
    assert suites[2].find("testcase/error") is not None


def test_github_annotations_by_severity_with_escaping() -> None:
    lines = render(REPORTS, "github", "netflix").splitlines()
    assert lines[0] == "::error file=film.fr.srt,line=9,title=T002::cue 3: overlap: starts 300 ms before cue 2 ends"
    assert lines[1].startswith("::warning file=film.fr.srt,line=13,title=Y002::") and "100%25" in lines[1]
    assert lines[2].startswith("::notice file=film.fr.srt,line=17,title=T008::")
    assert lines[3].startswith("::error file=broken.srt,title=S001::")


def test_text_groups_by_file_with_summary_and_colour_only_when_asked() -> None:
    text = render(REPORTS, "text", "netflix")
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[0] == "film.fr.srt (srt, cp1252, fr, 812 cues)"
    assert "T002 overlap: starts 300 ms before cue 2 ends [fixable]" in lines[1] and "line 9" in lines[1]
    assert "no findings" in text and "cannot be read" in text
    assert (
        lines[-1] == "3 files, 2 errors, 1 warning, 1 info (2 fixable with `subkit fix`; 1 unreadable; profile netflix)"
    )
    assert "\x1b[31m" in render(REPORTS, "text", "netflix", color=True)
