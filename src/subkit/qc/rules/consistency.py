"""Y and S rules a proof-reader applies to the whole track: commas and tabs, one apostrophe and one
quotation style throughout, capitals, repeated cues, SRT timings written with the wrong separator.

Track-wide rules look at every cue once to learn the track's own convention (which apostrophe,
which quotation marks), then report the cues that break it: a track is consistent with itself
before it is consistent with a guide.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from subkit.markup import PLACEHOLDERS, visible_text
from subkit.qc.context import Context, CueView
from subkit.qc.rulebase import Problem, rule
from subkit.qc.rules.structure import from_diagnostics
from subkit.qc.rules.typography import NBSP, repair

# --- S006 timing separator ------------------------------------------------------------------------


@rule("S006", "timing-separator", "warning")
def timing_separator(context: Context) -> Iterator[Problem]:
    """SRT timings written with `.` (or `，`) before the milliseconds instead of `,`.

    Many players read them, some drop the cue; the SRT convention is a comma.
    FAIL: `00:00:01.000 --> 00:00:02.000`.   PASS: `00:00:01,000 --> 00:00:02,000`.
    """
    for problem in from_diagnostics(context, "S006"):
        yield Problem(problem.cue, problem.message, fixable=True, line=problem.line, severity=problem.severity)


# --- S011 repeated text ---------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split()).casefold()


@rule("S011", "repeated-text", "warning")
def repeated_text(context: Context) -> Iterator[Problem]:
    """The same text as the cue before (a cue pasted twice, or split without changing the text).

    FAIL: "Ils arrivent." then "Ils arrivent." again.   PASS: "Ils arrivent." then "Ils sont là."
    """
    previous: str | None = ""
    previous_view = None
    for view in context.views:
        # equal normalised texts have as many words: only then is the normalising worth doing
        if previous_view is not None and view.words == previous_view.words:
            if previous is None:
                previous = _normalised(previous_view.visible)
            text: str | None = _normalised(view.visible)
            if text and text == previous:
                yield Problem(view.index, f"same text as cue {view.index}")
        else:
            text = None
        previous, previous_view = text, view


# --- Y008 comma and tab spacing ---------------------------------------------------------------------

_SPACE_BEFORE_COMMA = re.compile(f"(?<=\\w)([{PLACEHOLDERS}]*)[ \t]+([{PLACEHOLDERS}]*),")
_NO_SPACE_AFTER_COMMA = re.compile(f"(?<=[^\\W\\d_]),([{PLACEHOLDERS}]*)(?=[^\\W\\d_])")
_VISIBLE_SPACE_BEFORE = re.compile("\\w[ \t]+,")
#: a letter, a comma, a letter; the comma first (look-behind after it) so a search jumps from comma to comma
_VISIBLE_NO_SPACE_AFTER = re.compile(",(?<=[^\\W\\d_],)(?=[^\\W\\d_])")


def comma_issues(visible: str) -> list[str]:
    if "," not in visible and "\t" not in visible:
        return []
    issues = []
    if (" ," in visible or "\t," in visible) and _VISIBLE_SPACE_BEFORE.search(visible):
        issues.append("space before a comma")
    if _VISIBLE_NO_SPACE_AFTER.search(visible):
        issues.append("no space after a comma")
    if "\t" in visible:
        issues.append("tab character")
    return issues


def fix_commas(markup: str) -> str:
    """ "mot ,mot" -> "mot, mot"; tabs become spaces (Y002 then removes doubles); "3,5" is left alone."""

    def change(text: str) -> str:
        text = text.replace("\t", " ")
        text = _SPACE_BEFORE_COMMA.sub(r"\1\2,", text)
        return _NO_SPACE_AFTER_COMMA.sub(r",\1 ", text)

    return repair(markup, change)


@rule("Y008", "comma-spacing", "warning")
def comma_spacing(context: Context) -> Iterator[Problem]:
    """A space before a comma, no space after one, or a tab character.

    FAIL: "Oui , bien sûr.", "Oui,bien sûr.", "Oui\\tbien.".   PASS: "Oui, bien sûr.", "3,5 millions".
    """
    whole = context.all_visible
    if "\t" not in whole and " ," not in whole and not _VISIBLE_NO_SPACE_AFTER.search(whole):
        return  # neither a match nor a tab can span two cues
    for view in context.views:
        if "," not in view.visible and "\t" not in view.visible:
            continue
        issues = comma_issues(view.visible)
        if issues:
            yield Problem(view.index, ", ".join(issues), fixable=True)


# --- Y009 apostrophes and quotation marks -------------------------------------------------------------

#: an apostrophe between two letters; the apostrophe comes first in the pattern (the look-behind
#: after it) so a search jumps from one apostrophe to the next
_STRAIGHT_APOSTROPHE = re.compile("'(?<=[^\\W\\d_]')(?=[^\\W\\d_])")
_CURLY_APOSTROPHE = re.compile("\u2019(?<=[^\\W\\d_]\u2019)(?=[^\\W\\d_])")
_STRAIGHT_QUOTES = re.compile('"([^"\n]*)"')


def _track_styles(context: Context) -> tuple[str | None, str | None]:
    """(the track's apostrophe, its quotation style) by majority; None when it has no majority."""
    # Counted over the whole track at once: a match never spans the line break between two cues.
    whole = "\n".join(view.visible for view in context.views)
    # the counts decide only when both kinds are there; otherwise one match is enough
    has_straight = "'" in whole and _STRAIGHT_APOSTROPHE.search(whole) is not None
    has_curly = "\u2019" in whole and _CURLY_APOSTROPHE.search(whole) is not None
    straight = len(_STRAIGHT_APOSTROPHE.findall(whole)) if has_straight and has_curly else int(has_straight)
    curly = len(_CURLY_APOSTROPHE.findall(whole)) if has_straight and has_curly else int(has_curly)
    guillemets = whole.count("«")
    curly_quotes = whole.count("\u201c") + whole.count("\u201e")
    straight_quotes = sum(view.visible.count('"') // 2 for view in context.views) if '"' in whole else 0
    apostrophe = "\u2019" if curly > straight else "'" if straight > curly else None
    counts = {"«": guillemets, "\u201c": curly_quotes, '"': straight_quotes}
    best = max(counts, key=lambda k: counts[k])
    quotes = best if counts[best] and list(counts.values()).count(counts[best]) == 1 else None
    if context.lang == "fr" and (guillemets or quotes is None and (curly_quotes or straight_quotes)):
        quotes = "«"  # French quotation marks are guillemets (Netflix FR, Imprimerie nationale)
    return apostrophe, quotes


def quote_issues(visible: str, apostrophe: str | None, quotes: str | None) -> list[str]:
    issues = []
    if apostrophe == "\u2019" and "'" in visible and _STRAIGHT_APOSTROPHE.search(visible):
        issues.append("' where the track uses \u2019")
    elif apostrophe == "'" and "\u2019" in visible and _CURLY_APOSTROPHE.search(visible):
        issues.append("\u2019 where the track uses '")
    if quotes == "«" and ('"' in visible or "\u201c" in visible):
        issues.append('"..." where the track uses « »')
    elif quotes == "\u201c" and visible.count('"') >= 2:
        issues.append('"..." where the track uses \u201c\u201d')
    elif quotes == '"' and "\u201c" in visible:
        issues.append('\u201c\u201d where the track uses "..."')
    return issues


def fix_quotes(markup: str, apostrophe: str | None, quotes: str | None) -> str:
    """Apostrophes and paired quotation marks in the track's majority style."""

    def change(text: str) -> str:
        if apostrophe == "\u2019":
            text = _STRAIGHT_APOSTROPHE.sub("\u2019", text)
        elif apostrophe == "'":
            text = _CURLY_APOSTROPHE.sub("'", text)
        if quotes == "«":
            text = _STRAIGHT_QUOTES.sub(lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
            text = re.sub("\u201c([^\u201d\n]*)\u201d", lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
        elif quotes == "\u201c":
            text = _STRAIGHT_QUOTES.sub("\u201c\\1\u201d", text)
        elif quotes == '"':
            text = re.sub("\u201c([^\u201d\n]*)\u201d", '"\\1"', text)
        return text

    return repair(markup, change)


def track_quote_styles(context: Context) -> tuple[str | None, str | None]:
    return _track_styles(context)


@rule("Y009", "quote-consistency", "warning")
def quote_consistency(context: Context) -> Iterator[Problem]:
    """An apostrophe or quotation mark not in the track's own style (`'` in a track that uses `’`,
    `"..."` in a French track that uses « »).

    FAIL (a track that writes l’armée): "l'armée".   FAIL (fr): 'Il a dit "non".'
    PASS: "l’armée", "Il a dit «\\u00a0non\\u00a0»."
    """
    apostrophe, quotes = _track_styles(context)
    if apostrophe is None and quotes is None:
        return
    # the characters `quote_issues` can object to in this track's style: a cue with none is fine
    wrong = re.compile(
        "["
        + re.escape(
            {"\u2019": "'", "'": "\u2019"}.get(apostrophe or "", "")
            + {"«": '"\u201c', "\u201c": '"', '"': "\u201c"}.get(quotes or "", "")
        )
        + "]"
    )
    if not wrong.search(context.all_visible):
        return
    for view in context.views:
        text = view.visible
        if not wrong.search(text):
            continue
        issues = quote_issues(text, apostrophe, quotes)
        if issues:
            fixed = visible_text(fix_quotes(view.cue.text, apostrophe, quotes))
            yield Problem(view.index, "; ".join(issues), fixable=not quote_issues(fixed, apostrophe, quotes))


# --- Y010 lines in capitals ---------------------------------------------------------------------------


def capital_line(line: str) -> bool:
    """A line of at least two words and eight letters, all in capitals (not an acronym: "OTAN")."""
    return line.isupper() and len(line.split()) >= 2 and sum(ch.isalpha() for ch in line) >= 8


@rule("Y010", "capitals", "warning", uses=("sdh",))
def capitals(context: Context) -> Iterator[Problem]:
    """A line written in capitals (outside SDH conventions, where capitals mark shouting or
    several voices, capitals are hard to read and read as shouting).

    FAIL: "NOUS NE PARTIRONS PAS.".   PASS: "Nous ne partirons pas.", "L'OTAN est partie.";
    any line under `sdh = true` profiles.
    """
    if context.thresholds.sdh:
        return
    for view in context.views:
        for number, line in enumerate(view.lines, 1):
            if line.isupper() and capital_line(line):
                yield Problem(view.index, f"line {number} is in capitals")
                break


# --- Y011 capital after a sentence end -----------------------------------------------------------------

#: words after which a full stop does not end a sentence
_ABBREVIATIONS = frozenset(
    "etc cf ex p pp env av apr m mme mlle mm dr pr me st ste vol no n° mr mrs ms jr sr vs "
    "z.b bzw usw ca nr sig sra sr dott ecc".split()
)
_END = "(?<![.…])[.!?]"
_CLOSE = f'["»”’)\u00a0 {PLACEHOLDERS}]*'
#: `_END` with the sign first and the look-behind after it, so a search jumps between . ! ?
_LOWER_AFTER_END = re.compile(
    f'([.!?](?<![.…][.!?])){_CLOSE}[ \n]+[{PLACEHOLDERS}]*(?:- ?)?[{PLACEHOLDERS}«"“\u00a0]*([^\\W\\d_])'
)
_CUE_START_LOWER = re.compile(f'^[{PLACEHOLDERS}\\s]*(?:- ?)?[{PLACEHOLDERS}«"“\u00a0]*([^\\W\\d_])')
_CLOSING = '"»”’)\u00a0'
_ENDS_SENTENCE = re.compile(f"{_END}[{_CLOSING}]*\\s*$")


#: no abbreviation is longer: a longer word before the dot need not be read to the end
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)


def _abbreviation_before(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    before = text[max(0, dot - _LONGEST_ABBREVIATION - 1) : dot]
    if len(before) > _LONGEST_ABBREVIATION and before.isalpha():
        return False  # five letters or more before the dot: a word, not an abbreviation
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in ".°"):
        start -= 1
        if dot - start > _LONGEST_ABBREVIATION:
            return False  # longer than one letter and than every abbreviation
    word = text[start:dot].lower()
    return len(word) <= 1 or word in _ABBREVIATIONS


def lowercase_starts(protected: str) -> list[int]:
    """Positions of lower-case letters that start a sentence inside one cue's text."""
    return [
        m.start(2)
        for m in _LOWER_AFTER_END.finditer(protected)
        if m.group(2).islower() and not _abbreviation_before(protected, m.start(1))
    ]


def capitalise_at(markup: str, at_start: bool) -> str:
    """Sentence starts in capitals (inside the cue, and its first letter when `at_start`)."""

    def change(text: str) -> str:
        positions = lowercase_starts(text)
        if at_start and (m := _CUE_START_LOWER.match(text)) and m.group(1).islower():
            positions.append(m.start(1))
        if not positions:
            return text
        chars = list(text)
        for position in positions:
            chars[position] = chars[position].upper()
        return "".join(chars)

    return repair(markup, change)


def _ends_sentence(visible: str) -> bool:
    """`_ENDS_SENTENCE.search(visible)`, read from the end instead of tried at every position:
    trailing white space, then closing signs, then . ! ? not after another . or …"""
    head = visible.rstrip().rstrip(_CLOSING)
    return bool(head) and head[-1] in ".!?" and (len(head) == 1 or head[-2] not in ".…")


def previous_ends_sentence(visible: str) -> bool:
    if not _ends_sentence(visible):
        return False
    tail = visible.rstrip(' "»”’)\u00a0')
    return not _abbreviation_before(tail, len(tail) - 1)


def _cues_with_lowercase_starts(views: list[CueView]) -> set[int]:
    """Indexes of the cues for which `lowercase_starts` finds something, in one scan of the track.

    The cues are joined with NUL, which the pattern cannot match, so no match spans two cues and
    `_abbreviation_before` stops at a cue's start as it would in the cue alone.
    """
    starts = list(accumulate((len(view.visible) + 1 for view in views), initial=0))
    joined = "\0".join(view.visible for view in views)
    found = set()
    for match in _LOWER_AFTER_END.finditer(joined):
        if match.group(2).islower() and not _abbreviation_before(joined, match.start(1)):
            found.add(views[bisect_right(starts, match.start(1)) - 1].index)
    return found


def sentence_case_problems(context: Context) -> Iterator[tuple[int, bool]]:
    """(cue index, whether its first letter is one) for cues with a sentence starting in lower case."""
    #: the text of the last cue with any (None after a skipped block): whether it ended a sentence
    #: is asked only of a cue that starts in lower case, which few do
    previous: str | None = None
    # a block the reader skipped (S001) stood between two cues: what it ended with is unknown
    skipped = sorted(d.line for d in context.track.diagnostics if d.code == "S001" and d.severity == "error" and d.line)
    next_skipped = 0
    inside_cues = _cues_with_lowercase_starts(context.views)
    for view in context.views:
        text = view.visible
        if next_skipped < len(skipped):
            line = view.cue.line
            while next_skipped < len(skipped) and line is not None and skipped[next_skipped] < line:
                next_skipped += 1
                previous = None
        starts_lower = False
        # a cue that starts with a capital starts with its first letter, which is not lower case
        if (
            previous is not None
            and not text[:1].isupper()
            and (m := _CUE_START_LOWER.match(text))
            and m.group(1).islower()
        ):
            starts_lower = previous_ends_sentence(previous.strip())
        if starts_lower or view.index in inside_cues:
            yield view.index, starts_lower
        if text and not text.isspace():
            previous = text


@rule("Y011", "sentence-capital", "warning")
def sentence_capital(context: Context) -> Iterator[Problem]:
    """A sentence that starts with a lower-case letter (after . ! ? in the cue or at the end of the
    cue before); an ellipsis continues a sentence and is not an end.

    FAIL: "Il est parti. il reviendra.", cue "Il est parti." then "il reviendra.".
    PASS: "Il est parti. Il reviendra.", "Il est parti… et revenu.", "etc. et puis".
    """
    for index, _ in sentence_case_problems(context):
        yield Problem(index, "a sentence starts with a lower-case letter", fixable=True)
