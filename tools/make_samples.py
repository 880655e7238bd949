#!/usr/bin/env python3
"""Generate subkit's sample subtitle tracks in ``samples/`` and check them.

Why this exists: the QC rules, the converters and the translation drafts all need a realistic,
full-length French track to run against, and a legacy-style copy of it with known defects whose
positions a test can rely on. Hand-editing ~700 cues and their timing is error-prone, so the text
is authored here scene by scene and everything else (timing, files, the defect manifest) is
derived from it deterministically. The text is original writing for this project: a fictionalised
draft for a documentary on the Panjshir resistance, not a copy of any real subtitles.

Run ``python tools/make_samples.py`` to (re)write the files; ``--check`` only verifies that the
files on disk are what the script would write. Either way the clean track is checked against the
hard requirements first, and the script exits 1 listing the offending cues if any fails, so the
text can be fixed until it passes. Standard library only, so it runs before subkit is installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# --- the programme and the rules the clean track must meet ---------------------------------
#
# 25 fps PAL broadcast: every time is a whole number of 40 ms frames, because broadcast and
# streaming QC tools flag times that fall between frames.

FPS = 25
FRAME_MS = 1000 // FPS
TITLE = "Panchir, la vallée qui ne s’est pas rendue"

MIN_CUES = 620
FIRST_CUE_MIN_MS = 20_000  # pre-title silence: the film opens on images alone
END_MIN_MS = 51 * 60_000 + 30_000
END_MAX_MS = 52 * 60_000 + 10_000
TARGET_END_MS = 51 * 60_000 + 50_000  # where the auto-filled scene pauses aim the last cue

MAX_CPL = 42
MAX_LINES = 2
MAX_CPS = 15.0  # hard limit for the clean track: "well under" the netflix profile's 17
MIN_DURATION_MS = 1000
MAX_DURATION_MS = 7000
LAYOUT_MAX_MS = 6480  # the longest cue the layout produces (6.5 s, floored to a frame)
MIN_GAP_MS = 2 * FRAME_MS
AUTO_PAUSE_MIN_MS = 1000
AUTO_PAUSE_MAX_MS = 10_000
MIN_BALANCE = 0.3  # shorter/longer line of a two-line cue: no 40/3 splits

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES_BEFORE = ";:!?»%"  # French typography: a non-breaking space precedes these

# A line must not end with one of these words: the reader would be left with an article, a
# preposition, a conjunction or a subject pronoun cut off from what it governs (Netflix, BBC and
# French practice alike; see docs/qc-reference.md §1.1). Pronouns that can also stand alone
# ("d'entre nous", "avec elle") are left out.
NO_BREAK_AFTER = frozenset(
    """
    le la les un une des de du à au aux en dans sur par pour et ou que qui avec sans chez sous
    vers ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos ne se
    je tu il on ils y dont si
    """.split()
)

TAG_RE = re.compile(r"</?[^>]*>")
ALLOWED_TAGS = frozenset({"<i>", "</i>"})

DEFECT_CUES = 120  # the defects copy keeps the first 120 cues of the clean track
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"


@dataclass(frozen=True)
class Scene:
    """A stretch of the film: a title for humans, its cues, and the silence before it.

    ``cues`` holds cue texts (``\\n`` between the two lines, ``<i>`` for voice-over and
    off-screen voices) and, between them, floats: seconds of extra pause inside the scene.
    ``pause`` is the silence before the scene in seconds; ``None`` lets the layout spread the
    remaining programme time over such scenes, so editing the text keeps the end near 51:50.
    Texts are written with ordinary spaces before ``; : ! ? » %`` and after ``«``, and in numbers
    (``5 000``): typeset() turns those into U+00A0, which is invisible and easy to get wrong in
    source code.
    """

    title: str
    cues: tuple[str | float, ...]
    pause: float | None = None


@dataclass(frozen=True)
class Cue:
    """One subtitle: start and end in integer milliseconds, text with ``\\n`` and tags."""

    start: int
    end: int
    text: str


# --- text helpers ------------------------------------------------------------------------------


def typeset(text: str) -> str:
    """Apply French spacing: U+00A0 before ; : ! ? » %, after «, and as thousands separator."""
    for mark in SPACES_BEFORE:
        text = text.replace(" " + mark, NBSP + mark)
    text = text.replace("« ", "«" + NBSP)
    return re.sub(r"(?<=\d) (?=\d{3}(?!\d))", NBSP, text)


def visible(text: str) -> str:
    """The text a viewer reads: tags removed (line breaks kept, callers drop them when counting)."""
    return TAG_RE.sub("", text)


def char_count(text: str) -> int:
    """Characters as the contract counts them: no tags, no line breaks, NBSP counted."""
    return len(visible(text).replace("\n", ""))


def lines_of(text: str) -> list[str]:
    """The visible lines of a cue."""
    return visible(text).split("\n")


def is_dialogue(text: str) -> bool:
    """Two speakers in one cue: every line opens with a dialogue dash."""
    return all(line.startswith("-") for line in lines_of(text))


def unwrap_italic(text: str) -> tuple[str, bool]:
    """Split a cue wrapped whole in one ``<i>...</i>`` into (inner text, True)."""
    if text.startswith("<i>") and text.endswith("</i>") and text.count("<i>") == 1:
        return text[3:-4], True
    return text, False


def wrap_italic(inner: str, italic: bool) -> str:
    """Inverse of unwrap_italic()."""
    return f"<i>{inner}</i>" if italic else inner


def frames_up(ms: float) -> int:
    """Round a duration up to whole frames (never shorter than asked: reading time is a floor)."""
    return -(-int(round(ms)) // FRAME_MS) * FRAME_MS


def frames_near(ms: float) -> int:
    """Round a time to the nearest frame."""
    return int(round(ms / FRAME_MS)) * FRAME_MS


def stable_fraction(key: str) -> float:
    """A number in [0, 1) fixed by ``key``: variety without randomness (crc32 is not salted)."""
    return (zlib.crc32(key.encode("utf-8")) % 10_000) / 10_000


# --- timing --------------------------------------------------------------------------------------

# Sentence-final cues are followed by a short breath; a cue that runs on into the next (ends with
# a comma or no punctuation) is chained with the 2-frame minimum, as Netflix's timing guide asks.
BREATHS_MS = (160, 200, 240, 280, 320, 400, 480, 560, 640, 800, 960, 1200)


def reading_ms(text: str) -> int:
    """Display time from text length: 0.7 s to find the text, then 64 ms a character.

    Frame-aligned and clamped to [1 s, 6.48 s]. That reads at 12 cps on average and at most
    about 14 cps (long two-line cues), comfortably under the 17 cps limit, and leaves room for
    the silences of a documentary (music, ambient sound) between scenes.
    """
    ms = frames_up(700 + 64 * char_count(text))
    return max(MIN_DURATION_MS, min(LAYOUT_MAX_MS, ms))


def ends_sentence(text: str) -> bool:
    """True when a cue closes its sentence (so the next cue may start after a breath)."""
    tail = visible(text).rstrip().rstrip("»" + NBSP + " ")
    return is_dialogue(text) or tail.endswith((".", "?", "!", "…"))


def breath_after(text: str) -> int:
    """The gap after a cue inside a scene: 2 frames when the sentence runs on, else a breath."""
    if not ends_sentence(text):
        return MIN_GAP_MS
    return BREATHS_MS[int(stable_fraction(text) * len(BREATHS_MS))]


def scene_weight(scene: Scene) -> float:
    """How much of the spare programme time an auto-paused scene gets (0.6 to 1.4 shares)."""
    return 0.6 + 0.8 * stable_fraction(scene.title)


def layout(scenes: Sequence[Scene]) -> tuple[list[Cue], list[str]]:
    """Time every cue; return the cues and any layout problems (auto pauses out of range).

    Pass 1 lays the track out with the auto pauses at zero to find the spare time; pass 2 spreads
    that time over the auto-paused scenes by weight so the last cue ends near TARGET_END_MS.
    """

    def run(auto_pauses: dict[int, int]) -> list[Cue]:
        cues: list[Cue] = []
        clock = 0
        for number, scene in enumerate(scenes):
            if scene.pause is None:
                clock += auto_pauses.get(number, 0)
            else:
                clock += frames_near(scene.pause * 1000)
            gap = 0
            for item in scene.cues:
                if isinstance(item, float):
                    gap = max(MIN_GAP_MS, frames_near(item * 1000))
                    continue
                text = typeset(item)
                start = clock + gap
                end = start + reading_ms(text)
                cues.append(Cue(start, end, text))
                clock = end
                gap = breath_after(text)
        return cues

    problems: list[str] = []
    auto = [n for n, scene in enumerate(scenes) if scene.pause is None]
    natural = run({})
    spare = TARGET_END_MS - natural[-1].end
    total_weight = sum(scene_weight(scenes[n]) for n in auto) or 1.0
    pauses = {n: frames_near(spare * scene_weight(scenes[n]) / total_weight) for n in auto}
    for n, ms in pauses.items():
        if not AUTO_PAUSE_MIN_MS <= ms <= AUTO_PAUSE_MAX_MS:
            problems.append(
                f"scene {n + 1} ({scenes[n].title}): auto pause {ms} ms outside "
                f"{AUTO_PAUSE_MIN_MS}-{AUTO_PAUSE_MAX_MS} ms; the text is too "
                f"{'short' if ms > AUTO_PAUSE_MAX_MS else 'long'} for {TARGET_END_MS // 60_000} min"
            )
    return run(pauses), problems


# --- output formats ------------------------------------------------------------------------------


def srt_time(ms: int) -> str:
    """00:01:02,500."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def vtt_time(ms: int) -> str:
    """00:01:02.500."""
    return srt_time(ms).replace(",", ".")


def render_srt(cues: Sequence[Cue]) -> str:
    """The clean track as SRT text (LF line endings; the caller encodes it as UTF-8, no BOM)."""
    blocks = [f"{n}\n{srt_time(c.start)} --> {srt_time(c.end)}\n{c.text}\n" for n, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def render_vtt(cues: Sequence[Cue]) -> str:
    """The same cues as WebVTT, identifiers equal to the SRT counters."""
    head = f"WEBVTT\n\nNOTE\n{TITLE}\nFrench subtitles, 25 fps. Generated by tools/make_samples.py.\n"
    blocks = [f"{n}\n{vtt_time(c.start)} --> {vtt_time(c.end)}\n{c.text}\n" for n, c in enumerate(cues, 1)]
    return head + "\n" + "\n".join(blocks)


# --- checks on the clean track -----------------------------------------------------------------

SRT_BLOCK_RE = re.compile(r"(\d+)\n(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)\n(.+)", re.S)


def parse_ms(h: str, m: str, s: str, ms: str) -> int:
    """Milliseconds from timestamp fields."""
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def check_tags(text: str) -> str | None:
    """Only <i>/</i>, not nested, every one opened in a cue closed in it, none empty."""
    open_ = False
    for tag in TAG_RE.findall(text):
        if tag not in ALLOWED_TAGS:
            return f"tag {tag} not allowed"
        if (tag == "<i>") == open_:
            return f"unbalanced {tag}"
        open_ = tag == "<i>"
    if open_:
        return "<i> not closed"
    if "<i></i>" in text:
        return "empty <i></i>"
    return None


def check_typography(text: str) -> list[str]:
    """French typography problems in one cue's visible text."""
    problems = []
    seen = visible(text)
    for bad, why in (
        ('"', 'straight quote "'),
        ("'", "straight apostrophe (use ’)"),
        ("...", '"..." (use …)'),
        ("“", "English quote “"),
        ("”", "English quote ”"),
        ("  ", "double space"),
        ("&", "& (would need escaping in WebVTT)"),
        ("<", "< outside a tag"),
        ("-->", "arrow in text"),
    ):
        if bad in seen:
            problems.append(why)
    for i, ch in enumerate(seen):
        if ch in SPACES_BEFORE and (i == 0 or seen[i - 1] not in (NBSP, NNBSP)):
            problems.append(f"no non-breaking space before {ch!r}")
        if ch == "«" and (i + 1 == len(seen) or seen[i + 1] not in (NBSP, NNBSP)):
            problems.append("no non-breaking space after «")
    if re.search(r"\d \d{3}(?!\d)", seen):
        problems.append("thousands separated by an ordinary space")
    if re.search(r"\d{5,}", seen):
        problems.append("number of 5+ digits without a thousands separator")
    if re.search(f"[ {NBSP}{NNBSP}][ {NBSP}{NNBSP}]", seen):
        problems.append("two spaces in a row")
    for line in seen.split("\n"):
        if line != line.strip(" " + NBSP + NNBSP):
            problems.append("leading or trailing space on a line")
    return problems


def check_layout(text: str) -> list[str]:
    """Line count, line length, dialogue dashes, balance and line-break quality."""
    problems = []
    lines = lines_of(text)
    if len(lines) > MAX_LINES:
        problems.append(f"{len(lines)} lines")
    for line in lines:
        if not line:
            problems.append("empty line")
        if len(line) > MAX_CPL:
            problems.append(f"line of {len(line)} characters: {line!r}")
        if line.startswith("-") and not line.startswith("- "):
            problems.append("dialogue dash without the French space")
    dashed = [line.startswith("-") for line in lines]
    if any(dashed) and (len(lines) != 2 or not all(dashed)):
        problems.append("dialogue dash outside a two-speaker, two-line cue")
    if len(lines) == 2 and not any(dashed):
        top, bottom = lines
        if len(top) + 1 + len(bottom) <= MAX_CPL:
            problems.append("two lines that fit on one")
        if min(len(top), len(bottom)) < MIN_BALANCE * max(len(top), len(bottom)):
            problems.append(f"unbalanced lines ({len(top)}/{len(bottom)})")
        last = top.split()[-1].lower() if top.split() else ""
        if last in NO_BREAK_AFTER:
            problems.append(f"line break after {last!r}")
    return problems


def check_track(cues: Sequence[Cue], srt: str, vtt: str) -> list[str]:
    """Every hard requirement on the clean track; an empty list means it passes."""
    problems: list[str] = []
    if len(cues) < MIN_CUES:
        problems.append(f"only {len(cues)} cues, at least {MIN_CUES} wanted")
    if cues and cues[0].start < FIRST_CUE_MIN_MS:
        problems.append(f"first cue at {srt_time(cues[0].start)}, before the pre-title silence")
    if cues and not END_MIN_MS <= cues[-1].end <= END_MAX_MS:
        problems.append(
            f"last cue ends at {srt_time(cues[-1].end)}, outside {srt_time(END_MIN_MS)}-{srt_time(END_MAX_MS)}"
        )
    previous: Cue | None = None
    for n, cue in enumerate(cues, 1):
        where = f"cue {n} ({srt_time(cue.start)})"
        found: list[str] = []
        if cue.start % FRAME_MS or cue.end % FRAME_MS:
            found.append("time off the 25 fps frame grid")
        duration = cue.end - cue.start
        if not MIN_DURATION_MS <= duration <= MAX_DURATION_MS:
            found.append(f"duration {duration} ms")
        cps = char_count(cue.text) / (duration / 1000) if duration > 0 else float("inf")
        if cps > MAX_CPS:
            found.append(f"{cps:.1f} characters per second")
        if previous is not None and cue.start - previous.end < MIN_GAP_MS:
            found.append(f"gap {cue.start - previous.end} ms to the previous cue")
        tag_problem = check_tags(cue.text)
        if tag_problem:
            found.append(tag_problem)
        found += check_layout(cue.text)
        found += check_typography(cue.text)
        problems += [f"{where}: {p}" for p in found]
        previous = cue
    problems += check_srt_text(srt, cues)
    if not vtt.startswith("WEBVTT\n") or "\r" in vtt or vtt.count(" --> ") != len(cues):
        problems.append("WebVTT output malformed")
    return problems


def check_srt_text(srt: str, cues: Sequence[Cue]) -> list[str]:
    """Re-read the rendered SRT: counters 1..N, times as laid out, LF only, UTF-8 without BOM."""
    problems = []
    data = srt.encode("utf-8")
    if data.startswith(b"\xef\xbb\xbf") or b"\r" in data:
        problems.append("SRT has a BOM or CR characters")
    blocks = srt.rstrip("\n").split("\n\n")
    if len(blocks) != len(cues):
        problems.append(f"SRT has {len(blocks)} blocks for {len(cues)} cues")
    for n, (block, cue) in enumerate(zip(blocks, cues), 1):
        match = SRT_BLOCK_RE.fullmatch(block)
        if not match or int(match[1]) != n:
            problems.append(f"SRT block {n} malformed or misnumbered")
            continue
        start, end = parse_ms(*match.groups()[1:5]), parse_ms(*match.groups()[5:9])
        if (start, end, match[10]) != (cue.start, cue.end, cue.text):
            problems.append(f"SRT block {n} does not round-trip")
    return problems


# --- the defects copy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One SRT block of the defects copy, as it will be written (timing line kept as text)."""

    counter: str
    start: int
    end: int
    text: str
    timing: str | None = None  # overrides the timing line (S001)

    def timing_line(self) -> str:
        """The timing line, normally ``start --> end``."""
        if self.timing is not None:
            return self.timing
        return f"{srt_time(self.start)} --> {srt_time(self.end)}"


class PlantingError(Exception):
    """No cue of the excerpt can carry a defect without also breaking another rule."""


@dataclass(frozen=True)
class Planted:
    """Where a defect went: position in the file (0-based block index), code, description."""

    index: int
    code: str
    what: str


# The G002 cue: a soldier's line at the airport gate left in English, as if the translator had
# skipped it. Chosen by its French text so the defect stays on the same line when text changes.
UNTRANSLATED = {
    "Les familles avec des papiers, à gauche.\nLes autres, attendez ici.": (
        "Families with papers on the left,\neverybody else wait here."
    ),
}


class DefectPlanter:
    """Plants one defect per rule code into a copy of the first cues, each in its own cue.

    Each defect has a predicate (which cues can carry it without also tripping another rule) and
    a preferred position spread over the file; the planter takes the eligible cue nearest that
    position that is not next to an already damaged cue, so timing defects never interact.
    """

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.blocks = [Block(str(n), c.start, c.end, c.text) for n, c in enumerate(cues, 1)]
        self.used: set[int] = set()
        self.planted: list[Planted] = []

    # helpers -------------------------------------------------------------------------------

    def gap_before(self, i: int) -> int:
        """Gap between block i-1's end and block i's start."""
        return self.blocks[i].start - self.blocks[i - 1].end

    def duration(self, i: int) -> int:
        """Duration of block i."""
        return self.blocks[i].end - self.blocks[i].start

    def free(self, i: int, span: int = 1) -> bool:
        """Blocks i..i+span-1 and their neighbours are untouched."""
        return all(j not in self.used for j in range(i - 1, i + span + 1))

    def pick(
        self,
        preferred: int,
        eligible: Callable[[int], bool],
        score: Callable[[int], float] = lambda i: 0.0,
        span: int = 1,
    ) -> int:
        """The best eligible free block (by score, then nearness to ``preferred``)."""
        candidates = [i for i in range(1, len(self.blocks) - span) if self.free(i, span) and eligible(i)]
        if not candidates:
            raise PlantingError(f"no free cue in the first {DEFECT_CUES} can carry {eligible.__qualname__}")
        best = min(candidates, key=lambda i: (score(i), abs(i - preferred), i))
        self.used.update(range(best, best + span))
        return best

    def put(self, i: int, code: str, what: str, **changes: Any) -> None:
        """Replace fields of block i and record the defect."""
        self.blocks[i] = replace(self.blocks[i], **changes)
        self.planted.append(Planted(i, code, what))

    def plain_two_liner(self, i: int) -> bool:
        """A two-line cue without dialogue dashes or inner tags."""
        inner, _ = unwrap_italic(self.blocks[i].text)
        return len(inner.split("\n")) == 2 and "<" not in inner and not is_dialogue(inner)

    # the defects, in a fixed order so the output is deterministic ---------------------------

    def plant_all(self) -> None:
        """Plant every defect; the order fixes who gets first pick of the candidate cues."""
        steps: list[Callable[[], None]] = [
            self.t003_order,
            self.t005_too_long,
            self.t004_too_short,
            self.g002_untranslated,
            self.y001_fr_punctuation,
            self.y003_ellipsis,
            self.y004_dialogue_dash,
            self.l001_line_length,
            self.l003_line_break,
            self.l002_line_count,
            self.l004_one_line_fits,
            self.t006_gap,
            self.t002_overlap,
            self.r001_reading_speed,
            self.t008_frame_grid,
            self.s005_markup,
            self.s004_empty,
            self.t001_negative,
            self.y002_whitespace,
            self.s001_parse_error,
            self.s002_numbering,
        ]
        for step in steps:
            step()

    def s001_parse_error(self) -> None:
        i = self.pick(95, lambda i: True)
        b = self.blocks[i]
        timing = f"{srt_time(b.start)} -> {srt_time(b.end)}"
        self.put(i, "S001", f"broken timing arrow: `{timing}`", timing=timing)

    def s002_numbering(self) -> None:
        # A typist's swap of the last two digits (112 -> 121) that lands above the last counter,
        # so the wrong counter is not also a duplicate id.
        def swapped(i: int) -> str:
            counter = str(i + 1)
            return counter[:-2] + counter[-1] + counter[-2]

        def eligible(i: int) -> bool:
            return i + 1 >= 10 and int(swapped(i)) > len(self.blocks)

        i = self.pick(113, eligible)
        written = swapped(i)
        self.put(i, "S002", f"counter {written} where {i + 1} is expected", counter=written)

    def s004_empty(self) -> None:
        i = self.pick(66, lambda i: unwrap_italic(self.blocks[i].text)[1])
        self.put(i, "S004", "cue text is only `<i></i>`", text="<i></i>")

    def s005_markup(self) -> None:
        i = self.pick(30, lambda i: unwrap_italic(self.blocks[i].text)[1])
        text = self.blocks[i].text[: -len("</i>")]
        self.put(i, "S005", "`<i>` never closed", text=text)

    def t001_negative(self) -> None:
        i = self.pick(84, lambda i: True)
        end = self.blocks[i].start - 1000
        self.put(i, "T001", "end 1 s before start", end=end)

    def t002_overlap(self) -> None:
        def eligible(i: int) -> bool:
            return self.gap_before(i) <= 400 and self.duration(i) + 800 <= 6000

        i = self.pick(57, eligible)
        start = self.blocks[i - 1].end - 400
        self.put(i, "T002", "starts 400 ms before the previous cue ends", start=start)

    def t003_order(self) -> None:
        # Cue i+1 moves into the long silence before cue i: it then starts before cue i starts
        # without overlapping it in time, so only the order is wrong.
        def eligible(i: int) -> bool:
            return self.gap_before(i) >= self.duration(i + 1) + 2 * 1000

        i = self.pick(20, eligible, score=lambda i: -self.gap_before(i), span=2)
        moved = self.blocks[i + 1]
        end = self.blocks[i].start - 1000
        start = end - (moved.end - moved.start)
        self.put(
            i + 1,
            "T003",
            "starts before the previous cue starts (moved into the pause before it)",
            start=start,
            end=end,
        )

    def t004_too_short(self) -> None:
        i = self.pick(12, lambda i: char_count(self.blocks[i].text) <= 8)
        self.put(i, "T004", "lasts 480 ms", end=self.blocks[i].start + 480)

    def t005_too_long(self) -> None:
        # Grow the cue into the silence around it to 8 s, keeping 2-frame gaps on both sides.
        def window(i: int) -> tuple[int, int]:
            return self.blocks[i - 1].end + MIN_GAP_MS, self.blocks[i + 1].start - MIN_GAP_MS

        def eligible(i: int) -> bool:
            low, high = window(i)
            return high - low >= 8000

        i = self.pick(40, eligible)
        low, high = window(i)
        start = max(low, min(self.blocks[i].start, high - 8000))
        self.put(i, "T005", "lasts 8 s", start=start, end=start + 8000)

    def t006_gap(self) -> None:
        i = self.pick(75, lambda i: self.gap_before(i) == MIN_GAP_MS)
        start = self.blocks[i - 1].end + FRAME_MS
        self.put(i, "T006", "1-frame (40 ms) gap to the previous cue", start=start)

    def t008_frame_grid(self) -> None:
        def eligible(i: int) -> bool:
            return self.duration(i) >= 1500 and char_count(self.blocks[i].text) / (self.duration(i) / 1000) <= 14

        i = self.pick(103, eligible)
        start = self.blocks[i].start + 13
        self.put(i, "T008", f"start {srt_time(start)} is not on the 25 fps grid", start=start)

    def r001_reading_speed(self) -> None:
        def eligible(i: int) -> bool:
            return 40 <= char_count(self.blocks[i].text) <= 80

        i = self.pick(110, eligible)
        count = char_count(self.blocks[i].text)
        end = self.blocks[i].start + frames_near(count / 25 * 1000)
        cps = count / ((end - self.blocks[i].start) / 1000)
        self.put(i, "R001", f"{cps:.1f} characters per second", end=end)

    def l001_line_length(self) -> None:
        def joined(i: int) -> int:
            return char_count(self.blocks[i].text) + 1

        i = self.pick(
            50,
            lambda i: self.plain_two_liner(i) and 48 <= joined(i) <= 52,
            score=lambda i: abs(joined(i) - 50),
        )
        inner, italic = unwrap_italic(self.blocks[i].text)
        text = wrap_italic(inner.replace("\n", " "), italic)
        self.put(i, "L001", f"one line of {joined(i)} characters", text=text)

    def l002_line_count(self) -> None:
        # Split the longer line where it balances best, at a word that may end a line, so the
        # cue breaks only the line-count rule.
        weak_endings = NO_BREAK_AFTER | {"plus", "très", "pas"}

        def split(i: int) -> str | None:
            inner, italic = unwrap_italic(self.blocks[i].text)
            lines = inner.split("\n")
            longest = max(range(2), key=lambda k: len(lines[k]))
            words = lines[longest].split(" ")
            options = [
                (" ".join(words[: k + 1]), " ".join(words[k + 1 :]))
                for k in range(len(words) - 1)
                if words[k].lower() not in weak_endings
            ]
            options = [(a, b) for a, b in options if min(len(a), len(b)) >= 8]
            if not options:
                return None
            head, tail = max(options, key=lambda o: min(len(o[0]), len(o[1])))
            lines[longest : longest + 1] = [head, tail]
            return wrap_italic("\n".join(lines), italic)

        i = self.pick(88, lambda i: self.plain_two_liner(i) and split(i) is not None)
        self.put(i, "L002", "three lines", text=split(i))

    def l003_line_break(self) -> None:
        def rebreak(i: int) -> str | None:
            inner, italic = unwrap_italic(self.blocks[i].text)
            words = inner.replace("\n", " ").split(" ")
            for k, word in enumerate(words[:-1]):
                if word in ("de", "les"):
                    head, tail = " ".join(words[: k + 1]), " ".join(words[k + 1 :])
                    if len(head) <= MAX_CPL and len(tail) <= MAX_CPL:
                        return wrap_italic(f"{head}\n{tail}", italic)
            return None

        i = self.pick(80, lambda i: self.plain_two_liner(i) and rebreak(i) is not None)
        text = rebreak(i)
        assert text is not None
        word = lines_of(text)[0].split()[-1]
        self.put(i, "L003", f"first line ends with `{word}`", text=text)

    def l004_one_line_fits(self) -> None:
        def split(i: int) -> str | None:
            inner, italic = unwrap_italic(self.blocks[i].text)
            if "\n" in inner or "<" in inner or is_dialogue(inner):
                return None
            cut = inner.find(", ")
            if 10 <= cut and len(inner) - cut >= 12 and len(inner) <= 40:
                return wrap_italic(inner[: cut + 1] + "\n" + inner[cut + 2 :], italic)
            return None

        i = self.pick(35, lambda i: split(i) is not None)
        self.put(i, "L004", "two short lines that fit on one", text=split(i))

    def y001_fr_punctuation(self) -> None:
        def eligible(i: int) -> bool:
            text = self.blocks[i].text
            return "«" in text and "?" in text

        i = self.pick(25, eligible)
        text = self.blocks[i].text.replace(NBSP, "")
        self.put(i, "Y001", "`:`, `?` and `« »` without non-breaking spaces", text=text)

    def y002_whitespace(self) -> None:
        def eligible(i: int) -> bool:
            inner, _ = unwrap_italic(self.blocks[i].text)
            one_line = "\n" not in inner and not is_dialogue(inner)
            return one_line and " " in inner and len(inner) <= 38

        i = self.pick(100, eligible)
        inner, italic = unwrap_italic(self.blocks[i].text)
        text = wrap_italic(inner.replace(" ", "  ", 1), italic)
        self.put(i, "Y002", "double space", text=text)

    def y003_ellipsis(self) -> None:
        def eligible(i: int) -> bool:
            text = self.blocks[i].text
            count = char_count(text) + 2
            return (
                "…" in text
                and all(len(line) + 2 <= MAX_CPL for line in lines_of(text))
                and count / (self.duration(i) / 1000) <= 15
            )

        i = self.pick(15, eligible)
        text = self.blocks[i].text.replace("…", "...", 1)
        self.put(i, "Y003", "`...` instead of `…`", text=text)

    def y004_dialogue_dash(self) -> None:
        i = self.pick(60, lambda i: is_dialogue(self.blocks[i].text))
        text = re.sub(r"(^|\n|<i>)- ", r"\1-", self.blocks[i].text)
        self.put(i, "Y004", "dialogue dashes without the space (`-Oui.`)", text=text)

    def g002_untranslated(self) -> None:
        i = self.pick(45, lambda i: self.blocks[i].text in UNTRANSLATED)
        english = UNTRANSLATED[self.blocks[i].text]
        self.put(i, "G002", "cue left in English (untranslated)", text=english)

    # output ------------------------------------------------------------------------------------

    def render(self) -> tuple[bytes, list[dict[str, object]]]:
        """The cp1252/CRLF file and its manifest (line numbers counted as the file is written)."""
        out: list[str] = []
        counter_lines: dict[int, int] = {}
        for i, block in enumerate(self.blocks):
            counter_lines[i] = len(out) + 1
            out += [block.counter, block.timing_line(), *block.text.split("\n"), ""]
        data = "\r\n".join(out).encode("cp1252")
        manifest: list[dict[str, object]] = [
            {
                "code": "S003",
                "cue_counter": None,
                "line": 1,
                "what": "whole file: cp1252 (not UTF-8), CRLF line endings",
            }
        ]
        for p in sorted(self.planted, key=lambda p: (p.index, p.code)):
            manifest.append(
                {
                    "code": p.code,
                    "cue_counter": self.blocks[p.index].counter,
                    "line": counter_lines[p.index],
                    "what": p.what,
                }
            )
        return data, manifest


def make_defects(cues: Sequence[Cue]) -> tuple[bytes, list[dict[str, object]]]:
    """The legacy-delivery copy of the first DEFECT_CUES cues with one defect per rule code."""
    planter = DefectPlanter(cues[:DEFECT_CUES])
    planter.plant_all()
    return planter.render()


# --- README --------------------------------------------------------------------------------------


def render_readme(cues: Sequence[Cue], manifest: Sequence[dict[str, object]]) -> str:
    """samples/README.md, with the defect table taken from the manifest so it cannot drift."""
    rows = "\n".join(
        f"| {d['code']} | {d['cue_counter'] if d['cue_counter'] is not None else '-'} | {d['line']} | {d['what']} |"
        for d in manifest
    )
    return f"""# Sample subtitle tracks

Generated by `tools/make_samples.py`; do not edit these files by hand. To change the text, edit
the scenes in that script and run

```
python tools/make_samples.py          # rewrite the files (checks the clean track first)
python tools/make_samples.py --check  # exit 1 if the files differ from what it would write
```

The text is original writing for this project: a fictionalised French subtitle track for the
52-minute documentary about the Panjshir resistance after August 2021. It does not copy any
real subtitles or transcripts; the words given to real people are a plausible draft, not
quotations.

| file | what |
|---|---|
| `panchir.fr.srt` | the clean French track: {len(cues)} cues, first at {srt_time(cues[0].start)}, last ending at {srt_time(cues[-1].end)}; UTF-8 without BOM, LF; 25 fps frame grid; at most 2 lines of 42 characters, at most {MAX_CPS:g} cps, gaps of at least 2 frames; French typography (U+00A0 before `; : ! ? »` and after `«`, `…`, `’`, dialogue dash `- `, italics for voice-over and off-screen voices) |
| `panchir.fr.vtt` | the same cues as WebVTT (identifiers = SRT counters, a `NOTE` with the title) |
| `panchir-defects.fr.srt` | the first {DEFECT_CUES} cues as a legacy delivery (cp1252, CRLF) with one planted defect per QC rule code, each in its own cue; every other cue is as in the clean track |
| `.gitattributes` | `* -text`: git must store these files byte for byte (CRLF and cp1252 included) |
| `panchir-defects.fr.json` | the manifest of those defects: `code`, `cue_counter` (as written in the file; `null` for the file-level S003), `line` (1-based line of the block's counter line) and `what` |
| `panchir-excerpt.fr.whisper.json` | the first 60 cues as a speech recogniser would hear them: openai-whisper JSON with word times and confidences, recogniser typography, no line breaks; written by `tools/make_transcripts.py` (`--check` to verify), input of `subkit segment` |

## Planted defects

Codes are those of `docs/contract.md`, thresholds those of the default `netflix` profile at
25 fps. T007 (programme end) and G001 (whole-track language) cannot be planted in a 120-cue
French excerpt and are left out.

| code | cue counter | line | what |
|---|---|---|---|
{rows}
"""


# --- main ----------------------------------------------------------------------------------------


def build() -> tuple[list[Cue], dict[str, bytes], list[str]]:
    """Lay out and render everything; return the cues, the files by name and any problems."""
    cues, problems = layout(SCENES)
    srt = render_srt(cues)
    vtt = render_vtt(cues)
    problems += check_track(cues, srt, vtt)
    files: dict[str, bytes] = {}
    if problems:
        return cues, files, problems
    try:
        defects, manifest = make_defects(cues)
    except PlantingError as error:
        return cues, files, [f"defects copy: {error}"]
    files["panchir.fr.srt"] = srt.encode("utf-8")
    files["panchir.fr.vtt"] = vtt.encode("utf-8")
    files["panchir-defects.fr.srt"] = defects
    files["panchir-defects.fr.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["README.md"] = render_readme(cues, manifest).encode("utf-8")
    # The files are byte-exact fixtures (the defects copy is cp1252 with CRLF on purpose): keep
    # git from normalising line endings should the repository ever set `text=auto`.
    files[".gitattributes"] = b"# Byte-exact test fixtures: never convert line endings.\n* -text\n"
    return cues, files, problems


def summary(cues: Sequence[Cue]) -> str:
    """One paragraph of statistics for the person running the script."""
    durations = [c.end - c.start for c in cues]
    cps = [char_count(c.text) / (d / 1000) for c, d in zip(cues, durations)]
    gaps = [b.start - a.end for a, b in zip(cues, cues[1:])]
    cpl = max(len(line) for c in cues for line in lines_of(c.text))
    return (
        f"{len(cues)} cues, {srt_time(cues[0].start)} to {srt_time(cues[-1].end)}; "
        f"durations {min(durations)}-{max(durations)} ms; "
        f"cps max {max(cps):.1f}, mean {sum(cps) / len(cps):.1f}; max CPL {cpl}; "
        f"gaps {min(gaps)}-{max(gaps)} ms "
        f"({sum(g == MIN_GAP_MS for g in gaps)} chained at 2 frames)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) the sample files; 1 if a check fails, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR, help="output folder")
    args = parser.parse_args(argv)

    cues, files, problems = build()
    if problems:
        print(f"make_samples: {len(problems)} problem(s) in the clean track:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"check passed: {summary(cues)}")
    stale = []
    for name, data in files.items():
        path = args.out / name
        current = path.read_bytes() if path.exists() else None
        if current == data:
            continue
        if args.check:
            stale.append(name)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path}")
    if stale:
        print(f"make_samples: out of date: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


# --- the text ------------------------------------------------------------------------------------
#
# Scenes in film order. Roman type is speech on screen (interviews, amateur footage); italics are
# the narrator, radio and telephone voices, and anyone speaking off screen.

SCENES: tuple[Scene, ...] = (
    Scene(
        "Pré-générique : nuit dans la montagne, images amateur et radio",
        pause=24.0,
        cues=(
            "<i>Faucon 2, ici Aigle. Tu me reçois ?</i>",
            "<i>Je te reçois. On est au-dessus du village.</i>",
            "<i>Combien de véhicules ?</i>",
            "<i>Trois pick-up, peut-être quatre.\nIls montent vers le col.</i>",
            "<i>Personne ne tire avant mon ordre.</i>",
            "Baisse la lampe. Baisse-la !",
            "Ne filme pas mon visage, mon frère.",
            "- Tu filmes quoi, là ?\n- La montagne. Pour plus tard.",
            2.0,
            "<i>Aigle, ils sont à 300 mètres.</i>",
            "<i>Reçu.</i>",
            "<i>Attendez…</i>",
            3.0,
            "<i>Maintenant !</i>",
            6.0,
            "<i>Je n’ai jamais voulu être un héros.</i>",
            "<i>J’étais soldat.\nOn m’avait appris à défendre un pays,</i>",
            "<i>et un matin, ce pays n’existait plus.</i>",
        ),
    ),
    Scene(
        "Kaboul, 15 août 2021",
        pause=18.0,
        cues=(
            "<i>Kaboul, le 15 août 2021.</i>",
            "<i>Au matin, la capitale vit encore\nsous l’autorité de la République.</i>",
            "<i>Le soir, le président a quitté le pays</i>",
            "<i>et les talibans sont entrés\ndans le palais présidentiel.</i>",
            "<i>En dix jours à peine,\nles capitales provinciales sont tombées</i>",
            "<i>les unes après les autres,\nsouvent sans combat.</i>",
            "<i>Ce jour-là, Khalid Amiry a 34 ans.</i>",
            "<i>Il est colonel\ndans les forces spéciales afghanes.</i>",
            "<i>Formé par les Américains,\nrespecté par ses hommes,</i>",
            "<i>il n’a jamais perdu une position\nqu’on lui avait confiée.</i>",
        ),
    ),
    Scene(
        "Khalid Amiry : le matin du 15 août",
        pause=2.0,
        cues=(
            "Le matin, j’étais à la base.\nOn attendait des ordres.",
            "Les ordres ne sont jamais venus.",
            "À midi, les généraux\nne répondaient plus au téléphone.",
            "Certains étaient déjà à l’aéroport.",
            "D’autres avaient enlevé leur uniforme\net étaient rentrés chez eux.",
            "Mes hommes me regardaient.",
            "Ils me demandaient : « Mon colonel,\nqu’est-ce qu’on fait ? »",
            "Et moi, je n’avais pas de réponse.",
        ),
    ),
    Scene(
        "La panique dans Kaboul",
        pause=None,
        cues=(
            "<i>Dans les rues de Kaboul, la panique gagne.</i>",
            "<i>Les banques ferment.\nDevant les ambassades, on fait la queue.</i>",
            "<i>Des milliers de familles\nse dirigent vers le seul endroit</i>",
            "<i>qui semble encore offrir une issue :</i>",
            "<i>l’aéroport international Hamid-Karzaï.</i>",
            "Il y a des talibans partout,\nà tous les carrefours.",
            "- Ne sors pas, je te dis !\n- Je dois aller chercher ma sœur !",
            "Arrête de filmer, range ton téléphone.",
        ),
    ),
    Scene(
        "Claire Vasseur : l’effondrement",
        pause=None,
        cues=(
            "<i>Pour Claire Vasseur, chercheuse\net spécialiste de l’Afghanistan,</i>",
            "<i>l’effondrement\nne s’est pas joué en une journée.</i>",
            "L’armée afghane n’a pas été vaincue\nmilitairement le 15 août.",
            "Elle s’est dissoute,",
            "parce que plus personne\nne croyait au lendemain.",
            "Dans certaines provinces, les soldats\nn’étaient plus payés depuis des mois.",
            "Ils manquaient de munitions,\nde nourriture, parfois d’eau.",
            "Et l’accord de Doha,\nsigné en février 2020,",
            "leur avait envoyé un message très clair :",
            "les Américains partiraient,\nquoi qu’il arrive.",
            "Alors pourquoi mourir\npour un État qui vous abandonne ?",
        ),
    ),
    Scene(
        "L’aéroport",
        pause=None,
        cues=(
            "<i>Le 16 août, les images\nde l’aéroport font le tour du monde.</i>",
            "<i>Des hommes s’accrochent\nau train d’atterrissage</i>",
            "<i>d’un avion américain qui décolle.</i>",
            "<i>Khalid Amiry, lui, y est envoyé\navec une partie de son unité</i>",
            "<i>pour aider à sécuriser l’évacuation.</i>",
            "Les familles avec des papiers, à gauche.\nLes autres, attendez ici.",
            "Reculez ! Reculez, s’il vous plaît !",
            "Mon fils est là-bas ! Laissez-moi passer !",
            "On nous a dit : « Vous tenez le périmètre,",
            "ensuite vous partez avec nous. »",
            "Un officier américain m’a donné une liste.",
            "Mon nom était dessus.\nCelui de ma femme aussi.",
            "J’avais une place\ndans un avion pour le Qatar.",
            1.0,
            "Pendant deux nuits, je n’ai pas dormi.",
            "Je voyais tous ces gens\ncontre les barbelés,",
            "des mères qui tendaient leurs bébés\npar-dessus le mur…",
            "Et je me suis dit :",
            "si tous ceux qui savent se battre partent,",
            "qui restera pour eux ?",
        ),
    ),
    Scene(
        "Le choix de rester",
        pause=None,
        cues=(
            "<i>Le 17 août au soir, il prend sa décision.</i>",
            "<i>Il fait partir sa femme et ses deux filles\nsur un vol d’évacuation.</i>",
            "<i>Lui reste.</i>",
            "Ma femme n’a rien dit.\nElle a pleuré, c’est tout.",
            "Ma fille aînée m’a demandé\nquand je les rejoindrais.",
            "Je lui ai répondu : « Bientôt. »",
            1.0,
            "C’était il y a presque deux ans.",
            "<i>Autour de lui, une trentaine d’hommes\nrefusent eux aussi de partir.</i>",
            "<i>Des commandos, des pilotes,\ndes mécaniciens.</i>",
            "<i>Tous savent ce qui attend\nles hommes des forces spéciales</i>",
            "<i>s’ils tombent aux mains des talibans.</i>",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : les forces spéciales",
        pause=None,
        cues=(
            "<i>Jean-Marc Delorme,\nancien officier de l’armée française,</i>",
            "<i>a formé des commandos afghans\nentre 2010 et 2013.</i>",
            "Ces unités-là, c’était le meilleur\nde l’armée afghane.",
            "Des hommes entraînés, motivés,",
            "qui avaient perdu énormément de camarades.",
            "Pour les talibans, c’étaient\nles ennemis les plus dangereux.",
            "Pendant des années, ce sont eux\nqui avaient mené les raids de nuit",
            "dans les villages,\ncontre leurs commandants.",
            "Ces hommes savaient très bien\nqu’il n’y aurait pas de pardon pour eux.",
            "Peu importe ce que disaient\nles talibans à la télévision.",
        ),
    ),
    Scene(
        "Où aller ?",
        pause=None,
        cues=(
            "<i>Reste une question : où aller ?</i>",
            "<i>Toutes les routes qui sortent de Kaboul\nsont tenues par les talibans.</i>",
            "<i>Toutes, sauf une.</i>",
            "<i>Au nord, à un peu plus de cent kilomètres,</i>",
            "<i>une vallée n’est pas tombée.</i>",
            1.5,
            "<i>Le Panchir.</i>",
        ),
    ),
    Scene(
        "Les hélicoptères abandonnés",
        pause=None,
        cues=(
            "<i>Sur le tarmac de l’aéroport,\ndu côté militaire,</i>",
            "<i>des dizaines d’appareils\nont été abandonnés.</i>",
            "<i>Avant de partir, les Américains ont rendu\nla plupart d’entre eux inutilisables.</i>",
            "<i>Mais pas tous.</i>",
            "<i>Sayed Jawad était pilote\ndans l’armée de l’air afghane.</i>",
            "<i>Il a 29 ans, dont huit passés\naux commandes d’hélicoptères.</i>",
            "Le colonel m’a appelé le 18 août.",
            "Il m’a demandé :\n« Tu sais encore voler ? »",
            "J’ai dit oui. Il m’a dit :\n« Alors trouve-moi un hélicoptère. »",
            "On a fait le tour des hangars\npendant la nuit.",
            "Les appareils étaient criblés de trous,\nles instruments arrachés.",
            "Sur un Mi-17, tous les câbles\navaient été coupés.",
            "Sur un autre,\nune pale du rotor était fendue.",
            "Avec deux mécaniciens,\non a démonté l’un pour réparer l’autre.",
            "On travaillait à la lampe frontale,\nsans faire de bruit.",
            "Les talibans étaient\nà quelques centaines de mètres.",
        ),
    ),
    Scene(
        "Images amateur : la réparation",
        pause=1.5,
        cues=(
            "Passe-moi la clé, la grande.",
            "Non, l’autre. Celle-là.",
            "- Ça ne tiendra jamais.\n- Ça tiendra. Il faut que ça tienne.",
            "Éteins ta lampe, quelqu’un arrive !",
            2.5,
            "C’est bon, c’est un des nôtres.",
            "<i>Pendant trois nuits,\nles hommes de Khalid Amiry</i>",
            "<i>rafistolent deux appareils.</i>",
            "<i>Ils siphonnent le carburant\ndes avions cloués au sol,</i>",
            "<i>bidon après bidon.</i>",
            "Le plus dur, ce n’était pas la mécanique.",
            "C’était de savoir\nsi quelqu’un allait nous dénoncer.",
            "À ce moment-là,\ntout le monde cherchait à sauver sa peau.",
            "Un mot de trop à un checkpoint,\net c’était fini pour nous tous.",
        ),
    ),
    Scene(
        "Le décollage",
        pause=None,
        cues=(
            "<i>Le 21 août, à l’aube,\nles deux hélicoptères décollent.</i>",
            "<i>À bord, 27 hommes, des armes,\ndes caisses de munitions,</i>",
            "<i>et tout ce qu’ils ont pu emporter.</i>",
            "On est partis ! On est partis !",
            "Calme-toi, on n’est pas encore arrivés.",
            "Regarde, c’est Kaboul. Regarde bien.",
            "On ne sait pas quand on la reverra.",
            "<i>Il faut moins d’une heure\npour rejoindre le Panchir.</i>",
            "<i>Mais le vol est risqué :\nl’un des appareils perd de l’huile,</i>",
            "<i>l’autre n’a plus de radio.</i>",
            "On volait très bas,\nà quelques mètres des crêtes.",
            "S’ils avaient eu un missile,\non était morts.",
            "Au-dessus de Charikar,\nle voyant d’huile s’est allumé.",
            "Je me suis dit : « Voilà,\non va finir dans la montagne. »",
            "Et puis la vallée est apparue.",
            "Les rochers, la rivière, les maisons…",
            "Je n’oublierai jamais ce moment.",
        ),
    ),
    Scene(
        "L’arrivée à Rokha",
        pause=None,
        cues=(
            "<i>À Rokha, les habitants\nvoient arriver les appareils.</i>",
            "<i>Ils croient d’abord à une attaque.</i>",
            "<i>Gul Mohammad cultive un petit champ de blé\nau bord de la rivière.</i>",
            "On a entendu le bruit,\ntout le monde est sorti.",
            "Les enfants couraient,\nles femmes criaient.",
            "On a cru que, maintenant,\nles talibans avaient des hélicoptères.",
            "Et puis des soldats sont descendus\navec le drapeau de la République.",
            "Alors on a compris.",
            "On leur a apporté du thé et du pain chaud.",
            "Bienvenue ! Bienvenue dans le Panchir !",
            "Dieu vous protège, mes frères.",
            "<i>Le colonel Amiry et ses hommes\nne sont pas les seuls.</i>",
            "<i>Depuis la chute de Kaboul,\ndes centaines de soldats,</i>",
            "<i>de policiers et de jeunes volontaires\nont pris la route du Panchir.</i>",
            "<i>Pour beaucoup,\nc’est la dernière région libre du pays.</i>",
        ),
    ),
    Scene(
        "La vallée des cinq lions",
        pause=None,
        cues=(
            "<i>Le Panchir, la « vallée des cinq lions »,</i>",
            "<i>s’étend sur plus de cent kilomètres\nau nord-est de Kaboul.</i>",
            "<i>Une seule route y entre vraiment,</i>",
            "<i>par une gorge étroite\ncreusée par la rivière.</i>",
            "<i>Tout autour, des sommets\nqui dépassent 5 000 mètres.</i>",
            "La géographie explique beaucoup de choses.",
            "C’est une vallée étroite,\navec des vallées latérales",
            "qui sont autant de refuges.",
            "Quand on tient les hauteurs,",
            "on peut bloquer une armée entière\navec quelques hommes.",
            "Mais c’est aussi un piège.",
            "Si l’on ferme l’entrée,\nla vallée ne reçoit plus rien :",
            "ni nourriture, ni carburant, ni munitions.",
        ),
    ),
    Scene(
        "Les Soviétiques et le commandant Massoud",
        pause=None,
        cues=(
            "<i>Ce piège, le Panchir l’a déjà connu.</i>",
            "<i>Dans les années 1980, l’armée soviétique\nlance offensive sur offensive</i>",
            "<i>contre les moudjahidine\nqui tiennent la vallée.</i>",
            "<i>À leur tête, un jeune commandant :</i>",
            "<i>Ahmad Shah Massoud.</i>",
            "<i>Les Soviétiques\nne parviendront jamais à la soumettre.</i>",
            "J’avais quinze ans\nquand les Russes sont venus.",
            "Ils bombardaient les villages.",
            "Alors on montait\ndans la montagne avec les bêtes.",
            "Le commandant Massoud\npassait dans les maisons.",
            "Il parlait avec tout le monde,\navec les vieux, avec les enfants.",
            "Il nous disait de tenir,\nque la montagne nous protégerait.",
            "Et elle nous a protégés.",
            "<i>Après le départ des Soviétiques,\npuis des années de guerre civile,</i>",
            "<i>les talibans prennent Kaboul en 1996.</i>",
            "<i>Massoud se replie\nà nouveau dans le Panchir.</i>",
            "<i>Il y tiendra cinq ans.</i>",
            "<i>Le 9 septembre 2001, il est assassiné\npar deux hommes d’al-Qaida</i>",
            "<i>qui se faisaient passer\npour des journalistes.</i>",
            "<i>Deux jours plus tard, les tours\ndu World Trade Center s’effondrent.</i>",
            2.0,
            "J’étais dans le champ quand on l’a appris.",
            "Les hommes pleuraient.\nJamais je n’avais vu des soldats pleurer.",
            "On s’est dit : « Maintenant, c’est fini. »",
            "Mais la vallée a tenu, même sans lui.",
        ),
    ),
    Scene(
        "Ahmad Massoud : l’héritage",
        pause=None,
        cues=(
            "<i>Vingt ans plus tard,\nson fils reprend le flambeau.</i>",
            "<i>Ahmad Massoud a 32 ans en 2021.</i>",
            "<i>Formé en Grande-Bretagne,\nil a longtemps vécu loin de la vallée.</i>",
            "<i>En août, il appelle à la résistance.</i>",
            "<i>Avec d’anciens responsables\nde la République,</i>",
            "<i>il fonde le Front national de résistance.</i>",
            "Quand Kaboul est tombée,\nj’ai pensé à mon père.",
            "Il avait vécu la même chose, en 1996.",
            "Nous n’avions pas le droit\nd’accepter cela sans rien faire.",
            "Nous n’avons pas choisi la guerre.",
            "Nous avons refusé la soumission.\nCe n’est pas la même chose.",
        ),
    ),
    Scene(
        "Les volontaires",
        pause=None,
        cues=(
            "<i>Dans la vallée,\nl’ambiance est presque joyeuse.</i>",
            "<i>On s’entraîne, on chante,\non hisse des drapeaux sur les toits.</i>",
            "Vive le Panchir ! Vive la résistance !",
            "Regarde, lui, il était étudiant à Kaboul.",
            "Et lui, il était policier à Mazar.",
            "Maintenant, on est tous des soldats.",
            "<i>Nasir a 24 ans.</i>",
            "<i>Il étudiait le génie civil\nà l’université de Kaboul.</i>",
            "<i>C’est lui qui a tourné\nune grande partie des images de ce film.</i>",
            "Mon père m’a dit :\n« Si tu y vas, tu ne reviendras pas. »",
            "Je lui ai promis que je reviendrais.",
            "Je voulais construire\ndes ponts, des routes.",
            "Et là, j’apprenais\nà démonter une kalachnikov.",
            "Le colonel nous regardait en riant.",
            "Il disait que j’avais\ndes mains d’ingénieur, pas de soldat.",
        ),
    ),
    Scene(
        "L’entraînement",
        pause=None,
        cues=(
            "Beaucoup de ces jeunes\nn’avaient jamais tenu une arme.",
            "On avait quelques jours\npour leur apprendre l’essentiel :",
            "se mettre à couvert,\néconomiser les munitions,",
            "et surtout obéir.",
            "Je leur répétais :",
            "« Je préfère un soldat vivant\nà un martyr. »",
            "Couche-toi ! Plus bas, la tête !",
            "Tu vois ? Là, tu es mort. Recommence.",
            "<i>En quelques semaines,\nplusieurs milliers d’hommes</i>",
            "<i>rejoignent le Front,\nselon ses responsables.</i>",
            "<i>Le chiffre est impossible à vérifier.</i>",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : le rapport de force",
        pause=None,
        cues=(
            "Le problème, c’est que le rapport de force\nétait écrasant.",
            "Les talibans venaient de récupérer\nune quantité d’armes énorme.",
            "Des véhicules blindés,\ndes fusils d’assaut,",
            "des lunettes de vision nocturne…",
            "Tout ce que l’armée afghane\navait laissé derrière elle.",
            "En face, quelques milliers d’hommes",
            "dans une vallée encerclée, sans aviation,",
            "sans ligne de ravitaillement.",
            "Sur le papier,\nle combat était perdu d’avance.",
            "Mais la guerre\nne se fait pas sur le papier.",
        ),
    ),
    Scene(
        "Les négociations",
        pause=None,
        cues=(
            "<i>Fin août, des négociations\ns’ouvrent entre les deux camps.</i>",
            "<i>Des délégations de religieux et d’anciens</i>",
            "<i>se rencontrent à l’entrée de la vallée.</i>",
            "<i>Les talibans exigent\nune reddition sans condition.</i>",
            "<i>Le Front réclame un gouvernement\nqui représente tous les Afghans.</i>",
            "<i>Les discussions échouent.</i>",
            "On nous proposait de rendre les armes",
            "en échange de la vie sauve.",
            "Mais on avait vu ce qui arrivait\nà ceux qui rendaient les armes.",
            "Dans certaines provinces,\non les avait retrouvés morts le lendemain.",
        ),
    ),
    Scene(
        "L’offensive",
        pause=6.0,
        cues=(
            "<i>Le 30 août à minuit,\nle dernier avion américain quitte Kaboul.</i>",
            "<i>Dans les heures qui suivent,</i>",
            "<i>les talibans lancent\nl’offensive sur le Panchir.</i>",
            "Dieu est grand ! Dieu est grand !",
            "Avancez !",
            "Le Panchir sera à nous avant vendredi !",
            "Filme les montagnes,\nqu’ils voient qu’on arrive !",
            "<i>Ces images ont été tournées\npar des combattants talibans</i>",
            "<i>et diffusées sur les réseaux sociaux.</i>",
            "<i>Cette guerre se joue\naussi sur les téléphones.</i>",
            "Très tôt, les deux camps ont compris\nque chaque vidéo était une arme.",
            "Les talibans voulaient montrer\nune victoire inévitable.",
            "La résistance voulait montrer\nqu’elle tenait encore.",
            "Et souvent, il était très difficile\nde savoir qui disait la vérité.",
        ),
    ),
    Scene(
        "Les premiers combats",
        pause=None,
        cues=(
            "<i>Les premiers assauts visent\nl’entrée de la vallée, près de Gulbahar,</i>",
            "<i>et le col de Khawak, au nord.</i>",
            "<i>Ici Faucon 2, on reçoit des tirs !</i>",
            "<i>Combien sont-ils ?</i>",
            "<i>Je ne sais pas, beaucoup !</i>",
            "<i>Ils sont sur la crête de gauche !</i>",
            "<i>Reste en position. Le mortier arrive.</i>",
            "<i>Il me reste deux chargeurs !</i>",
            "<i>Économise, Faucon 2. Économise.</i>",
            2.0,
            "Les premiers jours, on les a repoussés.",
            "Ils arrivaient en colonnes,",
            "dans les véhicules\nqu’ils avaient pris à l’armée.",
            "Depuis les hauteurs,\non les voyait venir de très loin.",
            "Beaucoup d’entre eux n’avaient aucune\nexpérience du combat en montagne.",
            "Ils montaient en plein jour,\nen groupe, sans se cacher.",
            "<i>Le 1er septembre, la résistance affirme</i>",
            "<i>avoir tué plusieurs centaines de talibans.</i>",
            "<i>Les talibans, eux, annoncent\ndes victoires dans tous les districts.</i>",
            "<i>Aucun de ces chiffres\nne peut être vérifié.</i>",
        ),
    ),
    Scene(
        "Images de Nasir : la crête",
        pause=None,
        cues=(
            "Ils sont là-bas, derrière le rocher.\nTu les vois ?",
            "Baisse-toi ! Baisse-toi !",
            1.5,
            "Ça va, ça va. Je n’ai rien.",
            "Tu es fou !\nTu veux mourir pour une vidéo ?",
            "Ce jour-là, la balle est passée\nà dix centimètres de ma tête.",
            "Le colonel m’a confisqué\nmon téléphone pendant deux jours.",
            "Après, j’ai continué à filmer.\nMais de plus loin.",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : guerre de positions",
        pause=None,
        cues=(
            "Ce que montrent ces images,\nc’est une guerre de positions.",
            "Les résistants tiennent les crêtes,",
            "les talibans occupent\nle fond de la vallée.",
            "Mais le temps joue contre les défenseurs.",
            "Chaque jour, les talibans font venir\ndes renforts de tout le pays.",
            "Eux n’en reçoivent aucun.",
            "Chaque homme tué ou blessé\nest un homme qu’on ne remplace pas.",
        ),
    ),
    Scene(
        "Les drones",
        pause=None,
        cues=(
            "<i>Le 4 septembre, des drones survolent\nla vallée pour la première fois.</i>",
            "<i>Leur origine n’a jamais été établie.</i>",
            "Quand les drones sont arrivés,\ntout a changé.",
            "On ne pouvait plus se regrouper.",
            "On ne pouvait plus allumer un feu,\nmême la nuit.",
            "Un de mes meilleurs hommes\na été tué dans la nuit du 5.",
            "Il s’appelait Daoud. Il avait 22 ans.",
            1.5,
            "Je l’ai enterré moi-même,\nau bord de la rivière.",
            "Je n’ai même pas pu prévenir sa mère.",
            "Elle l’a appris un mois plus tard,\npar un voisin.",
        ),
    ),
    Scene(
        "La chute de Bazarak",
        pause=None,
        cues=(
            "<i>Le 6 septembre au matin,</i>",
            "<i>les talibans hissent leur drapeau blanc</i>",
            "<i>sur le bâtiment du gouverneur, à Bazarak.</i>",
            "<i>Ils annoncent que la province\nest entièrement sous leur contrôle.</i>",
            "La province est à nous ! Dieu est grand !",
            "Personne ne nous défiera plus ici.",
            "Prends une photo, vite,\ndevant le panneau !",
            "<i>Quelques jours plus tard,</i>",
            "<i>des images du mausolée\nd’Ahmad Shah Massoud, vandalisé,</i>",
            "<i>circulent sur les réseaux sociaux.</i>",
            "<i>Pour les habitants de la vallée,\nc’est une humiliation.</i>",
        ),
    ),
    Scene(
        "Gul Mohammad : les fouilles",
        pause=None,
        cues=(
            "Ils sont entrés dans les maisons.",
            "Ils cherchaient les armes,\nles jeunes hommes.",
            "Mon voisin a été emmené.\nOn ne l’a jamais revu.",
            "Beaucoup de familles\nsont parties vers Kaboul,",
            "d’autres vers la montagne.",
            "Moi, je suis resté.",
            "Où voulez-vous que j’aille, à mon âge ?",
            "Ma maison est ici.\nMes parents sont enterrés ici.",
        ),
    ),
    Scene(
        "La retraite dans les vallées latérales",
        pause=None,
        cues=(
            "<i>Mais la résistance n’a pas disparu.</i>",
            "<i>Elle s’est retirée\ndans les vallées latérales,</i>",
            "<i>plus hautes, plus difficiles d’accès.</i>",
            "Ils ont pris la route\net les villages du fond de la vallée.",
            "Ils n’ont jamais pris les montagnes.",
            "Ce jour-là,\nbeaucoup ont cru que c’était fini.",
            "Moi, je savais\nque ce n’était que le début.",
            "<i>Dans les semaines qui suivent,\nla guerre change de visage.</i>",
            "<i>Les hommes de Khalid Amiry\nse dispersent en petits groupes</i>",
            "<i>de cinq ou six combattants.</i>",
            "<i>Ils frappent la nuit,\npuis disparaissent dans la montagne.</i>",
            "On dormait dans des grottes,\ndans des bergeries abandonnées.",
            "On ne restait jamais\nplus de deux nuits au même endroit.",
            "Les bergers nous prévenaient\nquand les talibans montaient.",
            "Sans eux, on n’aurait pas tenu un mois.",
        ),
    ),
    Scene(
        "Radio : les prisonniers",
        pause=None,
        cues=(
            "<i>Faucon 1, ici Faucon 3.\nOn a deux prisonniers.</i>",
            "<i>Ils sont blessés ?</i>",
            "<i>L’un d’eux, à la jambe.</i>",
            "<i>Il est jeune. Très jeune.</i>",
            "<i>Ramenez-les. Personne ne les touche.</i>",
            "<i>Bien reçu.</i>",
        ),
    ),
    Scene(
        "Le garçon de Kandahar",
        pause=None,
        cues=(
            "Le premier prisonnier qu’on a fait\navait seize ans.",
            "Il tremblait.\nIl croyait qu’on allait le tuer.",
            "Il venait de Kandahar.",
            "Il n’avait jamais vu\nde montagnes comme celles-là.",
            "On lui avait dit que nous étions\ndes infidèles, des traîtres.",
            "Je lui ai donné à manger\net j’ai fait soigner sa jambe.",
            "Comment tu t’appelles ?",
            "Abdul Rahman.",
            "Ta mère sait que tu es ici ?",
            "Non. Elle croit que je suis\nà l’école coranique.",
            "<i>Quelques jours plus tard,\nle colonel relâche le garçon</i>",
            "<i>et deux autres prisonniers,\navec de l’eau et du pain.</i>",
            "<i>Une décision que certains\nde ses hommes ne comprennent pas.</i>",
        ),
    ),
    Scene(
        "Nasir : « Pas comme eux »",
        pause=None,
        cues=(
            "Certains disaient :",
            "« Eux ne nous épargneront pas.\nPourquoi les relâcher ? »",
            "Le colonel a répondu :",
            "« Parce qu’on n’est pas comme eux. »",
            "Sur le moment, je n’ai pas compris.",
            "Aujourd’hui, je crois\nque c’est ce qui nous a sauvés.",
            "Les gens de la vallée savaient\nqu’on ne touchait pas aux prisonniers.",
            "Alors ils continuaient\nà nous cacher, à nous nourrir.",
        ),
    ),
    Scene(
        "Claire Vasseur : le pari",
        pause=None,
        cues=(
            "Dans une guerre comme celle-là,",
            "la population est l’enjeu principal.",
            "Épargner les prisonniers,",
            "c’est aussi un message\nenvoyé aux villages :",
            "« Nous nous battons pour vous,\npas contre vous. »",
            "C’est une tradition ancienne\ndans le Panchir.",
            "Dans les années 1980 déjà,",
            "des soldats soviétiques capturés\navaient été épargnés.",
            "Mais c’est un pari.",
            "Car en face, les règles\nne sont pas les mêmes.",
        ),
    ),
    Scene(
        "Les lieutenants",
        pause=None,
        cues=(
            "<i>En octobre,\ndeux lieutenants de Khalid Amiry</i>",
            "<i>sont capturés dans une embuscade,\nprès de Dara.</i>",
            "<i>Wahid Noori et Farhad Sultani\navaient suivi leur colonel</i>",
            "<i>depuis Kaboul.</i>",
            "Wahid était avec moi depuis six ans.",
            "Farhad, c’était presque un enfant.\nIl avait 21 ans.",
            "Ils étaient descendus\nchercher de la farine dans un village.",
            "Quelqu’un les a vus.",
            "Quelqu’un les a vendus.",
            "<i>Deux jours plus tard, une vidéo circule</i>",
            "<i>sur les téléphones de la vallée.</i>",
            "<i>Les deux hommes y sont exécutés,\nles mains liées,</i>",
            "<i>au bord d’une route.</i>",
            "<i>Nous avons choisi\nde ne pas montrer ces images.</i>",
            4.0,
            "J’ai regardé la vidéo une fois.\nUne seule fois.",
            "Je n’ai pas pu la regarder jusqu’au bout.",
            "Après, pendant plusieurs jours,\nje n’ai pas parlé.",
            "Mes hommes voulaient la vengeance.",
            "Ils voulaient qu’on tue nos prisonniers.",
            1.0,
            "J’ai dit non.",
            "Si on fait ça, il n’y a plus\nde différence entre eux et nous.",
            "Et alors, pourquoi se battre ?",
        ),
    ),
    Scene(
        "Jalil, le frère de Wahid",
        pause=None,
        cues=(
            "<i>Le frère de Wahid, Jalil,\nvit aujourd’hui à Kaboul.</i>",
            "<i>Il a accepté de nous parler,</i>",
            "<i>à condition que son visage\nn’apparaisse pas.</i>",
            "Ils nous ont appelés\npour qu’on vienne chercher le corps.",
            "Ma mère a voulu le voir.\nOn n’a pas pu l’en empêcher.",
            "Depuis ce jour,\nelle ne parle presque plus.",
            "On n’a même pas le droit\nde dire qu’il est mort en héros.",
            "Ici, il faut se taire.\nSinon, ce sera notre tour.",
            "Il aimait la musique, vous savez.",
            "Il chantait tout le temps.\nMême à l’armée, il chantait.",
        ),
    ),
    Scene(
        "Le docteur Rahimi",
        pause=None,
        cues=(
            "<i>À Khenj, dans une vallée latérale,</i>",
            "<i>le docteur Farid Rahimi soigne\nles blessés des deux camps.</i>",
            "Un blessé, c’est un blessé.",
            "Je ne demande pas de quel côté il est.",
            "J’ai soigné des résistants, des talibans,",
            "des enfants, des bergers.",
            "Le plus difficile,\nc’est le manque de tout.",
            "Pas d’anesthésiant, pas d’antibiotiques,",
            "presque plus de pansements.",
            "Un jour, j’ai dû amputer un jeune homme",
            "à la lumière d’un téléphone.",
            1.0,
            "Il a survécu.\nJe ne sais toujours pas comment.",
            "Tiens-lui la main. Parle-lui.",
            "Ça va aller, ça va aller. Respire.",
            "<i>Dans la vallée, des organisations\nde défense des droits humains</i>",
            "<i>font état d’arrestations arbitraires,</i>",
            "<i>de maisons incendiées\net de déplacements forcés.</i>",
            "<i>Les talibans démentent.</i>",
        ),
    ),
    Scene(
        "Ahmad Massoud, en exil",
        pause=8.0,
        cues=(
            "<i>Ahmad Massoud ne vit plus dans la vallée.</i>",
            "<i>Il dirige le Front national de résistance\ndepuis l’étranger</i>",
            "<i>et se déplace sans cesse\npour chercher des soutiens.</i>",
            "<i>Nous l’avons rencontré dans un lieu\nque nous ne pouvons pas révéler.</i>",
            "Beaucoup me reprochent d’être parti.",
            "Je les comprends.",
            "Mais une résistance a besoin\nd’une voix à l’extérieur.",
            "Sans cette voix, le monde\naurait déjà oublié le Panchir.",
            "Mon père a passé sa vie\nà expliquer aux Occidentaux",
            "ce qui se passait chez nous.",
            "On ne l’a vraiment écouté\nque lorsqu’il était trop tard.",
            "Je ne veux pas que l’histoire se répète.",
        ),
    ),
    Scene(
        "Ahmad Massoud : ce que nous demandons",
        pause=None,
        cues=(
            "Nous ne demandons pas\nde soldats étrangers.",
            "Nous demandons\nqu’on ne reconnaisse pas ce régime,",
            "qu’on ne fasse pas\ncomme si tout était normal en Afghanistan.",
            "Les filles n’ont plus le droit\nd’aller au lycée.",
            "Les femmes ne peuvent plus travailler,\nni voyager seules.",
            "Est-ce que c’est ça,\nla paix dont on nous parle ?",
            "<i>Le Front se dit prêt à négocier,</i>",
            "<i>à condition que les talibans\nacceptent un gouvernement inclusif</i>",
            "<i>et l’organisation d’élections.</i>",
            "<i>Une perspective que Kaboul\nrejette catégoriquement.</i>",
        ),
    ),
    Scene(
        "Claire Vasseur : un nom ne suffit pas",
        pause=None,
        cues=(
            "Ahmad Massoud porte un nom\nqui ouvre des portes,",
            "en Europe notamment.",
            "Mais un nom ne suffit pas\nà faire une armée.",
            "Son père avait\nvingt ans d’expérience du combat.",
            "Lui a dû tout apprendre, très vite.",
            "Et surtout, aucun pays voisin\nn’est prêt à le soutenir ouvertement.",
            "Dans les années 1990,\nson père avait des alliés :",
            "le Tadjikistan, l’Iran, la Russie.",
            "Aujourd’hui, tous ces pays\ndiscutent avec les talibans.",
            "Certains ont même rouvert\nleur ambassade à Kaboul.",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : durer",
        pause=None,
        cues=(
            "Militairement,\nle Front ne peut pas reprendre Kaboul.",
            "Tout le monde le sait, eux les premiers.",
            "Ce qu’il peut faire, c’est durer.",
            "Rester une épine dans le pied du régime",
            "et rappeler qu’il existe une opposition.",
            "Dans ce genre de conflit, durer,\nc’est déjà une forme de victoire.",
            "Les talibans eux-mêmes\nl’ont prouvé pendant vingt ans.",
        ),
    ),
    Scene(
        "Ahmad Massoud : l’optimisme",
        pause=None,
        cues=(
            "On me demande souvent\nsi je suis optimiste.",
            "Je réponds que je n’ai pas le droit\nd’être pessimiste.",
            "En ce moment même, des hommes\nse battent dans la montagne",
            "avec presque rien.",
            "Je leur dois au moins cela.",
        ),
    ),
    Scene(
        "Khalid Amiry : un nom qui compte",
        pause=None,
        cues=(
            "<i>Dans la montagne,\nKhalid Amiry écoute ces messages</i>",
            "<i>sur un petit poste à piles.</i>",
            "Je me bats pour un pays,\npas pour un homme.",
            "Mais quand Ahmad Massoud\nnous parle à la radio,",
            "les hommes reprennent courage.",
            "Son nom, ici, ça compte encore.",
            "Et le nom de son père encore plus.",
        ),
    ),
    Scene(
        "Mariam, institutrice",
        pause=None,
        cues=(
            "<i>À Bazarak, comme partout dans le pays,</i>",
            "<i>les filles n’ont plus le droit d’étudier\naprès l’école primaire.</i>",
            "<i>Mariam enseignait les mathématiques\nau lycée de filles depuis douze ans.</i>",
            "<i>Elle a accepté de témoigner,\nla voix modifiée.</i>",
            "Le premier jour,\nles grandes sont venues quand même.",
            "Elles étaient assises devant la porte,\navec leurs cahiers.",
            "Elles ne voulaient pas rentrer chez elles.",
            "Qu’est-ce que je pouvais leur dire ?",
            "Maintenant, j’enseigne en cachette,\nchez moi, à six élèves.",
            "Si on me découvre,\nje ne sais pas ce qui arrivera.",
            "Mais si j’arrête,\nqui leur apprendra à compter ?",
            "Mon père était un moudjahid.",
            "Il s’est battu contre les Russes\navec le commandant Massoud.",
            "Moi, je me bats avec une craie.",
        ),
    ),
    Scene(
        "L’hiver",
        pause=8.0,
        cues=(
            "<i>Novembre 2021.</i>",
            "<i>La neige recouvre les cols.\nLes combats s’espacent.</i>",
            "<i>Un autre ennemi s’installe\ndans la vallée : la faim.</i>",
            "Les talibans contrôlent la route.",
            "Ils fouillent tout ce qui entre.",
            "Un sac de farine coûte\ntrois fois plus cher qu’avant.",
            "Et si tu en achètes trop,",
            "ils disent que c’est pour les rebelles.",
            "Cet hiver-là, on a mangé les graines\nqu’on gardait pour les semailles.",
            "Alors au printemps,\nil n’y avait plus rien à planter.",
            "<i>Selon les Nations unies,\nplus de la moitié des Afghans</i>",
            "<i>souffrent alors\nd’insécurité alimentaire aiguë.</i>",
            "<i>Dans le Panchir, le blocus\naggrave encore la situation.</i>",
        ),
    ),
    Scene(
        "Khalid Amiry : la faim et les munitions",
        pause=None,
        cues=(
            "Dans la montagne, on avait un sac de riz",
            "pour vingt hommes pendant une semaine.",
            "On chassait quand on pouvait.",
            "Parfois, des bergers\nnous donnaient une chèvre.",
            "Mais le pire, ce n’était pas la faim.",
            "C’étaient les munitions.",
            "Chaque balle comptait.",
            "J’interdisais à mes hommes\nde tirer en rafale.",
            "Une balle, une cible. Pas plus.",
            "On avait plus d’hommes que de fusils.",
            "Certains attendaient\nqu’un camarade soit blessé",
            "pour prendre son arme.",
            "Je sais que c’est terrible à dire.",
            "Mais c’était comme ça.",
        ),
    ),
    Scene(
        "Radio : le ravitaillement",
        pause=None,
        cues=(
            "<i>Faucon 1, il nous faut\ndes piles pour les radios.</i>",
            "<i>Il n’y en a plus.\nLa radio seulement le soir.</i>",
            "<i>Et les munitions ?</i>",
            "<i>Rien cette semaine.\nPeut-être la semaine prochaine.</i>",
            "<i>Il nous reste du thé. C’est tout.</i>",
            "<i>Alors buvez du thé, Faucon 3.</i>",
        ),
    ),
    Scene(
        "Le docteur Rahimi : l’hiver",
        pause=None,
        cues=(
            "L’hiver, les blessés\nne peuvent pas descendre.",
            "Les chemins sont bloqués par la neige.",
            "Alors c’est moi qui monte.",
            "Parfois six ou sept heures de marche.",
            "J’ai vu des combattants mourir de froid,\npas de leurs blessures.",
            "Des pieds gelés, noirs.\nIl fallait amputer.",
            "Et puis il y a les enfants.",
            "Beaucoup d’enfants\nsouffrent de malnutrition.",
            "Je pèse les bébés",
            "et je vois les chiffres\nbaisser de mois en mois.",
            "Une mère m’a demandé\nde prendre son fils avec moi.",
            "Elle disait : « Toi, au moins,\ntu peux le nourrir. »",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : sans ravitaillement",
        pause=None,
        cues=(
            "Une guérilla sans ravitaillement,\nça ne tient pas longtemps.",
            "Les moudjahidine des années 1980",
            "recevaient des armes par le Pakistan,",
            "de l’argent, des médicaments.",
            "Là, rien ne rentre.",
            "Les frontières sont fermées,\nles Occidentaux sont partis.",
            "Ce que font ces hommes\nrelève presque de l’impossible.",
        ),
    ),
    Scene(
        "L’Ukraine",
        pause=None,
        cues=(
            "<i>Dans les grottes, on écoute la radio\npour avoir des nouvelles du monde.</i>",
            "<i>Le 24 février 2022,\nla Russie envahit l’Ukraine.</i>",
            "<i>En quelques jours,\nl’Afghanistan disparaît des journaux.</i>",
            "Quand la guerre en Ukraine a commencé,",
            "on a su qu’on serait seuls.",
            "Tout le monde regardait ailleurs.",
            "Je ne le reproche à personne.\nMais c’est la vérité.",
        ),
    ),
    Scene(
        "Le printemps 2022",
        pause=None,
        cues=(
            "<i>Au printemps 2022,\nla neige fond et les combats reprennent.</i>",
            "<i>Le Front annonce une série d’attaques</i>",
            "<i>dans le Panchir\net dans la vallée voisine d’Andarab.</i>",
            "<i>Faucon 1, ici Faucon 4.\nOn est en position.</i>",
            "<i>Combien de gardes au poste ?</i>",
            "<i>J’en vois trois. Un qui dort.</i>",
            "<i>On attend la nuit. Personne ne bouge.</i>",
            2.0,
            "<i>Faucon 4, c’est maintenant. Allez !</i>",
            "Ils sont partis !\nIls ont laissé les armes !",
            "Prends les munitions, laisse le reste !",
            "Vite, vite, on remonte !",
            "<i>Ces petites victoires permettent\nde récupérer des armes</i>",
            "<i>et surtout des munitions.</i>",
            "<i>Mais les représailles\ntombent sur les villages.</i>",
        ),
    ),
    Scene(
        "Gul Mohammad : les représailles",
        pause=None,
        cues=(
            "Après chaque attaque,\nils viennent au village.",
            "Ils rassemblent les hommes sur la place.",
            "Ils demandent qui a nourri\nles rebelles, qui les a cachés.",
            "Personne ne répond.\nAlors ils emmènent quelqu’un, au hasard.",
            "L’été dernier,\nils ont pris mon petit-fils.",
            "Il avait dix-sept ans.",
            "Ils l’ont relâché\nau bout de trois semaines.",
            "Il ne parle plus de ce qu’il a vu là-bas.",
            "Je ne lui demande pas.",
        ),
    ),
    Scene(
        "Claire Vasseur : le piège des représailles",
        pause=None,
        cues=(
            "C’est tout le dilemme de la résistance.",
            "Chaque attaque prouve\nqu’elle existe encore.",
            "Mais chaque attaque expose aussi\nles civils qui l’aident.",
            "Et les talibans le savent très bien.",
            "Ils jouent sur la lassitude\nde la population.",
            "Au bout d’un moment, les gens\nveulent juste qu’on les laisse vivre.",
        ),
    ),
    Scene(
        "Khalid Amiry : le doute",
        pause=None,
        cues=(
            "Vous me demandez si j’ai douté ? Bien sûr.",
            "Tous les jours.",
            "Quand un village est puni à cause de nous,",
            "je me demande\nsi on a le droit de continuer.",
            "Et puis je pense à Wahid, à Farhad,",
            "à tous ceux qui sont morts.",
            "Si on s’arrête maintenant,\nleur mort n’aura servi à rien.",
        ),
    ),
    Scene(
        "L’exil",
        pause=8.0,
        cues=(
            "<i>Mais tous ne tiennent pas.</i>",
            "<i>Épuisés, sans solde,\nsans nouvelles de leur famille,</i>",
            "<i>des combattants choisissent l’exil.</i>",
            "<i>Certains passent par les cols du nord,\nvers le Tadjikistan.</i>",
            "<i>D’autres rejoignent Kaboul\navec de faux papiers,</i>",
            "<i>puis l’Iran et la Turquie.</i>",
            "Je n’ai jamais empêché personne de partir.",
            "Un homme qui reste de force\nn’est pas un soldat,",
            "c’est un prisonnier.",
            "Certains sont venus me voir en pleurant.",
            "Je les ai pris dans mes bras\net je leur ai dit : « Vivez. »",
            "Vivez, et racontez ce qui s’est passé ici.",
        ),
    ),
    Scene(
        "Nasir en France",
        pause=None,
        cues=(
            "<i>Nasir est parti en juin 2022.</i>",
            "<i>Après quatre mois de voyage,\nà pied, en camion, en bateau,</i>",
            "<i>il est arrivé en France.</i>",
            "<i>Il vit aujourd’hui\ndans un foyer près de Grenoble,</i>",
            "<i>où il apprend le français.</i>",
            "Ici, je suis en sécurité.",
            "Je mange à ma faim. Je dors dans un lit.",
            "Mais chaque nuit, je suis là-bas.",
            "Je rêve de la montagne,\ndes camarades, du bruit des drones.",
            "Quand mon téléphone sonne\nà trois heures du matin,",
            "je sais que c’est eux.",
            "<i>Allô ? Nasir ? Tu m’entends ?</i>",
            "<i>Oui, je t’entends.\nComment ça va, là-haut ?</i>",
            "<i>Ça va. Il fait froid. Le colonel te salue.</i>",
            "<i>Dis-lui que je pense à vous.\nTous les jours.</i>",
            "<i>Il le sait, mon frère. Il le sait.</i>",
            1.5,
            "Je me sens coupable.",
            "Moi, je suis vivant,\net eux sont encore là-bas.",
            "Je leur envoie un peu d’argent\nquand je peux.",
            "C’est tout ce que je peux faire d’ici.",
            "- Et filmer, non ?\n- Oui. Ça, je peux encore le faire.",
        ),
    ),
    Scene(
        "Claire Vasseur : la diaspora",
        pause=None,
        cues=(
            "L’exil fait partie de l’histoire\nde toutes les résistances afghanes.",
            "Dans les années 1980,\ndes millions d’Afghans",
            "vivaient au Pakistan et en Iran.",
            "Aujourd’hui encore,\nla diaspora joue un rôle essentiel.",
            "Elle envoie de l’argent,\nelle relaie les informations,",
            "elle fait pression sur les gouvernements.",
            "Mais elle est aussi divisée, et fatiguée.",
            "Et les pays d’accueil se montrent\nde moins en moins accueillants.",
        ),
    ),
    Scene(
        "Sayed Jawad : le pilote caché",
        pause=None,
        cues=(
            "<i>Sayed Jawad, le pilote,\na lui aussi quitté la vallée.</i>",
            "<i>Il vit caché dans une grande ville afghane</i>",
            "<i>et change d’adresse tous les mois.</i>",
            "Les talibans ont fait circuler\ndes listes de pilotes recherchés.",
            "Mon nom y est. Ma photo aussi.",
            "Je ne vole plus.\nJe répare des téléphones sur un marché.",
            "Parfois, j’entends un hélicoptère\net je lève la tête,",
            "comme un enfant.",
            "Les deux appareils ?\nIls n’ont pas volé longtemps.",
            "Le premier a été détruit\npendant l’offensive.",
            "Le second, on l’a caché dans une gorge,",
            "sous des filets et des branches.",
            "Je ne sais pas s’il y est encore.",
            "Peut-être qu’un jour,\nquelqu’un le retrouvera.",
            "<i>D’autres n’ont pas eu le choix.</i>",
            "<i>Depuis 2021, selon les Nations unies,\ndes centaines d’anciens militaires</i>",
            "<i>ont été arrêtés, tués ou portés disparus,</i>",
            "<i>malgré l’amnistie générale\npromise par les talibans.</i>",
        ),
    ),
    Scene(
        "Le 9 septembre",
        pause=6.0,
        cues=(
            "<i>9 septembre 2022.</i>",
            "<i>Vingt et un ans après la mort\ndu commandant Massoud,</i>",
            "<i>les talibans interdisent\ntoute commémoration dans la vallée.</i>",
            "<i>Dans la montagne,\nles hommes de Khalid Amiry</i>",
            "<i>se rassemblent malgré tout\nautour d’un feu.</i>",
            "Récite, toi. Tu as la plus belle voix.",
            "Que Dieu accueille nos martyrs.",
            "Que Dieu accueille Wahid, Farhad, Daoud,",
            "et tous ceux\ndont on ne connaît pas le nom.",
            2.0,
            "C’est la seule fois de l’année\noù j’autorise un feu.",
            "Un petit feu, pour une heure.",
            "On parle de ceux qui sont partis.",
            "On rit un peu, aussi.",
            "Il faut rire, sinon on devient fous.",
        ),
    ),
    Scene(
        "Ceux qui refusent",
        pause=10.0,
        cues=(
            "<i>Printemps 2023.</i>",
            "<i>Près de deux ans après la chute de Kaboul,</i>",
            "<i>les combats n’ont pas cessé.</i>",
            "<i>Ils sont plus rares, plus dispersés.</i>",
            "<i>Mais au printemps, quand la neige fond,\nles accrochages reprennent.</i>",
            "<i>Faucon 1, ici Faucon 4.</i>",
            "<i>Trois véhicules sur la route de Paryan.</i>",
            "<i>Tu les vois bien ?</i>",
            "<i>Oui. Ils ne nous ont pas vus.</i>",
            "<i>On ne tire pas. On observe. On compte.</i>",
            "On n’attaque plus comme avant.\nOn n’en a plus les moyens.",
            "On observe, on renseigne,\net on frappe quand on est sûrs.",
            "Il nous reste peut-être 300 hommes.\nPeut-être moins.",
            "Je ne donne jamais le chiffre exact.",
            "Même à vous.",
        ),
    ),
    Scene(
        "La famille du colonel",
        pause=None,
        cues=(
            "<i>Khalid Amiry n’a pas revu sa femme\net ses filles depuis l’été 2021.</i>",
            "<i>Elles vivent aujourd’hui aux États-Unis.</i>",
            "<i>Ils se parlent quand le réseau le permet,</i>",
            "<i>une fois par mois, parfois moins.</i>",
            "Ma cadette ne se souvient plus très bien\nde mon visage.",
            "Elle me demande pourquoi je ne viens pas.",
            "Je lui dis que j’ai encore du travail.",
            "Un jour, elle comprendra.",
            "Ou peut-être pas.",
            "Je ne sais pas si j’ai été un bon père.",
            "J’ai essayé d’être un bon soldat.",
        ),
    ),
    Scene(
        "Ahmad Massoud : la peur ne dure pas",
        pause=None,
        cues=(
            "Les talibans disent\nqu’ils ont gagné la guerre.",
            "Mais si la guerre était gagnée,",
            "pourquoi auraient-ils encore besoin",
            "de milliers de soldats dans le Panchir ?",
            "Ce régime tient par la peur.",
            "Et la peur ne dure pas éternellement.",
        ),
    ),
    Scene(
        "Claire Vasseur : ne pas surestimer",
        pause=None,
        cues=(
            "Il ne faut pas surestimer\nla résistance armée.",
            "Aujourd’hui, elle ne menace pas\nle pouvoir des talibans.",
            "Mais elle rappelle\nquelque chose d’important :",
            "tous les Afghans\nn’ont pas accepté ce qui s’est passé",
            "en août 2021.",
            "Et ce refus-là, même minoritaire,\ncompte pour l’avenir.",
        ),
    ),
    Scene(
        "Jean-Marc Delorme : les plus têtus",
        pause=None,
        cues=(
            "J’ai connu beaucoup de soldats afghans.",
            "Beaucoup sont morts. Beaucoup sont partis.",
            "Ceux qui sont encore dans la montagne\nsont les plus têtus.",
            "Et ce sont souvent ceux-là\nqui écrivent l’histoire.",
        ),
    ),
    Scene(
        "Gul Mohammad : la vallée est toujours là",
        pause=None,
        cues=(
            "On a vu passer les Russes,\npuis les talibans,",
            "puis les Américains,\net maintenant encore les talibans.",
            "La vallée est toujours là.",
            "Les montagnes sont toujours là.",
            1.0,
            "Nous aussi.",
        ),
    ),
    Scene(
        "La dernière nuit",
        pause=6.0,
        cues=(
            "<i>Le soir tombe sur la montagne.</i>",
            "<i>Comme chaque nuit,\nKhalid Amiry et ses hommes</i>",
            "<i>vont changer de position.</i>",
            "Prends la radio. Laisse le reste ici.",
            "On part dans dix minutes. Pas de lumière.",
            "On me demande souvent\nquand tout ça finira.",
            "Je ne sais pas.",
            "Peut-être que je mourrai ici,\ndans cette montagne.",
            "Mais tant qu’un seul d’entre nous\nrefusera de se soumettre,",
            "le Panchir ne sera pas tombé.",
            5.0,
            "<i>Depuis le tournage de ce film,</i>",
            "<i>plusieurs des combattants\nqui y apparaissent</i>",
            "<i>ont été tués ou arrêtés.</i>",
            "<i>Le colonel Khalid Amiry\nvit toujours dans la montagne.</i>",
            "<i>Il refuse toujours de se rendre.</i>",
        ),
    ),
)


if __name__ == "__main__":
    sys.exit(main())
