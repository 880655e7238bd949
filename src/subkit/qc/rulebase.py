"""What a rule is and how it registers: the decorator every rule module uses, and what a check yields.

Apart from the catalogue (`subkit.qc.registry`), which imports the rule modules to fill
`RULES`: a rule module imports only this, so the import graph has no cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from subkit.model import Severity

if TYPE_CHECKING:
    from subkit.qc.context import Context


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found: the cue (0-based index, None for the file) and a sentence for a person."""

    cue: int | None
    message: str
    fixable: bool = False
    line: int | None = None
    severity: Severity | None = None


Check = Callable[["Context"], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    #: needs language detection (loads langdetect): skipped unless selected and applicable
    language: bool = False
    #: thresholds (Thresholds attribute names) the rule reads, for the catalogue
    uses: tuple[str, ...] = ()
    #: runs only when selected by its full code (a repair that changes a timing style, not an error)
    opt_in: bool = False

    @property
    def summary(self) -> str:
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.name

    @property
    def doc(self) -> str:
        return self.check.__doc__ or ""


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    language: bool = False,
    uses: tuple[str, ...] = (),
    opt_in: bool = False,
) -> Callable[[Check], Check]:
    """Register a check function under a contract code."""

    def register(check: Check) -> Check:
        RULES[code] = Rule(code, name, severity, check, language, uses, opt_in)
        return check

    return register
