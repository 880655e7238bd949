"""Per-suite pass counts, the figures docs/conformance.md quotes (the test fails if the two drift)."""

from __future__ import annotations

from pathlib import Path

from . import suites

DOCS = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"


def all_results() -> list[suites.SuiteResult]:
    return [
        suites.wpt_file_parsing(),
        suites.wpt_support_tests(),
        suites.wpt_cue_text(),
        suites.mozilla(suites.MOZILLA_BASICS),
        suites.mozilla(),
    ]


def test_summary_matches_the_docs_and_wpt_share() -> None:
    results = all_results()
    table = suites.summary_table(results)
    wpt = results[0]
    assert wpt.share >= 0.95, f"WPT file parsing below 95 %:\n{table}"
    assert table in DOCS.read_text("utf-8"), f"docs/conformance.md is out of date; measured:\n{table}"
