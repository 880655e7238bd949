"""The contract's exit codes in every command: 70 only for a bug, 73 for an output, 130/143 for
signals, 2 or 3 for bad configuration and inputs, and errors that -q never hides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from subkit.signals import Terminated

from .helpers import ONE_BAD_BLOCK, invoke, write

TIMESTAMP_LINE = "WEBVTT\n\n00:01.000 --> 00:04.000\n<00:00:01.000>\nhello\n\n00:05.000 --> 00:06.000\nbye\n"


def test_a_cue_whose_first_line_is_a_timestamp_tag_is_converted_retimed_and_fixed(tmp_path: Path) -> None:
    source = write(tmp_path / "k.en.vtt", TIMESTAMP_LINE)
    for command in (
        ["convert", str(source), "--to", "vtt", "-o", "-"],
        ["convert", str(source), "--to", "srt", "-o", "-"],
        ["retime", str(source), "--shift", "1s"],
        ["fix", str(source), "-o", str(tmp_path / "f.vtt")],
    ):
        result = invoke(*command)
        assert result.exit_code in (0, 1), (command, result.output)  # fix may leave findings, never crash
        assert "internal error" not in result.stderr
    vtt = invoke("convert", str(source), "--to", "vtt", "-o", "-").stdout
    assert "<00:00:01.000>\nhello" in vtt  # karaoke timestamps are WebVTT's own: kept


def test_missing_folders_exit_3_and_the_other_arguments_are_still_done(tmp_path: Path) -> None:
    good = write(tmp_path / "good.srt")
    result = invoke("convert", str(tmp_path / "deliveries") + "/", "--to", "vtt", "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 3 and result.stderr.startswith(f"subkit: {tmp_path / 'deliveries'}/: no such folder")
    result = invoke("convert", str(tmp_path / "nonexist") + "/", str(good), "--to", "vtt", "-o", str(tmp_path / "o"))
    assert result.exit_code == 3 and (tmp_path / "o" / "good.vtt").exists()
    assert "converted 1 of 1 files; 1 argument named no file" in result.stderr
    fixed = invoke("fix", str(tmp_path / "nonexist") + "/", str(good), "-o", str(tmp_path / "f"))
    assert fixed.exit_code == 3 and (tmp_path / "f" / "good.srt").exists()
    assert invoke("validate", str(tmp_path / "nonexist") + "/", str(good)).exit_code == 3


def test_a_non_utf8_configuration_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "subkit.toml"
    config.write_bytes('profile = "netflix"\n# réglages\n'.encode("cp1252"))
    for command in (
        ["validate", str(write(tmp_path / "a.srt")), "--config", str(config)],
        ["fix", str(tmp_path / "a.srt"), "-o", str(tmp_path / "b.srt"), "--config", str(config)],
    ):
        result = invoke(*command)
        assert result.exit_code == 2 and "not UTF-8" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["convert", "validate", "fix"])
def test_a_crash_inside_one_file_of_a_batch_is_70_and_the_others_are_done(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "a.srt")
    write(tmp_path / "in" / "boom.srt")
    write(tmp_path / "in" / "c.srt")
    import subkit.formats

    real = subkit.formats.parse_text

    def parse_text(text: str, path: str = "<string>", *args: object, **kwargs: object) -> object:
        if path.endswith("boom.srt"):
            raise RuntimeError("a planted bug")
        return real(text, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subkit.formats, "parse_text", parse_text)
    arguments = {
        "convert": ["--to", "vtt", "-o", str(tmp_path / "out")],
        "validate": [],
        "fix": ["-o", str(tmp_path / "out")],
    }[command]
    result = invoke(command, str(tmp_path / "in"), "-j", "1", *arguments)
    assert result.exit_code == 70, result.output
    assert "boom.srt: internal error: RuntimeError: a planted bug" in result.stderr + result.stdout
    if command != "validate":
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == (
            ["a.vtt", "c.vtt"] if command == "convert" else ["a.srt", "c.srt"]
        )


def test_quiet_hides_warnings_never_errors(tmp_path: Path) -> None:
    source = write(tmp_path / "b.srt", ONE_BAD_BLOCK + "\n4\n00:00:20,000 --> 00:00:21,000\n<c.x>tagged</c>\n")
    loud = invoke("convert", str(source), "--to", "srt", "-o", str(tmp_path / "out.srt"))
    quiet = invoke("convert", str(source), "--to", "srt", "-o", str(tmp_path / "out.srt"), "-q")
    assert loud.exit_code == quiet.exit_code == 0
    assert ": warning: tags SRT cannot show" in loud.stderr and ": warning:" not in quiet.stderr
    error = f"subkit: {source}:9: error: cannot read timing line, cue skipped"
    assert loud.stderr.startswith(error) and quiet.stderr.startswith(error)
    fixed = invoke("fix", str(source), "-o", str(tmp_path / "fixed.srt"), "-q")
    assert fixed.exit_code == 1 and "not repaired, nothing written" in fixed.stderr


@pytest.mark.parametrize(
    ("interruption", "code", "word"), [(KeyboardInterrupt, 130, "interrupted"), (Terminated, 143, "terminated")]
)
def test_interruptions_exit_130_and_143_and_leave_no_temporary_file(
    interruption: type[BaseException], code: int, word: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "a.srt")

    def write_and_stop(data: bytes) -> None:
        raise interruption

    real_fdopen = os.fdopen

    class Stopping:
        def __init__(self, handle: int, mode: str) -> None:
            self.stream = real_fdopen(handle, mode)

        def __enter__(self) -> Stopping:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> None:
            self.stream.write(data[:10])  # half written, then the signal
            raise interruption

    monkeypatch.setattr(os, "fdopen", Stopping)  # the os module subkit.fileio writes through
    result = invoke("convert", str(source), "--to", "vtt", "-o", str(tmp_path / "a.vtt"))
    assert result.exit_code == code and result.stderr == f"subkit: {word}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.srt"]
