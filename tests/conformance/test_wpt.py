"""The web-platform-tests WebVTT suites, run against subkit's reader.

File parsing: 441 `VTTCue`/`VTTRegion` assertions over 37 files (w3c-webvtt.js's JSON form of
wpt's `.js` files); the wpt `.test` sources (stylesheets, arrows, newlines, old regions); the
77 cue-text parsing cases (tree dumps). Every file is one test, so a regression names its file.
Known deviations would be listed here with their reason (strict xfail: one that starts passing
fails the run); subkit currently has none in these suites.
"""

from __future__ import annotations

import json

import pytest

from subkit.model import Track

from . import suites

#: file -> reason; each entry is a strict xfail.
KNOWN_DEVIATIONS: dict[str, str] = {}


def _param(name: str) -> object:
    if name in KNOWN_DEVIATIONS:
        return pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_DEVIATIONS[name], strict=True))
    return name


FILE_PARSING = sorted(p.name.removesuffix(".expected.json") for p in suites.WPT_FILE_PARSING.glob("*.expected.json"))


@pytest.mark.parametrize("name", [_param(name) for name in FILE_PARSING])
def test_wpt_file_parsing(name: str) -> None:
    track = suites.read_or_reject(suites.WPT_FILE_PARSING / f"{name}.vtt")
    root = suites.cues_of(track)
    records = json.loads((suites.WPT_FILE_PARSING / f"{name}.expected.json").read_text("utf-8"))
    failures = [outcome for record in records if (outcome := suites.check_record(root, record)) is not None]
    assert not failures, "\n".join(failures)


def test_wpt_file_parsing_share_is_at_least_95_percent() -> None:
    result = suites.wpt_file_parsing()
    summary = f"{result.passed}/{result.total} WPT file-parsing assertions pass ({100 * result.share:.1f} %)"
    assert result.total == 441, summary
    assert result.share >= 0.95, summary + "\n" + "\n".join(f"{k}: {v}" for k, v in result.failures.items())


def test_signature_rejections_give_no_cues() -> None:
    """Files browsers reject (wpt `signature-invalid.html`) must not become tracks."""
    for text in ("", "WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n", "webvtt\n", "\nWEBVTT\n", "WEB\n"):
        assert suites.cues_of(_read_text(text))["cues"] == []


def _read_text(text: str) -> Track | None:
    from subkit.errors import InputError
    from subkit.formats.vtt import SignatureError, parse

    try:
        return parse(text)
    except (SignatureError, InputError):
        return None


SUPPORT = sorted(p.stem for p in suites.WPT_SUPPORT.glob("*.test"))


@pytest.mark.parametrize("name", SUPPORT)
def test_wpt_test_sources(name: str) -> None:
    result = suites.wpt_support_tests()
    cases = {case: outcome for case, outcome in result.cases.items() if case.startswith(f"{name}#")}
    assert cases, f"no assertion read from {name}.test"
    failures = [f"{case}: {outcome}" for case, outcome in cases.items() if outcome is not None]
    assert not failures, "\n".join(failures)


def test_stylesheets_only_before_the_first_cue() -> None:
    _, vtt = suites.split_wpt_test(suites.WPT_SUPPORT / "stylesheets-newlines.test")
    from subkit.formats.vtt import parse

    track = parse(vtt)
    assert len(track.styles) == 1
    assert suites.css_selectors(track.styles[0]) == ["::cue(#foo)", ".foo"]
    ignored = [d for d in track.diagnostics if "STYLE block after the first cue" in d.message]
    assert [d.line for d in ignored] == [22]


CUE_TEXT = sorted(p.stem for p in suites.WPT_CUE_PARSING.glob("*.json"))


@pytest.mark.parametrize("name", CUE_TEXT)
def test_wpt_cue_text_parsing(name: str) -> None:
    result = suites.wpt_cue_text()
    cases = {case: outcome for case, outcome in result.cases.items() if case.startswith(f"{name}#")}
    assert len(cases) == len(json.loads((suites.WPT_CUE_PARSING / f"{name}.json").read_text("utf-8")))
    failures = [f"{case}: {outcome}" for case, outcome in cases.items() if outcome is not None]
    assert not failures, "\n".join(failures)
