"""CI integrations: the pre-commit hook in a throwaway git repo, start-up imports, validate over a folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from tests.support import modules_after_cli

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("langdetect", "deep_translator", "requests")
GOOD = "1\n00:00:01,000 --> 00:00:03,000\nBonjour.\n\n2\n00:00:04,000 --> 00:00:06,000\nAu revoir.\n"
OVERLAPPING = "1\n00:00:01,000 --> 00:00:05,000\nBonjour.\n\n2\n00:00:04,000 --> 00:00:06,000\nAu revoir.\n"


def hook() -> dict[str, object]:
    yaml = pytest.importorskip("yaml", reason="PyYAML (comes with pre-commit) reads the hook file")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h["id"] == "subkit-validate"]
    assert isinstance(found, dict)
    return found


def test_hook_definition_names_the_validate_entry_and_subtitle_files() -> None:
    definition = hook()
    assert definition["entry"] == "subkit validate"
    assert definition["language"] == "python"
    import re

    pattern = re.compile(str(definition["files"]))
    assert pattern.search("ep1/film.fr.srt") and pattern.search("FILM.VTT")
    assert not pattern.search("notes.txt") and not pattern.search("film.srt.bak")


def installed_subkit() -> str:
    script = Path(sys.executable).parent / "subkit"
    found = str(script) if script.exists() else shutil.which("subkit")
    if not found:
        pytest.skip("the subkit console script is not installed")
    return found


@pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None, reason="pre-commit or git missing"
)
def test_pre_commit_hook_in_a_throwaway_repo(tmp_path: Path) -> None:
    definition = hook()
    # pre-commit would build a virtualenv with subkit in it for `language: python`; the test
    # points the same entry at the installed script with `language: system` to stay offline.
    entry = str(definition["entry"]).replace("subkit", installed_subkit(), 1)
    (tmp_path / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(f"""\
        repos:
          - repo: local
            hooks:
              - id: {definition["id"]}
                name: {definition["name"]}
                entry: {entry}
                language: system
                files: '{definition["files"]}'
                types: {json.dumps(definition["types"])}
        """),
        encoding="utf-8",
    )
    (tmp_path / "ep1").mkdir()
    (tmp_path / "ep1" / "good.fr.srt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a subtitle", encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
        "NO_COLOR": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True, timeout=60)

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "run", "--all-files"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    git("init", "-q")
    git("add", ".")
    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    (tmp_path / "ep1" / "bad.fr.srt").write_text(OVERLAPPING, encoding="utf-8")
    git("add", ".")
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "bad.fr.srt" in failed.stdout and "T002" in failed.stdout


def test_version_imports_neither_heavy_libraries_nor_the_formats() -> None:
    modules = modules_after_cli(["--version"])
    assert "click" in modules and "subkit" in modules
    assert not modules & {*HEAVY, "webvtt", "pysrt", "charset_normalizer", "concurrent"}


def test_convert_one_file_imports_no_heavy_library(tmp_path: Path) -> None:
    source = tmp_path / "a.fr.srt"
    source.write_text(GOOD, encoding="utf-8")
    modules = modules_after_cli(["convert", str(source), "--to", "vtt", "-o", str(tmp_path / "a.vtt")])
    assert (tmp_path / "a.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert "webvtt" in modules and not modules & set(HEAVY)


def test_validate_one_file_imports_langdetect_only_for_the_language_rules(catalogue: Path) -> None:
    source = sorted(catalogue.rglob("*.fr.srt"))[0]  # 40 cues of French: enough text for G001 to run
    assert not modules_after_cli(["validate", str(source)]) & {"deep_translator", "requests"}
    assert not modules_after_cli(["validate", str(source), "--ignore", "G"]) & set(HEAVY)


def test_validate_folder_json_reports_every_file_and_survives_an_unreadable_one(catalogue: Path) -> None:
    files = sorted(catalogue.rglob("*.srt"))
    files[5].write_bytes(b"\x00\x01\x02\xff" * 300)
    result = CliRunner().invoke(cli, ["validate", str(catalogue), "--format", "json"])
    assert result.exit_code in (1, 3), result.stderr
    report = json.loads(result.stdout)
    assert [Path(entry["path"]).name for entry in report["files"]] == [path.name for path in files]
    assert report["summary"]["files"] == 12
    broken = report["files"][5]
    assert "binary" in json.dumps(broken)
    assert all(entry["cues"] == 40 for index, entry in enumerate(report["files"]) if index != 5)


def test_click_shell_completion_knows_commands_formats_and_files() -> None:
    def complete(words: str, index: int) -> list[str]:
        env = {"_SUBKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(index)}
        result = CliRunner().invoke(cli, [], env=env, prog_name="subkit")
        assert result.exit_code == 0
        return result.stdout.split()

    assert "plain,convert" in complete("subkit con", 1)
    from subkit.cli.convert import CONVERT_TARGETS
    from subkit.formats import WRITABLE

    assert complete("subkit convert x.srt --to ", 4) == [f"plain,{name}" for name in CONVERT_TARGETS]
    assert sorted(CONVERT_TARGETS) == sorted(WRITABLE)  # the literal list follows the registry
    assert complete("subkit convert ", 2) == ["file,"]
    script = CliRunner().invoke(cli, [], env={"_SUBKIT_COMPLETE": "bash_source"}, prog_name="subkit").stdout
    assert "complete -o nosort -F _subkit_completion subkit" in script
