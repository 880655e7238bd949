"""Advanced SubStation Alpha (`.ass`, v4.00+) and SubStation Alpha (`.ssa`, v4.00).

Why our own reader: pysubs2 (the reference library, used in the tests to read our output)
stops at the first unreadable timestamp with a bare `ValueError` and no line, so one bad
`Dialogue:` line loses the whole file (docs/formats.md). This reader reports it by line and
reads on.

Styles become markup: a style that is italic, bold or underlined wraps its events' text in
`<i>`, `<b>`, `<u>`; its alignment becomes `{\\anN}` unless the event sets its own. Override
tags the model has markup for (`{\\i1}`, `{\\b1}`, `{\\u1}`, `{\\an8}`, `{\\a6}`, `{\\c&HBBGGRR&}`)
become that markup; the others (karaoke `{\\k}`, `{\\pos}`, `{\\fad}`...) stay as override
blocks in the cue text, so an ASS -> ASS conversion keeps them and any other target reports
them, counted by kind. The style name, actor, layer, margins and effect of each event are kept
in the cue's settings (`style:Name layer:1 ...`) for an ASS -> ASS round trip.
"""

from __future__ import annotations

import re
from collections import Counter

from subkit.errors import InputError
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, normalize_color, prepare, to_markup
from subkit.model import Cue, Diagnostic, Track

_TIME = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$")
_OVERRIDE_BLOCK = re.compile(r"\{([^{}]*)\}")
_TAG = re.compile(r"\\(?:(an|a)(\d+)|(i|b|u|s)(\d*)|(1?c)&?H?([0-9A-Fa-f]*)&?|r([^\\}]*)|([^\\]+))")
#: legacy SSA alignment (1-3 bottom, +4 top, +8 middle) -> numpad `\an`
_SSA_ALIGN = {1: 1, 2: 2, 3: 3, 5: 7, 6: 8, 7: 9, 9: 4, 10: 5, 11: 6}
_ASS_FROM_SSA = {value: key for key, value in _SSA_ALIGN.items()}
_EVENT_FIELDS_ASS = ["Layer", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"]
_EVENT_FIELDS_SSA = ["Marked", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"]
_STYLE_FIELDS_ASS = (
    "Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
    "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
    "Alignment, MarginL, MarginR, MarginV, Encoding"
)
_STYLE_FIELDS_SSA = (
    "Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, "
    "Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding"
)
#: settings kept per event for an ASS -> ASS round trip
_KEPT = ("Style", "Name", "Layer", "MarginL", "MarginR", "MarginV", "Effect")


def _ms(text: str) -> int | None:
    """`0:00:01.50` (centiseconds, as ASS writes them) or any 1-3 digit fraction, read as a decimal fraction."""
    match = _TIME.match(text)
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000 + int((fraction or "0").ljust(3, "0"))


def _flag(value: str | None) -> bool:
    return value is not None and value.strip() not in ("", "0")


def _ass_color(value: str) -> str | None:
    """`&HAABBGGRR` / `&HBBGGRR` (or SSA's decimal BGR integer) -> `#rrggbb`."""
    value = value.strip()
    if value.lstrip("-").isdigit():
        value = f"{int(value) & 0xFFFFFF:06X}"
    digits = value.lstrip("&Hh").rstrip("&")
    if not re.fullmatch(r"[0-9A-Fa-f]{1,8}", digits):
        return None
    digits = digits.rjust(8, "0")[-6:]
    return normalize_color(f"#{digits[4:6]}{digits[2:4]}{digits[0:2]}")


class _Style:
    def __init__(self, values: dict[str, str], legacy: bool) -> None:
        self.name = values.get("Name", "Default").strip()
        self.italic = _flag(values.get("Italic"))
        self.bold = _flag(values.get("Bold"))
        self.underline = _flag(values.get("Underline"))
        color = _ass_color(values.get("PrimaryColour", "")) if values.get("PrimaryColour") else None
        self.color = None if color == "#ffffff" else color
        try:
            alignment = int(values.get("Alignment", "2"))
        except ValueError:
            alignment = 2
        self.position = _SSA_ALIGN.get(alignment, 2) if legacy else (alignment if 1 <= alignment <= 9 else 2)


def _text_to_runs(
    text: str, style: _Style, styles: dict[str, _Style], legacy: bool, kept: list[str]
) -> tuple[list[list[Run]], int]:
    """An event's text -> lines of runs and a position; unknown override tags are appended to `kept`."""
    lines: list[list[Run]] = [[]]
    italic, bold, underline, color = style.italic, style.bold, style.underline, style.color
    position = style.position
    last = 0

    def add(raw: str) -> None:
        raw = raw.replace("\\h", "\u00a0")
        parts = re.split(r"\\N|\\n", raw)
        for number, part in enumerate(parts):
            if number:
                lines.append([])
            if part:
                lines[-1].append(Run(part, italic, bold, underline, color))

    for block in _OVERRIDE_BLOCK.finditer(text):
        add(text[last : block.start()])
        last = block.end()
        unknown = []
        for tag in _TAG.finditer(block.group(1)):
            align_kind, align_value, flag, flag_value, color_kind, color_value, reset, other = tag.groups()
            if align_kind:
                value = int(align_value or 0)
                if align_kind == "an" and 1 <= value <= 9:
                    position = value
                elif align_kind == "a" and value in _SSA_ALIGN:
                    position = _SSA_ALIGN[value]
            elif flag:
                if flag_value == "":
                    on = style_default(flag, style)
                else:
                    value = int(flag_value)
                    on = value == 1 or value >= 600 if flag == "b" else value != 0
                if flag == "i":
                    italic = on
                elif flag == "b":
                    bold = on
                elif flag == "u":
                    underline = on
                else:
                    unknown.append(tag.group(0))
            elif color_kind:
                parsed = _ass_color(color_value) if color_value else style.color
                color = None if parsed in (None, "#ffffff") else parsed
            elif reset is not None:
                base = styles.get(reset.strip(), style) if reset.strip() else style
                italic, bold, underline, color = base.italic, base.bold, base.underline, base.color
            elif other and other.strip():
                unknown.append("\\" + other.strip())
        if unknown:
            kept.append("{" + "".join(unknown) + "}")
            lines[-1].append(Run("\x00" + str(len(kept) - 1) + "\x00", italic, bold, underline, color))
    add(text[last:])
    return lines, position


def style_default(flag: str, style: _Style) -> bool:
    """`{\\i}` with no value restores the style's own setting."""
    return {"i": style.italic, "b": style.bold, "u": style.underline}.get(flag, False)


def _markup(lines: list[list[Run]], position: int, kept: list[str]) -> str:
    markup = to_markup(lines, position)
    if kept:
        markup = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], markup)
    return markup


def _split_format(line: str) -> list[str]:
    return [name.strip() for name in line.split(":", 1)[1].split(",")]


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "ass") -> Track:
    """Cues from an ASS/SSA script; an unreadable event line is reported by line and skipped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    legacy = fmt == "ssa"
    section = ""
    style_format: list[str] = []
    event_format: list[str] = []
    styles: dict[str, _Style] = {}
    style_lines: list[str] = []
    info: list[str] = []
    cues: list[Cue] = []
    diagnostics: list[Diagnostic] = []
    events_seen = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            events_seen = events_seen or section == "events"
            continue
        key, _, value = line.partition(":")
        key = key.strip()
        if section == "script info":
            info.append(line)
            if key.lower() == "scripttype":
                legacy = value.strip().lower() in ("v4.00", "v4")
        elif section in ("v4+ styles", "v4 styles", "v4 styles+"):
            if key == "Format":
                style_format = _split_format(line)
            elif key == "Style":
                values = dict(
                    zip(
                        style_format or _split_format("F: " + _STYLE_FIELDS_ASS),
                        [v.strip() for v in value.split(",", len(style_format or [1] * 23) - 1)],
                    )
                )
                style = _Style(values, legacy)
                styles[style.name] = style
                style_lines.append(line)
        elif section == "events":
            if key == "Format":
                event_format = _split_format(line)
                continue
            if key not in ("Dialogue", "Comment"):
                diagnostics.append(
                    Diagnostic("S001", f"unknown line in [Events], not read: {line[:60]!r}", number, "warning")
                )
                continue
            if key == "Comment":
                continue
            names = event_format or (_EVENT_FIELDS_SSA if legacy else _EVENT_FIELDS_ASS)
            parts = value.lstrip().split(",", len(names) - 1)
            if len(parts) < len(names):
                diagnostics.append(
                    Diagnostic("S001", f"event has {len(parts)} of {len(names)} fields, skipped: {line[:60]!r}", number)
                )
                continue
            fields = dict(zip(names, parts))
            start, end = _ms(fields.get("Start", "")), _ms(fields.get("End", ""))
            if start is None or end is None:
                diagnostics.append(Diagnostic("S001", f"cannot read the event's times, skipped: {line[:60]!r}", number))
                continue
            style_name = fields.get("Style", "Default").strip().lstrip("*")
            style = styles.get(style_name) or styles.get("Default") or _Style({}, legacy)
            if style_name not in styles and styles:
                diagnostics.append(
                    Diagnostic("S001", f"style {style_name!r} is not defined; Default used", number, "warning")
                )
            kept: list[str] = []
            runs, position = _text_to_runs(fields.get("Text", ""), style, styles, legacy, kept)
            settings = " ".join(
                f"{name.lower()}:{fields[name].strip()}"
                for name in _KEPT
                if fields.get(name, "").strip() not in ("", "0", "0000", "Default") and " " not in fields[name].strip()
            )
            cues.append(Cue(start, end, _markup(runs, position, kept), None, settings, number))
    if not events_seen:
        raise InputError("no [Events] section: not a SubStation script subkit can read", path)
    track = Track(cues=cues, diagnostics=diagnostics)
    track.properties["ass_styles"] = "\n".join(style_lines)
    track.properties["ass_info"] = "\n".join(i for i in info if not i.lower().startswith("scripttype"))
    track.properties["ass_legacy"] = "yes" if legacy else ""
    return track


# ----------------------------------------------------------------------------------------------- writing


def _time(ms: int) -> str:
    centis = (max(ms, 0) + 5) // 10
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    seconds, centis = divmod(rest, 100)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{centis:02d}"


def _color_tag(color: str | None) -> str:
    value = (color or "#ffffff").lstrip("#")
    return f"\\c&H{value[4:6]}{value[2:4]}{value[0:2]}&".upper().replace("\\C&H", "\\c&H")


def _event_text(legacy: bool, prepared_runs: list[list[Run]], position: int, lost: Counter[str]) -> str:
    """Runs -> ASS text with override tags; override blocks of an ASS source are kept in place."""
    out: list[str] = []
    state: tuple[bool, bool, bool, str | None] = (False, False, False, None)
    if position != 2:
        out.append(f"{{\\a{_ASS_FROM_SSA[position]}}}" if legacy else f"{{\\an{position}}}")
    for number, line in enumerate(prepared_runs):
        if number:
            out.append("\\N")
        for run in line:
            wanted = (run.italic, run.bold, run.underline, run.color)
            tags = ""
            for index, (name, on) in enumerate((("i", run.italic), ("b", run.bold), ("u", run.underline))):
                if state[index] != on:
                    tags += f"\\{name}{int(on)}"
            if state[3] != run.color:
                tags += _color_tag(run.color)
            if tags:
                out.append("{" + tags + "}")
            state = wanted
            if "{" in run.text or "}" in run.text:
                lost["braces (ASS reads them as tags) written as ( )"] += run.text.count("{") + run.text.count("}")
            text = run.text.replace("{", "(").replace("}", ")")
            if "\\" in text and _ESCAPE_LIKE.search(text):  # `\N`, `\n`, `\h` as text would read as breaks and spaces
                lost["\\N, \\n or \\h as text (written with a word joiner, U+2060, after the backslash)"] += 1
                text = _ESCAPE_LIKE.sub("\\\\\u2060", text)
            out.append(text)
    return "".join(out)


_ESCAPE_LIKE = re.compile(r"\\(?=[Nnh])")


def dump(track: Track, options: object, fmt: str = "ass") -> object:
    """An ASS (v4.00+) or SSA (v4.00) script with one Default style and inline override tags."""
    assert isinstance(options, WriteOptions)
    legacy = fmt == "ssa"
    lost: Counter[str] = Counter()
    own = options.origin in ("ass", "ssa")
    kept_blocks: list[list[str]] = []
    cues = []
    for cue in track.cues:
        blocks: list[str] = []
        if own:
            # keep the override blocks the model has no markup for (karaoke, \pos...) in place
            def hold(match: re.Match[str]) -> str:
                block = match.group(0)
                if re.fullmatch(r"\{\\an[1-9]\}", block):
                    return block
                blocks.append(block)
                return "\ue000" + str(len(blocks) - 1) + "\ue001"

            cues.append(cue.copy(text=re.sub(r"\{\\[^{}]*\}", hold, cue.text)))
        else:
            cues.append(cue)
        kept_blocks.append(blocks)
    items = prepare(track.with_cues(cues), options.origin, lost)
    nl = options.newline
    info = [line for line in track.properties.get("ass_info", "").split("\n") if line and own]
    out = ["[Script Info]", f"ScriptType: {'v4.00' if legacy else 'v4.00+'}"]
    out += info or [
        ("Title: " + (track.properties.get("title") or "")).rstrip(),
        "WrapStyle: 0",
        "PlayResX: 384",
        "PlayResY: 288",
        "ScaledBorderAndShadow: yes",
    ]
    out.append("")
    out.append("[V4 Styles]" if legacy else "[V4+ Styles]")
    out.append("Format: " + (_STYLE_FIELDS_SSA if legacy else _STYLE_FIELDS_ASS))
    same_kind = own and (track.properties.get("ass_legacy") == "yes") == legacy
    own_styles = [line for line in track.properties.get("ass_styles", "").split("\n") if line] if same_kind else []
    if own_styles:
        out += own_styles
    elif legacy:
        out.append("Style: Default,Arial,20,16777215,65535,65535,-2147483640,0,0,1,2,2,2,10,10,10,0,1")
    else:
        out.append(
            "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1"
        )
    out.append("")
    out.append("[Events]")
    fields = _EVENT_FIELDS_SSA if legacy else _EVENT_FIELDS_ASS
    out.append("Format: " + ", ".join(fields))
    for cue, item, blocks in zip(cues, items, kept_blocks):
        settings = dict(setting.split(":", 1) for setting in cue.settings.split() if ":" in setting) if own else {}
        text = _event_text(legacy, item.lines, item.position, lost)
        if blocks:
            text = re.sub("\ue000(\\d+)\ue001", lambda m: blocks[int(m.group(1))], text)
        first = "Marked=0" if legacy else settings.get("layer", "0")
        style = settings.get("style", "Default") if own_styles else "Default"
        values = [
            first,
            _time(cue.start),
            _time(cue.end),
            style,
            settings.get("name", ""),
            settings.get("marginl", "0"),
            settings.get("marginr", "0"),
            settings.get("marginv", "0"),
            settings.get("effect", ""),
            text,
        ]
        out.append("Dialogue: " + ",".join(values))
    return Written(nl.join(out) + nl, lost)
