"""Every command is documented: its help works and has examples, and README and docs mention it.

The group loads commands lazily, so a command whose module is broken would only fail when
used; asking each one for `--help` here catches that.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_has_examples(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"`subkit {name} --help` shows no examples"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme_tour(name: str) -> None:
    assert f"subkit {name}" in README, f"README.md does not show `subkit {name}`"


def test_readme_gives_one_install_and_one_test_command_that_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "$ pip install -e '.[test]'" in README and "pip install -e '.[test]'" in ci
    assert "$ python -m pytest -n auto -q" in README and "python -m pytest -n auto -q" in ci


def test_group_help_lists_every_command_without_importing_them() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout


def test_docs_links_in_readme_exist() -> None:
    for link in (
        "docs/qc.md",
        "docs/retime.md",
        "docs/translate.md",
        "docs/segment.md",
        "docs/ci.md",
        "docs/conformance.md",
    ):
        assert link in README and (ROOT / link).exists(), link
