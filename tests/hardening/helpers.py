"""Small shared pieces of the hardening tests."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result

from subkit.cli import cli

GOOD = "1\n00:00:01,000 --> 00:00:04,000\nLes combattants tiennent la vallée.\n\n2\n00:00:05,000 --> 00:00:08,000\nIls attendent.\n"
#: a readable file with one block the reader cannot read (a broken arrow is mended by fix, this is not)
ONE_BAD_BLOCK = GOOD + "\n3\n00:00:09,000 --> 00:00:xx,000\nbroken timing\n"


def invoke(*arguments: str, input: bytes | str | None = None) -> Result:  # noqa: A002 - CliRunner's name
    return CliRunner().invoke(cli, list(arguments), input=input)


def write(path: Path, text: str = GOOD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files (`.NAME.XXXX.tmp`) anywhere under `folder`: there must never be any."""
    return [os.path.join(root, name) for root, _, names in os.walk(folder) for name in names if name.endswith(".tmp")]
