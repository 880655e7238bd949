"""Walking folders and globs, and cutting the inputs into CI shards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from subkit.batch import InputFile, collect_inputs, parse_shard, select_shard
from subkit.errors import InputError, UsageError


def touch(path: Path, text: str = "1\n00:00:01,000 --> 00:00:02,000\nx\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    touch(tmp_path / "b" / "z.fr.srt")
    touch(tmp_path / "a.en.VTT")
    touch(tmp_path / "b" / "c" / "y.de.srt")
    touch(tmp_path / ".git" / "hidden.srt")
    touch(tmp_path / "b" / ".backup.srt")
    touch(tmp_path / "notes.txt")
    items = collect_inputs([str(tmp_path)])
    assert [item.relative for item in items] == ["a.en.VTT", "b/c/y.de.srt", "b/z.fr.srt"]
    assert all(Path(item.path).is_file() for item in items)


def test_glob_keeps_the_tree_below_its_fixed_part(tmp_path: Path) -> None:
    touch(tmp_path / "in" / "s1" / "p1" / "x.fr.srt")
    touch(tmp_path / "in" / "s2" / "p1" / "x.fr.srt")  # same name, other folder: must not collide
    touch(tmp_path / "in" / "s2" / "p1" / "x.fr.vtt")
    items = collect_inputs([str(tmp_path / "in" / "**" / "*.srt")])
    assert [item.relative for item in items] == ["s1/p1/x.fr.srt", "s2/p1/x.fr.srt"]


def test_duplicates_once_and_argument_order_kept(tmp_path: Path) -> None:
    a = touch(tmp_path / "a.srt")
    b = touch(tmp_path / "b.srt")
    items = collect_inputs([str(b), str(tmp_path), str(a)])
    assert [item.path for item in items] == [str(b), str(a)]


def test_a_missing_file_is_kept_to_fail_on_its_own_but_empty_folders_and_patterns_are_errors(tmp_path: Path) -> None:
    good = touch(tmp_path / "good.srt")
    items = collect_inputs([str(tmp_path / "missing.srt"), str(good)])
    assert [item.relative for item in items] == ["missing.srt", "good.srt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no subtitle files"):
        collect_inputs([str(tmp_path / "empty")])
    with pytest.raises(InputError, match="matches no"):
        collect_inputs([str(tmp_path / "*.vtt")])


@pytest.mark.parametrize("text", ["3", "0/3", "4/3", "a/b", "1/0", "1/2/3", "-1/2"])
def test_bad_shard_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        parse_shard(text)


def _items(names: list[str]) -> list[InputFile]:
    return [InputFile(os.path.join("root", name), name) for name in names]


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.from_regex(r"[a-z]{1,3}(/[a-z0-9]{1,4}){0,2}\.srt", fullmatch=True), unique=True, max_size=40),
    n=st.integers(1, 7),
    seed=st.randoms(use_true_random=False),
)
def test_shards_partition_the_inputs_evenly_whatever_the_order(names: list[str], n: int, seed: object) -> None:
    items = _items(names)
    shards = [select_shard(items, f"{k}/{n}") for k in range(1, n + 1)]
    assigned = [item.relative for shard in shards for item in shard]
    assert sorted(assigned) == sorted(names)  # every file in exactly one shard
    sizes = [len(shard) for shard in shards]
    assert max(sizes) - min(sizes) <= 1 if names else sizes == [0] * n
    for shard in shards:  # each shard keeps the input order
        positions = [items.index(item) for item in shard]
        assert positions == sorted(positions)
    shuffled = list(items)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    for k, shard in enumerate(shards, start=1):  # another job listing the same files agrees
        assert {item.relative for item in select_shard(shuffled, f"{k}/{n}")} == {item.relative for item in shard}


def test_no_shard_means_everything() -> None:
    items = _items(["a.srt", "b.srt"])
    assert select_shard(items, None) == items
