"""Where a cue or a line may not end: the word groups subtitle guides protect.

Netflix's list (docs/qc-reference.md §1.1) says never to separate a noun from its article, a
first name from a last name, a verb from its subject pronoun or its auxiliary. Function words
(articles, prepositions, conjunctions, subject pronouns) are `subkit.linebreak`'s knowledge,
shared with rule L003 and `fix`; this module adds only what needs the *pair* of words: a first
and last name (two capitalised words), an auxiliary followed by a participle, and a number
followed by what it counts ("300 mètres": "numbers followed by a noun never end a subtitle",
Pixelogic's Spanish guide, docs/qc-reference.md §1.4).
"""

from __future__ import annotations

import re

from subkit.linebreak import _BREAK_BEFORE, base_language, must_not_end_line

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_CLOSED = tuple(".,;:!?…»)\"”")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*%?")

#: auxiliary verbs (lower case) and how a participle after them ends, per language
_AUXILIARIES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "fr": (frozenset("ai as a avons avez ont avais avait avions aviez avaient aurai auras aura aurons aurez auront "
                     "aurais aurait aurions auriez auraient eu suis es est sommes êtes sont étais était étions étiez "
                     "étaient serai sera serons serez seront serais serait serions seriez seraient été".split()),
           ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "it", "ite", "its", "u", "ue", "us", "ues", "ert", "erte",
            "ort", "orte", "eint", "einte", "ait", "aite")),
    "en": (frozenset("have has had having is are was were be been being".split()), ("ed", "en", "ing", "ne", "wn")),
    "de": (frozenset("habe hast hat haben habt hatte hatten bin bist ist sind seid war waren wird werden wurde "
                     "wurden".split()), ("t", "en")),
    "es": (frozenset("he has ha hemos habéis han había habías habíamos habían habría hube".split()),
           ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "to", "cho", "so")),
    "it": (frozenset("ho hai ha abbiamo avete hanno avevo avevi aveva avevamo avevano sono sei è siamo siete era "
                     "erano stato stata".split()),
           ("ato", "ata", "ati", "ate", "uto", "uta", "uti", "ute", "ito", "ita", "iti", "ite", "so", "to")),
}


def _bare(word: str) -> str:
    return _EDGE.sub("", word)


def _auxiliary_pair(word: str, next_word: str, lang: str) -> bool:
    table = _AUXILIARIES.get(lang)
    if table is None:
        return False
    auxiliaries, endings = table
    bare = _bare(word).lower().split("'")[-1].split("’")[-1]  # n'a, j'ai, s'est
    following = _bare(next_word).lower()
    if bare not in auxiliaries or len(following) < 2 or not following.isalpha():
        return False
    if lang == "de":
        return following.startswith("ge") and following.endswith(endings)
    return following.endswith(endings)


def _name_pair(word: str, next_word: str) -> bool:
    """Two capitalised words in a row (Ahmad Massoud), neither an all-capitals shout."""
    first, second = _bare(word), _bare(next_word)
    return (len(first) > 1 and len(second) > 1 and first[0].isupper() and second[0].isupper()
            and not first.isupper() and first.replace("-", "").isalpha() and second.replace("-", "").isalpha())


def keeps_together(word: str, next_word: str, lang: str | None) -> bool:
    """True when a cue (or a line) must not end between `word` and `next_word` (visible text).

    PASS (may end): "montagne." | "Pour"; "Aigle," | "ils".
    FAIL (kept together): "la" | "vallée"; "Ahmad" | "Massoud"; "avait" | "appris"; "300" | "mètres".
    """
    if not word or word.endswith(_CLOSED):
        return False
    if must_not_end_line(word, lang):
        return True
    language = base_language(lang)
    return (_name_pair(word, next_word) or _auxiliary_pair(word, next_word, language)
            or (_NUMBER.fullmatch(word) is not None and _bare(next_word)[:1].isalpha()))


def opens_clause(word: str, lang: str | None) -> bool:
    """True for a conjunction or relative pronoun ("et", "mais", "qui"): a good place to start a cue.

    The list is `subkit.linebreak`'s, where the same words make a good place to start a line.
    """
    return _bare(word).lower() in _BREAK_BEFORE.get(base_language(lang), frozenset())
