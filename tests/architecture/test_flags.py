"""The library names no command-line flag: its messages describe the problem, the CLI adds the flag.

Every string constant of every module outside `subkit/cli/` is read from the source with `ast`
(docstrings too: they are the API's documentation, read by people who may never use the CLI).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import subkit

PACKAGE = Path(subkit.__file__).parent
#: `--fps`, `--select ALL`, `-o FILE`; not a CSS custom property (`var(--muted)`), an SRT arrow (`-->`) or a dash
FLAG = re.compile(
    r"(?<![\w(-])(--[a-z][a-z0-9_-]+(?![a-z0-9_-]|\s*:)|-[oj](?: (?:-(?!\w)|FILE\b|OUT\b|N\b)|(?=[;,.)]|$)))"
)


def library_strings() -> list[tuple[str, int, str]]:
    found: list[tuple[str, int, str]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli" or relative.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.extend((str(relative), node.lineno, match) for match in FLAG.findall(node.value))
    return found


def test_the_pattern_finds_flags() -> None:
    assert FLAG.findall("give it with --encoding; -o - takes one") == ["--encoding", "-o -"]
    assert FLAG.findall("written over another input; give -o") == ["-o"]
    assert FLAG.findall("--muted: #666; color: var(--muted); 00:00:01,000 --> 00:00:02,000 -- a dash") == []


def test_no_library_string_names_a_flag() -> None:
    assert library_strings() == []


def test_the_command_line_adds_its_flag_to_a_library_error() -> None:
    from subkit.batch import InputFile, refuse_collisions
    from subkit.cli.common import describe
    from subkit.errors import InputError, UsageError
    from subkit.timecode import TimecodeError, parse_time

    missing = InputError("cannot tell the text encoding", "a.srt", option="encoding", missing=True)
    assert describe(missing) == "a.srt: cannot tell the text encoding; give it with --encoding"
    wrong = UsageError("'X9' matches no rule code (e.g. T, T00, T002)", option="select")
    assert describe(wrong) == "--select: 'X9' matches no rule code (e.g. T, T00, T002) (see --list-rules)"
    with pytest.raises(TimecodeError) as frames:
        parse_time("75f")
    assert describe(frames.value) == "'75f' is in frames but no frame rate is known; give it with --fps"
    items = [InputFile("a.srt", "a.srt"), InputFile("a.vtt", "a.vtt")]
    with pytest.raises(UsageError) as collision:
        refuse_collisions(items, ["a.vtt", "b.vtt"], "fix")
    assert describe(collision.value).endswith("would be written over another input, a.vtt; give an output with -o")
