"""Cue markup as styled runs: the common ground of the delivery formats (TTML, STL, SCC, ASS, SAMI).

Every delivery format stores the same few things differently: italics, bold, underline, a
colour and where the cue stands on screen. Writers read cue markup through `styled()` into
lines of `Run`s (plain text plus style) and a position, and count every tag the format cannot
hold; readers build markup back with `to_markup()`. One parser of the model's markup instead of
one per format keeps the formats agreeing on what `<i>` or `{\\an8}` means.

Positions use the numeric-keypad numbers of SubStation's `{\\anN}` (the model's own position
code): 1-3 bottom, 4-6 middle, 7-9 top; left, centre, right.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from subkit.markup import TAG, escape_plain, tag_name, unescape
from subkit.model import Cue, Track

_AN = re.compile(r"\{\\an([1-9])\}")
_COLOR = re.compile(r"""color\s*=\s*["']?\s*(#?[0-9A-Za-z]+)""", re.IGNORECASE)
_OVERRIDE = re.compile(r"\\(\d?[a-zA-Z]+)")
#: SubStation override tags that time syllables: reported as karaoke when they cannot be kept
_KARAOKE = frozenset({"k", "K", "kf", "ko"})
#: colour names the delivery formats share (teletext's eight, CEA-608's seven plus black)
NAMED_COLORS = {
    "black": "#000000",
    "red": "#ff0000",
    "green": "#00ff00",
    "yellow": "#ffff00",
    "blue": "#0000ff",
    "magenta": "#ff00ff",
    "cyan": "#00ffff",
    "white": "#ffffff",
}


@dataclass(frozen=True, slots=True)
class Run:
    """Text shown with one style; `text` is plain (no escapes, no tags)."""

    text: str
    italic: bool = False
    bold: bool = False
    underline: bool = False
    #: `#rrggbb`, lower case, or None for the default colour
    color: str | None = None

    def same_style(self, other: Run) -> bool:
        return (self.italic, self.bold, self.underline, self.color) == (
            other.italic,
            other.bold,
            other.underline,
            other.color,
        )


@dataclass(slots=True)
class Styled:
    """A cue's text as lines of runs, where it stands, and what the markup held beyond that."""

    lines: list[list[Run]]
    position: int = 2
    dropped: Counter[str] = field(default_factory=Counter)

    @property
    def plain_lines(self) -> list[str]:
        return ["".join(run.text for run in line) for line in self.lines]


def normalize_color(value: str) -> str | None:
    """`#RGB`, `#RRGGBB`, `#RRGGBBAA` or a colour name -> `#rrggbb`; None when not a colour."""
    value = value.strip().lower()
    if value in NAMED_COLORS:
        return NAMED_COLORS[value]
    if re.fullmatch(r"#?[0-9a-f]{6}([0-9a-f]{2})?", value):
        return "#" + value.lstrip("#")[:6]
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(ch * 2 for ch in value[1:])
    return None


def vtt_position(settings: str) -> int:
    """The keypad position a WebVTT cue's settings put it at (`line:0` is the top of the frame)."""
    position = 2
    for setting in settings.split():
        name, _, value = setting.partition(":")
        if name == "line":
            number = value.split(",")[0]
            try:
                if number.endswith("%"):
                    top = float(number[:-1]) < 50
                else:
                    top = int(number) >= 0 and int(number) < 8
            except ValueError:
                continue
            position = position + 6 if top and position <= 3 else position
        elif name == "align" and value in ("start", "left", "end", "right"):
            shift = -1 if value in ("start", "left") else 1
            position = (position - 1) // 3 * 3 + 2 + shift
    return position


def styled(cue: Cue, origin: str | None = None) -> Styled:
    """The runs of one cue; `origin` is the format the track was read from (whose settings apply)."""
    dropped: Counter[str] = Counter()
    position = vtt_position(cue.settings) if origin == "vtt" and cue.settings else 2
    lines: list[list[Run]] = [[]]
    italic = bold = underline = 0
    colors: list[str | None] = []
    fonts: list[bool] = []  # whether each open <font> set a colour

    def add(text: str) -> None:
        if not text:
            return
        parts = unescape(text).split("\n")
        color = next((c for c in reversed(colors) if c), None)
        for number, part in enumerate(parts):
            if number:
                lines.append([])
            if part:
                lines[-1].append(Run(part, italic > 0, bold > 0, underline > 0, color))

    last = 0
    markup = cue.text
    for match in TAG.finditer(markup):
        add(markup[last : match.start()])
        last = match.end()
        name = tag_name(match)
        if name.startswith("{"):
            position = _override_block(name, position, dropped)
            continue
        closing = match.group(1) == "/"
        if name in ("i", "b", "u"):
            step = -1 if closing else 1
            if name == "i":
                italic = max(0, italic + step)
            elif name == "b":
                bold = max(0, bold + step)
            else:
                underline = max(0, underline + step)
            if match.group(3) and not closing:
                dropped[f"<{name}.class>"] += 1
        elif name == "font":
            if closing:
                if fonts and fonts.pop():
                    colors.pop()
            else:
                color_match = _COLOR.search(match.group(3) or "")
                color = normalize_color(color_match.group(1)) if color_match else None
                fonts.append(color is not None)
                if color is not None:
                    colors.append(color)
                if (
                    (match.group(3) or "").strip()
                    and color is None
                    or re.search(r"face|size", match.group(3) or "", re.I)
                ):
                    dropped["<font> face/size"] += 1
        elif not closing:
            dropped[f"<{name}>"] += 1
    add(markup[last:])
    # A cue's trailing empty line is not a line a viewer sees.
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return Styled(lines, position, dropped)


def _override_block(block: str, position: int, dropped: Counter[str]) -> int:
    """`{\\an8}` sets the position; every other SubStation override is counted by its name."""
    match = _AN.fullmatch(block)
    if match:
        return int(match.group(1))
    for name in _OVERRIDE.findall(block):
        base = re.sub(r"\d+$", "", name) or name
        if base in _KARAOKE:
            dropped["karaoke {\\k}"] += 1
        elif base == "an":
            continue
        else:
            dropped[f"{{\\{base}}}"] += 1
    return position


def _tags(run: Run) -> list[str]:
    """The model's tags for a run's style, outermost first."""
    return [tag for tag, on in (("font", run.color), ("b", run.bold), ("i", run.italic), ("u", run.underline)) if on]


def _open(run: Run) -> str:
    return "".join(f'<font color="{run.color}">' if tag == "font" else f"<{tag}>" for tag in _tags(run))


def _close(run: Run) -> str:
    return "".join(f"</{tag}>" for tag in reversed(_tags(run)))


def to_markup(lines: list[list[Run]], position: int = 2) -> str:
    """Cue markup for lines of runs: tags around each stretch of one style, `{\\anN}` when not at the bottom.

    A style that goes on across a line break stays open over it (`<i>one\\ntwo</i>`), as SRT
    authors write it, so that SRT -> TTML -> SRT gives back the same text.
    """
    tokens: list[Run | None] = []  # None: a line break
    for number, line in enumerate(lines):
        if number:
            tokens.append(None)
        for run in line:
            if not run.text:
                continue
            previous = tokens[-1] if tokens else None
            if previous is not None and previous.same_style(run):
                tokens[-1] = Run(previous.text + run.text, run.italic, run.bold, run.underline, run.color)
            else:
                tokens.append(run)
    out: list[str] = []
    current: Run | None = None
    for index, token in enumerate(tokens):
        if token is None:
            following = next((t for t in tokens[index + 1 :] if t is not None), None)
            if current is not None and (following is None or not current.same_style(following)):
                out.append(_close(current))
                current = None
            out.append("\n")
            continue
        if current is None or not current.same_style(token):
            if current is not None:
                out.append(_close(current))
            out.append(_open(token))
            current = token
        out.append(escape_plain(token.text))
    if current is not None:
        out.append(_close(current))
    prefix = f"{{\\an{position}}}" if position != 2 else ""
    return prefix + "".join(out)


def plain(cue_text: str) -> str:
    """Markup -> what a viewer reads (used by the text-only formats)."""
    return unescape(TAG.sub("", cue_text))


def fit_rows(lines: list[list[Run]], width: int) -> tuple[list[list[Run]], int]:
    """Lines no wider than `width` columns, broken at spaces (every word kept); and how many lines were too wide.

    Used by formats whose rows are fixed grids (CEA-608's 32 columns, teletext's 40), where a
    longer line would be cut or overwritten by the decoder: a re-broken line is reported, a cut
    one would be lost text.
    """
    out: list[list[Run]] = []
    over = 0
    for line in lines:
        if sum(len(run.text) for run in line) <= width:
            out.append(line)
            continue
        over += 1
        row: list[Run] = []
        used = 0

        def flush() -> None:
            nonlocal row, used
            if row:
                last = row[-1]
                row[-1] = Run(last.text.rstrip(" "), last.italic, last.bold, last.underline, last.color)
                out.append([run for run in row if run.text])
            row, used = [], 0

        for run in line:
            for piece in re.split(r"(?<= )", run.text):
                while len(piece.rstrip(" ")) > width:  # one word wider than a row: cut it
                    flush()
                    out.append([Run(piece[:width], run.italic, run.bold, run.underline, run.color)])
                    piece = piece[width:]
                if not piece:
                    continue
                if used + len(piece.rstrip(" ")) > width:
                    flush()
                row.append(Run(piece, run.italic, run.bold, run.underline, run.color))
                used += len(piece)
        flush()
    return _trimmed_lines(out, Counter()), over  # a row that ends at a break has no space at its edges


def strip_overrides(markup: str, dropped: Counter[str]) -> str:
    """Markup without SubStation override blocks except `{\\anN}`; the removed ones counted by name."""
    if "{" not in markup:
        return markup

    def replace(match: re.Match[str]) -> str:
        block = match.group(0)
        if not block.startswith("{") or _AN.fullmatch(block):
            return block
        _override_block(block, 2, dropped)
        return ""

    return TAG.sub(replace, markup)


def styled_track(cues: list[Cue], origin: str | None, lost: Counter[str]) -> list[Styled]:
    """Every cue as runs, counting into `lost` what markup and settings held that runs cannot."""
    out = []
    for cue in cues:
        item = styled(cue, origin)
        lost.update(item.dropped)
        if cue.settings:
            if origin == "srt":
                lost["SRT coordinates"] += 1
            elif origin == "vtt" and any(not s.startswith(("line:", "align:")) for s in cue.settings.split()):
                lost["WebVTT cue settings"] += 1
        out.append(item)
    return out


def rewrap(track: Track, width: int, changed: Counter[str]) -> Track:
    """Cues with a line wider than `width` re-broken into balanced lines (every word kept, counted in `changed`).

    For formats with a fixed grid (CEA-608's 32 columns, teletext's 40 cells): the project's line
    breaker gives better lines than cutting at the last space that fits; `fit_rows` remains the
    guarantee for a word or a dialogue line that still does not fit.
    """
    from subkit.counting import line_lengths  # noqa: PLC0415
    from subkit.linebreak import wrap_markup  # noqa: PLC0415

    cues = []
    for cue in track.cues:
        lengths = line_lengths(cue.text)
        if max(lengths, default=0) > width:
            fewest = max(2, -(-sum(lengths) // width))
            for count in range(fewest, fewest + 3):
                text = wrap_markup(cue.text, width, count, track.language or "fr")
                if max(line_lengths(text), default=0) <= width:
                    break
            # only a layout that fits is taken: a word wider than a row is left to `fit_rows`, so
            # that writing what was read back gives the same rows
            if text != cue.text and max(line_lengths(text), default=0) <= width:
                cue = cue.copy(text=text)
                changed[f"cues re-broken to {width} columns"] += 1
        cues.append(cue)
    return track.with_cues(cues)


def prepare(track: Track, origin: str | None, lost: Counter[str]) -> list[Styled]:
    """What every delivery writer starts from: styled cues, with WebVTT blocks and unholdable markup counted."""
    for name, count in (
        ("WebVTT STYLE blocks", len(track.styles)),
        ("WebVTT REGION blocks", len(track.regions)),
        (
            "WebVTT NOTE blocks",
            len(track.header_notes) + len(track.footer_notes) + sum(len(cue.notes) for cue in track.cues),
        ),
    ):
        if count:
            lost[name] += count
    items = styled_track(track.cues, origin, lost)
    for item in items:
        item.lines = _trimmed_lines(item.lines, lost)
    return items


def _trimmed_lines(lines: list[list[Run]], lost: Counter[str]) -> list[list[Run]]:
    """No white space at the ends of a line, no empty line first or last: no delivery format's
    reader gives them back, so they are not written (and counted once)."""
    out = []
    trimmed = False
    for line in lines:
        runs = list(line)
        while runs and not runs[0].text.lstrip():
            runs.pop(0)
            trimmed = True
        while runs and not runs[-1].text.rstrip():
            runs.pop()
            trimmed = True
        if runs:
            first, last = runs[0], runs[-1]
            if first.text != first.text.lstrip():
                runs[0] = Run(first.text.lstrip(), first.italic, first.bold, first.underline, first.color)
                trimmed = True
            last = runs[-1]
            if last.text != last.text.rstrip():
                runs[-1] = Run(last.text.rstrip(), last.italic, last.bold, last.underline, last.color)
                trimmed = True
        merged: list[Run] = []
        for run in runs:  # two runs in the same style read back as one
            if merged and (merged[-1].italic, merged[-1].bold, merged[-1].underline, merged[-1].color) == (
                run.italic,
                run.bold,
                run.underline,
                run.color,
            ):
                previous = merged[-1]
                merged[-1] = Run(previous.text + run.text, run.italic, run.bold, run.underline, run.color)
            else:
                merged.append(run)
        out.append(merged)
    while out and not out[0]:
        out.pop(0)
        trimmed = True
    while out and not out[-1]:
        out.pop()
        trimmed = True
    if trimmed and any(run.text for line in lines for run in line):  # an empty cue stays one, unremarked
        lost["white space or empty lines at the edges of a cue's lines"] += 1
    return out
