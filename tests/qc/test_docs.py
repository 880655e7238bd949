"""docs/qc.md must not drift: every rule, profile and option of validate and fix is in it."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from subkit.cli.fix import fix
from subkit.cli.validate import validate
from subkit.qc import profile_names
from subkit.qc.registry import catalogue

DOC = Path(__file__).resolve().parents[2] / "docs" / "qc.md"


def test_every_rule_and_profile_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in catalogue():
        assert f"### {rule.code} {rule.name} ({rule.severity})" in text
        assert "PASS" in rule.doc and "FAIL" in rule.doc, f"{rule.code} docstring needs PASS/FAIL examples"
    for name in profile_names():
        assert f"`{name}`" in text


@pytest.mark.parametrize("command", [validate, fix])
def test_every_option_is_documented(command: click.Command) -> None:
    text = DOC.read_text(encoding="utf-8")
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert any(name in text for name in parameter.opts), f"{command.name} {parameter.opts} not in docs/qc.md"
