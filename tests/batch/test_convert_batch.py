"""`subkit convert` over a catalogue: mirroring, parallel workers, shards, one error per bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from tests.batch.conftest import relative_files


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_and_in_process_write_the_same_bytes_and_mirror_the_tree(catalogue: Path, tmp_path: Path) -> None:
    before = snapshot(catalogue)
    code, out, err = run("convert", str(catalogue), "--to", "vtt", "-o", str(tmp_path / "pool"), "--jobs", "2")
    assert code == 0, err
    assert out == "" and err == "subkit: converted 12 of 12 files\n"
    code, _, err = run("convert", str(catalogue), "--to", "vtt", "-o", str(tmp_path / "serial"), "--jobs", "1")
    assert code == 0, err
    pool, serial = snapshot(tmp_path / "pool"), snapshot(tmp_path / "serial")
    assert pool == serial
    assert list(pool) == [name[:-4] + ".vtt" for name in relative_files(catalogue, ".srt")]
    assert all(data.startswith(b"WEBVTT\n") for data in pool.values())
    assert snapshot(catalogue) == before  # inputs untouched


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_files_are_one_line_each_the_rest_converted_and_the_exit_code_says_so(
    catalogue: Path, tmp_path: Path, jobs: str
) -> None:
    files = sorted(catalogue.rglob("*.srt"))
    files[3].write_bytes(b"\x00\x01\x02\xff" * 300)
    files[7].write_text("this is not a subtitle\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run("convert", str(catalogue), "--to", "vtt", "-o", str(out_dir), "--jobs", jobs, "--quiet")
    assert code == 3
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0] == f"subkit: {files[3]}: binary data, not a subtitle file"
    assert lines[1].startswith(f"subkit: {files[7]}: not a subtitle file")
    assert lines[2] == "subkit: converted 10 of 12 files, 2 failed"
    assert len(relative_files(out_dir, ".vtt")) == 10


def test_a_missing_named_file_does_not_stop_the_others(catalogue: Path, tmp_path: Path) -> None:
    good = sorted(catalogue.rglob("*.srt"))[0]
    code, _, err = run("convert", str(tmp_path / "gone.srt"), str(good), "--to", "vtt", "-o", str(tmp_path / "out"))
    assert code == 3
    assert f"subkit: {tmp_path / 'gone.srt'}: no such file" in err and "converted 1 of 2 files, 1 failed" in err
    assert (tmp_path / "out" / (good.stem + ".vtt")).is_file()


def test_shards_one_to_three_write_every_file_exactly_once(catalogue: Path, tmp_path: Path) -> None:
    written: list[str] = []
    for k in (1, 2, 3):
        out_dir = tmp_path / f"shard{k}"
        code, _, err = run("convert", str(catalogue), "--to", "vtt", "-o", str(out_dir), "--shard", f"{k}/3")
        assert code == 0, err
        names = relative_files(out_dir, ".vtt")
        assert len(names) == 4  # 12 files dealt over 3 jobs
        written += names
    assert sorted(written) == [name[:-4] + ".vtt" for name in relative_files(catalogue, ".srt")]


def test_an_empty_shard_is_not_an_error(tmp_path: Path) -> None:
    source = tmp_path / "only.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:02,000\nx\n", encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "vtt", "-o", str(tmp_path / "out"), "--shard", "2/2")
    assert code == 0 and "shard 2/2 holds none of the 1 files" in err
    assert not (tmp_path / "out").exists()


def test_two_inputs_for_one_output_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nx\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.srt").write_text(srt, encoding="utf-8")
    (tmp_path / "in" / "a.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\ny\n", encoding="utf-8")
    (tmp_path / "in" / "b.srt").write_text(srt, encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "in"), "--to", "vtt", "-o", str(tmp_path / "out"))
    assert code == 2 and "would both be written to" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
    # beside the inputs, a.srt -> a.vtt would replace the input a.vtt before it is read
    code, _, err = run("convert", str(tmp_path / "in"), "--to", "vtt")
    assert code == 2 and "a.vtt" in err
    assert (tmp_path / "in" / "a.vtt").read_text(encoding="utf-8").endswith("y\n")
    # a glob picks one format and the tree converts
    code, _, err = run("convert", str(tmp_path / "in" / "*.srt"), "--to", "vtt", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert relative_files(tmp_path / "out", ".vtt") == ["a.vtt", "b.vtt"]


def test_output_that_is_a_file_with_several_inputs_is_a_usage_error(catalogue: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.vtt"
    target.write_text("keep", encoding="utf-8")
    code, _, err = run("convert", str(catalogue), "--to", "vtt", "-o", str(target))
    assert code == 2 and "must be a folder" in err
    assert target.read_text(encoding="utf-8") == "keep"


def test_negative_jobs_is_a_usage_error(catalogue: Path) -> None:
    assert run("convert", str(catalogue), "--to", "vtt", "--jobs", "-1")[0] == 2
