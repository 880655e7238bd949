"""How `film.fr.srt` was made (kept for provenance; the tests read the committed file).

The first 130 cues of the project's French sample (samples/panchir.fr.srt), with a few cues
changed so that every trap a translation pipeline meets is present: dialogue dashes (some with
an italic speaker), inline tags in mid-sentence, an `{\\an8}` caption, names from the glossary,
lines with no letters, NBSP punctuation and sentences running over two and three cues.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from subkit.formats import read_track, write_track  # noqa: E402

CHANGES = {
    5: "- Baisse la lampe\u00a0!\n- <i>Je la baisse, je la baisse.</i>",
    12: "<i>Je n’ai jamais voulu être un <b>héros</b>.</i>",
    20: "{\\an8}<i>Vallée du Panchir, Afghanistan</i>",
    31: "Ils me demandaient\u00a0: «\u00a0Mon colonel,\nqu’est-ce qu’on fait\u00a0?\u00a0»",
    44: "...",
    58: "- Ahmad Massoud est là\u00a0?\n- Il arrive demain matin.",
    71: "Le commandant <i>Ahmad Massoud</i> a parlé\nà la radio ce soir-là.",
    87: "- Tu as peur\u00a0?\n- Non.",
    99: "- On part quand\u00a0?\n- Quand Khalid Amiry le dira.",
    112: "Dans le Panchir, on dit que la montagne\nn’a jamais été prise.",
}

if __name__ == "__main__":
    track = read_track(str(HERE.parents[2] / "samples" / "panchir.fr.srt"))
    cues = track.cues[:130]
    for index, text in CHANGES.items():
        cues[index] = cues[index].copy(text=text)
    write_track(track.with_cues(cues), str(HERE / "film.fr.srt"), "srt")
