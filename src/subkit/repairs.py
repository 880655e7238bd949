"""Safe automatic repairs: what a subtitler would do by hand without having to think.

Each repair is tied to the rule code it fixes and runs only when that rule is selected, so
selecting or ignoring rules switches repairs exactly as it switches checks. The guarantees, tested as
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
from collections.abc import Sequence
from dataclasses import dataclass, field

from subkit.counting import char_count, strip_invisible
from subkit.errors import RepairRefused
from subkit.linebreak import bad_line_end, wrap_markup
from subkit.markup import TAG, visible_text
from subkit.model import Cue, Track
from subkit.qc.context import Context, view_of
from subkit.qc.engine import Settings
from subkit.qc.rules.consistency import (
    capitalise_at,
    fix_commas,
    fix_quotes,
    previous_ends_sentence,
    track_quote_styles,
)
from subkit.qc.rules.dialogue import fix_dialogue, remove_single_speaker_dash
from subkit.qc.rules.glyphs import fix_mojibake, remove_invisible, remove_tags
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


def read_for_fix(
    path: str, encoding: str | None = None, mend_timings: bool = True, options: object = None
) -> tuple[Track, int]:
    """The track as `read_track` gives it, re-parsed with mended timing lines when the reader
    had to skip blocks (S001); returns the track and how many timing lines were mended.
    """
    from subkit.fileio import decode, read_bytes  # noqa: PLC0415
    from subkit.formats import parse_text, read_track  # noqa: PLC0415

    track = read_track(path, encoding, options=options)  # type: ignore[arg-type]
    if not mend_timings or not unreadable_blocks(track) or path == "-":
        return track, 0
    assert track.source is not None
    if track.source.format not in ("srt", "vtt"):  # the timing-line repairs know SRT/VTT arrows only
        return track, 0
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
    if (
        settings.selected("L003")
        and settings.lang
        and not dialogue
        and len(lines) > 1
        and any(bad_line_end(line, settings.lang, after) for line, after in zip(lines, lines[1:]))
    ):
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


@dataclass(slots=True)
class _TrackStyle:
    """What the text repairs need to know about the whole track."""

    apostrophe: str | None = None
    quotes: str | None = None
    previous_ended: bool = False


def _repair_text(cue: Cue, settings: Settings, changes: Counter[str], style: _TrackStyle | None = None) -> Cue:
    text = cue.text
    lang = settings.lang
    style = style or _TrackStyle()
    forbidden = settings.thresholds.forbidden_tags
    dash_codes = {code for code in ("Y005", "Y006", "Y007") if settings.selected(code)}
    steps = [
        ("S008", remove_invisible),
        ("S009", fix_mojibake),
        ("S007", (lambda markup: remove_tags(markup, forbidden)) if forbidden else None),
        ("Y008", fix_commas),
        ("Y002", fix_whitespace),
        ("S005", repair_tags),
        ("Y001", fix_french_spacing if lang == "fr" else None),
        ("Y003", fix_ellipsis if settings.thresholds.ellipsis else None),
        (
            "Y009",
            (lambda markup: fix_quotes(markup, style.apostrophe, style.quotes))
            if style.apostrophe or style.quotes
            else None,
        ),
        ("Y011", lambda markup: capitalise_at(markup, style.previous_ended)),
    ]
    for code, repair in steps:
        if repair is None or not settings.selected(code):
            continue
        repaired = repair(text)
        if repaired != text:
            changes[code] += 1
            text = repaired
    if dash_codes:
        text, dash_changes = fix_dialogue(text, lang, dash_codes)
        changes.update(dash_changes)
    if lang and settings.selected("Y004"):
        repaired = fix_dialogue_dash(text, lang)
        if repaired != text:
            changes["Y004"] += 1
            text = repaired
    candidate = cue.copy(text=text) if text != cue.text else cue
    wrapped, repaired_code = _rewrap(candidate, settings)
    if repaired_code is not None:
        changes[repaired_code] += 1
        text = wrapped
    return cue.copy(text=text) if text != cue.text else cue


def _snap_up(ms: int, settings: Settings) -> int:
    return frames_to_ms(math.ceil(ms_to_frames(ms, settings.fps)), settings.fps)


def _fix_timing(cues: list[Cue], settings: Settings, duration_ms: int | None, changes: Counter[str]) -> None:
    """Out-times only: earlier to end an overlap or widen a gap, later into free time.

    Ending a cue earlier never takes it below the minimum duration when touching the next cue
    (a gap of 0, which every profile accepts) keeps it longer: 1.000-1.120 followed by 1.160
    becomes 1.000-1.160, not an 80 ms cue.
    """
    gap_ms = frames_to_ms(settings.thresholds.min_gap_frames, settings.fps)
    minimum = settings.thresholds.min_duration
    pause = settings.thresholds.min_pause
    following = next_starts(cues)  # starts never move: computed once
    for index in range(1, len(cues)):
        previous, cue = cues[index - 1], cues[index]
        if previous.end <= previous.start or cue.start < previous.start:
            continue  # T001 (intent unknown) or T003 (out of order): left for a person
        if settings.selected("T002") and cue.start < previous.end:
            new_end = shortened_end(previous, cue.start, gap_ms)
            if new_end is not None:
                if new_end - previous.start < minimum:
                    new_end = cue.start
                cues[index - 1] = previous = previous.copy(end=new_end)
                changes["T002"] += 1
        gap = cue.start - previous.end
        if settings.selected("T006") and 0 < gap < gap_ms and cue.start > previous.start:
            new_end = cue.start - gap_ms
            if new_end - previous.start < minimum or new_end <= previous.start:
                new_end = cue.start if following[index - 1] == cue.start else 0  # touch, not shorten below the minimum
            if new_end > previous.start:
                cues[index - 1] = previous = previous.copy(end=new_end)
                changes["T006"] += 1
                gap = cue.start - previous.end
        if settings.selected("T015") and 0 < gap < pause and following[index - 1] == cue.start:
            cues[index - 1] = previous.copy(end=cue.start)  # chain: no pause shorter than the minimum
            changes["T015"] += 1
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
    if settings.selected("R001") and settings.thresholds.max_cps:
        _extend_fast_cues(cues, settings, gap_ms, duration_ms, changes)


def _extend_fast_cues(
    cues: list[Cue], settings: Settings, gap_ms: int, duration_ms: int | None, changes: Counter[str]
) -> None:
    """R001: a cue read too fast gets the time it needs from the free time after it, up to the
    next cue's start minus the minimum gap (never touching it) or the programme end."""
    max_cps = settings.thresholds.max_cps
    assert max_cps is not None
    following = next_starts(cues)
    for index, cue in enumerate(cues):
        if cue.duration <= 0:
            continue
        chars = char_count(cue.text)
        if chars * 1000 <= max_cps * cue.duration:
            continue
        after = following[index]
        limit = after - gap_ms if after is not None else 1 << 62
        if duration_ms is not None:
            limit = min(limit, duration_ms)
        if limit <= cue.end:
            continue
        target = cue.start + math.ceil(chars * 1000 / max_cps)
        snapped = _snap_up(target, settings)
        new_end = min(snapped if snapped <= limit else target, limit)
        if new_end > cue.end:
            cues[index] = cue.copy(end=new_end)
            changes["R001"] += 1


# --- T005: splitting a cue that is shown too long -------------------------------------------------

_SENTENCE_END = ".!?…"
_CLAUSE_END = ",;:"


def _split_points(markup: str) -> list[tuple[int, int, tuple[str, ...], int]]:
    """(position of a space or line break, kind, tags open there, visible characters before) for
    each place a cue can be split: 0 after a sentence end, 1 after a clause mark, -1 between
    two speakers."""
    points: list[tuple[int, int, tuple[str, ...], int]] = []
    stack: list[tuple[str, str]] = []
    last = ""
    seen = 0
    position = 0
    for match in [*TAG.finditer(markup), None]:
        end = match.start() if match is not None else len(markup)
        for offset, ch in enumerate(markup[position:end]):
            if ch in " \n" and last:
                kind = 0 if last in _SENTENCE_END else 1 if last in _CLAUSE_END else None
                if ch == "\n" and markup[position + offset + 1 :].lstrip()[:1] in "-–—":
                    kind = -1
                if kind is not None:
                    points.append((position + offset, kind, tuple(tag for tag, _ in stack), seen))
            elif ch not in " \n":
                last = ch if ch not in '»”"’)' else last
                seen += 1
        if match is None:
            break
        position = match.end()
        whole = match.group(0)
        if whole.startswith("{") or match.group(2)[0].isdigit():
            continue
        name = match.group(2).lower()
        if match.group(1) != "/":
            stack.append((whole, name))
        elif stack and stack[-1][1] == name:
            stack.pop()
    return points


def split_markup(markup: str) -> tuple[str, str, int, int] | None:
    """The cue's text in two at its best boundary (between speakers, after a sentence, after a
    clause; the most even split among the best kind), tags closed and reopened across the cut.
    Returns (first, second, visible characters of each) or None when there is no boundary."""
    points = _split_points(markup)
    if not points:
        return None
    total = char_count(markup)
    best_kind = min(kind for _, kind, _, _ in points)
    position, _, open_tags, before = min((p for p in points if p[1] == best_kind), key=lambda p: abs(2 * p[3] - total))
    closing = "".join(f"</{TAG.match(tag).group(2)}>" for tag in reversed(open_tags))  # type: ignore[union-attr]
    first = markup[:position].rstrip(" \n") + closing
    second = "".join(open_tags) + markup[position + 1 :].lstrip(" \n")
    if not visible_text(first).strip() or not visible_text(second).strip():
        return None
    return first, second, char_count(first), char_count(second)


def _split_cue(cue: Cue, settings: Settings, gap_ms: int) -> list[Cue]:
    """`cue` cut into shorter cues at sentence or clause boundaries, times shared by characters,
    each part at least the minimum duration and the minimum gap between parts; [cue] when that
    cannot be done."""
    limits = settings.thresholds
    if limits.max_duration is None or cue.duration <= limits.max_duration:
        return [cue]
    parts = split_markup(cue.text)
    if parts is None:
        return [cue]
    first, second, chars_first, chars_second = parts
    available = cue.duration - gap_ms
    first_end = cue.start + round(available * chars_first / max(1, chars_first + chars_second))
    if ms_to_frames(cue.start, settings.fps).denominator == 1:
        first_end = frames_to_ms(round(ms_to_frames(first_end, settings.fps)), settings.fps)
    second_start = first_end + gap_ms
    if first_end - cue.start < limits.min_duration or cue.end - second_start < limits.min_duration:
        return [cue]
    pieces = []
    for text, start, end, cue_id in ((first, cue.start, first_end, cue.id), (second, second_start, cue.end, None)):
        text = remove_single_speaker_dash(text)
        wrapped = wrap_markup(text, limits.max_cpl, limits.max_lines, settings.lang)
        piece = cue.copy(start=start, end=end, text=wrapped if _words(wrapped) == _words(text) else text, id=cue_id)
        pieces.extend(_split_cue(piece, settings, gap_ms))
    return pieces


def _fix_shot_timing(cues: list[Cue], settings: Settings, shots: Sequence[int] | None, changes: Counter[str]) -> None:
    """T010/T009: out- and in-times onto nearby shot changes, when the profile snaps (the only
    repairs that move a start, by less than the profile's window); T011: chaining, opt-in."""
    from subkit.qc.rules.shots import Limits, chain_gaps, snap_to_shots  # noqa: PLC0415

    thresholds = settings.thresholds
    limits = Limits(
        settings.fps,
        thresholds.shot_window_frames,
        frames_to_ms(thresholds.min_gap_frames, settings.fps),
        thresholds.min_gap_frames,
        thresholds.min_duration,
        thresholds.max_duration,
        thresholds.chain_gap_frames,
    )
    if shots and thresholds.shot_snap and limits.window > 0:
        snapped, ends, starts = snap_to_shots(cues, shots, limits, settings.selected("T010"), settings.selected("T009"))
        cues[:] = snapped
        changes["T010"] += len(ends)
        changes["T009"] += len(starts)
    if limits.chain_frames > 0 and settings.selected("T011"):
        chained, moved = chain_gaps(cues, limits, shots)
        cues[:] = chained
        changes["T011"] += len(moved)
    for code in ("T009", "T010", "T011"):
        if not changes[code]:
            del changes[code]


def fix_track(
    track: Track, settings: Settings, duration_ms: int | None = None, shots: Sequence[int] | None = None
) -> FixResult:
    """A repaired copy of `track` and what changed, rule by rule; `shots` (sorted ms) are the
    video's shot changes, for the shot-change repairs.

    Raises RepairRefused when the reader had to skip blocks (S001 errors): the repaired track
    would not hold their text, and writing it would lose that text for good.
    """
    lost = unreadable_blocks(track)
    if lost:
        raise RepairRefused(
            f"not repaired, nothing written: {len(lost)} block(s) cannot be read and would be lost "
            f"({lost[0]}); correct them by hand first",
            track.source.path if track.source else None,
        )
    changes: Counter[str] = Counter()
    cues = list(track.cues)
    if settings.selected("S004"):
        kept = [cue for cue in cues if strip_invisible(visible_text(cue.text)).strip()]
        if len(kept) != len(cues):
            changes["S004"] += len(cues) - len(kept)
            cues = kept
    style = _TrackStyle()
    if settings.selected("Y009"):
        context = Context(track.with_cues(cues), settings.thresholds, settings.lang, settings.fps, settings.profile)
        style.apostrophe, style.quotes = track_quote_styles(context)
    repaired = []
    for cue in cues:
        repaired.append(_repair_text(cue, settings, changes, style))
        shown = visible_text(repaired[-1].text).strip()
        if shown:
            style.previous_ended = previous_ends_sentence(shown)
    cues = repaired
    _fix_timing(cues, settings, duration_ms, changes)
    if settings.selected("T005") and settings.thresholds.max_duration is not None:
        gap_ms = frames_to_ms(settings.thresholds.min_gap_frames, settings.fps)
        split: list[Cue] = []
        following = next_starts(cues)
        for index, cue in enumerate(cues):
            overlapped = following[index] is not None and following[index] < cue.end  # type: ignore[operator]
            pieces = [cue] if overlapped else _split_cue(cue, settings, gap_ms)
            if len(pieces) > 1:
                changes["T005"] += 1
            split.extend(pieces)
        cues = split
    _fix_shot_timing(cues, settings, shots, changes)
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
    if settings.selected("S006") and any(d.code == "S006" for d in track.diagnostics):
        changes["S006"] += 1  # the writer always uses ','
    fixed = track.with_cues(cues)
    fixed.diagnostics = []
    return FixResult(fixed, changes, encoding)
