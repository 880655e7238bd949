"""`subkit fix` as a batch command, like convert and validate: folders, mirrored trees, globs,
--jobs, --shard, refusal of colliding names; backups never overwritten; the guard against losing
unreadable blocks in the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from subkit.errors import RepairRefused
from subkit.formats import parse_text
from subkit.qc import settings_for
from subkit.repairs import fix_track

from .helpers import GOOD, ONE_BAD_BLOCK, invoke, write

SPACES = "1\n00:00:01,000 --> 00:00:04,000\nIl est  parti.\n"


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_folders_are_walked_and_mirrored_in_parallel(tmp_path: Path) -> None:
    for name in ("s1/p1/ep.fr.srt", "s2/p1/ep.fr.srt", "s2/p2/ep.fr.vtt", "top.fr.srt"):
        write(
            tmp_path / "in" / name,
            SPACES if name.endswith(".srt") else "WEBVTT\n\n00:01.000 --> 00:04.000\nIl est  parti.\n",
        )
    result = invoke("fix", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "out") == ["s1/p1/ep.fr.srt", "s2/p1/ep.fr.srt", "s2/p2/ep.fr.vtt", "top.fr.srt"]
    assert all("  " not in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.*"))
    assert [Path(f["path"]).relative_to(tmp_path / "out").as_posix() for f in json.loads(result.stdout)["files"]] == [
        "s1/p1/ep.fr.srt",
        "s2/p1/ep.fr.srt",
        "s2/p2/ep.fr.vtt",
        "top.fr.srt",
    ]
    assert "  " in (tmp_path / "in" / "top.fr.srt").read_text(encoding="utf-8")  # inputs untouched


def test_same_names_from_different_folders_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.fr.srt", SPACES)
    write(tmp_path / "b" / "x.fr.srt", SPACES)
    result = invoke(
        "fix", str(tmp_path / "a" / "x.fr.srt"), str(tmp_path / "b" / "x.fr.srt"), "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()
    # a glob keeps the folders apart: twelve inputs, twelve outputs
    for season in range(3):
        for number in range(4):
            write(tmp_path / "cat" / f"s{season}" / f"p{number}" / "ep.fr.srt", SPACES)
    result = invoke("fix", str(tmp_path / "cat" / "*" / "*" / "*.srt"), "-o", str(tmp_path / "fixed"))
    assert result.exit_code == 0 and len(tree(tmp_path / "fixed")) == 12


def test_shards_cover_every_file_once(tmp_path: Path) -> None:
    for number in range(7):
        write(tmp_path / "in" / f"ep{number}.fr.srt", SPACES)
    seen: list[str] = []
    for shard in ("1/3", "2/3", "3/3"):
        assert (
            invoke("fix", str(tmp_path / "in"), "-o", str(tmp_path / f"out{shard[0]}"), "--shard", shard).exit_code == 0
        )
        seen += tree(tmp_path / f"out{shard[0]}")
    assert sorted(seen) == [f"ep{number}.fr.srt" for number in range(7)]


def test_in_place_never_overwrites_a_backup(tmp_path: Path) -> None:
    source = tmp_path / "f.fr.srt"
    original = SPACES.encode("cp1252")
    source.write_bytes(original)
    assert invoke("fix", str(source), "--in-place").exit_code == 0
    first = source.read_bytes()
    assert invoke("fix", str(source), "--in-place").exit_code == 0  # nothing left to repair: not rewritten
    assert source.read_bytes() == first and sorted(p.name for p in tmp_path.iterdir()) == ["f.fr.srt", "f.fr.srt.bak"]
    source.write_bytes(first.replace(b"parti", b"parti  !"))
    assert invoke("fix", str(source), "--in-place").exit_code == 0
    assert (tmp_path / "f.fr.srt.bak").read_bytes() == original  # the original is still there
    assert (tmp_path / "f.fr.srt.bak.1").read_bytes() == first.replace(b"parti", b"parti  !")


def test_the_library_refuses_to_repair_a_track_with_unreadable_blocks(tmp_path: Path) -> None:
    track = parse_text(ONE_BAD_BLOCK, "b.fr.srt")
    with pytest.raises(RepairRefused, match="1 block"):
        fix_track(track, settings_for(track, None, "fr", None, None, None, None))
    source = write(tmp_path / "b.fr.srt", ONE_BAD_BLOCK)
    fine = write(tmp_path / "c.fr.srt", GOOD)
    result = invoke("fix", str(source), str(fine), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "b.fr.srt: not repaired, nothing written: 1 block(s)" in result.stderr
    assert tree(tmp_path / "out") == ["c.fr.srt"]
