"""Where lines may break in scripts written without spaces (Chinese, Japanese, Thai), and wrapping there.

A Japanese or Chinese subtitle has no spaces to break at, yet a line may not break just
anywhere: not inside a word or a phrase (`降る|でしょう`), never before closing punctuation,
a small kana or a prolonged-sound mark, never after an opening bracket (the "kinsoku" rules that
UAX #14 encodes), and never inside a run of Latin letters or digits. Two ways to find the
opportunities are here:

- `phrases`: BudouX's phrase breaker (Google's, about 300 KB of model data for ja, zh-Hans,
  zh-Hant and th, no dependencies), which keeps words and short phrases together, then the
  kinsoku rules on what it returns;
- `uax14_units`: the UAX #14 pair rules that matter for these scripts (break between any two
  ideographs or kana unless a rule forbids it).

`benchmarks/bench_translate.py` measures both on hand-segmented sentences: the share of line
breaks that fall inside a word is what chose the phrase breaker (docs/translate.md). UAX #14
remains the fallback inside a phrase longer than a line, and for scripts BudouX has no model
for (Lao, Khmer, Burmese, Tibetan: breaks between grapheme clusters, which UAX #14 leaves to a
dictionary).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: languages written without spaces between words
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
#: never at the start of a line (UAX #14 CL, CP, EX, IS, NS and small kana: JIS X 4051 kinsoku)
NO_START = frozenset(
    "、。，．・：；？！ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "」』）】〕〉》〗〙〛”’…‥〜～!),.:;?]}％‰℃°゛゜｝］）：；！？，．"
)
#: never at the end of a line (UAX #14 OP and opening quotation marks)
NO_END = frozenset("「『（【〔〈《〖〘〚“‘([{｛［（＄￥＃")
#: characters that form unbreakable runs (Latin words, numbers: UAX #14 AL and NU)
_ALNUM = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a_'’.,%\-]")
_SPACE = frozenset(" \u3000\t")
_PHRASE_MODELS = {
    "ja": "load_default_japanese_parser",
    "zh": "load_default_simplified_chinese_parser",
    "zh-Hant": "load_default_traditional_chinese_parser",
    "th": "load_default_thai_parser",
}


def language_of(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def unspaced(lang: str | None) -> bool:
    """True when `lang` is written without spaces between words."""
    return language_of(lang) in UNSPACED


@lru_cache(maxsize=8)
def _parser(model: str):  # type: ignore[no-untyped-def]
    import budoux  # noqa: PLC0415 - ~10 ms, only for these scripts

    return getattr(budoux, _PHRASE_MODELS[model])()


def _model(lang: str | None) -> str | None:
    language = language_of(lang)
    if language == "zh":
        tags = (lang or "").replace("_", "-").split("-")[1:]
        return "zh-Hant" if any(t.lower() in ("hant", "tw", "hk", "mo") for t in tags) else "zh"
    return language if language in _PHRASE_MODELS else None


def _may_break(before: str, after: str) -> bool:
    """UAX #14's answer for the pairs that matter here (no break = glue)."""
    if not before or not after:
        return False
    if after in NO_START or before in NO_END:
        return False
    if unicodedata.combining(after) or after in "\u200d\ufe0f\ufe0e" or before == "\u200d":
        return False
    if _ALNUM.match(before) and _ALNUM.match(after):
        return False
    if after in _SPACE:
        return False  # break after a space, not before it
    return True


def uax14_units(text: str) -> list[str]:
    """`text` cut at every UAX #14 break opportunity (for ideographs and kana: almost everywhere)."""
    units: list[str] = []
    for ch in text:
        if units and not _may_break(units[-1][-1], ch):
            units[-1] += ch
        else:
            units.append(ch)
    return units


def phrases(text: str, lang: str | None) -> list[str]:
    """`text` cut into phrases that a line may break between (their concatenation is `text`)."""
    model = _model(lang)
    if not text:
        return []
    if model is None:
        return uax14_units(text)
    chunks = _parser(model).parse(text)
    units: list[str] = []
    for chunk in chunks:
        # the kinsoku rules win over the phrase breaker: glue a chunk that may not start a line
        if units and not _may_break(units[-1][-1], chunk[0]):
            units[-1] += chunk
        else:
            units.append(chunk)
    return units


def units(text: str, lang: str | None, method: str = "phrases") -> list[str]:
    """Break units of `text`: phrases (the default) or UAX #14 opportunities."""
    return phrases(text, lang) if method == "phrases" else uax14_units(text)


# -- wrapping cue markup -----------------------------------------------------------------


def _visible_width(protected: str) -> int:
    from subkit.counting import count_graphemes  # noqa: PLC0415
    from subkit.markup import PLACEHOLDERS  # noqa: PLC0415

    return count_graphemes(re.sub(f"[{PLACEHOLDERS}]", "", protected).strip())


def _protected_units(protected: str, lang: str | None, method: str = "phrases") -> list[str]:
    """Units of a tag-protected text: tags (private-use placeholders) glued to the text they mark."""
    from subkit.markup import PLACEHOLDERS  # noqa: PLC0415

    placeholder = re.compile(f"[{PLACEHOLDERS}]")
    visible = placeholder.sub("", protected)
    cuts: set[int] = set()
    position = 0
    for unit in units(visible, lang, method):
        position += len(unit)
        cuts.add(position)
    result: list[str] = []
    current = ""
    seen = 0
    for ch in protected:
        if placeholder.match(ch):
            current += ch
            continue
        if seen in cuts and current.strip() and seen > 0 and _visible_width(current):
            # an opening tag that ends the previous unit belongs to the next one
            moved = re.search("[\U000f0000-\U000ffffd]+$", current)
            if moved:
                result.append(current[: moved.start()])
                current = moved.group(0)
            else:
                result.append(current)
                current = ""
        current += ch
        seen += 1
    if current:
        if result and not _visible_width(current):
            result[-1] += current
        else:
            result.append(current)
    return result


def _split_characters(unit: str) -> list[str]:
    """A unit cut at its UAX #14 opportunities (tags stay with their characters)."""
    from subkit.markup import PLACEHOLDERS  # noqa: PLC0415

    placeholder = re.compile(f"[{PLACEHOLDERS}]")
    pieces: list[str] = []
    for ch in unit:
        if pieces and (placeholder.match(ch) or not _may_break(placeholder.sub("", pieces[-1])[-1:], ch)):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


_CLAUSE_END = frozenset("、。，．！？：；」』）…,.!?:;")
#: what a break inside a phrase costs, against the squared imbalance of the lines: a phrase is
#: split only to keep a line within the limit
_INSIDE_PHRASE = 60.0


def _layout(widths: list[int], costs: list[float], max_chars: int, lines: int) -> list[int]:
    """Start index of each line: balanced lines, none over `max_chars` if possible, cheap breaks."""
    from subkit.layout import layout_breaks  # noqa: PLC0415

    prefix = [0]
    for width in widths:
        prefix.append(prefix[-1] + width)
    target = prefix[-1] / lines

    def cost(line: int, i: int, j: int) -> float:
        width = prefix[j] - prefix[i]
        value = (width - target) ** 2 + max(0, width - max_chars) * 10_000.0
        if line < lines:
            value += costs[j - 1] + 0.25 * width  # slightly shorter top line (bottom-heavy)
        return value

    return layout_breaks(len(widths), lines, cost)


def _wrap_text(protected: str, max_chars: int, max_lines: int, lang: str | None, method: str = "phrases") -> str:
    from subkit.markup import PLACEHOLDERS  # noqa: PLC0415

    text = protected.strip()
    if _visible_width(text) <= max_chars or max_lines <= 1:
        return text
    pieces: list[str] = []
    costs: list[float] = []  # of a line break after each piece
    for unit in _protected_units(text, lang, method):
        inner = _split_characters(unit)
        for index, piece in enumerate(inner):
            pieces.append(piece)
            end = re.sub(f"[{PLACEHOLDERS}]", "", piece).rstrip()[-1:]
            costs.append(_INSIDE_PHRASE if index < len(inner) - 1 else -30.0 if end in _CLAUSE_END else 0.0)
    if len(pieces) < 2:
        return text
    widths = [_visible_width(piece) for piece in pieces]
    lines = 2
    while lines < max_lines and -(-sum(widths) // lines) > max_chars:
        lines += 1
    lines = min(lines, len(pieces))
    starts = _layout(widths, costs, max_chars, lines) + [len(pieces)]
    return "\n".join("".join(pieces[starts[k] : starts[k + 1]]).strip() for k in range(lines))


def wrap_unspaced(
    markup: str, max_chars: int, max_lines: int = 2, lang: str | None = "ja", method: str = "phrases"
) -> str:
    """Re-wrap one cue of a language written without spaces into balanced lines of at most
    `max_chars` characters, breaking only at phrase boundaries (or UAX #14 opportunities inside
    a phrase, when a line would be too long otherwise). A dialogue keeps one speaker a line;
    text is never dropped. `method="uax14"` breaks at every UAX #14 opportunity instead (kept
    for the measurement that chose phrases)."""
    from subkit.markup import protect_tags, restore_tags  # noqa: PLC0415

    protected, tags = protect_tags(markup)
    lines = protected.split("\n")
    dash = re.compile(r"^[\U000f0000-\U0010fffd]*\s*[-–—－]")
    if sum(1 for line in lines if dash.match(line)) >= 2 and dash.match(lines[0]):
        turns: list[str] = []
        for line in lines:
            if dash.match(line) or not turns:
                turns.append(line.strip())
            else:
                turns[-1] += line.strip()
        return restore_tags("\n".join(turns), tags)
    joined = "".join(line.strip() for line in lines)
    return restore_tags(_wrap_text(joined, max_chars, max_lines, lang, method), tags)
