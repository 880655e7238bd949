"""Glossary files: names and terms that must come out exactly as the production decided.

A spreadsheet exported as CSV or TSV, first row the language codes, first column the source
language; an empty cell keeps the source term (names are usually not translated)::

    fr,en,de,pl,en:forbidden
    Panchir,Panjshir,Pandschir,Pandższir,Panshir|Panjsher
    Khalid Amiry,,,,
    Kaboul,Kabul,Kabul,Kabul,

Lines starting with `#` are comments. A column headed `xx:forbidden` lists terms (separated by
`|`) that must never appear in an `xx` translation: a misspelt name, a rival's trademark, a
word the client banned.

A TBX file (the termbase exchange standard: TBX-Basic/TBX 2008 `<martif>` or TBX 2019 `<tbx>`)
gives the same: each concept entry's terms per language, and a term whose administrative status
is deprecated, superseded or forbidden is a forbidden term of its language.

`check_terms` then checks a translation: each cue whose source holds a glossary term must hold
the required target term, and no cue may hold a forbidden one. Terms are compared as whole
words, ignoring case.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from subkit.errors import InputError
from subkit.fileio import decode, read_bytes
from subkit.markup import visible_text
from subkit.model import Cue

_FORBIDDEN_SUFFIX = ":forbidden"
#: TBX administrative statuses that mean "do not use" (ISO 12620 values and common variants)
_FORBIDDEN_STATUS = re.compile(r"deprecated|superseded|forbidden|notRecommended", re.IGNORECASE)


@dataclass(slots=True)
class Glossary:
    source: str
    languages: list[str]
    #: one dict per row: language -> term (the source language always present)
    rows: list[dict[str, str]] = field(default_factory=list)
    #: language -> terms that must not appear in a translation into it
    forbidden: dict[str, list[str]] = field(default_factory=dict)

    def for_target(self, target: str) -> dict[str, str]:
        """Source term -> what it must become in `target` (itself when the cell is empty)."""
        return {row[self.source]: (row.get(target) or row[self.source]) for row in self.rows}

    def forbidden_in(self, target: str) -> list[str]:
        base = target.split("-")[0]
        return list(dict.fromkeys(self.forbidden.get(target, []) + self.forbidden.get(base, [])))


def load_glossary(path: str, source: str | None = None) -> Glossary:
    """A CSV/TSV or TBX glossary; `source` is the track's language (TBX has no first column)."""
    data = read_bytes(path)
    if path.lower().endswith(".tbx") or data.lstrip()[:200].lstrip(b"\xef\xbb\xbf").startswith(b"<"):
        return _load_tbx(data, path, source)
    decoded = decode(data, path)
    lines = [
        (number, line)
        for number, line in enumerate(decoded.text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise InputError("empty glossary", path)
    header_number, header_line = lines[0]
    delimiter = "\t" if "\t" in header_line else ";" if ";" in header_line and "," not in header_line else ","
    columns = [cell.strip().lower() for cell in next(csv.reader([header_line], delimiter=delimiter))]
    languages = [column for column in columns if not column.endswith(_FORBIDDEN_SUFFIX)]
    codes = languages + [column[: -len(_FORBIDDEN_SUFFIX)] for column in columns if column.endswith(_FORBIDDEN_SUFFIX)]
    if not languages or not all(_is_code(code) for code in codes):
        raise InputError("the first row must list language codes (e.g. fr,en,de or en:forbidden)", path, header_number)
    glossary = Glossary(languages[0], languages)
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines[1:])), delimiter=delimiter)
    for (number, _), cells in zip(lines[1:], reader):
        if len(cells) > len(columns):
            raise InputError(f"{len(cells)} cells for {len(columns)} columns", path, number)
        row: dict[str, str] = {}
        for column, cell in zip(columns, cells):
            if not cell.strip():
                continue
            if column.endswith(_FORBIDDEN_SUFFIX):
                terms = [term.strip() for term in cell.split("|") if term.strip()]
                glossary.forbidden.setdefault(column[: -len(_FORBIDDEN_SUFFIX)], []).extend(terms)
            else:
                row[column] = cell.strip()
        if row and languages[0] not in row:
            raise InputError("the source term (first cell) is empty", path, number)
        if row:
            glossary.rows.append(row)
    return glossary


def _is_code(code: str) -> bool:
    return 2 <= len(code) <= 8 and code.replace("-", "").isalpha()


def _load_tbx(data: bytes, path: str, source: str | None) -> Glossary:
    from subkit.translation.xmlsafe import XML_LANG, local, parse_xml  # noqa: PLC0415

    root = parse_xml(data, path)
    if local(root.tag) not in ("martif", "tbx"):
        raise InputError(f"not a TBX file (the root element is <{local(root.tag)}>)", path, root.sourceline)
    default = (root.get(XML_LANG) or "").lower()
    source = (source or default).lower()
    if not source:
        raise InputError("the TBX file does not say its source language; give the track's language", path)
    entries = [node for node in root.iter() if local(node.tag) in ("termEntry", "conceptEntry")]
    if not entries:
        raise InputError("no <termEntry> or <conceptEntry> in the TBX file", path, root.sourceline)
    glossary = Glossary(source, [source])
    for entry in entries:
        preferred: dict[str, str] = {}
        sources: list[str] = []
        for section in entry:
            if local(section.tag) not in ("langSet", "langSec"):
                continue
            language = (section.get(XML_LANG) or "").lower()
            if not _is_code(language):
                raise InputError("a language section without a valid xml:lang", path, section.sourceline)
            if language not in glossary.languages:
                glossary.languages.append(language)
            for holder in section.iter():
                if local(holder.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term_node = next((node for node in holder.iter() if local(node.tag) == "term"), None)
                term = " ".join("".join(term_node.itertext()).split()) if term_node is not None else ""
                if not term:
                    raise InputError("a term entry without a <term>", path, holder.sourceline)
                status = " ".join(
                    (node.text or "")
                    for node in holder.iter()
                    if local(node.tag) in ("termNote", "descrip")
                    and (node.get("type") or "") in ("administrativeStatus", "normativeAuthorization", "usageStatus")
                )
                if _FORBIDDEN_STATUS.search(status):
                    glossary.forbidden.setdefault(language, []).append(term)
                elif language == source:
                    sources.append(term)
                else:
                    preferred.setdefault(language, term)
        for term in sources:
            glossary.rows.append({source: term, **preferred})
    return glossary


@dataclass(slots=True)
class TermIssue:
    #: 0-based position of the cue
    cue: int
    kind: str  # "missing" or "forbidden"
    term: str
    source_term: str = ""

    @property
    def message(self) -> str:
        if self.kind == "missing":
            return f"glossary: {self.source_term!r} should be {self.term!r}"
        return f"glossary: {self.term!r} is a forbidden term"


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def check_terms(source: list[Cue], target: list[Cue], glossary: Glossary, language: str) -> list[TermIssue]:
    """Cue by cue (the tracks correspond one to one): required terms present, forbidden ones absent."""
    language = language.lower()
    required = [
        (_pattern(term), term, _pattern(wanted), wanted) for term, wanted in glossary.for_target(language).items()
    ]
    forbidden = [(_pattern(term), term) for term in glossary.forbidden_in(language)]
    issues: list[TermIssue] = []
    for index, (before, after) in enumerate(zip(source, target)):
        original = " ".join(visible_text(before.text).split())
        translated = " ".join(visible_text(after.text).split())
        for source_pattern, term, target_pattern, wanted in required:
            if source_pattern.search(original) and not target_pattern.search(translated):
                issues.append(TermIssue(index, "missing", wanted, term))
        for pattern, term in forbidden:
            if pattern.search(translated):
                issues.append(TermIssue(index, "forbidden", term))
    return issues
