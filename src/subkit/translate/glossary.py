"""Glossary files: names and terms that must come out exactly as the production decided.

A spreadsheet exported as CSV or TSV, first row the language codes, first column the source
language; an empty cell keeps the source term (names are usually not translated)::

    fr,en,de,pl
    Panchir,Panjshir,Pandschir,Pandższir
    Khalid Amiry,,,
    Kaboul,Kabul,Kabul,Kabul

Lines starting with `#` are comments.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from subkit.errors import InputError
from subkit.fileio import decode, read_bytes


@dataclass(slots=True)
class Glossary:
    source: str
    languages: list[str]
    #: one dict per row: language -> term (the source language always present)
    rows: list[dict[str, str]] = field(default_factory=list)

    def for_target(self, target: str) -> dict[str, str]:
        """Source term -> what it must become in `target` (itself when the cell is empty)."""
        return {row[self.source]: (row.get(target) or row[self.source]) for row in self.rows}


def load_glossary(path: str) -> Glossary:
    decoded = decode(read_bytes(path), path)
    lines = [(number, line) for number, line in enumerate(decoded.text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise InputError("empty glossary", path)
    header_number, header_line = lines[0]
    delimiter = "\t" if "\t" in header_line else ";" if ";" in header_line and "," not in header_line else ","
    languages = [cell.strip().lower() for cell in next(csv.reader([header_line], delimiter=delimiter))]
    if not languages or not all(2 <= len(code) <= 8 and code.replace("-", "").isalpha() for code in languages):
        raise InputError("the first row must list language codes (e.g. fr,en,de)", path, header_number)
    glossary = Glossary(languages[0], languages)
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines[1:])), delimiter=delimiter)
    for (number, _), cells in zip(lines[1:], reader):
        if len(cells) > len(languages):
            raise InputError(f"{len(cells)} cells for {len(languages)} languages", path, number)
        row = {language: cell.strip() for language, cell in zip(languages, cells) if cell.strip()}
        if languages[0] not in row:
            raise InputError("the source term (first cell) is empty", path, number)
        glossary.rows.append(row)
    return glossary
