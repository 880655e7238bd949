"""`subkit segment` on the command line: outputs, reports, exit codes, bad input."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from subkit.cli import cli
from tests.support import modules_after_cli

from .conftest import REPO

EXCERPT = REPO / "samples" / "panchir-excerpt.fr.whisper.json"
WORDS = {
    "segments": [
        {
            "start": 1.0,
            "end": 2.6,
            "text": " Il est parti ce matin.",
            "words": [
                {"word": " Il", "start": 1.0, "end": 1.2, "probability": 0.99},
                {"word": " est", "start": 1.2, "end": 1.4, "probability": 0.98},
                {"word": " parti", "start": 1.4, "end": 1.9, "probability": 0.31},
                {"word": " ce", "start": 1.9, "end": 2.1},
                {"word": " matin.", "start": 2.1, "end": 2.6, "probability": 0.97},
            ],
        }
    ],
    "language": "fr",
}


def run(*arguments: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["segment", *arguments], input=stdin)


def write(tmp_path: Path, name: str, content: object) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_the_excerpt_to_stdout_with_a_summary_on_stderr() -> None:
    result = run(str(EXCERPT))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1\n00:00:24,040 --> 00:00:26,440\nFaucon 2, ici Aigle. Tu me reçois\u00a0?\n")
    assert re.search(
        r"excerpt.fr.whisper.json: whisper, fr, 441 words -> \d+ cues \(netflix, 25 fps\) -> <stdout>", result.stderr
    )
    assert "0 errors, 0 warnings" in result.stderr
    assert re.search(r"12 words with confidence under 0.5, kept: cue \d+ 00:00:55,044 'sont' \(0.31\)", result.stderr)


def test_output_format_from_the_extension_or_to(tmp_path: Path) -> None:
    source = write(tmp_path, "talk.fr.json", WORDS)
    assert run(str(source), "-o", str(tmp_path / "talk.fr.vtt")).exit_code == 0
    assert (tmp_path / "talk.fr.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    result = run(str(source), "--to", "vtt", "-q")
    assert result.exit_code == 0 and result.stdout.startswith("WEBVTT") and result.stderr == ""
    assert run(str(source), "--to", "docx").exit_code == 2
    assert run(str(source), "--to", "ass", "-q").stdout.startswith("[Script Info]")


def test_the_report_lists_problems_low_confidence_words_and_findings(tmp_path: Path) -> None:
    data = json.loads(json.dumps(WORDS))
    data["segments"][0]["words"][3].pop("start")
    source = write(tmp_path, "talk.fr.json", data)
    report = tmp_path / "report.json"
    result = run(str(source), "-o", str(tmp_path / "talk.fr.srt"), "--report", str(report), "--min-confidence", "0.4")
    assert result.exit_code == 0, result.output
    assert "warning: $.segments[0].words[3]: 'ce': no start time; placed between its neighbours" in result.stderr
    content = json.loads(report.read_text(encoding="utf-8"))
    assert content["problems"] == [
        {
            "where": "$.segments[0].words[3]",
            "severity": "warning",
            "message": "'ce': no start time; placed between its neighbours",
        }
    ]
    assert content["low_confidence"] == [
        {"cue": 1, "start": "00:00:01,400", "word": "parti", "confidence": 0.31, "where": "$.segments[0].words[2]"}
    ]
    assert (content["words"], content["placed"], content["cues"], content["summary"]) == (
        5,
        1,
        1,
        {"error": 0, "warning": 0, "info": 0},
    )


def test_a_track_is_cut_again_and_the_input_is_never_replaced(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nwe went up the\n\n2\n00:00:02,000 --> 00:00:03,000\nvalley at dawn and\n\n"
        "3\n00:00:03,000 --> 00:00:04,500\nwe saw them.\n"
    )
    source = write(tmp_path, "auto.en.srt", text)
    result = run(str(source), "-o", str(tmp_path / "clean.en.srt"))
    assert result.exit_code == 0, result.output
    cleaned = (tmp_path / "clean.en.srt").read_text(encoding="utf-8")
    assert cleaned.count(" --> ") == 1 and "we went up the valley at dawn and we saw them." in cleaned.replace(
        "\n", " "
    )
    again = run(str(source), "-o", str(source))
    assert again.exit_code != 0 and source.read_text(encoding="utf-8") == text


def test_stdin_and_a_forced_format() -> None:
    result = run("-", "--from-format", "whisper", "--lang", "fr", stdin=json.dumps(WORDS))
    assert result.exit_code == 0 and "Il est parti ce matin." in result.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        ("{broken", "bad.json:1: not valid JSON"),
        ({"transcription": []}, "bad.json: $: JSON of no transcript shape subkit reads"),
        ({"segments": [{"words": [{"word": " a"}, {"word": " b"}]}]}, "bad.json: no usable time anywhere"),
        ({"segments": "x"}, "bad.json: $.segments: expected a list of segments"),
    ],
)
def test_unusable_input_is_one_line_and_exit_3(tmp_path: Path, content: object, message: str) -> None:
    result = run(str(write(tmp_path, "bad.json", content)), "-o", str(tmp_path / "out.srt"))
    assert result.exit_code == 3
    assert result.stderr.strip().endswith(message) or message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out.srt").exists()


def test_usage_errors_are_exit_2(tmp_path: Path) -> None:
    source = write(tmp_path, "talk.fr.json", WORDS)
    assert run(str(source), "--profile", "nope").exit_code == 2
    assert run(str(source), "--fps", "abc").exit_code == 2
    assert run(str(source), "--from-format", "docx").exit_code == 2
    assert run(str(source), "--min-confidence", "2").exit_code == 2
    assert run(str(tmp_path / "missing.json")).exit_code == 3
    assert run(str(source), "--from-format", "aws").exit_code == 3


def test_an_output_that_cannot_be_written_is_exit_73(tmp_path: Path) -> None:
    source = write(tmp_path, "talk.fr.json", WORDS)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run(str(source), "-o", str(blocker / "out.srt"))
    assert result.exit_code == 73 and "Traceback" not in result.stderr


def test_exit_1_when_speech_is_too_fast_to_pass_qc(tmp_path: Path) -> None:
    words = []
    clock = 0.0
    for number in range(40):
        text = f" mot{number}" if number % 8 else f" Phrase{number}."
        words.append({"word": text, "start": round(clock, 3), "end": round(clock + 0.2, 3)})
        clock += 0.2
    source = write(tmp_path, "fast.fr.json", {"segments": [{"start": 0, "end": clock, "text": "", "words": words}]})
    result = run(str(source), "-o", str(tmp_path / "fast.fr.srt"))
    assert result.exit_code == 1 and "R001 reading-speed" in result.stderr
    assert (tmp_path / "fast.fr.srt").exists()  # written all the same: a person condenses the listed cues


def _installed_subkit() -> list[str]:
    script = shutil.which("subkit", path=os.path.dirname(sys.executable)) or shutil.which("subkit")
    return [script] if script else [sys.executable, "-m", "subkit"]


def test_a_real_run_of_the_installed_command(tmp_path: Path) -> None:
    out = tmp_path / "excerpt.fr.vtt"
    done = subprocess.run(
        [*_installed_subkit(), "segment", str(EXCERPT), "--profile", "broadcast-fr", "--fps", "25", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("WEBVTT") and "0 errors" in done.stderr
    bad = subprocess.run(
        [*_installed_subkit(), "segment", str(write(tmp_path, "x.json", "[]"))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 3 and bad.stderr.startswith("subkit: ") and "Traceback" not in bad.stderr


def test_segment_imports_no_translation_library(tmp_path: Path) -> None:
    modules = modules_after_cli(["segment", str(write(tmp_path, "t.fr.json", WORDS)), "-o", str(tmp_path / "t.srt")])
    assert (tmp_path / "t.srt").exists()
    assert not modules & {"deep_translator", "requests", "webvtt"}
