"""Safe automatic repairs: what a subtitler would do by hand without having to think.

Each repair is tied to the rule code it fixes and runs only when that rule is selected, so
`--select`/`--ignore` switch repairs exactly as they switch checks. The guarantees, tested as
properties: the cue count changes only by removing empty cues (S004); no start time moves; no
overlap is created (out-times only move earlier to end an overlap or widen a gap, or later into
free time, never past the next cue's start minus the minimum gap); no visible word is lost or
reordered (line re-wrapping is accepted only when the words are the same). A repair that cannot
be done safely is not done, and its finding stays in the report.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from subkit.errors import RepairRefused
from subkit.linebreak import bad_line_end, wrap_markup
from subkit.markup import visible_text
from subkit.model import Cue, Track
from subkit.qc.context import view_of
from subkit.qc.engine import Settings
from subkit.qc.rules.lines import is_dialogue
from subkit.qc.rules.structure import repair_tags
from subkit.qc.rules.timing import free_until, next_starts, shortened_end
from subkit.qc.rules.typography import fix_dialogue_dash, fix_ellipsis, fix_french_spacing, fix_whitespace
from subkit.timecode import frames_to_ms, ms_to_frames


_TIMING = re.compile(
    r"^(?P<start>[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3})[ \t]*(?P<arrow>-+>?|[–—]+>?|=+>|>)[ \t]*"
    r"(?P<end>\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}.*)$",
    re.MULTILINE,
)


def repair_timing_lines(text: str) -> tuple[str, int]:
    """Broken arrows in timing lines (`->`, `-- >`, `—>`, `=>`) become `-->`, so the reader no
    longer skips those cues (S001). Only lines that are two timestamps around an arrow are touched.
    """
    count = 0

    def mend(match: re.Match[str]) -> str:
        nonlocal count
        if match.group("arrow") == "-->":
            return match.group(0)
        count += 1
        return f"{match.group('start').strip()} --> {match.group('end')}"

    return _TIMING.sub(mend, text), count


def unreadable_blocks(track: Track) -> list[str]:
    """Reader errors that mean text was not read (S001 errors): writing would lose it."""
    return [f"line {d.line}: {d.message}" for d in track.diagnostics if d.code == "S001" and d.severity == "error"]


def read_for_fix(path: str, encoding: str | None = None, mend_timings: bool = True) -> tuple[Track, int]:
    """The track as `read_track` gives it, re-parsed with mended timing lines when the reader
    had to skip blocks (S001); returns the track and how many timing lines were mended.
    """
    from subkit.fileio import decode, read_bytes  # noqa: PLC0415
    from subkit.formats import parse_text, read_track  # noqa: PLC0415

    track = read_track(path, encoding)
    if not mend_timings or not unreadable_blocks(track) or path == "-":
        return track, 0
    assert track.source is not None
    decoded = decode(read_bytes(path), track.source.path, encoding)
    text, mended = repair_timing_lines(decoded.text)
    if not mended:
        return track, 0
    again = parse_text(text, track.source.path, track.source.format)
    again.source = track.source
    again.language = track.language
    again.diagnostics.extend(d for d in track.diagnostics if d.code != "S001")
    again.diagnostics.sort(key=lambda d: d.line or 0)
    return again, mended


@dataclass(slots=True)
class FixResult:
    track: Track
    #: rule code -> number of cues (or files, for S003) changed by its repair
    changes: Counter[str] = field(default_factory=Counter)
    #: encoding the result should be written in
    encoding: str = "utf-8"

    @property
    def total(self) -> int:
        return sum(self.changes.values())


def _words(markup: str) -> list[str]:
    return visible_text(markup).replace("\u00a0", " ").replace("\u202f", " ").split()


def _rewrap(cue: Cue, settings: Settings) -> tuple[str, str | None]:
    """(new text, code of the rule the re-wrap repairs) or (old text, None)."""
    limits = settings.thresholds
    view = view_of(cue, 0)
    lines = view.lines
    dialogue = is_dialogue(lines)
    reasons = []
    if settings.selected("L001") and any(length > limits.max_cpl for length in view.lengths):
        reasons.append("L001")
    if settings.selected("L002") and len(lines) > limits.max_lines:
        reasons.append("L002")
    if (settings.selected("L003") and settings.lang and not dialogue and len(lines) > 1
            and any(bad_line_end(line, settings.lang) for line in lines[:-1])):
        reasons.append("L003")
    if settings.selected("L004") and not dialogue and len(lines) > 1 and view.chars + len(lines) - 1 <= limits.max_cpl:
        reasons.append("L004")
    if not reasons:
        return cue.text, None
    wrapped = wrap_markup(cue.text, limits.max_cpl, limits.max_lines, settings.lang)
    if wrapped == cue.text or _words(wrapped) != _words(cue.text):
        return cue.text, None
    after = view_of(cue.copy(text=wrapped), 0)
    if len(after.lines) > limits.max_lines or any(length > limits.max_cpl for length in after.lengths):
        return cue.text, None  # still over the limits: a person must condense, not us
    return wrapped, reasons[0]


def _repair_text(cue: Cue, settings: Settings, changes: Counter[str]) -> Cue:
    text = cue.text
    lang = settings.lang
    steps = [
        ("Y002", fix_whitespace),
        ("S005", repair_tags),
        ("Y001", fix_french_spacing if lang == "fr" else None),
        ("Y003", fix_ellipsis if settings.thresholds.ellipsis else None),
        ("Y004", (lambda markup: fix_dialogue_dash(markup, lang)) if lang else None),
    ]
    for code, repair in steps:
        if repair is None or not settings.selected(code):
            continue
        repaired = repair(text)
        if repaired != text:
            changes[code] += 1
            text = repaired
    candidate = cue.copy(text=text) if text != cue.text else cue
    wrapped, repaired_code = _rewrap(candidate, settings)
    if repaired_code is not None:
        changes[repaired_code] += 1
        text = wrapped
    return cue.copy(text=text) if text != cue.text else cue


def _fix_timing(cues: list[Cue], settings: Settings, duration_ms: int | None, changes: Counter[str]) -> None:
    """Out-times only: earlier to end an overlap or widen a gap, later into free time."""
    gap_ms = frames_to_ms(settings.thresholds.min_gap_frames, settings.fps)
    for index in range(1, len(cues)):
        previous, cue = cues[index - 1], cues[index]
        if previous.end <= previous.start or cue.start < previous.start:
            continue  # T001 (intent unknown) or T003 (out of order): left for a person
        if settings.selected("T002") and cue.start < previous.end:
            new_end = shortened_end(previous, cue.start, gap_ms)
            if new_end is not None:
                cues[index - 1] = previous = previous.copy(end=new_end)
                changes["T002"] += 1
        gap = cue.start - previous.end
        if settings.selected("T006") and 0 < gap < gap_ms and cue.start - gap_ms > previous.start:
            cues[index - 1] = previous.copy(end=cue.start - gap_ms)
            changes["T006"] += 1
    if settings.selected("T004"):
        minimum = settings.thresholds.min_duration
        following = next_starts(cues)
        for index, cue in enumerate(cues):
            if not 0 < cue.duration < minimum:
                continue
            limit = free_until(cue, following[index], gap_ms, duration_ms)
            if limit is None or limit <= cue.end:
                continue
            target = cue.start + minimum
            on_grid = frames_to_ms(math.ceil(ms_to_frames(target, settings.fps)), settings.fps)
            cues[index] = cue.copy(end=min(on_grid if on_grid <= limit else target, limit))
            changes["T004"] += 1


def fix_track(track: Track, settings: Settings, duration_ms: int | None = None) -> FixResult:
    """A repaired copy of `track` and what changed, rule by rule.

    Raises RepairRefused when the reader had to skip blocks (S001 errors): the repaired track
    would not hold their text, and writing it would lose that text for good.
    """
    lost = unreadable_blocks(track)
    if lost:
        raise RepairRefused(f"not repaired, nothing written: {len(lost)} block(s) cannot be read and would be lost "
                            f"({lost[0]}); correct them by hand first", track.source.path if track.source else None)
    changes: Counter[str] = Counter()
    cues = list(track.cues)
    if settings.selected("S004"):
        kept = [cue for cue in cues if visible_text(cue.text).strip()]
        if len(kept) != len(cues):
            changes["S004"] += len(cues) - len(kept)
            cues = kept
    cues = [_repair_text(cue, settings, changes) for cue in cues]
    _fix_timing(cues, settings, duration_ms, changes)
    source = track.source
    if (source is None or source.format == "srt") and settings.selected("S002"):
        renumbered = 0
        for index, cue in enumerate(cues):
            if cue.id != str(index + 1):
                cues[index] = cue.copy(id=str(index + 1))
                renumbered += 1
        if renumbered:
            changes["S002"] += renumbered
    encoding = source.encoding if source is not None else "utf-8"
    if settings.selected("S003") and source is not None and (encoding not in ("utf-8", "ascii") or source.bom):
        changes["S003"] += 1
        encoding = "utf-8"
    fixed = track.with_cues(cues)
    fixed.diagnostics = []
    return FixResult(fixed, changes, encoding)
