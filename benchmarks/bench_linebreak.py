"""Line breaks against a subtitler's: re-break every two-line cue of the human-made sample.

For each two-line cue of `samples/panchir.fr.srt` that is not a dialogue, the two lines are
joined and `wrap_markup` breaks them again (42 characters, 2 lines, French). Reported: the share
of breaks identical to the human's, and the number of breaks that separate words the guides say
must stay together (`subkit.linebreak.break_fault`, soft faults included), on the first 100 such
cues (the figure quoted in issue 14) and on all of them. The human's own breaks are judged the
same way, as a yardstick for the checker.
"""

from __future__ import annotations

import re
from pathlib import Path

from subkit.formats import parse_text
from subkit.linebreak import break_fault, wrap_markup
from subkit.markup import visible_text

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "panchir.fr.srt"


def two_line_cues() -> list[str]:
    track = parse_text(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE), "srt")
    return [
        c.text
        for c in track.cues
        if c.text.count("\n") == 1 and not re.match(r"^(<[^>]*>)*\s*-", c.text.split("\n")[1])
    ]


def _faulty(markup: str) -> bool:
    lines = visible_text(markup).replace("\u00a0", " ").split("\n")
    return any(break_fault(a.split(), b.split()[0], "fr") for a, b in zip(lines, lines[1:]) if a.split() and b.split())


def measure(cues: list[str]) -> tuple[int, int, int]:
    identical = forbidden = human_forbidden = 0
    for text in cues:
        joined = text.replace("\n", " ")
        again = wrap_markup(joined, 42, 2, "fr")
        identical += again == text
        forbidden += _faulty(again)
        human_forbidden += _faulty(text)
    return identical, forbidden, human_forbidden


def run(quick: bool = False) -> list[str]:
    cues = two_line_cues()
    lines = ["## line breaks (re-breaking the human-made sample's two-line cues, fr, 42 CPL)"]
    for label, chosen in (("first 100", cues[:100]), (f"all {len(cues)}", cues)):
        identical, forbidden, human = measure(chosen)
        lines.append(
            f"{label}: {identical} identical to the human's ({100 * identical / len(chosen):.0f}%), "
            f"{forbidden} forbidden breaks (the human's own: {human})"
        )
    return lines
