"""S rules: is the file a well-formed subtitle file (parse errors, numbering, encoding, empty cues, tags)."""

from __future__ import annotations

from collections.abc import Iterator

from subkit.counting import INVISIBLE, strip_invisible
from subkit.markup import KNOWN_TAGS, TAG
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule

#: WebVTT closes these at the end of the cue by itself; leaving them open is normal
_SELF_CLOSING_AT_END = frozenset({"v", "lang"})


def from_diagnostics(context: Context, code: str) -> Iterator[Problem]:
    count = len(context.track.cues)
    for diagnostic in context.track.diagnostics:
        if diagnostic.code != code:
            continue
        cue = diagnostic.cue - 1 if diagnostic.cue and 0 < diagnostic.cue <= count else None
        yield Problem(
            cue, diagnostic.message, fixable=code == "S003", line=diagnostic.line, severity=diagnostic.severity
        )


@rule("S001", "parse-error", "error")
def parse_error(context: Context) -> Iterator[Problem]:
    """A block that cannot be parsed; the reader skips it and goes on.

    FAIL: `00:00:01,000 -> 00:00:02,000` (broken arrow): the cue is not read at all.
    PASS: `00:00:01,000 --> 00:00:02,000`
    """
    yield from from_diagnostics(context, "S001")


@rule("S002", "numbering", "warning")
def numbering(context: Context) -> Iterator[Problem]:
    """SRT counters are not 1, 2, 3, ...

    Reported where the sequence breaks (a duplicate, a jump, a typo), not on every cue after it.
    FAIL: counters 1, 2, 2, 3.   PASS: counters 1, 2, 3, 4.
    """
    source = context.track.source
    if source is not None and source.format != "srt":
        return
    # Blocks the reader had to skip (S001) still had counters: count them, so one broken
    # timing line does not make every later counter look wrong.
    skipped_lines = sorted(
        d.line for d in context.track.diagnostics if d.code == "S001" and d.severity == "error" and d.line is not None
    )
    skipped = 0
    previous: int | None = None
    for index, cue in enumerate(context.track.cues):
        resync = False
        while skipped < len(skipped_lines) and cue.line is not None and skipped_lines[skipped] < cue.line:
            skipped += 1
            resync = True
        expected = str(index + 1 + skipped)
        counter = cue.id.strip() if cue.id else None
        number = int(counter) if counter and counter.isdigit() else None
        follows = number is not None and previous is not None and (number == previous + 1 or resync)
        if counter != expected and not follows:
            shown = f"counter {counter}" if counter else "no counter"
            yield Problem(index, f"{shown} where {expected} was expected", fixable=True)
        previous = number


@rule("S003", "encoding", "warning")
def encoding(context: Context) -> Iterator[Problem]:
    """The file is not UTF-8 (e.g. cp1252), or an SRT starts with a byte order mark.

    FAIL: a file saved as Windows-1252.   PASS: UTF-8 without BOM.
    """
    yield from from_diagnostics(context, "S003")


@rule("S004", "empty-cue", "error")
def empty_cue(context: Context) -> Iterator[Problem]:
    """A cue with no visible text (only spaces or tags).

    FAIL: `<i> </i>`.   PASS: `Bonjour.`
    """
    for view in context.views:
        shown = view.visible.strip()
        # stripped text that starts with a visible character is visible
        if not shown or (INVISIBLE.match(shown) and not strip_invisible(shown).strip()):
            yield Problem(view.index, "no visible text", fixable=True)


def repair_tags(markup: str) -> str:
    """Close tags left open (at the end of the cue, innermost first) and drop closing tags that
    close nothing. Unknown or crossed tags are left alone: what they meant is a person's call.
    """
    problems, repairable = tag_problems(markup)
    if not problems or not repairable:
        return markup
    stack: list[str] = []
    out: list[str] = []
    last = 0
    for match in TAG.finditer(markup):
        out.append(markup[last : match.start()])
        last = match.end()
        name = "" if match.group(0).startswith("{") else match.group(2).lower()
        if not name or name[0].isdigit():
            out.append(match.group(0))
        elif match.group(1) != "/":
            stack.append(name)
            out.append(match.group(0))
        elif stack and stack[-1] == name:
            stack.pop()
            out.append(match.group(0))
        # else: a closing tag that closes nothing is dropped
    out.append(markup[last:])
    out.extend(f"</{name}>" for name in reversed(stack) if name not in _SELF_CLOSING_AT_END)
    return "".join(out)


def tag_problems(markup: str) -> tuple[list[str], bool]:
    """(problems, all of them repairable by closing or dropping a tag) for one cue's markup."""
    problems: list[str] = []
    repairable = True
    stack: list[str] = []
    for match in TAG.finditer(markup):
        if match.group(0).startswith("{"):
            continue  # SSA override codes ({\an8}) are not elements
        name = match.group(2).lower()
        if name[0].isdigit():
            continue  # WebVTT timestamp tag
        closing = match.group(1) == "/"
        if name not in KNOWN_TAGS:
            problems.append(f"unknown tag {match.group(0)}")
            repairable = False
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        elif name in stack:
            problems.append(f"</{name}> closes across <{stack[-1]}>")
            repairable = False
            stack.remove(name)
        else:
            problems.append(f"</{name}> without an opening <{name}>")
    unclosed = [name for name in stack if name not in _SELF_CLOSING_AT_END]
    problems.extend(f"<{name}> is never closed" for name in unclosed)
    return problems, repairable


@rule("S005", "markup", "error")
def markup(context: Context) -> Iterator[Problem]:
    """Unbalanced or unknown tags.

    FAIL: `<i>Il est parti.` (never closed), `<blink>Non</blink>` (unknown).
    PASS: `<i>Il est parti.</i>`
    """
    if "<" not in context.all_markup:
        return
    for view in context.views:
        text = view.cue.text
        if "<" not in text:
            continue
        if text.startswith("<i>") and text.endswith("</i>") and text.count("<") == 2:
            continue  # one italic span, the commonest markup: balanced
        problems, repairable = tag_problems(text)
        if problems:
            yield Problem(view.index, "; ".join(problems), fixable=repairable)
