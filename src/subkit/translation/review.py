"""The bilingual review file: what a reviewer reads to approve a draft, cue by cue.

Source and target side by side with their times, and for each cue where its text came from
(the engine, the memory, a fuzzy match and the memory's source it was made for) and what is
wrong with it: over the target profile's limits (reading speed, line length, line count),
other QC findings of the draft, glossary terms missing or forbidden. As one self-contained HTML
page (no script, no font, no image to fetch: it opens offline, mails as one file and prints),
or as CSV for a spreadsheet.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from subkit.counting import cps, line_lengths
from subkit.fileio import atomic_write
from subkit.model import Track
from subkit.timecode import format_srt
from subkit.translation.inline import tokens

#: findings that mean "over the target's limits" rather than another QC problem
LIMIT_CODES = frozenset({"R001", "R002", "L001", "L002"})


@dataclass(slots=True)
class Flag:
    #: machine, memory, fuzzy, limit, qa, glossary
    kind: str
    label: str
    detail: str = ""


@dataclass(slots=True)
class ReviewRow:
    number: int
    start: int
    end: int
    source: str
    target: str
    origin: Flag
    flags: list[Flag] = field(default_factory=list)
    #: the memory's source text of a fuzzy match (what the reused translation was made for)
    memory_source: str = ""


def review_path(path: str, source: str, target: str, fmt: str, output: str | None) -> str:
    """`film.fr.srt` -> `film.fr-en.review.html`, beside the draft (beside the input when it goes to stdout)."""
    from subkit.translation.naming import output_path  # noqa: PLC0415

    return output_path(path, f"{source}-{target}.review", fmt, None if output == "-" else output)


def _origin(match: Any) -> Flag:
    if match is None:
        return Flag("machine", "machine", "drafted by the translation engine")
    if match.kind == "fuzzy":
        return Flag("fuzzy", f"fuzzy {match.score}%", "memory match for a similar source")
    if match.origin == "machine":
        return Flag("machine", "machine (memory)", "an earlier machine draft of the same source")
    return Flag("memory", "memory", "approved translation of the same source")


def review_rows(
    source: Track,
    target: Track,
    language: str,
    profile: str | None = None,
    config: Any = None,
    matches: list[Any] | None = None,
    glossary: Any = None,
    origins: list[Flag] | None = None,
    qa_report: dict[str, Any] | None = None,
) -> list[ReviewRow]:
    """One row per cue; the tracks correspond one to one (a draft, or an XLIFF's units).

    A draft's QA report (`subkit.translation.qa`), when given, is the one source of what it has:
    limits, glossary, untranslated cues, numbers, fallbacks. The review runs only the other QC
    rules itself, so the page and the report never disagree.
    """
    from subkit.qc import check_track  # noqa: PLC0415
    from subkit.translation.qa import LIMIT_RULES  # noqa: PLC0415

    rows: list[ReviewRow] = []
    for number, (before, after) in enumerate(zip(source.cues, target.cues), 1):
        match = matches[number - 1] if matches else None
        origin = origins[number - 1] if origins else _origin(match)
        rows.append(
            ReviewRow(
                number,
                after.start,
                after.end,
                before.text,
                after.text,
                origin,
                memory_source=match.source if match is not None and match.kind == "fuzzy" else "",
            )
        )
    findings = check_track(target, profile=profile, lang=language, config=config, ignore=["G", "S002", "S003"])
    for finding in findings:
        if finding.cue is None or not 0 < finding.cue <= len(rows) or finding.severity == "info":
            continue  # info findings (frame grid, one line fits) are not what a reviewer approves
        if qa_report is not None and finding.code in LIMIT_RULES:
            continue  # the QA report's
        kind = "limit" if finding.code in LIMIT_CODES else "qa"
        rows[finding.cue - 1].flags.append(Flag(kind, f"{finding.code} {finding.name}", finding.message))
    if qa_report is not None:
        for cue, flag in qa_flags(qa_report):
            if 0 < cue <= len(rows):
                rows[cue - 1].flags.append(flag)
    elif glossary is not None:
        from subkit.translation.glossary import check_terms  # noqa: PLC0415

        for issue in check_terms(source.cues, target.cues, glossary, language):
            rows[issue.cue].flags.append(Flag("glossary", "glossary", issue.message.removeprefix("glossary: ")))
    for row in rows:
        row.flags.sort(key=lambda flag: _FLAG_ORDER.get(flag.kind, len(_FLAG_ORDER)))
    return rows


#: flags in the order a reviewer deals with them: missing text first, then limits, then the rest
_FLAG_ORDER = {"untranslated": 0, "limit": 1, "numbers": 2, "glossary": 3, "qa": 4, "fallback": 5}


def _cues(numbers: list[int]) -> str:
    return f" (cues {numbers[0]}-{numbers[-1]})" if len(numbers) > 1 else ""


def qa_flags(report: dict[str, Any]) -> list[tuple[int, Flag]]:
    """(1-based cue, flag) for every entry of a draft's QA report."""
    from subkit.qc.registry import catalogue  # noqa: PLC0415

    names = {rule.code: rule.name for rule in catalogue()}
    flags: list[tuple[int, Flag]] = []
    for entry in report.get("untranslated", []):
        flags.append((entry["cue"], Flag("untranslated", "untranslated", entry["reason"])))
    for entry in report.get("over_limits", []):
        label = f"{entry['code']} {names[entry['code']]}" if entry["code"] in names else entry["code"]
        flags.append((entry["cue"], Flag("limit", label, entry["message"])))
    for entry in report.get("numbers", []):
        detail = f"source {', '.join(entry['source']) or 'none'}; draft {', '.join(entry['draft']) or 'none'}{_cues(entry['cues'])}"
        flags += [(cue, Flag("numbers", "numbers", detail)) for cue in entry["cues"]]
    for entry in report.get("glossary", []):
        if entry.get("forbidden"):
            detail = f"{entry['term']!r} is a forbidden term"
        else:
            detail = f"{entry['term']!r} should be {entry['expected']!r}{_cues(entry['cues'])}"
        flags += [(cue, Flag("glossary", "glossary", detail)) for cue in entry["cues"]]
    for entry in report.get("fallback", []):
        flags.append((entry["cue"], Flag("fallback", "fallback", entry["reason"])))
    return flags


def _html_markup(markup: str) -> str:
    """Cue markup as HTML: italics, bold and underline shown as such, other tags as small code chips."""
    out: list[str] = []
    for token in tokens(markup):
        if token.kind == "text":
            out.append(token.value)  # cue markup escapes & < > already
        elif token.kind == "lb":
            out.append("<br>")
        elif token.kind in ("open", "close") and token.name in ("i", "b", "u"):
            out.append(f"<{'/' if token.kind == 'close' else ''}{token.name}>")
        else:
            out.append(f'<span class="code">{html.escape(token.value)}</span>')
    return "".join(out)


def _measure(markup: str, duration: int) -> str:
    lengths = "/".join(str(length) for length in line_lengths(markup))
    return f"{lengths} ch · {cps(markup, duration):.1f} cps"


_CSS = """
:root { --ink:#1d2430; --muted:#6b7280; --line:#e5e7eb; --paper:#fff; --band:#f8fafc;
  --memory:#15803d; --fuzzy:#b45309; --machine:#4f46e5; --bad:#b91c1c; --qa:#7c3aed; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--band); }
header { padding: 20px 28px 14px; background: var(--paper); border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 20px; font-weight: 650; }
.sub { color: var(--muted); font-size: 13px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.stat { border: 1px solid var(--line); border-radius: 999px; padding: 3px 12px; font-size: 13px; background: var(--band); }
.stat b { font-variant-numeric: tabular-nums; }
.filter { margin-left: auto; font-size: 13px; color: var(--muted); display: flex; align-items: center; gap: 6px; }
main { padding: 16px 28px 40px; }
table { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--paper);
  border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
thead th { position: sticky; top: 0; background: #f1f5f9; text-align: left; font-size: 12px; letter-spacing: .04em;
  text-transform: uppercase; color: var(--muted); padding: 8px 12px; border-bottom: 1px solid var(--line); z-index: 1; }
td { vertical-align: top; padding: 10px 12px; border-bottom: 1px solid var(--line); }
tr:last-child td { border-bottom: none; }
td.num { width: 3.5em; color: var(--muted); font-variant-numeric: tabular-nums; border-left: 4px solid var(--machine); }
tr.memory td.num { border-left-color: var(--memory); }
tr.fuzzy td.num { border-left-color: var(--fuzzy); }
td.time { width: 9.5em; font: 12px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); white-space: nowrap; }
td.text { width: 34%; }
td.target { background: #fcfcfd; }
.measure { display: block; margin-top: 4px; font-size: 11.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
.was { display: block; margin-top: 6px; font-size: 12.5px; color: var(--fuzzy); }
.code { font: 11px ui-monospace, Menlo, Consolas, monospace; background: #eef2ff; color: #3730a3; border-radius: 4px; padding: 0 3px; }
td.flags { width: 16em; }
.flag { display: inline-block; margin: 0 4px 4px 0; padding: 1px 8px; border-radius: 999px; font-size: 12px;
  font-weight: 600; color: #fff; background: var(--machine); }
.flag.memory { background: var(--memory); } .flag.fuzzy { background: var(--fuzzy); }
.flag.limit, .flag.untranslated { background: var(--bad); } .flag.qa, .flag.numbers { background: var(--qa); }
.flag.glossary { background: #0e7490; } .flag.fallback { background: var(--muted); }
.detail { display: block; font-size: 12px; color: var(--muted); margin: -2px 0 4px; }
#only:checked ~ main tr.clean { display: none; }
@media print { thead th { position: static; } .filter { display: none; } body { background: #fff; } }
"""


def render_html(rows: list[ReviewRow], title: str, subtitle: str) -> str:
    counts = {kind: sum(1 for row in rows if row.origin.kind == kind) for kind in ("memory", "fuzzy", "machine")}
    flagged = sum(1 for row in rows if row.flags or row.origin.kind == "fuzzy")
    limits = sum(1 for row in rows if any(flag.kind == "limit" for flag in row.flags))
    stats = [
        ("cues", len(rows)),
        ("from memory", counts["memory"]),
        ("fuzzy", counts["fuzzy"]),
        ("machine", counts["machine"]),
        ("over limits", limits),
        ("to check", flagged),
    ]
    body: list[str] = []
    for row in rows:
        classes = [row.origin.kind, "" if row.flags or row.origin.kind == "fuzzy" else "clean"]
        flags = [
            f'<span class="flag {row.origin.kind}" title="{html.escape(row.origin.detail)}">{html.escape(row.origin.label)}</span>'
        ]
        for flag in row.flags:
            flags.append(
                f'<span class="flag {flag.kind}">{html.escape(flag.label)}</span>'
                f'<span class="detail">{html.escape(flag.detail)}</span>'
            )
        was = f'<span class="was">memory source: {_html_markup(row.memory_source)}</span>' if row.memory_source else ""
        body.append(
            f'<tr class="{" ".join(c for c in classes if c)}" id="cue-{row.number}"><td class="num">{row.number}</td>'
            f'<td class="time">{format_srt(row.start)}<br>{format_srt(row.end)}<br>{(row.end - row.start) / 1000:.2f} s</td>'
            f'<td class="text source">{_html_markup(row.source)}{was}</td>'
            f'<td class="text target">{_html_markup(row.target)}<span class="measure">{_measure(row.target, row.end - row.start)}</span></td>'
            f'<td class="flags">{"".join(flags)}</td></tr>'
        )
    summary = "".join(f'<span class="stat"><b>{value}</b> {html.escape(label)}</span>' for label, value in stats)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head>
<body><input type="checkbox" id="only" hidden>
<header><h1>{html.escape(title)}</h1><div class="sub">{html.escape(subtitle)}</div>
<div class="summary">{summary}<label class="filter" for="only">&#9745; show only cues to check</label></div></header>
<main><table><thead><tr><th>#</th><th>Time</th><th>Source</th><th>Target</th><th>Flags</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table></main></body></html>
"""


def render_csv(rows: list[ReviewRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["cue", "start", "end", "source", "target", "origin", "flags", "memory source"])
    for row in rows:
        flags = "; ".join(f"{flag.label}: {flag.detail}" if flag.detail else flag.label for flag in row.flags)
        writer.writerow(
            [
                row.number,
                format_srt(row.start),
                format_srt(row.end),
                row.source,
                row.target,
                row.origin.label,
                flags,
                row.memory_source,
            ]
        )
    return buffer.getvalue()


def write_review(
    source: Track,
    target: Track,
    path: str,
    source_lang: str,
    target_lang: str,
    profile: str | None = None,
    config: Any = None,
    matches: list[Any] | None = None,
    glossary: Any = None,
    protect: set[str] | None = None,
    origins: list[Flag] | None = None,
    qa_report: dict[str, Any] | None = None,
) -> list[ReviewRow]:
    rows = review_rows(source, target, target_lang, profile, config, matches, glossary, origins, qa_report)
    name = Path(source.source.path).name if source.source else "track"
    if path.endswith(".csv"):
        # a byte order mark, so that spreadsheet programs read the accents as UTF-8
        data = "\ufeff" + render_csv(rows)
    else:
        subtitle = f"{name} · {source_lang} → {target_lang} · profile {profile or 'netflix'}"
        data = render_html(rows, f"Review: {name} → {target_lang}", subtitle)
    atomic_write(path, data.encode("utf-8"), protect)
    return rows
