"""mozilla/vtt.js's parser suite (2013-2017 spec drafts), compared where the current spec agrees.

Each MANIFEST entry compares the whole expected cue list: count, id, times (to the ms), text as
the tree a browser builds from it, and the attributes whose meaning has not changed since
(vertical, line, snapToLines, lineAlign, position, size, align with `middle` read as `center`).
Where vtt.js follows an older draft than wpt, subkit follows wpt; those files are strict xfails,
each with the rule that changed.
"""

from __future__ import annotations

import json

import pytest

from . import suites

OLD_SPEC = "older spec draft; the current spec (and wpt) "
KNOWN_DEVIATIONS = {
    "cue-settings/line/bad-line-align.vtt": OLD_SPEC
    + "rejects line alignment `left`, so the whole `line:` setting is ignored",
    "cue-settings/position/bad-position-align.vtt": OLD_SPEC
    + "only knows line-left/center/line-right after `position:N%,`",
    "cue-settings/position/position-end-align.vtt": OLD_SPEC
    + "has no `end` position alignment: the setting is ignored",
    "cue-settings/position/position-start-align.vtt": OLD_SPEC
    + "has no `start` position alignment: the setting is ignored",
    "cue-times/min-top-digits.vtt": OLD_SPEC + "reads `000:00.000` as hours and then requires `:SS`: no cue",
    "cue-times/minimum-spots-over-sixty.vtt": OLD_SPEC + "reads `120:00.000` as hours and then requires `:SS`: no cue",
    "file-layout/header-no-new-line.vtt": OLD_SPEC
    + "starts a cue at an arrow line inside the header (wpt header-timings)",
    "integration/id.vtt": OLD_SPEC + "rereads an arrow on line 2 of a failed block as a new cue (wpt arrows)",
}

MANIFEST = json.loads((suites.MOZILLA / "MANIFEST.json").read_text("utf-8")) if suites.MOZILLA.is_dir() else []


def _params() -> list[object]:
    params: list[object] = []
    for entry in MANIFEST:
        name = entry["vtt"].removeprefix("tests/")
        marks = [pytest.mark.xfail(reason=KNOWN_DEVIATIONS[name], strict=True)] if name in KNOWN_DEVIATIONS else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


_RESULT: dict[str, suites.SuiteResult] = {}


def _outcome(name: str) -> str | None:
    if not _RESULT:
        _RESULT["all"] = suites.mozilla()
    return _RESULT["all"].cases[name]


@pytest.mark.parametrize("name", _params())
def test_mozilla_case(name: str) -> None:
    outcome = _outcome(name)
    assert outcome is None, outcome


def test_every_cue_times_ids_and_text_outside_the_known_deviations() -> None:
    result = suites.mozilla(suites.MOZILLA_BASICS)
    unexplained = {name: why for name, why in result.failures.items() if name not in KNOWN_DEVIATIONS}
    assert not unexplained, unexplained
