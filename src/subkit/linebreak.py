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
from functools import lru_cache

from subkit.counting import count_graphemes
from subkit.markup import (  # PLACEHOLDERS and restore_tags are also imported from here
    PLACEHOLDERS,  # noqa: F401
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
_CLAUSE_END = tuple(".,;:!?…»)\"”")
_DASH_LINE = re.compile(r"^(?:<[^>]*>|\{\\[^}]*\})*\s*[-–—]")


def _bare(word: str) -> str:
    """`word` without the punctuation around it, in one pass (the regex it replaces was quadratic on a run of dots)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end]


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
    bare = _bare(word).lower()
    return bare in NO_BREAK_AFTER.get(base_language(lang), frozenset())


def bad_line_end(line_visible: str, lang: str | None) -> str | None:
    """The offending last word of a visible line, or None when the line may end there."""
    words = line_visible.replace("\u00a0", " ").replace("\u202f", " ").split()
    if not words:
        return None
    return words[-1] if must_not_end_line(words[-1], lang) else None


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


def _break_cost(last_word: str, next_word: str, lang: str) -> float:
    visible_last = _visible(last_word)
    if must_not_end_line(visible_last, lang):
        return 400.0
    if visible_last and visible_last[-1] in _CLAUSE_END:
        return -60.0
    bare_next = _bare(_visible(next_word)).lower()
    if bare_next in _BREAK_BEFORE.get(lang, frozenset()):
        return -30.0
    return 0.0


@lru_cache(maxsize=4096)
def _layout(words: tuple[str, ...], max_chars: int, lines: int, lang: str) -> tuple[tuple[int, ...], bool]:
    """Best break positions for exactly `lines` lines (dynamic programming).

    Two lines cost O(words): the first line starts at word 0 and the last ends at the last word.
    Three or more cost O(lines * words^2), so beyond `_DP_WORDS` words the breaks are simply put
    where they balance the lines best (no layout of so many words can fit a subtitle anyway).

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
        starts = _even_starts(prefix, lines)
        bounds = list(starts) + [count]
        return starts, all(span(bounds[k], bounds[k + 1]) <= max_chars for k in range(lines))
    inf = float("inf")
    best: list[list[float]] = [[inf] * (count + 1) for _ in range(lines + 1)]
    back: list[list[int]] = [[0] * (count + 1) for _ in range(lines + 1)]
    best[0][0] = 0.0
    break_costs = [0.0] + [_break_cost(words[j - 1], words[j], lang) for j in range(1, count)]
    for line in range(1, lines + 1):
        ends = range(count, count + 1) if line == lines else range(line, count - (lines - line) + 1)
        for j in ends:
            for i in range(line - 1, 1 if line == 1 else j):
                if best[line - 1][i] == inf:
                    continue
                width = span(i, j)
                cost = best[line - 1][i] + _line_cost(width, target, max_chars)
                if line < lines:
                    cost += break_costs[j] + 0.5 * width * (lines - line)
                if cost < best[line][j]:
                    best[line][j] = cost
                    back[line][j] = i
    starts: list[int] = []
    j = count
    for line in range(lines, 0, -1):
        i = back[line][j]
        starts.append(i)
        j = i
    starts.reverse()
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
            if not any(bad_line_end(_visible(line), lang) for line in candidate.split("\n")[:-1]):
                return candidate
            if limit - first_limit >= 6:
                break
        limit += 1
    return first or fallback


def _speaker_turns(protected_lines: list[str]) -> list[str] | None:
    """Lines grouped by speaker when the cue is a dialogue (two or more lines start with a dash)."""
    starts = [i for i, line in enumerate(protected_lines) if _DASH_LINE.match(_strip_placeholders_keep(line))]
    if len(starts) < 2:
        return None
    turns: list[str] = []
    if starts[0] != 0:
        return None
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
    if any(bad_line_end(line, lang) for line in lines_visible[:-1]):
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
    try:
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
