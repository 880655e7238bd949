"""Spreading a translated sentence back over the cues its source ran across.

The best cut is the one the engine itself makes: the pipeline sends a sentence with a marker
placeholder at each cue boundary, and when every marker comes back once and in order, the
translation is cut there (`cut_at_markers`). Otherwise (`spread`) each cue gets a share of the
translation's units in proportion to its share of the source: both its share of the characters
and its share of the words count, because a translation changes word lengths far more than it
changes how many words there are (an engine that keeps every word and its order therefore gets
every word back in its own cue). Among the cuts near that point, one after punctuation is
preferred and one after a word that must not end a line (an article, a preposition: rule L003)
is avoided. Every share gets at least one unit.

A unit is a word with the punctuation that belongs to it: spaced French punctuation (`mot :`,
`« mot`) and numbers with a no-break space (`5 000`) never split; in scripts without spaces
(Chinese, Japanese, Thai) a unit is a phrase (`subkit.scripts`).
"""

from __future__ import annotations

import re

from subkit.scripts import phrases, unspaced

#: words that should not end a cue or a line, per language (the L003 idea, kept small)
WEAK_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset("a an the of to in on at for and or but with from by as into".split()),
    "fr": frozenset("le la les l' un une des de du d' à au aux et ou en sur pour par dans avec ce cette ces".split()),
    "de": frozenset(
        "der die das dem den des ein eine einen einem und oder in im an am zu zum zur mit von vom für auf".split()
    ),
    "es": frozenset("el la los las un una unos unas de del y o en con por para a al que".split()),
    "it": frozenset("il lo la i gli le un uno una di del della dei e o in con per a da su che".split()),
    "pl": frozenset("i w z we ze na do o a że się od po u za".split()),
    "pt": frozenset("o a os as um uma de do da dos das e ou em no na com por para".split()),
}
_SENTENCE_PUNCTUATION = (".", "!", "?", "…", "。", "！", "？")
_CLAUSE_PUNCTUATION = (",", ";", ":", "»", "\u2014", "、", "，", "；", "：", "」", "」")
_CLOSERS = "\"'»”’)]」』"
#: punctuation that belongs to the word before it (a space may separate them in French)
_ATTACH_BEFORE = re.compile(r"^[;:!?»”)\]}.,…%‰\u2019]+$")
#: punctuation that belongs to the word after it
_ATTACH_AFTER = re.compile(r"^[«“(\[{¿¡\u2018]+$")
_PLACEHOLDER = re.compile(r"\[\d+\]")
_WORDLIKE = re.compile(r"[^\W_]")


def _spaced_tokens(text: str) -> list[str]:
    """Words with their punctuation; only ordinary spaces separate (a no-break space never does)."""
    raw = [token for token in re.split(r"[ \t\n]+", text) if token]
    tokens: list[str] = []
    pending = ""
    for token in raw:
        bare = _PLACEHOLDER.sub("", token)
        if tokens and bare and _ATTACH_BEFORE.match(bare) and not pending:
            tokens[-1] += " " + token
        elif not bare or _ATTACH_AFTER.match(bare) or not _WORDLIKE.search(bare) and not _ATTACH_BEFORE.match(bare):
            pending += token + " "
        else:
            tokens.append(pending + token)
            pending = ""
    if pending:
        if tokens:
            tokens[-1] += " " + pending.strip()
        else:
            tokens.append(pending.strip())
    return tokens


def _unspaced_tokens(text: str, language: str) -> list[str]:
    """Phrases, with placeholders glued to the phrase after them (or before, at the end)."""
    tokens: list[str] = []
    pending = ""
    last = 0
    for match in list(_PLACEHOLDER.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        for phrase in phrases(text[last:end].strip(), language):
            tokens.append(pending + phrase)
            pending = ""
        if match is not None:
            pending += match.group(0)
            last = match.end()
    if pending:
        if tokens:
            tokens[-1] += pending
        else:
            tokens.append(pending)
    return tokens


def tokens(text: str, language: str = "") -> list[str]:
    """The units a translation may be cut between, in order; `joiner(language).join` gives the text back."""
    return _unspaced_tokens(text, language) if unspaced(language) else _spaced_tokens(text)


def joiner(language: str) -> str:
    return "" if unspaced(language) else " "


def word_count(text: str, language: str = "") -> int:
    """Units with a letter or digit (placeholders aside): what a cue's share of words is counted in."""
    return sum(1 for token in tokens(text, language) if _WORDLIKE.search(_PLACEHOLDER.sub("", token)))


def _boundary_score(word: str, language: str) -> float:
    """Negative is better, in units of distance this boundary is worth."""
    stripped = _PLACEHOLDER.sub("", word).rstrip(_CLOSERS + " ")
    if stripped.endswith(_SENTENCE_PUNCTUATION):
        return -0.9
    if stripped.endswith(_CLAUSE_PUNCTUATION):
        return -0.7
    if word.lower() in WEAK_ENDINGS.get(language.split("-")[0].lower(), frozenset()):
        return 1.2
    return 0.0


def spread(
    translation: str, weights: list[int], language: str = "", words: list[int] | None = None
) -> list[str] | None:
    """`translation` cut into `len(weights)` non-empty parts sized like `weights` (characters of
    each source part) and `words` (its words, when known); None if there are too few units."""
    count = len(weights)
    units = tokens(translation, language)
    glue = joiner(language)
    if count == 1:
        return [glue.join(units)] if units else None
    if len(units) < count:
        return None
    offsets = []
    position = 0
    for index, unit in enumerate(units):
        position += len(unit) + (len(glue) if index else 0)
        offsets.append(position)
    total = offsets[-1]
    mean_unit = total / len(units)
    weight_total = sum(max(1, weight) for weight in weights)
    spaced = not unspaced(language) and words is not None and sum(words) > 0
    exact = spaced and sum(words or []) == sum(1 for u in units if _WORDLIKE.search(_PLACEHOLDER.sub("", u)))
    word_total = sum(words or []) or 1
    parts: list[str] = []
    start = 0
    cumulative = cumulative_words = 0
    for part_index in range(count - 1):
        cumulative += max(1, weights[part_index])
        cumulative_words += (words or [0] * count)[part_index]
        ideal_offset = total * cumulative / weight_total
        ideal_unit = len(units) * cumulative_words / word_total
        lowest = start + 1
        highest = len(units) - (count - 1 - part_index)

        def cost(cut: int) -> tuple[float, int]:
            if exact:  # every word is still there: cut where the source did
                return (abs(_words_before(units, cut) - cumulative_words), cut)
            by_chars = abs(offsets[cut - 1] - ideal_offset) / mean_unit
            distance = (by_chars + abs(cut - ideal_unit)) / 2 if spaced else by_chars
            return (distance + _boundary_score(units[cut - 1], language), cut)

        best = min(range(lowest, highest + 1), key=cost)
        parts.append(glue.join(units[start:best]))
        start = best
    parts.append(glue.join(units[start:]))
    return parts


def _words_before(units: list[str], cut: int) -> int:
    return sum(1 for unit in units[:cut] if _WORDLIKE.search(_PLACEHOLDER.sub("", unit)))


def cut_at_markers(translation: str, markers: list[str], language: str = "") -> list[str] | None:
    """The translation cut where the engine put the cue-boundary markers, if it kept each once and
    in order and no part is empty; punctuation that belongs to a neighbour moves to it."""
    positions = []
    for marker in markers:
        found = [m.start() for m in re.finditer(re.escape(marker), translation)]
        if len(found) != 1:
            return None
        positions.append(found[0])
    if positions != sorted(positions):
        return None
    parts: list[str] = []
    last = 0
    for marker, position in zip(markers, positions):
        parts.append(translation[last:position])
        last = position + len(marker)
    parts.append(translation[last:])
    glue = joiner(language)
    units = [tokens(part, language) for part in parts]
    for index in range(1, len(units)):
        # `mot [5] : suite` -> the colon stays with `mot`; `« [5] mot` -> the guillemet moves on
        while units[index] and _ATTACH_BEFORE.match(_PLACEHOLDER.sub("", units[index][0])) and units[index - 1]:
            units[index - 1].append(units[index].pop(0))
        while units[index - 1] and _ATTACH_AFTER.match(_PLACEHOLDER.sub("", units[index - 1][-1])):
            units[index].insert(0, units[index - 1].pop())
    result = [glue.join(part) for part in units]
    if not all(_WORDLIKE.search(_PLACEHOLDER.sub("", part)) for part in result):
        return None
    return result


def without_markers(translation: str, markers: list[str]) -> str:
    """The translation with any markers the engine kept removed (for the proportional spread)."""
    for marker in markers:
        translation = re.sub(rf"\s*{re.escape(marker)}\s*", " ", translation)
    return translation.strip()
