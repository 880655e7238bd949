"""Profiles as data, configuration lookup and precedence, and precise errors for bad keys."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from subkit.errors import UsageError
from subkit.qc import load_config, profile_names, resolve_thresholds, settings_for


def test_builtin_profiles_and_contract_thresholds() -> None:
    assert profile_names()[0] == "netflix"
    assert set(profile_names()) == {
        "netflix",
        "netflix-sdh",
        "netflix-kids",
        "broadcast-fr",
        "broadcast-fr-sdh",
        "arte",
        "ard",
        "ard-kids",
        "bbc",
    }
    netflix = resolve_thresholds("netflix")
    assert (
        netflix.max_cpl,
        netflix.max_lines,
        netflix.max_cps,
        netflix.min_duration,
        netflix.max_duration,
        netflix.min_gap_frames,
        netflix.ellipsis,
    ) == (42, 2, 17, 833, 7000, 2, True)
    assert resolve_thresholds("netflix", lang="en").max_cps == 20
    assert resolve_thresholds("netflix", lang="en-US").max_cps == 20
    fr = resolve_thresholds("broadcast-fr")
    assert (fr.max_cpl, fr.max_cps, fr.min_duration, fr.min_gap_frames) == (36, 15, 1000, 2)
    ard = resolve_thresholds("ard")
    assert (ard.max_cpl, ard.max_cps, ard.min_duration, ard.min_gap_frames) == (37, 15, 1000, 1)
    bbc = resolve_thresholds("bbc")
    assert (bbc.max_cpl, bbc.max_cps, bbc.max_wpm, bbc.min_gap_frames, bbc.max_duration, bbc.min_pause) == (
        37,
        None,
        180,
        0,
        None,
        1000,
    )
    arte = resolve_thresholds("arte")
    assert (arte.max_cpl, arte.max_cps, arte.min_duration, arte.max_duration, arte.min_gap_frames, arte.glyphs) == (
        37,
        15,
        1000,
        10000,
        5,
        "teletext-latin",
    )
    assert (resolve_thresholds("netflix-sdh").max_cps, resolve_thresholds("netflix-sdh").sdh) == (20, True)
    assert (resolve_thresholds("netflix-kids").max_cps, resolve_thresholds("netflix-kids", lang="en").max_cps) == (
        13,
        17,
    )
    assert resolve_thresholds("ard-kids").max_cps == 11
    sdh = resolve_thresholds("broadcast-fr-sdh")
    assert (sdh.max_cps, sdh.reading_table, sdh.reading_tolerance, sdh.sdh) == (
        None,
        ((12, 1000), (20, 2000), (36, 3000), (60, 4000)),
        20,
        True,
    )


def test_profile_severity_table_changes_a_rules_severity() -> None:
    from subkit.qc import check_track
    from tests.qc.helpers import track_of

    track = track_of([(0, 1500, "x" * 30)])
    [default] = check_track(track, profile="broadcast-fr-sdh", select=["R003"], config=None)
    assert default.severity == "error"


def test_new_threshold_keys_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "subkit.toml"
    for text in (
        '[rules]\nforbidden-tags = "font"\n',
        '[rules]\nglyphs = "klingon"\n',
        "[rules]\nreading-table = [[12]]\n",
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(UsageError):
            load_config(str(bad))


def test_pyproject_tool_subkit_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.subkit]\nprofile = "broadcast-fr"\nfps = 23.976\nfail-on = "warning"\n'
        '[tool.subkit.rules]\nmax-cps = 16\nignore = ["L004"]\n[tool.subkit.lang.en]\nmax-cps = 20\n',
        encoding="utf-8",
    )
    (tmp_path / "deep" / "er").mkdir(parents=True)
    config = load_config(None, tmp_path / "deep" / "er")
    assert config.profile == "broadcast-fr" and config.fps == Fraction(24000, 1001) and config.fail_on == "warning"
    assert config.ignore == ["L004"]
    settings = settings_for(None, None, "fr", None, None, None, config)
    assert settings.profile == "broadcast-fr" and settings.thresholds.max_cps == 16
    assert not settings.selected("L004") and settings.selected("L001")
    assert settings_for(None, None, "en", None, None, None, config).thresholds.max_cps == 20
    assert settings_for(None, "netflix", "fr", Fraction(25), None, None, config).fps == Fraction(25)


def test_subkit_toml_wins_over_a_pyproject_further_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.subkit]\nprofile = "bbc"\n', encoding="utf-8")
    (tmp_path / "show").mkdir()
    (tmp_path / "show" / "subkit.toml").write_text('profile = "ard"\n', encoding="utf-8")
    assert load_config(None, tmp_path / "show").profile == "ard"
    assert load_config(None, tmp_path).profile == "bbc"


def test_pyproject_without_tool_subkit_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(None, tmp_path).profile is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('profile = "hbo"', "unknown profile 'hbo'"),
        ('[rules]\nmax-cpl = "42"', "max-cpl must be a whole number"),
        ("[rules]\nmax-cps = -3", "max-cps must be a positive number or false"),
        ("[rules]\nmax_cpl = 40", "unknown key 'max_cpl'"),
        ("colour = true", "unknown key 'colour'"),
        ('ignore = ["Z9"]', "'Z9' matches no rule code"),
        ('fail-on = "fatal"', "fail-on must be one of"),
        ("[lang.en]\nmax-lines = 2.5", "max-lines must be a whole number"),
        ("profile = ", "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_that_names_the_key(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "subkit.toml"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_config(str(path))
    assert message in str(error.value) and str(path) in str(error.value)
    assert error.value.exit_code == 2


def test_missing_config_file_and_unknown_codes_on_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_config(str(tmp_path / "nope.toml"))
    with pytest.raises(UsageError, match="matches no rule code"):
        settings_for(None, None, None, None, ["X1"], None, None)
