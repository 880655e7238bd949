"""MicroDVD (`.sub`): `{start frame}{end frame}line|line`, so it cannot be read without a frame rate.

The frame rate comes from the reader's options (`ReadOptions.fps`), else from the `{1}{1}23.976` line
that many files start with, else 23.976 is assumed and reported (F005), because a wrong rate
drifts every cue. Formatting is per line (`{y:i}`, `{y:b}`, `{y:u}`, `{c:$BBGGRR}`, a leading
`/` for italics) or for the whole cue (`{Y:i}`...); a style on part of a line cannot be written
and is reported. pysubs2 reads the same files and checks our output in the tests.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from subkit.formats.frames import to_frame, to_ms
from subkit.formats.options import WriteOptions, Written
from subkit.formats.styled import Run, normalize_color, prepare, to_markup
from subkit.model import Cue, Diagnostic, Track
from subkit.timecode import TimecodeError, parse_fps

DEFAULT_FPS = Fraction(24000, 1001)
_LINE = re.compile(r"^\{(\d+)\}\{(\d*)\}(.*)$")
_CODE = re.compile(r"\{([yYcCfFsSpP]):([^}]*)\}")


def _style_codes(text: str, whole: dict[str, object]) -> tuple[str, dict[str, object]]:
    """Line text without its control codes, and the style they set (cue-wide codes go into `whole`)."""
    style: dict[str, object] = {}

    def take(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        target = whole if kind.isupper() else style
        if kind in "yY":
            for flag, name in (("i", "italic"), ("b", "bold"), ("u", "underline")):
                if flag in value.lower():
                    target[name] = True
        elif kind in "cC":
            digits = value.strip().lstrip("$")
            if re.fullmatch(r"[0-9A-Fa-f]{6}", digits):
                target["color"] = normalize_color(f"#{digits[4:6]}{digits[2:4]}{digits[0:2]}")
        return ""

    return _CODE.sub(take, text), style


def parse(text: str, path: str = "<string>", options: object = None, fmt: str = "sub") -> Track:
    """Cues from MicroDVD text at the given, declared or assumed frame rate."""
    given = getattr(options, "fps", None)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    cues: list[Cue] = []
    diagnostics: list[Diagnostic] = []
    fps: Fraction | None = given
    declared = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            diagnostics.append(Diagnostic("S001", f"not a MicroDVD line, not read: {line[:60]!r}", number))
            continue
        start_frame, end_text, body = int(match.group(1)), match.group(2), match.group(3)
        if start_frame in (0, 1) and end_text in ("0", "1") and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", body):
            try:
                declared_fps = parse_fps(body.strip().replace(",", "."))
            except TimecodeError:
                declared_fps = None
            if declared_fps is not None:
                declared = True
                fps = fps or declared_fps
                continue
        if fps is None:
            fps = DEFAULT_FPS
            diagnostics.append(
                Diagnostic(
                    "F005",
                    "no frame rate given or declared: read at 23.976 fps (a wrong rate drifts every cue)",
                    number,
                    "warning",
                )
            )
        whole: dict[str, object] = {}
        runs: list[list[Run]] = []
        for part in body.split("|"):
            part, style = _style_codes(part, whole)
            if part.startswith("/"):
                part, style["italic"] = part[1:], True
            runs.append([(part, style)])  # type: ignore[list-item]
        lines_out = []
        for line_parts in runs:
            part, style = line_parts[0]  # type: ignore[misc]
            merged = {**whole, **style}
            color = merged.get("color")
            lines_out.append(
                [
                    Run(
                        part,
                        bool(merged.get("italic")),
                        bool(merged.get("bold")),
                        bool(merged.get("underline")),
                        color if isinstance(color, str) else None,
                    )
                ]
            )
        end_frame = int(end_text) if end_text else start_frame + round(fps * 2)
        if not end_text:
            diagnostics.append(Diagnostic("S001", "no end frame: shown for 2 s", number, "warning", len(cues) + 1))
        cues.append(Cue(to_ms(start_frame, fps), to_ms(end_frame, fps), to_markup(lines_out), None, "", number))
    track = Track(cues=cues, diagnostics=diagnostics)
    if fps is not None:
        track.properties["fps"] = str(fps)
    if declared:
        track.properties["fps_declared"] = "yes"
    return track


def dump(track: Track, options: object, fmt: str = "sub") -> object:
    """MicroDVD text at the frame rate asked for (else the track's own rate, else 23.976), declared on a `{1}{1}` first line."""
    assert isinstance(options, WriteOptions)
    lost: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    fps = options.fps or (parse_fps(track.properties["fps"]) if "fps" in track.properties else None)
    if fps is None:
        fps = DEFAULT_FPS
        changed["no frame rate given: frames counted at 23.976"] += 1
    items = prepare(track, options.origin, lost)
    shown = f"{float(fps):.3f}".rstrip("0").rstrip(".")
    out = [f"{{1}}{{1}}{shown}"]
    for cue, item in zip(track.cues, items):
        parts = []
        for line in item.lines:
            line = [run for run in line if run.text]
            codes = ""
            if line:
                first = line[0]
                uniform = all(run.same_style(first) for run in line)
                if not uniform:
                    lost["style on part of a line"] += 1
                flags = "".join(
                    flag
                    for flag, on in (("i", first.italic), ("b", first.bold), ("u", first.underline))
                    if on and uniform
                )
                if flags:
                    codes += f"{{y:{flags}}}"
                if first.color and uniform:
                    value = first.color.lstrip("#")
                    codes += f"{{c:${value[4:6]}{value[2:4]}{value[0:2]}}}".upper().replace("{C:", "{c:")
            text = "".join(run.text for run in line)
            if "|" in text:
                lost["'|' (the line separator) written as '/'"] += text.count("|")
                text = text.replace("|", "/")
            if text.startswith(("/", "{")):  # would read as the italic marker or a style code
                lost["'/' or '{' starting a line (written after a word joiner, U+2060)"] += 1
                text = "\u2060" + text
            parts.append(codes + text)
        if item.position != 2:
            lost["positions"] += 1
        start = to_frame(cue.start, fps)
        end = max(to_frame(cue.end, fps), start)
        out.append(f"{{{start}}}{{{end}}}{'|'.join(parts)}")
    nl = options.newline
    return Written(nl.join(out) + nl, lost, changed)
