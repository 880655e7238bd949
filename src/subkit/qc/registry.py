"""The rule catalogue: every rule module loaded once, in contract order; selecting rules by code.

Each rule registers its contract code, name, default severity and check through
`subkit.qc.rulebase`, which the rule modules import (this module imports them). Rules are small
generator functions that look at a `Context` and yield `Problem`s (a cue and a
message); the engine, not the rule, turns them into `Finding`s with code, name, severity, line
and times, so rules know nothing about reports. Selected and ignored codes are prefixes
(`T`, `T00`, `T002`) and the longest matching prefix wins, as in flake8.
"""

from __future__ import annotations

from subkit.errors import UsageError
from subkit.qc.rulebase import RULES, Check, Problem, Rule, rule

__all__ = [
    "FAMILY_ORDER",
    "RULES",
    "Check",
    "Problem",
    "Rule",
    "catalogue",
    "check_code_prefixes",
    "is_selected",
    "rule",
]

FAMILY_ORDER = "STRLYGF"


_loaded = False


def _load_rules() -> None:
    global _loaded  # noqa: PLW0603 - imported once, on first need
    from subkit.qc.rules import (  # noqa: F401, PLC0415  # noqa: F401, PLC0415
        consistency,
        dialogue,
        formats,
        glyphs,
        language,
        lines,
        pace,
        reading,
        shots,
        structure,
        timing,
        typography,
    )

    _loaded = True


def catalogue() -> list[Rule]:
    """Every rule, in contract order (S, T, R, L, Y, G, F, then by number)."""
    _load_rules()
    return sorted(RULES.values(), key=lambda r: (FAMILY_ORDER.index(r.code[0]), r.code))


def check_code_prefixes(
    codes: list[str], where: str = "", path: str | None = None, *, option: str | None = None
) -> list[str]:
    """The codes, upper-cased, each checked to be a prefix of at least one rule code; `where`
    names a configuration key, `option` the parameter the codes were given as."""
    _load_rules()
    cleaned = []
    for code in codes:
        code = code.strip().upper()
        if not code:
            continue
        if code != "ALL" and not any(known.startswith(code) for known in RULES):
            raise UsageError(
                f"{where + ': ' if where else ''}{code!r} matches no rule code (e.g. T, T00, T002)", path, option=option
            )
        cleaned.append(code)
    return cleaned


def is_selected(code: str, select: list[str] | None, ignore: list[str] | None) -> bool:
    """flake8 semantics: the longest matching prefix of select or ignore decides; a tie ignores.

    `select=None` selects every rule (as an empty prefix would). An opt-in rule is selected only
    by its full code (`select=["ALL", "T011"]`).
    """
    if not _loaded:
        _load_rules()
    known = RULES.get(code)
    if known is not None and known.opt_in and code not in (select or []):
        return False
    if select is None:
        selected_by = 0
    else:
        matches = [0 if p == "ALL" else len(p) for p in select if p == "ALL" or code.startswith(p)]
        if not matches:
            return False
        selected_by = max(matches)
    ignored_by = max((len(p) for p in (ignore or []) if code.startswith(p)), default=-1)
    return selected_by > ignored_by
