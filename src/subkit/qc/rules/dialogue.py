"""Y rules about speaker dashes beyond their spacing (Y004): the dash's form, a dash missing on one
line, a dash on a cue that has one speaker.

Netflix, the CSA charter and Subtitle Edit's "Fix common errors" agree: a dash marks each
speaker of a two-speaker cue, one speaker a line, and a cue with one speaker has no dash
(docs/qc-reference.md §1.4, §3.1, §4.4). The repairs sit beside the checks; they work on the
protected markup (tags swapped for placeholders), so tags never move.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from subkit.markup import PLACEHOLDERS, visible_text
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule
from subkit.qc.rules.typography import DASH_WITH_SPACE, DASH_WITHOUT_SPACE, repair

#: a speaker dash written with another character: en dash, em dash, hyphen U+2010, minus, "--"
_ODD_DASH = re.compile(
    f"^([{PLACEHOLDERS}]*)(?:--|[\u2010\u2012\u2013\u2014\u2015\u2212])(?=[ \u00a0]?[^\\s\\d\\-])", re.MULTILINE
)
_VISIBLE_ODD_DASH = re.compile("^(?:--|[\u2010\u2012\u2013\u2014\u2015\u2212])(?=[ \u00a0]?[^\\s\\d\\-])", re.MULTILINE)
#: a line that starts with a speaker dash (any form), not a negative number ("-20 degrés")
_SPEAKER = re.compile("^\\s*(?:--|[-\u2010\u2012\u2013\u2014\u2015\u2212])(?=[ \u00a0]?[^\\s\\d\\-])")
#: a character only an odd speaker dash is written with (the hyphen aside, "--" is the other form)
_ODD_DASH_CHARACTER = re.compile("[\u2010\u2012\u2013\u2014\u2015\u2212]")
#: every character a speaker dash can be written with: a text without one has no speaker dash
_ANY_DASH = re.compile("[-\u2010\u2012\u2013\u2014\u2015\u2212]")
_LEADING_DASH = re.compile(f"^([{PLACEHOLDERS}]*)[-\u2010\u2012\u2013\u2014\u2015\u2212][ \t\u00a0]*", re.MULTILINE)
_SENTENCE_END = re.compile('[.!?…»"”)]\\s*$')
_SECOND_SPEAKER_INLINE = re.compile(" [-\u2013\u2014] ?[^\\s\\d]")
#: languages whose guides dash the second speaker only ("-Text" on the second line): Hebrew
#: (Netflix Hebrew Timed Text Style Guide, docs/qc-reference.md §1.6)
SECOND_SPEAKER_ONLY = frozenset({"he", "iw"})


def _dash(lang: str | None) -> str:
    return "-" if lang in DASH_WITHOUT_SPACE else "- "


def dashed(lines: list[str]) -> list[bool]:
    return [bool(_SPEAKER.match(line)) for line in lines]


def dash_shape(lines: list[str]) -> str | None:
    """What is wrong with the speaker dashes of a cue's visible lines, if anything.

    "single": a dash on a cue with one speaker (one line, or a dash on the first line only of a
    sentence that runs on); "missing": a later line has a dash but the first has none
    ("Tu viens ?" / "- Oui."), or the first has one and a later line starts a new sentence
    without one; None: fine.
    """
    marks = dashed(lines)
    if not any(marks):
        return None
    if len(lines) == 1:
        return None if _SECOND_SPEAKER_INLINE.search(lines[0]) else "single"
    if all(marks):
        return None
    if not marks[0]:
        return "missing"
    if not any(marks[1:]):
        return "missing" if _SENTENCE_END.search(lines[0]) else "single"
    return "missing"


def fix_dash_form(markup: str, lang: str | None) -> str:
    """En dash, em dash, U+2010, minus or "--" as a speaker dash -> the hyphen of the guides."""
    return repair(markup, lambda text: _ODD_DASH.sub(r"\1-", text))


def remove_single_speaker_dash(markup: str) -> str:
    """The speaker dash of a one-speaker cue removed (Subtitle Edit's "remove dialogue dash in
    single lines"); only when `dash_shape` says "single"."""
    if dash_shape(visible_text(markup).split("\n")) != "single":
        return markup
    return repair(markup, lambda text: _LEADING_DASH.sub(r"\1", text, count=1))


def add_missing_dash(markup: str, lang: str | None) -> str:
    """ "Tu viens ?" / "- Oui." -> "- Tu viens ?" / "- Oui.": one dash per speaker line, only when
    the first line has none and every later line has one (the unambiguous case)."""
    lines = visible_text(markup).split("\n")
    marks = dashed(lines)
    if len(lines) < 2 or marks[0] or not all(marks[1:]) or (lang or "").split("-")[0] in SECOND_SPEAKER_ONLY:
        return markup
    prefix = _dash(lang)
    return repair(markup, lambda text: re.sub(f"^([{PLACEHOLDERS}]*)", lambda m: m.group(1) + prefix, text, count=1))


@rule("Y005", "dash-form", "warning")
def dash_form(context: Context) -> Iterator[Problem]:
    """A speaker dash written as an en dash, em dash, minus or "--" instead of a hyphen.

    FAIL: "– Tu viens ?" / "– Non.", "—Oui.".   PASS: "- Tu viens ?" / "- Non."
    """
    if "--" not in context.all_visible and not _ODD_DASH_CHARACTER.search(context.all_visible):
        return
    for view in context.views:
        text = view.visible
        if "--" not in text and not _ODD_DASH_CHARACTER.search(text):
            continue
        if _VISIBLE_ODD_DASH.search(text):
            yield Problem(view.index, "speaker dash should be a hyphen (-)", fixable=True)


@rule("Y006", "dash-missing", "warning")
def dash_missing(context: Context) -> Iterator[Problem]:
    """Two speakers in a cue but a dash on one line only: every speaker line takes a dash.

    FAIL: "Tu viens ?" / "- Oui.".   PASS: "- Tu viens ?" / "- Oui."
    """
    if not _ANY_DASH.search(context.all_visible):
        return
    for view in context.views:
        if len(view.lines) < 2 or not _ANY_DASH.search(view.visible):
            continue
        marks = dashed(view.lines)
        if not any(marks):
            continue
        if (context.lang or "").split("-")[0] in SECOND_SPEAKER_ONLY and not marks[0] and all(marks[1:]):
            continue  # the Hebrew style: the second speaker only
        if dash_shape(view.lines) == "missing":
            fixed = visible_text(add_missing_dash(view.cue.text, context.lang)).split("\n")
            yield Problem(
                view.index,
                "a speaker dash on one line only: each speaker's line takes one",
                fixable=dash_shape(fixed) is None,
            )


@rule("Y007", "dash-single-speaker", "warning")
def dash_single_speaker(context: Context) -> Iterator[Problem]:
    """A speaker dash on a cue that has one speaker (dashes mark a change of speaker).

    FAIL: "- Je reviens demain.", "- Je reviens" / "demain matin.".   PASS: "Je reviens demain."
    """
    if not _ANY_DASH.search(context.all_visible):
        return
    for view in context.views:
        if not _SPEAKER.match(view.lines[0]):
            continue
        if dash_shape(view.lines) == "single":
            yield Problem(view.index, "one speaker: remove the dash", fixable=True)


def fix_dialogue(markup: str, lang: str | None, codes: set[str]) -> tuple[str, list[str]]:
    """Apply the dash repairs whose codes are in `codes`; returns the markup and the codes that changed it."""
    changed = []
    for code, step in (
        ("Y005", lambda m: fix_dash_form(m, lang)),
        ("Y007", remove_single_speaker_dash),
        ("Y006", lambda m: add_missing_dash(m, lang)),
    ):
        if code in codes:
            new = step(markup)
            if new != markup:
                changed.append(code)
                markup = new
    return markup, changed


__all__ = ["DASH_WITH_SPACE", "dash_shape", "fix_dialogue"]
