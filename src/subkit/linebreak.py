"""Balanced line breaking of cue markup, the way subtitle style guides ask for it.

Netflix, BBC and the French and German broadcasters agree on the same few things
(docs/qc-reference.md §1.1, §2): keep a cue on one line when it fits; otherwise break into
balanced lines, preferably bottom-heavy (a short top line, a "pyramid"); break after
punctuation or before a conjunction; never leave an article, a preposition, a conjunction or a
subject pronoun at the end of a line (it belongs with the next word). Rule L003 uses the same
word lists, so what `fix` produces is what `validate` accepts.

Tags never count towards line length and must survive: each tag is swapped for a placeholder
character glued to its word (`subkit.markup.protect_tags`), the words are laid out, and the tags
are put back. Spaces that
cannot break (U+00A0, U+202F, as in French `mot !`) are not break points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from subkit.counting import count_graphemes
from subkit.layout import layout_breaks
from subkit.markup import (
    PlaceholderError,
    is_closing_placeholder,
    protect_tags,
    restore_tags,
    unescape,
    without_placeholders,
)

#: Words that must not end a line, per language (lower case). Articles, prepositions,
#: conjunctions, possessives and subject pronouns: the "do not separate" lists of the guides.
NO_BREAK_AFTER: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les un une des du de au aux à en et ou mais ni car que qui dont ce cet cette ces "
        "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs par pour sur sous dans "
        "avec sans chez vers entre contre depuis pendant je tu il ils elle elles on ne".split()
    ),
    "en": frozenset(
        "a an the of to in on at by for with from into onto about and or but nor than my your his "
        "her its our their this these those i we they he she".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem einer eines und oder aber denn dass in im an "
        "am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ohne um ich du er "
        "wir ihr mein meine dein deine sein seine unser unsere".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas lo de del a al en con por para sin sobre entre hacia desde "
        "y e o u ni que pero mi mis tu tus su sus nuestro nuestra yo".split()
    ),
    "it": frozenset(
        "il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai agli alle "
        "da dal dallo dalla in nel nello nella con su sul sulla per tra fra e o ma che mio mia tuo "
        "tua suo sua io".split()
    ),
    "pl": frozenset(
        "w we z ze na do od o u i a oraz ale lub czy że by ku po przez przy dla bez nad pod za przed "
        "między ja ty on ona my wy oni".split()
    ),
}
#: words a break may come before (a conjunction starts a new clause): a small bonus.
_BREAK_BEFORE: dict[str, frozenset[str]] = {
    "fr": frozenset("et ou mais car donc qui que parce quand lorsque si".split()),
    "en": frozenset("and or but because so when which who that if".split()),
    "de": frozenset("und oder aber denn weil wenn dass als ob".split()),
    "es": frozenset("y o pero porque cuando que si".split()),
    "it": frozenset("e o ma perché quando che se".split()),
    "pl": frozenset("i a ale lub bo gdy że jeśli który".split()),
}
_CLAUSE_END = tuple('.,;:!?…»)"”')

# What else a break must not separate (Netflix TTSG General Requirements §4, BBC §3.4): an
# auxiliary from its participle, `ne` from `pas`, a clitic from its verb, a first name from a last
# name, a determiner, number or pre-nominal adjective from its noun. Small closed word lists per
# language plus word shapes (participle endings): cheap, no tagger, and right on subtitle text.
#: object/reflexive clitics that stand before their verb (fr: "je te | dis" is wrong)
_CLITICS: dict[str, frozenset[str]] = {
    "fr": frozenset("me te se lui y en m’ t’ s’ l’ j’ n’ m' t' s' l' j' n'".split()),
    "es": frozenset("me te se nos os le les lo la".split()),
    "it": frozenset("mi ti si ci vi gli ne lo la".split()),
}
_AUXILIARIES: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "ai as a avons avez ont avais avait avions aviez avaient aurai auras aura aurons aurez auront "
        "aurais aurait aurions auriez auraient suis es est sommes êtes sont étais était étions étiez "
        "étaient serai sera serons serez seront serais serait serions seriez seraient été avoir être "
        "eu ayant étant".split()
    ),
    "en": frozenset(
        "have has had having is are was were be been being will would shall should can could may "
        "might must do does did".split()
    ),
    "de": frozenset(
        "habe hast hat haben habt hatte hatten bin bist ist sind seid war waren wird werden wurde wurden".split()
    ),
    "es": frozenset("he has ha hemos habéis han había habían habrá haber sido".split()),
    "it": frozenset("ho hai ha abbiamo avete hanno avevo aveva sono sei è siamo siete era erano stato stata".split()),
}
_PARTICIPLE = {
    "fr": re.compile(
        r"^\w+(?:é|ée|és|ées|i|ie|is|ies|it|u|ue|us|ues|ert|erte|erts|ertes|aint|eint|oint|ait|ite|ites)$"
    ),
    "en": re.compile(r"^\w+(?:ed|en|wn|ne|ng)$"),
    "de": re.compile(r"^ge\w+(?:t|en)$"),
    "es": re.compile(r"^\w+(?:ado|ada|ados|adas|ido|ida|idos|idas|cho|to)$"),
    "it": re.compile(r"^\w+(?:ato|ata|ati|ate|ito|ita|iti|ite|uto|uta|uti|ute)$"),
}
#: second half of a French negation: "ne ... pas" stays on one line
_NEGATION = frozenset("pas plus jamais rien personne guère point aucun aucune".split())
#: determiners, numbers and adjectives that come before their noun
_BEFORE_NOUN: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "petit petite petits petites grand grande grands grandes bon bonne bons bonnes mauvais mauvaise "
        "beau bel belle beaux belles jeune jeunes vieux vieil vieille vieilles nouveau nouvel nouvelle "
        "nouveaux nouvelles premier première premiers premières dernier dernière derniers dernières "
        "autre autres même mêmes seul seule gros grosse long longue vrai vraie ancien ancienne meilleur "
        "meilleure deux trois quatre cinq six sept huit neuf dix onze douze vingt trente quarante cinquante "
        "cent cents mille".split()
    ),
    "en": frozenset(
        "two three four five six seven eight nine ten hundred thousand several some every each many few other".split()
    ),
    "de": frozenset(
        "zwei drei vier fünf sechs sieben acht neun zehn hundert tausend viele einige jede jeder jedes alle".split()
    ),
    "es": frozenset(
        "dos tres cuatro cinco seis siete ocho nueve diez cien mil varios varias cada todo toda "
        "todos todas otro otra otros otras".split()
    ),
    "it": frozenset(
        "due tre quattro cinque sei sette otto nove dieci cento mille alcuni alcune ogni tutti "
        "tutte altro altra altri altre".split()
    ),
}
#: quantifiers: usually before their noun, but also pronouns ("malgré tout" / "autour"): a preference
_QUANTIFIERS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "plusieurs quelques chaque tout toute tous toutes aucun aucune certains certaines quel quelle "
        "quels quelles".split()
    ),
}
#: faults `fix` avoids but L003 does not report (the word may be a pronoun)
SOFT_FAULTS = frozenset({"a quantifier from its noun"})
_NUMBER = re.compile(r"^\d[\d\u00a0\u202f.,]*$")
_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ’'-]+$")
_DASH_LINE = re.compile(r"^(?:<[^>]*>|\{\\[^}]*\})*\s*[-–—]")


@lru_cache(maxsize=256)
def base_language(lang: str | None) -> str:
    """`fr-FR` -> `fr`; unknown or missing -> `fr` (the programme's source language)."""
    if not lang:
        return "fr"
    return lang.replace("_", "-").split("-")[0].lower()


def must_not_end_line(word: str, lang: str | None) -> bool:
    """True when `word` (visible text) is one that must stay with the word after it.

    PASS: "parle de" is bad only if "de" ends the line; "dit," never is (punctuation closes it).
    """
    if not word or word[-1] in _CLAUSE_END or word[-1] == "'":
        return False
    return _bare(word) in NO_BREAK_AFTER.get(base_language(lang), frozenset())


def _bare(word: str) -> str:
    """`word` in lower case without the punctuation around it, in one pass (the regular expression
    it replaces, `^[\\W_]+|[\\W_]+$`, was quadratic on a run of dots: 11 s for one cue)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end].lower()


def ends_clause(line: str) -> bool:
    """A line whose last word ends with punctuation may end there: `break_fault` finds nothing."""
    return line.rstrip()[-1:] in _CLAUSE_END


def break_fault(before: list[str], after: str, lang: str | None) -> str | None:
    """Why a line must not end after the words `before` (visible words of the line, last one at
    the break) when `after` starts the next line, or None when it may.

    >>> break_fault(["Il", "a"], "décidé", "fr")
    'an auxiliary from its participle'
    >>> break_fault(["Il", "ne", "veut"], "pas", "fr")
    'ne from pas'
    >>> break_fault(["Il", "est", "parti,"], "puis", "fr")
    """
    if not before or not after:
        return None
    last = before[-1]
    code = base_language(lang)
    if last[-1] in _CLAUSE_END:
        return None  # must_not_end_line is False too
    bare_last = _bare(last)
    if last[-1] != "'" and bare_last in NO_BREAK_AFTER.get(code, frozenset()):  # must_not_end_line(last, code)
        return "a word from the one it introduces"
    bare_next = _bare(after)
    if last[-1] in "’'":
        return "an elided word from the next"
    if bare_last in _CLITICS.get(code, frozenset()):
        return "a pronoun from its verb"
    if (
        bare_last in _AUXILIARIES.get(code, frozenset())
        and (pattern := _PARTICIPLE.get(code))
        and pattern.match(bare_next)
    ):
        return "an auxiliary from its participle"
    if code == "fr" and bare_next in _NEGATION:
        tail = [_bare(w) for w in before[-3:]]
        negated = [i for i, w in enumerate(tail) if w == "ne" or w.startswith(("n’", "n'"))]
        if negated and not any(w in _NEGATION for w in tail[negated[-1] + 1 :]):
            return "ne from pas"
    if (
        (bare_last in _BEFORE_NOUN.get(code, frozenset()) or _NUMBER.match(last))
        and bare_next.isalpha()
        and bare_next not in _BREAK_BEFORE.get(code, frozenset())
        and bare_next not in NO_BREAK_AFTER.get(code, frozenset())
    ):
        return "a determiner, number or adjective from its noun"
    if (
        bare_last in _QUANTIFIERS.get(code, frozenset())
        and bare_next.isalpha()
        and bare_next not in NO_BREAK_AFTER.get(code, frozenset())
    ):
        return "a quantifier from its noun"
    if (
        len(before) >= 2
        and _NAME.match(last)
        and _NAME.match(after.rstrip(".,;:!?…»"))
        and before[-2][-1] not in ".!?…"
        and not _NAME.match(before[-2])
    ):
        return "a first name from a last name"
    return None


def bad_line_end(line_visible: str, lang: str | None, next_line: str | None = None) -> str | None:
    """The offending last word of a visible line, or None when the line may end there.

    With `next_line`, every pairing of `break_fault` is checked, not only the word lists.
    """
    words = line_visible.replace("\u00a0", " ").replace("\u202f", " ").split()
    if not words:
        return None
    if next_line is None:
        return words[-1] if must_not_end_line(words[-1], lang) else None
    following = next_line.replace("\u00a0", " ").replace("\u202f", " ").split()
    if not following:
        return None
    fault = break_fault(words, following[0], lang)
    return words[-1] if fault and fault not in SOFT_FAULTS else None


def _visible(protected: str) -> str:
    return unescape(without_placeholders(protected))


def _width(protected: str) -> int:
    return count_graphemes(_visible(protected))


def _words(protected: str) -> list[str]:
    """Breakable words; a token with no visible text (a lone tag) is glued to its neighbour."""
    raw = [w for w in re.split(r"[ \t\n]+", protected) if w]
    words: list[str] = []
    pending = ""
    for word in raw:
        if not _visible(word):
            if _is_closing_only(word) and words:
                words[-1] += word
            else:
                pending += word
            continue
        words.append(pending + word)
        pending = ""
    if pending:
        if words:
            words[-1] += pending
        else:
            words.append(pending)
    return words


def _is_closing_only(protected_word: str) -> bool:
    return all(is_closing_placeholder(ch) for ch in protected_word)


def _line_cost(width: int, target: float, max_chars: int) -> float:
    over = max(0, width - max_chars)
    return (width - target) ** 2 + over * 10_000.0


def _break_cost(line_words: Sequence[str], next_word: str, lang: str) -> float:
    """`line_words`: the end of the line being closed (its last three words are enough for
    `break_fault`, as L003 sees them: `ne se fait / pas` must cost here what L003 reports)."""
    before = [_visible(word) for word in line_words]
    visible_last = before[-1]
    fault = break_fault(before, _visible(next_word), lang)
    if fault:
        return 150.0 if fault in SOFT_FAULTS else 400.0
    if visible_last and visible_last[-1] in _CLAUSE_END:
        return -60.0
    bare_next = _bare(_visible(next_word))
    if bare_next in _BREAK_BEFORE.get(lang, frozenset()):
        return -30.0
    return 0.0


@lru_cache(maxsize=4096)
def _layout(words: tuple[str, ...], max_chars: int, lines: int, lang: str) -> tuple[tuple[int, ...], bool]:
    """Best break positions for exactly `lines` lines (dynamic programming, `layout_breaks`).

    Beyond `_DP_WORDS` words, three or more lines are put where they balance the lines best:
    the search would be quadratic, and no layout of so many words fits a subtitle anyway.

    Cost: squared distance of each line from an even share, a heavy charge per character over
    the limit, a charge for breaking after a no-break word, a bonus for breaking at punctuation,
    and a slight preference for a shorter top line (bottom-heavy pyramid).
    Returns (positions where lines start, whether every line fits).
    """
    widths = [_width(w) for w in words]
    count = len(words)
    total = sum(widths) + count - 1
    target = total / lines
    prefix = [0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def span(i: int, j: int) -> int:  # words i..j-1 on one line
        return prefix[j] - prefix[i] + (j - i - 1)

    if lines > 2 and count > _DP_WORDS:
        starts = list(_even_starts(prefix, lines))
        bounds = starts + [count]
        return tuple(starts), all(span(bounds[k], bounds[k + 1]) <= max_chars for k in range(lines))
    break_costs: dict[tuple[int, int], float] = {}  # computed once per (first word considered, break)

    def cost(line: int, i: int, j: int) -> float:
        width = span(i, j)
        value = _line_cost(width, target, max_chars)
        if line < lines:
            key = (max(i, j - 3), j)  # the break's cost depends on the last words of the line only
            if key not in break_costs:
                break_costs[key] = _break_cost(words[key[0] : j], words[j], lang)
            value += break_costs[key] + 0.5 * width * (lines - line)
        return value

    starts = layout_breaks(count, lines, cost)
    bounds = starts + [count]
    fits = all(span(bounds[k], bounds[k + 1]) <= max_chars for k in range(lines))
    return tuple(starts), fits


#: above this many words, three or more lines are balanced without the quadratic search
_DP_WORDS = 200


def _even_starts(prefix: list[int], lines: int) -> tuple[int, ...]:
    """Line starts at the word boundaries nearest to even shares of the text (O(words))."""
    count = len(prefix) - 1
    total = prefix[-1]
    starts = [0]
    word = 1
    for line in range(1, lines):
        goal = total * line / lines
        while word < count - (lines - line) and prefix[word + 1] <= goal:
            word += 1
        word = max(word, starts[-1] + 1)
        starts.append(word)
        word += 1
    return tuple(starts)


def _smallest_fitting_limit(widths: list[int], lines: int) -> int:
    """The narrowest line width at which the words fit in `lines` lines (greedy check, binary search)."""

    def fits(limit: int) -> bool:
        used, width = 1, -1
        for w in widths:
            if width + 1 + w <= limit:
                width += 1 + w
            else:
                used, width = used + 1, w
        return used <= lines

    low = max(max(widths), -(-(sum(widths) + len(widths) - 1) // lines))
    high = sum(widths) + len(widths) - 1
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _join(words: list[str], starts: tuple[int, ...]) -> str:
    bounds = list(starts) + [len(words)]
    return "\n".join(" ".join(words[bounds[k] : bounds[k + 1]]) for k in range(len(starts)))


def _wrap_plain(protected: str, max_chars: int, max_lines: int, lang: str) -> str:
    words = _words(protected)
    if not words:
        return protected.strip()
    one_line = " ".join(words)
    if _width(one_line) <= max_chars or len(words) == 1 or max_lines <= 1:
        return one_line
    fallback: str | None = None
    for lines in range(2, max(2, max_lines) + 1):
        if lines > len(words):
            break
        starts, fits = _layout(tuple(words), max_chars, lines, lang)
        candidate = _join(words, starts)
        if fits:
            return candidate
        if lines == max(2, max_lines) or lines == len(words):
            fallback = candidate
    if fallback is None:
        starts, _ = _layout(tuple(words), max_chars, min(max(2, max_lines), len(words)), lang)
        fallback = _join(words, starts)
    # Nothing fits in max_lines: the most balanced layout in max_lines (longer lines, no text lost).
    return _balanced_over_limit(words, max(2, max_lines), lang, fallback)


def _balanced_over_limit(words: list[str], lines: int, lang: str, fallback: str) -> str:
    """When no layout fits, raise the limit until one does: the most balanced over-long lines.

    A few characters of slack are allowed to avoid breaking after a no-break word.
    """
    lines = min(lines, len(words))
    widths = [_width(w) for w in words]
    total = sum(widths) + len(words) - 1
    limit = _smallest_fitting_limit(widths, lines)  # the first limit at which a layout can fit
    first: str | None = None
    first_limit = 0
    while limit <= total:
        starts, fits = _layout(tuple(words), limit, lines, lang)
        if fits:
            candidate = _join(words, starts)
            if first is None:
                first, first_limit = candidate, limit
            parts = candidate.split("\n")
            if not any(bad_line_end(_visible(a), lang, _visible(b)) for a, b in zip(parts, parts[1:])):
                return candidate
            if limit - first_limit >= 6:
                break
        limit += 1
    return first or fallback


def _speaker_turns(protected_lines: list[str]) -> list[str] | None:
    """Lines grouped by speaker when the cue is a dialogue (two or more lines start with a dash)."""
    starts = [i for i, line in enumerate(protected_lines) if _DASH_LINE.match(_strip_placeholders_keep(line))]
    if not starts or starts == [0]:
        return None
    turns: list[str] = []
    if starts[0] != 0:
        starts.insert(0, 0)  # "Tu viens ?" / "- Oui.": the first speaker's dash is missing (Y006)
    bounds = starts + [len(protected_lines)]
    for k in range(len(starts)):
        turns.append(" ".join(line.strip() for line in protected_lines[bounds[k] : bounds[k + 1]]))
    return turns


def _strip_placeholders_keep(protected_line: str) -> str:
    return without_placeholders(protected_line)


def _well_broken(lines_visible: list[str], max_chars: int, max_lines: int, lang: str) -> bool:
    if len(lines_visible) > max_lines:
        return False
    if any(count_graphemes(line) > max_chars for line in lines_visible):
        return False
    if any(line != line.strip(" ") or not line.strip() for line in lines_visible):
        return False
    if any(bad_line_end(a, lang, b) for a, b in zip(lines_visible, lines_visible[1:])):
        return False
    if len(lines_visible) >= 2 and count_graphemes(" ".join(lines_visible)) <= max_chars:
        return False  # would fit on one line (rule L004)
    return True


def wrap_markup(markup: str, max_chars: int, max_lines: int = 2, lang: str | None = "fr") -> str:
    """Re-wrap one cue's text into balanced lines of at most `max_chars` visible characters.

    Returns `markup` unchanged when it already fits and is well broken. Tags stay where they
    were relative to the words (a tag that spans the break stays open across it, which SRT and
    WebVTT both allow); a dialogue keeps one speaker per line. When the text cannot fit in
    `max_lines` lines, the result is the most balanced layout in `max_lines` lines, longer than
    `max_chars`: text is never dropped.

    >>> wrap_markup("Nous sommes arrivés dans la vallée du Panchir au petit matin.", 42)
    'Nous sommes arrivés dans la vallée\\ndu Panchir au petit matin.'
    >>> wrap_markup("<i>Il est\\nparti.</i>", 42)
    '<i>Il est parti.</i>'
    >>> wrap_markup("- Tu viens ?\\n- Non.", 42)
    '- Tu viens ?\\n- Non.'
    """
    language = base_language(lang)
    from subkit import scripts  # noqa: PLC0415

    try:
        if scripts.unspaced(language):  # Chinese, Japanese, Thai: breaks need a segmenter
            return scripts.wrap_unspaced(markup, max_chars, max_lines, lang)
        protected, tags = protect_tags(markup)
    except PlaceholderError:
        return markup  # cannot be laid out without risk to the text: left as it is
    lines = protected.split("\n")
    visible_lines = [_visible(line) for line in lines]
    if _well_broken(visible_lines, max_chars, max_lines, language):
        return markup
    turns = _speaker_turns(lines)
    if turns is not None:
        wrapped_turns = [" ".join(_words(turn)) for turn in turns]
        if len(turns) <= max_lines and all(_width(t) <= max_chars for t in wrapped_turns):
            result = "\n".join(wrapped_turns)
        elif len(turns) >= max_lines:
            result = "\n".join(wrapped_turns)  # one speaker a line beats mixing speakers
        else:
            budget = max_lines - len(turns)
            parts = []
            for turn in wrapped_turns:
                extra = 1 if budget > 0 and _width(turn) > max_chars else 0
                budget -= extra
                parts.append(_wrap_plain(turn, max_chars, 1 + extra, language) if extra else turn)
            result = "\n".join(parts)
    else:
        result = _wrap_plain(protected, max_chars, max_lines, language)
    return restore_tags(result, tags)
