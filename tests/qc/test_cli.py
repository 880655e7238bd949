"""`subkit validate` and `subkit fix` through the command line: exit codes, outputs, batches."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from subkit.cli import cli
from tests.support import modules_after_cli

CLEAN = "1\n00:00:01,000 --> 00:00:04,000\nLes combattants tiennent la vallée.\n\n2\n00:00:05,000 --> 00:00:08,000\nIls attendent.\n"
OVERLAP = "1\n00:00:01,000 --> 00:00:05,000\nBonjour.\n\n2\n00:00:04,000 --> 00:00:06,000\nAu revoir.\n"
SPACES = "1\n00:00:01,000 --> 00:00:04,000\nIl est  parti.\n"


def invoke(*arguments: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(arguments), env=env)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_codes_clean_findings_fail_on_and_missing(tmp_path: Path) -> None:
    clean = write(tmp_path, "a.fr.srt", CLEAN)
    spaces = write(tmp_path, "b.fr.srt", SPACES)
    assert invoke("validate", str(clean)).exit_code == 0
    assert invoke("validate", str(write(tmp_path, "c.fr.srt", OVERLAP))).exit_code == 1
    assert invoke("validate", str(spaces)).exit_code == 0  # a warning does not fail by default
    assert invoke("validate", str(spaces), "--fail-on", "warning").exit_code == 1
    missing = invoke("validate", str(tmp_path / "nope.srt"))
    assert missing.exit_code == 3 and "no such file" in missing.stdout + missing.stderr
    assert invoke("validate", str(clean), "--select", "Q9").exit_code == 2
    assert invoke("validate").exit_code == 2


def test_folder_batch_with_an_unreadable_file_reports_all_and_exits_3(tmp_path: Path) -> None:
    write(tmp_path, "show/ep1.fr.srt", CLEAN)
    write(tmp_path, "show/sub/ep2.fr.srt", OVERLAP)
    (tmp_path / "show" / "ep3.fr.srt").write_bytes(b"\x00\x01\xff" * 100)
    result = invoke("validate", str(tmp_path / "show"), "--format", "json", "--jobs", "2")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    names = [Path(f["path"]).name for f in report["files"]]
    assert names == ["ep1.fr.srt", "ep3.fr.srt", "ep2.fr.srt"]
    assert "error" in report["files"][1] and report["files"][2]["findings"][0]["code"] == "T002"


def test_shards_cover_every_file_once(tmp_path: Path) -> None:
    for number in range(6):
        write(tmp_path, f"show/ep{number}.fr.srt", CLEAN)
    seen = []
    for shard in ("1/3", "2/3", "3/3"):
        result = invoke("validate", str(tmp_path / "show"), "--shard", shard, "--format", "json")
        seen += [f["path"] for f in json.loads(result.stdout)["files"]]
    assert sorted(seen) == sorted(str(p) for p in (tmp_path / "show").glob("*.srt"))


def test_report_file_and_github_default_under_actions(tmp_path: Path) -> None:
    bad = write(tmp_path, "c.fr.srt", OVERLAP)
    out = tmp_path / "reports" / "qc.xml"
    result = invoke("validate", str(bad), "--format", "junit", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    github = invoke("validate", str(bad), env={"GITHUB_ACTIONS": "true"})
    assert github.stdout.startswith("::error file=") and "title=T002" in github.stdout


def test_list_rules_shows_the_active_thresholds(tmp_path: Path) -> None:
    result = invoke("validate", "--list-rules", "--profile", "bbc")
    assert result.exit_code == 0
    assert "max-wpm 180" in result.stdout and "max-cps off" in result.stdout
    assert all(code in result.stdout for code in ("S001", "T008", "R002", "L004", "Y004", "G002"))
    english = invoke("validate", "--list-rules", "--lang", "en").stdout
    assert "max-cps 20" in english
    (tmp_path / "subkit.toml").write_text('[rules]\nmax-cpl = 40\nignore = ["L004"]\n', encoding="utf-8")
    configured = invoke("validate", "--list-rules", "--config", str(tmp_path / "subkit.toml")).stdout
    assert "max-cpl 40" in configured and "one-line-fits" in configured and "(off)" in configured


def test_bad_config_is_exit_2_with_one_line(tmp_path: Path) -> None:
    clean = write(tmp_path, "a.fr.srt", CLEAN)
    (tmp_path / "subkit.toml").write_text("[rules]\nmax-cpl = 'x'\n", encoding="utf-8")
    result = invoke("validate", str(clean), "--config", str(tmp_path / "subkit.toml"))
    assert result.exit_code == 2 and "max-cpl must be a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_fix_output_in_place_backup_and_usage(tmp_path: Path) -> None:
    spaces = write(tmp_path, "b.fr.srt", SPACES)
    out = tmp_path / "out.fr.srt"
    result = invoke("fix", str(spaces), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Il est parti." in out.read_text(encoding="utf-8") and "  " in spaces.read_text(encoding="utf-8")
    assert "1 repair (Y002 x1)" in result.stderr
    assert invoke("fix", str(spaces), "--in-place").exit_code == 0
    assert (tmp_path / "b.fr.srt.bak").read_text(encoding="utf-8") == SPACES
    assert "  " not in spaces.read_text(encoding="utf-8")
    other = write(tmp_path, "c.fr.srt", SPACES)
    assert invoke("fix", str(other), "--in-place", "--no-backup").exit_code == 0
    assert not (tmp_path / "c.fr.srt.bak").exists()
    assert invoke("fix", str(other)).exit_code == 2
    assert invoke("fix", str(other), "-o", str(out), "--in-place").exit_code == 2
    kept = write(tmp_path, "d.fr.srt", SPACES)
    assert invoke("fix", str(kept), "-o", str(tmp_path / "d2.fr.srt"), "--ignore", "Y002").exit_code == 0
    assert "  " in (tmp_path / "d2.fr.srt").read_text(encoding="utf-8")


def test_fix_refuses_to_write_when_text_would_be_lost(tmp_path: Path) -> None:
    broken = write(tmp_path, "e.fr.srt", "stray text that is no cue\n\n" + CLEAN)
    out = tmp_path / "e2.fr.srt"
    result = invoke("fix", str(broken), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert "nothing written" in result.stderr


def test_langdetect_only_loaded_when_a_language_rule_runs(tmp_path: Path) -> None:
    long_french = "1\n00:00:01,000 --> 00:00:04,000\nLes combattants tiennent toujours la vallée du Panchir.\n"
    path = write(tmp_path, "a.fr.srt", long_french)
    assert "langdetect" not in modules_after_cli(["validate", str(path), "--ignore", "G"])
    assert "langdetect" in modules_after_cli(["validate", str(path)])
    assert "langdetect" not in modules_after_cli(["validate", str(write(tmp_path, "nolang.srt", long_french))])


def test_g002_with_a_source_track_and_g001_on_a_mislabelled_track(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "film.fr.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nLes combattants tiennent toujours la vallée.\n\n"
        "2\n00:00:05,000 --> 00:00:08,000\nIls attendent les ordres du colonel Amiry.\n\n"
        "3\n00:00:09,000 --> 00:00:12,000\nPersonne ne sait combien de temps ils tiendront.\n",
    )
    english = write(
        tmp_path,
        "film.en.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nThe fighters still hold the valley.\n\n"
        "2\n00:00:05,000 --> 00:00:08,000\nIls attendent les ordres du colonel Amiry.\n\n"
        "3\n00:00:09,100 --> 00:00:12,000\nNobody knows how long they will hold out.\n",
    )
    result = invoke("validate", str(english), "--source", str(source), "--select", "G002", "--format", "json")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["cue"]) for f in findings] == [("G002", 2)]
    assert "identical to the source cue" in findings[0]["message"]
    german = write(
        tmp_path,
        "wrong.fr.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nDie Kämpfer halten das Tal immer noch, aber die Munition wird knapp.\n",
    )
    result = invoke("validate", str(german), "--select", "G001", "--format", "json")
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["code"] == "G001" and "de" in finding["message"] and result.exit_code == 1
