"""Y rules: typography (French spacing, stray whitespace, the ellipsis character, dialogue dashes).

Each rule has a repair next to it, used by `subkit fix`; the repairs work on cue markup with
tags and escapes swapped for placeholder characters, so a tag or `&amp;` is never altered.
A rule reports a finding as fixable only when its repair, applied, leaves nothing to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from subkit.linebreak import base_language
from subkit.markup import PLACEHOLDERS, PlaceholderError, is_tag_placeholder, protect_tags, restore_tags, visible_text
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
_HARD_SPACES = NBSP + NARROW_NBSP
#: after these, ; : ! ? need no space: line start, hard spaces, other punctuation ("?!", "(?)")
_NO_SPACE_NEEDED_AFTER = set(";:!?…«([-—–'’\"\n" + _HARD_SPACES)
#: the signs French spacing is about (the rest of a line is only looked at around them)
_FRENCH_MARK = re.compile("[;:!?«»]")
#: a sign without a hard space on its side (only where one is, can `_french_edits` find something);
#: one character class first, so a search jumps from sign to sign
_FRENCH_SUSPECT = re.compile(f"[;:!?»«](?:(?<=[;:!?»])(?<![{_HARD_SPACES}].)|(?<=«)(?![{_HARD_SPACES}]))")


def repair(markup: str, change: Callable[[str], str]) -> str:
    """Apply a text repair to markup without touching tags or escapes (each one placeholder)."""
    try:
        protected, tags = protect_tags(markup, escapes=True)
    except PlaceholderError:
        return markup  # cannot be repaired without risk to the text: left as it is
    changed = change(protected)
    return markup if changed == protected else restore_tags(changed, tags)


_is_tag = is_tag_placeholder


def _neighbour(text: str, index: int, step: int) -> int:
    """Index of the nearest character that is not a tag placeholder (-1 or len when none)."""
    index += step
    while 0 <= index < len(text) and _is_tag(text[index]):
        index += step
    return index


def _french_edits(text: str) -> list[tuple[int, str, str]]:
    """(position, replacement for the character there or "" to insert before it, description)."""
    edits: list[tuple[int, str, str]] = []
    for mark in _FRENCH_MARK.finditer(text):
        index, ch = mark.start(), mark.group()
        if ch in ";:!?»":
            before = _neighbour(text, index, -1)
            previous = text[before] if before >= 0 else "\n"
            after = _neighbour(text, index, 1)
            following = text[after] if after < len(text) else ""
            if ch == ":" and (previous.isdigit() and following.isdigit() or following == "/"):
                continue  # 10:30, http://
            if ch in ";:!?" and previous in "!?":
                continue
            if previous in " \t":
                edits.append((before, NBSP, f"ordinary space before {ch}"))
            elif ch == "»" and previous not in _HARD_SPACES + "«\n":
                edits.append((index, "", f"no space before {ch}"))
            elif ch != "»" and previous not in _NO_SPACE_NEEDED_AFTER:
                edits.append((index, "", f"no space before {ch}"))
        elif ch == "«":
            after = _neighbour(text, index, 1)
            following = text[after] if after < len(text) else "\n"
            if following in " \t":
                edits.append((after, NBSP, "ordinary space after «"))
            elif following not in _HARD_SPACES + "\n":
                edits.append((index + 1, "", "no space after «"))
    return edits


def fix_french_spacing(markup: str) -> str:
    """Non-breaking spaces before ; : ! ? » and after « (U+00A0, which cp1252 files can hold)."""

    def change(text: str) -> str:
        edits = {position: (replacement, description) for position, replacement, description in _french_edits(text)}
        if not edits:
            return text
        out = []
        for index, ch in enumerate(text):
            if index in edits:
                replacement, _ = edits[index]
                out.append(replacement if replacement else NBSP + ch)
            else:
                out.append(ch)
        if len(text) in edits:
            out.append(NBSP)
        return "".join(out)

    return repair(markup, change)


@rule("Y001", "fr-punctuation", "warning")
def fr_punctuation(context: Context) -> Iterator[Problem]:
    """French: no (non-breaking) space before ; : ! ? », or after « (checked for French tracks only).

    An ordinary space lets the line break before the sign and fails Netflix's white-space check.
    FAIL: "Vraiment ?" (ordinary space), "Vraiment?".   PASS: "Vraiment\\u00a0?", "«\\u00a0Non\\u00a0»".
    """
    if context.lang != "fr" or not _FRENCH_SUSPECT.search(context.all_visible):
        return
    for view in context.views:
        if not _FRENCH_SUSPECT.search(view.visible):
            continue  # every sign has its hard space: nothing for _french_edits to find
        edits = _french_edits(view.visible)
        if edits:
            descriptions = sorted({description for _, _, description in edits})
            fixed = visible_text(fix_french_spacing(view.cue.text))
            yield Problem(
                view.index, "; ".join(descriptions) + " (use a non-breaking space)", fixable=not _french_edits(fixed)
            )


_DOUBLE = re.compile(f" ([{PLACEHOLDERS}]*) +")
_LEADING = re.compile(f"^([{PLACEHOLDERS}]*)[ \t]+", re.MULTILINE)


def _strip_trailing(text: str) -> str:
    """Spaces at the end of each line go, tags after them stay: `[ \t]+(tags*)$` in linear time
    (as a regular expression it is quadratic on a long run of spaces inside a line)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        keep = len(line)
        while keep and is_tag_placeholder(line[keep - 1]):
            keep -= 1
        cut = keep
        while cut and line[cut - 1] in " \t":
            cut -= 1
        if cut < keep:
            lines[number] = line[:cut] + line[keep:]
    return "\n".join(lines)


def fix_whitespace(markup: str) -> str:
    """One space between words, none at the start or end of a line (tags stay where they were)."""

    def change(text: str) -> str:
        text = _LEADING.sub(r"\1", text)
        text = _strip_trailing(text)
        previous = None
        while previous != text:
            previous, text = text, _DOUBLE.sub(r" \1", text)
        return text

    return repair(markup, change)


def whitespace_issues(visible: str) -> list[str]:
    issues = []
    lines = visible.split("\n")
    if any("  " in line for line in lines):
        issues.append("double space")
    if any(line[:1] in (" ", "\t") for line in lines if line.strip()):
        issues.append("space at the start of a line")
    if any(line[-1:] in (" ", "\t") for line in lines if line.strip()):
        issues.append("space at the end of a line")
    return issues


def may_be_badly_spaced(text: str) -> bool:
    """Whether `text` can hold any of the three `whitespace_issues`: substring tests, no per-line work."""
    return "  " in text or "\t" in text or " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" ")


@rule("Y002", "whitespace", "warning")
def whitespace(context: Context) -> Iterator[Problem]:
    """Double, leading or trailing spaces.

    FAIL: "Il est  parti." / " Il est parti." / "Il est parti. ".   PASS: "Il est parti."
    """
    if not may_be_badly_spaced(context.all_visible):
        return  # no cue has any of the three (a line break separates two cues in `all_visible`)
    for view in context.views:
        visible = view.visible
        if not may_be_badly_spaced(visible):
            continue
        if not visible.strip():
            continue  # an empty cue is S004's business
        issues = whitespace_issues(visible)
        if issues:
            fixed = visible_text(fix_whitespace(view.cue.text))
            yield Problem(view.index, ", ".join(issues), fixable=not whitespace_issues(fixed))


_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def fix_ellipsis(markup: str) -> str:
    """ "..." -> "…" (exactly three dots; other runs of dots are left for a person)."""
    return repair(markup, lambda text: _THREE_DOTS.sub("…", text))


@rule("Y003", "ellipsis", "info", uses=("ellipsis",))
def ellipsis(context: Context) -> Iterator[Problem]:
    """Three dots where the profile wants the single character … (netflix).

    FAIL: "Je ne sais pas...".   PASS: "Je ne sais pas…".
    """
    if not context.thresholds.ellipsis or "..." not in context.all_visible:
        return
    for view in context.views:
        if "..." in view.visible:
            fixed = visible_text(fix_ellipsis(view.cue.text))
            yield Problem(view.index, '"..." should be the ellipsis character …', fixable="..." not in fixed)


#: languages whose dialogue dash is followed by a space ("- Oui."), and those where it is not ("-Yes.")
DASH_WITH_SPACE = frozenset({"fr", "es", "it", "pl"})
DASH_WITHOUT_SPACE = frozenset({"en", "de"})
_DASH_NO_SPACE = re.compile(f"^([{PLACEHOLDERS}]*)-(?=[^\\s\\d\\-{PLACEHOLDERS}])", re.MULTILINE)
_DASH_SPACE = re.compile(f"^([{PLACEHOLDERS}]*)-[ \t{NBSP}]+(?=\\S)", re.MULTILINE)


def fix_dialogue_dash(markup: str, lang: str | None) -> str:
    """The speaker dash in the language's style: "- " for fr/es/it/pl, "-" for en/de."""
    code = base_language(lang) if lang else None
    if code in DASH_WITH_SPACE:
        return repair(markup, lambda text: _DASH_NO_SPACE.sub(r"\1- ", text))
    if code in DASH_WITHOUT_SPACE:
        return repair(markup, lambda text: _DASH_SPACE.sub(r"\1-", text))
    return markup


def dash_issues(visible: str, lang: str) -> int:
    pattern = _DASH_NO_SPACE if lang in DASH_WITH_SPACE else _DASH_SPACE
    return len(pattern.findall(visible))


@rule("Y004", "dialogue-dash", "warning")
def dialogue_dash(context: Context) -> Iterator[Problem]:
    """Speaker dash not in the language's style (fr/es/it/pl "- " with a space; en/de "-" without).

    FAIL (fr): "-Tu viens ?".   PASS (fr): "- Tu viens ?".   PASS (en): "-Are you coming?"
    Not checked when the track's language is unknown or not one of these six.
    """
    lang = context.lang
    if lang not in DASH_WITH_SPACE and lang not in DASH_WITHOUT_SPACE:
        return
    wanted = '"- " (dash and space)' if lang in DASH_WITH_SPACE else '"-" with no space'
    if "-" not in context.all_visible:
        return
    for view in context.views:
        if "-" not in view.visible:
            continue
        if dash_issues(view.visible, lang):
            fixed = visible_text(fix_dialogue_dash(view.cue.text, lang))
            yield Problem(
                view.index, f"speaker dash should be {wanted} in {lang}", fixable=not dash_issues(fixed, lang)
            )
