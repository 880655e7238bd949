"""Spreading a translated sentence back over the cues its source ran across.

Each cue gets a share of the translation in proportion to its share of the source text, cut at
a word boundary. Among the boundaries near the ideal point, one after punctuation is preferred
(a cue then ends where the sentence pauses) and one after a word that must not end a line (an
article, a preposition: QC rule L003) is avoided. Every share gets at least one word.
"""

from __future__ import annotations

#: words that should not end a cue or a line, per language (the L003 idea, kept small)
WEAK_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset("a an the of to in on at for and or but with from by as into".split()),
    "fr": frozenset("le la les l' un une des de du d' à au aux et ou en sur pour par dans avec ce cette ces".split()),
    "de": frozenset("der die das dem den des ein eine einen einem und oder in im an am zu zum zur mit von vom für auf".split()),
    "es": frozenset("el la los las un una unos unas de del y o en con por para a al que".split()),
    "it": frozenset("il lo la i gli le un uno una di del della dei e o in con per a da su che".split()),
    "pl": frozenset("i w z we ze na do o a że się od po u za".split()),
}
_SENTENCE_PUNCTUATION = (".", "!", "?", "…")
_CLAUSE_PUNCTUATION = (",", ";", ":", "»", "\u2014")
_CLOSERS = "\"'»”’)]"


def _boundary_score(word: str, language: str) -> float:
    """Negative is better: characters of distance this boundary is worth."""
    stripped = word.rstrip(_CLOSERS)
    if stripped.endswith(_SENTENCE_PUNCTUATION):
        return -2.0
    if stripped.endswith(_CLAUSE_PUNCTUATION):
        return -1.5
    if word.lower() in WEAK_ENDINGS.get(language, frozenset()):
        return 3.0
    return 0.0


def spread(translation: str, weights: list[int], language: str = "") -> list[str] | None:
    """`translation` cut into `len(weights)` non-empty parts sized like `weights`; None if too few words."""
    count = len(weights)
    words = translation.split()
    if count == 1:
        return [" ".join(words)] if words else None
    if len(words) < count:
        return None
    # position of the boundary after word i (1-based), as a character offset in the joined text
    offsets = []
    position = 0
    for index, word in enumerate(words):
        position += len(word) + (1 if index else 0)
        offsets.append(position)
    total = offsets[-1]
    weight_total = sum(max(1, weight) for weight in weights)
    parts: list[str] = []
    start = 0  # index of the first word of the current part
    cumulative = 0
    for part_index in range(count - 1):
        cumulative += max(1, weights[part_index]) + (1 if part_index else 0)
        ideal = total * cumulative / (weight_total + count - 1)
        lowest = start + 1  # at least one word in this part
        highest = len(words) - (count - 1 - part_index)  # at least one word left for each later part
        best = min(
            range(lowest, highest + 1),
            key=lambda cut: (abs(offsets[cut - 1] - ideal) + _boundary_score(words[cut - 1], language), cut),
        )
        parts.append(" ".join(words[start:best]))
        start = best
    parts.append(" ".join(words[start:]))
    return parts
