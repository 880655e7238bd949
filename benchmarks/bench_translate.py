"""translate on the 52-minute sample with look-alike engines: where words land, CJK drafts, typography.

No network and no timing: each engine is an in-process stand-in that behaves like a family of
real answers, and the figures are counts on the drafts the real pipeline makes.

- Spreading: engines that keep every word and its order but change its length (each word
  longer by a third on average, or shorter by a quarter, or respelt at random lengths). The k-th
  word of an answer is the k-th word of its source, so a word "lands in another cue" exactly when
  a cue's running word count differs from the source's; the figure is the sum over cues of that
  difference, as a share of all words. Two variants: the engine keeps the cue-boundary markers
  subkit sends, or it drops them (then the spreading falls back to clause boundaries).
- French targets: cues that start with `: ; ! ? »` or end with `«` (spaced punctuation split off
  its word) and numbers that lost their no-break space (`5 000`).
- Chinese and Japanese: requests per language against `characters / batch limit + 2`, and lines
  over the language's CPL (13 ja, 16 zh) in drafts made by a look-alike engine that writes half
  as many ideographs as the source has letters, with no spaces.
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

SAMPLE = HERE.parent / "samples" / "panchir.fr.srt"
_TOKEN = re.compile(r"\S+")
_PLACEHOLDER = re.compile(r"^\[\d+\]$")
_CORE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
_WORD = re.compile(r"[^\W_]")
#: the word the "adds a word" engines put at the start of each sentence (not counted)
FILLER = "zzq"
#: a placeholder between spaces: how subkit sends a cue-boundary marker (tags are glued to words)
_MARKER = re.compile(r"(?<= )\[\d+\] ")


def _factor(word: str, low: float, high: float) -> float:
    """A stable pseudo-random factor per word, uniform in [low, high]."""
    return low + (high - low) * (zlib.crc32(word.encode()) % 1000) / 999


class LookAlike:
    """Keeps every word and its order; each word's length is multiplied by a factor in [low, high]."""

    def __init__(self, name: str, low: float, high: float, keep_markers: bool = True, extra: bool = False) -> None:
        self.name = name
        self.low, self.high = low, high
        self.keep_markers = keep_markers
        #: one more word at the start of each sentence (so word counts differ from the source's)
        self.extra = extra
        self.cache_key = f"lookalike-{name}-{keep_markers}-{extra}"
        self.max_chars = 5000
        self.requests = 0
        self.chars = 0
        self.out_chars = 0

    def _word(self, token: str) -> str:
        if _PLACEHOLDER.match(token):
            return token
        lead, core, trail = _CORE.match(token).groups()  # type: ignore[union-attr]
        if not core or core.isdigit():
            return token  # numbers are kept, as engines keep them
        if self.low < 0:  # long words grow most, as compounds do
            size = len(core) + len(core) ** 2 // -int(self.low)
        else:
            size = max(1, round(len(core) * _factor(core, self.low, self.high)))
        grown = (core * (1 + size // len(core)))[:size]
        return lead + grown + trail

    def translate(self, text: str) -> str:
        self.requests += 1
        self.chars += len(text)
        lines = []
        for line in text.split("\n"):
            if not self.keep_markers:
                line = _MARKER.sub("", line).strip()
            line = _TOKEN.sub(lambda m: self._word(m.group(0)), line)
            lines.append(f"{FILLER} {line}" if self.extra and line else line)
        answer = "\n".join(lines)
        self.out_chars += len(answer)
        return answer


class PseudoCJK:
    """Answers in a script without spaces (tests/translate/fakelibre.py `pseudo_cjk`)."""

    def __init__(self, target: str) -> None:
        from tests.translate.fakelibre import pseudo_cjk

        self.convert: Callable[[str, str], str] = pseudo_cjk
        self.target = target
        self.cache_key = f"pseudo-{target}"
        self.max_chars = 5000
        self.requests = 0
        self.chars = 0

    def translate(self, text: str) -> str:
        self.requests += 1
        self.chars += len(text)
        return self.convert(text, self.target)


def _words(text: str) -> int:
    from subkit.markup import visible_text

    return sum(1 for token in visible_text(text).replace(FILLER, " ").split() if _WORD.search(token))


def misplaced_share(source: object, draft: object) -> tuple[int, int]:
    """(words in a cue other than their source word's, all words), by running counts."""
    misplaced = total = draft_total = 0
    for before, after in zip(source.cues, draft.cues):  # type: ignore[attr-defined]
        total += _words(before.text)
        draft_total += _words(after.text)
        misplaced += abs(draft_total - total)
    return misplaced, total


def _translate(track: object, engine: object, source: str, target: str) -> object:
    from subkit.qc import resolve_thresholds
    from subkit.translation import Layout, TrackTranslator, TranslationCache

    limits = resolve_thresholds("netflix", None, target)
    layout = Layout(limits.max_cpl, limits.max_lines)
    return TrackTranslator(engine, TranslationCache(None), source, target, layout=layout).translate(track)  # type: ignore[arg-type]


def _spreading(track: object) -> list[str]:
    lines = ["  words in a cue other than their source word's (look-alike engines that keep every word):"]
    engines = [
        ("longer by a third", 1.0, 1.8),
        ("long words longer", -11, 0),
        ("shorter by a quarter", 0.3, 0.98),
        ("respelt (x0.5 to x2)", 0.5, 2.0),
    ]
    for keep, extra in ((True, False), (False, False), (False, True)):
        for name, low, high in engines:
            engine = LookAlike(name, low, high, keep_markers=keep, extra=extra)
            draft = _translate(track, engine, "fr", "en")
            misplaced, total = misplaced_share(track, draft.track)  # type: ignore[attr-defined]
            how = "keeps markers" if keep else "drops markers" + (", adds a word" if extra else "")
            growth = engine.out_chars / max(1, engine.chars) - 1
            lines.append(
                f"    {name:22} ({growth:+.0%} characters) {how}: {misplaced} of {total} words "
                f"({100 * misplaced / total:.2f}%), {engine.requests} requests"
            )
    return lines


def _french(track: object) -> list[str]:
    lines = ["  French targets (source labelled en): spaced punctuation split off, numbers split"]
    for name, low, high in (("longer by a third", 1.0, 1.8), ("shorter by a quarter", 0.3, 0.98)):
        engine = LookAlike(name, low, high, keep_markers=False)
        draft = _translate(track, engine, "en", "fr")
        texts = [cue.text for cue in draft.track.cues]  # type: ignore[attr-defined]
        from subkit.markup import visible_text

        starts = sum(1 for t in texts if re.match(r"^[-\s\u00a0]*[:;!?»]", visible_text(t)))
        ends = sum(1 for t in texts if re.search(r"«[\s\u00a0]*$", visible_text(t)))
        split = sum(1 for t in texts for _ in re.finditer(r"\d \d{3}\b", visible_text(t)))
        kept = sum(1 for t in texts for _ in re.finditer(r"\d[\u00a0\u202f]\d{3}\b", visible_text(t)))
        lines.append(
            f"    {name:22}: {starts} cues start with : ; ! ? », {ends} end with «, "
            f"{split} numbers with a breaking space, {kept} with a no-break space"
        )
    return lines


def _cjk(track: object) -> list[str]:
    from subkit.counting import count_graphemes
    from subkit.markup import visible_text
    from subkit.qc import resolve_thresholds
    from subkit.translation.segment import split_cue

    lines = ["  Chinese and Japanese (look-alike engine writing ideographs, no spaces):"]
    for target in ("zh", "ja"):
        engine = PseudoCJK(target)
        draft = _translate(track, engine, "fr", target)
        limits = resolve_thresholds("netflix", None, target)
        shown = [line for cue in draft.track.cues for line in visible_text(cue.text).split("\n")]  # type: ignore[attr-defined]
        over = sum(1 for line in shown if count_graphemes(line) > limits.max_cpl)
        # cues whose text would fit in the allowed lines, yet a line is too long: a wrapping failure
        missed = 0
        for cue in draft.track.cues:  # type: ignore[attr-defined]
            lines_shown = visible_text(cue.text).split("\n")
            dialogue = sum(1 for line in lines_shown if line.lstrip().startswith(("-", "－"))) >= 2
            fits = sum(count_graphemes(line) for line in lines_shown) <= limits.max_cpl * limits.max_lines - 2
            if fits and not dialogue and any(count_graphemes(line) > limits.max_cpl for line in lines_shown):
                missed += 1
        sent = sum(len(p.plain) for i, cue in enumerate(track.cues) for p in split_cue(i, cue))  # type: ignore[attr-defined]
        bound = math.ceil(sent / 5000) + 2
        lines.append(
            f"    {target}: {engine.requests} requests (bound {bound}), {over} of {len(shown)} lines over "
            f"{limits.max_cpl} CPL, of which {missed} in cues that fit in {limits.max_lines} lines"
        )
    return lines


def _break_quality() -> list[str]:
    """Line breaks inside a word (zh) or a phrase (ja) on hand-segmented sentences, per method."""
    from subkit.counting import count_graphemes
    from subkit.qc import resolve_thresholds
    from subkit.scripts import wrap_unspaced

    rows: dict[str, list[tuple[str, set[int]]]] = {}
    for line in (HERE / "data" / "cjk_breaks.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, marked = line.split(" ", 1)
        allowed: set[int] = set()
        for part in marked.split("|")[:-1]:
            allowed.add((max(allowed) if allowed else 0) + len(part))
        rows.setdefault(language, []).append((marked.replace("|", ""), allowed))
    out = ["  line breaks in CJK sentences written for this test, wrapped to the language's CPL:"]
    for language, sentences in rows.items():
        limit = resolve_thresholds("netflix", None, language).max_cpl
        for method in ("phrases", "uax14"):
            breaks = bad = over = 0
            for text, allowed in sentences:
                lines = wrap_unspaced(text, limit, 2, language, method).split("\n")
                position = 0
                for line in lines[:-1]:
                    position += len(line)
                    breaks += 1
                    bad += position not in allowed
                over += sum(1 for line in lines if count_graphemes(line) > limit)
            name = "BudouX phrases + UAX #14" if method == "phrases" else "UAX #14 only"
            out.append(
                f"    {language} ({len(sentences)} sentences, {limit} CPL) {name:24}: {bad} of {breaks} breaks "
                f"inside a {'phrase' if language == 'ja' else 'word'}, {over} lines over the limit"
            )
    return out


def run(quick: bool = False) -> list[str]:
    from subkit.formats import read_track

    track = read_track(str(SAMPLE))
    out = [f"## translate: drafts of samples/panchir.fr.srt ({len(track.cues)} cues) with look-alike engines"]
    out += _spreading(track)
    out += _french(track)
    out += _cjk(track)
    out += _break_quality()
    return out


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
