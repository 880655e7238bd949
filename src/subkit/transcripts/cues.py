"""Subtitle tracks as transcripts: word timestamps inside WebVTT cues, or the cue times themselves.

YouTube's automatic captions are WebVTT whose cues roll up: each cue repeats the line before
it, then adds a line whose words carry their own start times (`word<00:00:01.000><c> next</c>`),
and 10 ms cues in between repeat the text once more. The timed words are the transcript; a line
already seen is a repeat. A track without word timestamps (`subkit segment existing.srt`, a
rolled-up live track) is evidence too: its words are placed inside their cue by characters,
lines that a roll-up repeats are skipped, italics stay with their words, and the lines of a
dialogue cue are two speakers.
"""

from __future__ import annotations

import re

from subkit.markup import TAG, unescape, visible_text
from subkit.model import Track
from subkit.qc.rules.lines import is_dialogue
from subkit.timecode import parse_time
from subkit.transcripts.model import RawWord

_DASH = re.compile(r"^[-‐–—]\s*")
_SPACE = re.compile(r"\s+")
#: how long a word with a timestamp may last at most, per character: beyond it is a pause
_LONGEST_MS_PER_CHARACTER = 90


def _normal(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _line_words(markup: str, italic: int = 0) -> tuple[list[tuple[str, bool, int | None]], int]:
    """(word text, italic, start time from a timestamp tag right before it) for one line of markup,
    and how many `<i>` are still open at its end (italics run on over the cue's lines)."""
    words: list[tuple[str, bool, int | None]] = []
    pending: int | None = None
    current: list[str] = []
    current_italic = False
    current_time: int | None = None

    def flush() -> None:
        nonlocal current
        if current:
            words.append((unescape("".join(current)), current_italic, current_time))
            current = []

    def text(chunk: str) -> None:
        nonlocal current_italic, current_time, pending
        for ch in chunk:
            if ch.isspace():
                flush()
                continue
            if not current:
                current_italic, current_time, pending = italic > 0, pending, None
            current.append(ch)

    last = 0
    for match in TAG.finditer(markup):
        text(markup[last : match.start()])
        last = match.end()
        tag = match.group(0)
        name = (match.group(2) or "").lower()
        if name[:1].isdigit():
            flush()
            try:
                pending = parse_time(name)
            except ValueError:
                pending = None
        elif name == "i":
            italic += -1 if match.group(1) else 1
            italic = max(italic, 0)
        elif tag.startswith("{"):
            continue
    text(markup[last:])
    flush()
    return words, italic


def _rolls_up(track: Track) -> bool:
    """True when most multi-line cues begin with the previous cue's last line (a roll-up track)."""
    multi = 0
    repeats = 0
    previous: list[str] = []
    for cue in track.cues:
        lines = [_normal(line) for line in visible_text(cue.text).split("\n") if line.strip()]
        if len(lines) >= 2:
            multi += 1
            repeats += bool(previous) and lines[0] == previous[-1]
        if lines:
            previous = lines
    return multi >= 2 and repeats * 2 >= multi


def has_word_times(track: Track) -> bool:
    return any(TAG.search(cue.text) and re.search(r"<\d", cue.text) for cue in track.cues)


def language_of(track: Track) -> str | None:
    for line in track.metadata:
        key, _, value = line.partition(":")
        if key.strip().lower() == "language" and value.strip():
            return value.strip()
    return track.language


def read_cues(track: Track) -> list[RawWord]:
    """Words of every cue, each with the timestamp it carries or its cue's bounds to be placed by."""
    timed_track = has_word_times(track)
    skip_repeats = timed_track or _rolls_up(track)
    recent: list[str] = []
    raws: list[RawWord] = []
    for number, cue in enumerate(track.cues, 1):
        where = f"line {cue.line}" if cue.line is not None else f"cue {number}"
        markup_lines = [line for line in cue.text.split("\n") if visible_text(line).strip()]
        visible_lines = [_normal(visible_text(line)) for line in markup_lines]
        dialogue = is_dialogue(visible_lines)
        turn = 0
        italic = 0
        for markup, visible in zip(markup_lines, visible_lines):
            words, italic = _line_words(markup, italic)
            if skip_repeats and visible in recent:
                continue
            recent = (recent + [visible])[-2:]
            if dialogue and _DASH.match(visible):
                turn += 1
                words = _without_dash(words)
            speaker = f"{number}.{turn}" if dialogue and turn else None
            raws.extend(_placed(words, cue.start, cue.end, where, speaker))
    return raws


def _without_dash(words: list[tuple[str, bool, int | None]]) -> list[tuple[str, bool, int | None]]:
    if not words:
        return words
    text, italic, time = words[0]
    stripped = _DASH.sub("", text)
    return ([(stripped, italic, time)] if stripped else []) + words[1:]


def _placed(
    words: list[tuple[str, bool, int | None]], start: int, end: int, where: str, speaker: str | None
) -> list[RawWord]:
    """RawWords for one line: timed from its timestamp tags when it has any, else by its cue."""
    if not any(time is not None for _, _, time in words):
        return [
            RawWord(text, None, None, where, None, speaker, italic, start, end, expected_untimed=True)
            for text, italic, _ in words
        ]
    # each timestamp starts a run of words (usually one) lasting until the next timestamp
    runs: list[tuple[int, list[tuple[str, bool]]]] = []
    for index, (text, italic, time) in enumerate(words):
        if time is not None or index == 0:
            runs.append((time if time is not None else start, []))
        runs[-1][1].append((text, italic))
    raws: list[RawWord] = []
    for number, (run_start, run_words) in enumerate(runs):
        chars = sum(len(text) + 1 for text, _ in run_words)
        # a timestamp says when a word starts, not when the one before ends: a word that seems to
        # last much longer than it takes to say is followed by a pause
        longest = _LONGEST_MS_PER_CHARACTER * (chars + 1)
        following = runs[number + 1][0] if number + 1 < len(runs) else end
        run_end = max(run_start, min(following, run_start + longest))
        position = 0
        for text, italic in run_words:
            word_start = run_start + (run_end - run_start) * position // chars
            position += len(text) + 1
            word_end = run_start + (run_end - run_start) * position // chars
            raws.append(RawWord(text, word_start, word_end, where, None, speaker, italic, start, end))
    return raws
