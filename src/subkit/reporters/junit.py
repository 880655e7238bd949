"""JUnit XML: one testsuite per file, one testcase per rule, one failure per finding.

CI systems (GitLab, Jenkins, Azure) show this as a test report without any plugin.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from subkit.qc.findings import Finding
from subkit.qc.report import FileReport
from subkit.timecode import format_srt


def render_junit(reports: list[FileReport], rules: list[tuple[str, str]]) -> str:
    total_tests = total_failures = total_errors = 0
    suites: list[str] = []
    for report in reports:
        cases: list[str] = []
        if report.error is not None:
            cases.append(
                f'  <testcase classname={quoteattr(report.path)} name="read">\n'
                f'   <error message={quoteattr(report.error)} type="unreadable"/>\n  </testcase>'
            )
            suites.append(
                f' <testsuite name={quoteattr(report.path)} tests="1" failures="0" errors="1">\n'
                + "\n".join(cases)
                + "\n </testsuite>"
            )
            total_tests += 1
            total_errors += 1
            continue
        by_code: dict[str, list[Finding]] = {}
        for finding in report.findings:
            by_code.setdefault(finding.code, []).append(finding)
        names = dict(rules)
        for finding in report.findings:
            names.setdefault(finding.code, finding.name)
        failures = 0
        for code in sorted(names, key=lambda c: ("STRLYG".find(c[0]), c)):
            found = by_code.get(code, [])
            body = []
            for finding in found:
                where = f"line {finding.line}" if finding.line is not None else "file"
                if finding.cue is not None:
                    where += f", cue {finding.cue}"
                if finding.start is not None:
                    where += f", {format_srt(finding.start)}"
                body.append(
                    f'   <failure message={quoteattr(finding.message)} type="{finding.severity}">'
                    f"{escape(where)}: {escape(finding.message)}</failure>"
                )
            failures += len(found)
            inner = ("\n" + "\n".join(body) + "\n  ") if body else ""
            cases.append(
                f"  <testcase classname={quoteattr(report.path)} name={quoteattr(code + ' ' + names[code])}>"
                f"{inner}</testcase>"
            )
        total_tests += len(names)
        total_failures += failures
        suites.append(
            f' <testsuite name={quoteattr(report.path)} tests="{len(names)}" failures="{failures}" errors="0">\n'
            + "\n".join(cases)
            + "\n </testsuite>"
        )
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="subkit validate" tests="{total_tests}" '
        f'failures="{total_failures}" errors="{total_errors}">'
    )
    return head + "\n" + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>\n"
