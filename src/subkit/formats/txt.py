"""Plain transcripts: what was said, readable as prose.

Subtitles cut sentences into screen-sized pieces; a transcript puts them back together. Cue
lines are joined with spaces, a pause of `pause_ms` or more starts a new paragraph, and each
speaker turn of a dialogue cue (`- ...`) gets its own line so turns are not run together.
"""

from __future__ import annotations

import re

from subkit.markup import visible_text
from subkit.model import Track
from subkit.timecode import format_srt

_DASH = re.compile(r"^\s*[-–—]\s*")
#: a WebVTT voice span's speaker: `<v Roger>`, `<v.loud Anne Dupont>`
_VOICE = re.compile(r"<v(?:\.[^\s>]*)*\s+([^>]+?)\s*>")
DEFAULT_PAUSE_MS = 2000


def dump(track: Track, newline: str = "\n", timestamps: bool = False, pause_ms: int = DEFAULT_PAUSE_MS) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    paragraph_start = 0
    previous_end: int | None = None
    speaker: str | None = None

    def flush() -> None:
        nonlocal speaker
        speaker = None  # a new paragraph names its speaker again, as a script does
        if current:
            body = " ".join(current).replace(" \n", "\n").replace("\n ", "\n")
            stamp = f"[{format_srt(paragraph_start)[:8]}] " if timestamps else ""
            paragraphs.append(stamp + body)
            current.clear()

    for cue in track.cues:
        lines = [line.strip() for line in visible_text(cue.text).split("\n") if line.strip()]
        if not lines:
            continue
        if previous_end is not None and cue.start - previous_end >= pause_ms:
            flush()
        if not current:
            paragraph_start = cue.start
        voice = _VOICE.search(cue.text)
        if voice and voice.group(1) != speaker:
            # a new WebVTT speaker starts a new line, named as in a script
            speaker = voice.group(1)
            if current:
                current.append("\n")
            lines[0] = f"{speaker}: {lines[0]}"
        turns = [line for line in lines if _DASH.match(line)]
        if len(turns) >= 2 or (turns and len(lines) == 1 and current):
            for line in lines:
                if _DASH.match(line):
                    current.append("\n" + _DASH.sub("- ", line))
                else:
                    current.append(line)
            current.append("\n")
        else:
            current.append(" ".join(lines))
        previous_end = cue.end
    flush()
    text = "\n\n".join(part.strip("\n") for part in paragraphs)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if text:
        text += "\n"
    return text if newline == "\n" else text.replace("\n", newline)
