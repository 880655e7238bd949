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

from collections import Counter
from dataclasses import dataclass, field

from subkit.linebreak import bad_line_end, wrap_markup
from subkit.markup import visible_text
from subkit.model import Cue, Track
from subkit.qc.context import view_of
from subkit.qc.engine import Settings
from subkit.qc.rules.lines import is_dialogue
from subkit.qc.rules.structure import repair_tags
from subkit.qc.rules.timing import free_until, shortened_end
from subkit.qc.rules.typography import fix_dialogue_dash, fix_ellipsis, fix_french_spacing, fix_whitespace
from subkit.timecode import frames_to_ms


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
    wrapped, code = _rewrap(candidate, settings)
    if code is not None:
        changes[code] += 1
        text = wrapped
    return cue.copy(text=text) if text != cue.text else cue


def _fix_timing(cues: list[Cue], settings: Settings, duration_ms: int | None, changes: Counter[str]) -> None:
    """Out-times only; skipped entirely when cues are out of order (T003), where nothing is safe."""
    if any(cues[i].start < cues[i - 1].start for i in range(1, len(cues))):
        return
    gap_ms = frames_to_ms(settings.thresholds.min_gap_frames, settings.fps)
    for index in range(1, len(cues)):
        previous, cue = cues[index - 1], cues[index]
        if previous.end <= previous.start:
            continue  # T001: a negative cue's intent is unknown
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
        for index, cue in enumerate(cues):
            if not 0 < cue.duration < minimum:
                continue
            limit = free_until(cues, index, gap_ms, duration_ms)
            if limit is None or limit <= cue.end:
                continue
            cues[index] = cue.copy(end=min(cue.start + minimum, limit))
            changes["T004"] += 1


def fix_track(track: Track, settings: Settings, duration_ms: int | None = None) -> FixResult:
    """A repaired copy of `track` and what changed, rule by rule."""
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
