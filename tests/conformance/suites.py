"""The external conformance corpora as data: one function per suite, each returning per-case outcomes.

Every suite is run through the public reader (`subkit.formats.read_track`), so what is measured
is what users get: encoding detection, the WebVTT parser and the `VTTCue` mapping together.
Each function returns a `SuiteResult` whose `cases` map a case name to None (pass) or a short
reason (fail); the tests assert on them and `summary_table` prints the figures quoted in
docs/conformance.md.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from subkit.errors import InputError
from subkit.formats import read_track
from subkit.markup import to_raw_vtt
from subkit.model import Track
from tests.conformance.webvtt_dom import CueAttributes, dump_tree, parse_cue_text, track_cue_attributes, track_regions
from tests.support import CORPORA

WPT_FILE_PARSING = CORPORA / "w3c-webvtt.js" / "test" / "wpt-file-parsing"
WPT_CUE_PARSING = CORPORA / "w3c-webvtt.js" / "test" / "wpt-cue-parsing"
WPT_SUPPORT = CORPORA / "wpt-webvtt" / "webvtt" / "parsing" / "file-parsing" / "support"
MOZILLA = CORPORA / "mozilla-vtt.js"


@dataclass
class SuiteResult:
    name: str
    #: case name -> None when it passes, else why not
    cases: dict[str, str | None] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def passed(self) -> int:
        return sum(1 for outcome in self.cases.values() if outcome is None)

    @property
    def failures(self) -> dict[str, str]:
        return {name: outcome for name, outcome in self.cases.items() if outcome is not None}

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else 0.0


def read_or_reject(path: Path) -> Track | None:
    """The track a browser would load, or None when the file is rejected (no WEBVTT signature)."""
    try:
        return read_track(str(path))
    except InputError:
        return None


# --- WPT file parsing (w3c-webvtt.js's JSON form) ----------------------------------------------

_STEP = re.compile(r"\.?([A-Za-z]+)|\[(\d+)\]")
_MISSING = object()


def resolve(root: dict[str, Any], path: str) -> Any:
    """`cues.length`, `cues[3].line`, `cues[0].region.lines` against {"cues": [CueAttributes...]}."""
    value: Any = root
    for match in _STEP.finditer(path):
        name, index = match.groups()
        if index is not None:
            value = value[int(index)] if isinstance(value, list) and int(index) < len(value) else _MISSING
        elif isinstance(value, list) and name == "length":
            value = len(value)
        elif isinstance(value, dict):
            value = value.get(name, _MISSING)
        else:
            value = getattr(value, name, _MISSING)
        if value is _MISSING:
            return _MISSING
    return value


def _same(actual: Any, expected: Any) -> bool:
    """JavaScript `===` for what VTTCue exposes: numbers by value (-0 == 0), objects by identity."""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(actual, (int, float)):
        return float(actual) == float(expected) or (math.isnan(actual) and math.isnan(expected))
    if expected is None or actual is None:
        return actual is expected
    if isinstance(expected, (str, bool)):
        return type(actual) is type(expected) and actual == expected
    return actual is expected


def check_record(root: dict[str, Any], record: dict[str, Any]) -> str | None:
    """None when the record holds; otherwise what was found instead."""
    actual = resolve(root, record["path"])
    op = record["op"]
    if actual is _MISSING:
        return f"{record['path']}: missing"
    if "value_path" in record:
        expected = resolve(root, record["value_path"])
    else:
        expected = record.get("value")
    if op == "equals":
        ok = _same(actual, expected)
    elif op == "not_equals":
        ok = not _same(actual, expected)
    elif op == "true":
        ok = actual is True
    elif op == "false":
        ok = actual is False
    elif op == "truthy":
        ok = bool(actual) if not isinstance(actual, CueAttributes) else True
    else:
        return f"unknown op {op}"
    if ok:
        return None
    shown = actual if not hasattr(actual, "lines") else f"region(lines={actual.lines})"
    return f"{record['path']} {op} {expected!r}: got {shown!r}"


def cues_of(track: Track | None) -> dict[str, Any]:
    return {"cues": track_cue_attributes(track) if track is not None else []}


def wpt_file_parsing() -> SuiteResult:
    """441 assertions over 37 files; a case is `file#index`."""
    result = SuiteResult("WPT file parsing (w3c-webvtt.js)")
    for expected_path in sorted(WPT_FILE_PARSING.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        root = cues_of(read_or_reject(WPT_FILE_PARSING / f"{name}.vtt"))
        for index, record in enumerate(json.loads(expected_path.read_text("utf-8"))):
            result.cases[f"{name}#{index}"] = check_record(root, record)
    return result


# --- WPT .test sources (stylesheets, arrows, newlines, old regions) ---------------------------


def split_wpt_test(path: Path) -> tuple[str, str]:
    """(JS assertions, WebVTT bytes as text) from wpt's `.test` format, escapes decoded."""
    source = path.read_text("utf-8")
    head, _, vtt = source.partition("\n===\n")
    assertions = head.split("\n\n", 1)[1] if "\n\n" in head else ""
    vtt = vtt.replace("\\\n", "")  # backslash-newline is a line continuation
    decoded = codecs.decode(vtt.encode("latin-1", "backslashreplace"), "unicode_escape")
    return assertions, decoded


_ASSERT = re.compile(r"assert_equals\(([^,]+),\s*(.+)\);")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def css_selectors(stylesheet: str) -> list[str]:
    """Selectors of the style rules in a STYLE block's CSS (enough CSS to count rules as CSSOM does)."""
    without_comments = _CSS_COMMENT.sub("", stylesheet)
    return [match.strip() for match in re.findall(r"([^{}]+)\{[^{}]*\}", without_comments)]


def _js_value(text: str) -> Any:
    text = text.strip()
    if text == "null":
        return None
    if text[0] in "'\"":
        return text[1:-1]
    return json.loads(text)


def wpt_support_tests() -> SuiteResult:
    """The wpt `.test` sources: each `assert_equals` is a case, run against subkit's reading of the embedded file."""
    result = SuiteResult("WPT .test sources (wpt-webvtt)")
    for path in sorted(WPT_SUPPORT.glob("*.test")):
        assertions, vtt = split_wpt_test(path)
        scratch = _scratch_dir() / f"{path.stem}.vtt"
        scratch.write_bytes(vtt.encode("utf-8"))
        track = read_or_reject(scratch)
        root = cues_of(track)
        stylesheets = ["\n\n".join(track.styles)] if track is not None and track.styles else []
        rules = [selector for sheet in stylesheets for selector in css_selectors(sheet)]
        for index, (left, right) in enumerate(_ASSERT.findall(assertions)):
            left = left.strip()
            expected = _js_value(right) if not right.strip().startswith("CSSRule") else "style"
            if left == "document.styleSheets.length":
                actual: Any = len(stylesheets)
            elif left == "styleSheet.cssRules.length":
                actual = len(rules)
            elif left.endswith(".type"):
                actual = "style"
            elif left.startswith("rule") and left.endswith(".selectorText"):
                number = int(left[4 : left.index(".")]) - 1
                actual = rules[number] if number < len(rules) else None
            else:
                outcome = check_record(root, {"path": left, "op": "equals", "value": expected})
                result.cases[f"{path.stem}#{index}"] = outcome
                continue
            result.cases[f"{path.stem}#{index}"] = None if actual == expected else f"{left}: {actual!r} != {expected!r}"
    return result


_SCRATCH: list[Path] = []


def _scratch_dir() -> Path:
    """A private temporary folder for decoded `.test` payloads (removed at interpreter exit)."""
    if not _SCRATCH:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="subkit-wpt-"))
        atexit.register(shutil.rmtree, folder, True)
        _SCRATCH.append(folder)
    return _SCRATCH[0]


# --- WPT cue-text parsing -----------------------------------------------------------------------


def wpt_cue_text() -> SuiteResult:
    """77 cue payloads: the file is read by subkit, each cue's text parsed by the spec tree builder."""
    result = SuiteResult("WPT cue-text parsing (w3c-webvtt.js)")
    for expected_path in sorted(WPT_CUE_PARSING.glob("*.json")):
        cases = json.loads(expected_path.read_text("utf-8"))
        track = read_or_reject(expected_path.with_suffix(".vtt"))
        by_start = {cue.start: cue for cue in track.cues} if track else {}
        for index, case in enumerate(cases):
            cue = by_start.get(index * 1000)
            actual = dump_tree(parse_cue_text(to_raw_vtt(cue.text))) if cue is not None else ""
            outcome = None if actual == case["expectedTree"] else f"{case['text']!r}: got {actual!r}"
            result.cases[f"{expected_path.stem}#{index}"] = outcome
    return result


# --- mozilla vtt.js (older spec) -----------------------------------------------------------------

#: vtt.js attributes that follow the current spec too. Left out: `region` (old `Region:` header
#: syntax, which the current spec ignores), `positionAlign` (old values start/middle/end, derived
#: from `align`) and `pauseOnExit`. The old `align` default/keyword `middle` is the current `center`.
MOZILLA_FIELDS = (
    "id",
    "startTime",
    "endTime",
    "text",
    "vertical",
    "snapToLines",
    "line",
    "lineAlign",
    "position",
    "size",
    "align",
)
MOZILLA_BASICS = ("id", "startTime", "endTime", "text")


def _mozilla_view(cue: CueAttributes | dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    get: Callable[[str], Any] = cue.get if isinstance(cue, dict) else (lambda name: getattr(cue, name))
    view = {}
    for name in fields:
        value = get(name)
        if name == "text" and isinstance(value, str):
            # Compared as the tree a browser builds (getCueAsHTML): subkit's model resolves
            # character references and closes a tag left open at the end, which changes
            # `VTTCue.text` but not what is shown.
            value = dump_tree(parse_cue_text(value))
        elif name in ("startTime", "endTime") and isinstance(value, (int, float)):
            value = round(value * 1000)
        elif name == "align" and value == "middle":
            value = "center"
        view[name] = value
    return view


def mozilla(fields: tuple[str, ...] = MOZILLA_FIELDS) -> SuiteResult:
    """Each MANIFEST entry: the whole expected cue list compared on `fields` (times to the ms)."""
    label = "cue count, id, times, text" if fields == MOZILLA_BASICS else "current-spec cue attributes"
    result = SuiteResult(f"mozilla/vtt.js: {label}")
    manifest = json.loads((MOZILLA / "MANIFEST.json").read_text("utf-8"))
    for entry in manifest:
        expected = json.loads((MOZILLA / entry["expected"]).read_text("utf-8"))
        track = read_or_reject(MOZILLA / entry["vtt"])
        actual = [_mozilla_view(cue, fields) for cue in cues_of(track)["cues"]]
        wanted = [_mozilla_view(cue, fields) for cue in expected.get("cues", [])]
        outcome = None
        if len(actual) != len(wanted):
            outcome = f"{len(actual)} cues, expected {len(wanted)}"
        else:
            for position, (got, want) in enumerate(zip(actual, wanted)):
                differing = [name for name in fields if not _loose_equal(got[name], want[name])]
                if differing:
                    name = differing[0]
                    outcome = f"cue {position} {name}: {got[name]!r} != {want[name]!r}"
                    break
        result.cases[entry["vtt"].removeprefix("tests/")] = outcome
    return result


def _loose_equal(actual: Any, expected: Any) -> bool:
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return abs(actual - expected) < 1e-9
    return bool(actual == expected)


def all_regions(track: Track) -> int:
    return len(track_regions(track))


def summary_table(results: list[SuiteResult]) -> str:
    """The Markdown table docs/conformance.md quotes."""
    lines = ["| suite | passed | total | share |", "|---|---|---|---|"]
    for result in results:
        lines.append(f"| {result.name} | {result.passed} | {result.total} | {100 * result.share:.1f} % |")
    return "\n".join(lines)
