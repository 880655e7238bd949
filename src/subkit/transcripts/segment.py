"""Timed words -> cues a delivery profile accepts: where to cut, how to lay out, when to show.

Cutting is one dynamic programme over the words (O(words x words-per-cue), so linear in the
transcript). A cue may end after any word; what it costs says what a subtitler weighs:

- where it ends: a sentence end costs nothing, a clause end (or before a conjunction) a little,
  the middle of a phrase more, and inside a group the line-breaking rules protect (article+noun,
  first+last name, auxiliary+participle, ne+pas, number+noun: `subkit.linebreak.break_fault`) so
  much that it happens only when nothing else fits;
- what it holds: a fixed price per cue (fewer, fuller cues), a price for each pause kept inside
  it (silence is where subtitlers cut), a price for a full cue and for a scrap of a sentence
  alone, and a heavy price per millisecond of reading time it cannot get before the next speech
  starts (minimum duration, characters per second, words per minute, reading-time table);
- what cannot be: more lines than the profile allows at its line length (the lines are checked
  the way `subkit.linebreak` lays them out, preferring breaks outside protected groups), more
  speech than the maximum duration, or two speakers in one cue, except as a dialogue cue (one
  line per speaker, each opened by the language's dash) when the profile allows those.

Lines are then laid out by `subkit.linebreak.wrap_markup` (balanced, bottom-heavy, the same
code `fix` uses), and times are put on the frame grid: a cue starts on the frame of its first
word, ends when its words are spoken or later if reading needs it (into the silence before the
next speech; the next cue may then start up to 400 ms after its first word when speech is too
fast), is chained to the next cue when the gap would be under half a second (or under the
profile's minimum pause, BBC), and keeps the profile's minimum gap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

from subkit.counting import char_count, count_graphemes, word_count
from subkit.linebreak import _BREAK_BEFORE, SOFT_FAULTS, base_language, break_fault, wrap_markup
from subkit.markup import visible_text
from subkit.model import Cue, Track
from subkit.qc.config import Thresholds
from subkit.timecode import frames_to_ms, ms_to_frames
from subkit.transcripts.model import Word
from subkit.transcripts.typography import typeset
from subkit.translation.segment import dash_text

#: costs of ending a cue after a word, by what the word ends
SENTENCE, CLAUSE, PHRASE, PROTECTED = 0.0, 20.0, 60.0, 1000.0
#: the price of one more cue
CUE = 50.0
#: the price of a pause kept inside a cue, per ms beyond a breath
PAUSE_PER_MS, BREATH_MS = 0.4, 150
#: the price per ms of reading time a cue cannot get
DEFICIT_PER_MS = 1.0
#: a two-line layout that must break inside a protected group (rule L003, a warning)
LOOSE_LINES = 150.0
#: a cue holding two speakers, one line each
DIALOGUE = 20.0
#: the price of a full cue (times the square of its share of the profile's capacity): when a
#: sentence must be cut, cut it into even parts rather than a full cue and a scrap
FILL = 100.0
#: a cue this short (characters) that is only a piece of a sentence is an orphan
ORPHAN_CHARS, ORPHAN = 16, 80.0
#: how late a cue may start after its first word when the cue before needs reading time
MAX_LAG_MS = 400
#: gaps under this are closed to the minimum gap (Netflix: chain when 12 frames or fewer at 24 fps)
CHAIN_MS = 500

_SENTENCE_END = tuple(".!?…")
_CLAUSE_END = tuple(",;:—–")
_CLOSERS = "»\"”’')]\u00a0\u202f"
#: punctuation that belongs to the word before it
_ATTACHED = frozenset(".,;:!?…»)]\"”’'")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
#: the longest any cue may last when the profile sets no maximum (BBC)
UNBOUNDED = 1 << 40
_ABBREVIATIONS = frozenset("m mm mme mlle dr mr mrs ms st me pr prof etc".split())


@dataclass(frozen=True, slots=True)
class Limits:
    """The profile's numbers as the segmenter uses them (ms on the given frame grid)."""

    thresholds: Thresholds
    fps: Fraction
    lang: str | None

    @property
    def dialogue(self) -> bool:
        """May two speakers share a cue (one line each, with dialogue dashes)."""
        return self.thresholds.dialogue_cues

    @property
    def gap_ms(self) -> int:
        return frames_to_ms(self.thresholds.min_gap_frames, self.fps)


@dataclass(slots=True)
class LowConfidence:
    """A word the recogniser was unsure of: kept in the track, listed for a person to check."""

    cue: int
    word: str
    confidence: float
    start: int
    where: str


@dataclass(slots=True)
class Segmented:
    """The track, which words each cue shows, and the words to check."""

    track: Track
    #: for each cue, the words it shows: indices [first, stop) into the input words
    spans: list[tuple[int, int]] = field(default_factory=list)
    low_confidence: list[LowConfidence] = field(default_factory=list)


def _end_cost(before: list[str], following: str, lang: str | None) -> float:
    """The cost of ending a cue after the last of `before` (visible words) when `following` comes next."""
    visible = before[-1]
    tail = visible.rstrip(_CLOSERS)
    if tail.endswith(_SENTENCE_END):
        stem = tail.rstrip(".").lower()
        if (
            tail.endswith(".")
            and not tail.endswith("..")
            and (stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()))
        ):
            return PROTECTED  # M. Massoud, J. Smith
        return SENTENCE
    if tail.endswith(_CLAUSE_END) or visible.endswith(("»", '"', "”", ")")):
        return CLAUSE
    fault = break_fault(before, following, lang)
    if fault is not None:
        return PHRASE * 2 if fault in SOFT_FAULTS else PROTECTED
    if _bare(following) in _BREAK_BEFORE.get(base_language(lang), frozenset()):
        return CLAUSE  # before a conjunction or a relative pronoun: where a clause starts
    return PHRASE


def _bare(word: str) -> str:
    return _EDGE.sub("", word).lower()


class _Reading:
    """The shortest time a cue may be shown: the profile's minimum duration, characters per second,
    words per minute and reading-time table (rule R003), whichever asks most."""

    def __init__(self, rules: Thresholds) -> None:
        self.min_duration = rules.min_duration
        self.ms_per_char = 1000 / rules.max_cps if rules.max_cps else 0.0
        self.ms_per_word = 60000 / rules.max_wpm if rules.max_wpm else 0.0
        self.table = tuple(sorted(rules.reading_table, key=lambda row: row[1]))
        self.factor = (100 + rules.reading_tolerance) / 100
        self._by_chars: list[float] = [
            self._chars_ms(chars) for chars in range(2 * rules.max_cpl * rules.max_lines + 8)
        ]

    def _chars_ms(self, chars: int) -> float:
        need = max(self.min_duration, chars * self.ms_per_char)
        if self.table:
            need = max(need, self._table_ms(chars / self.factor))
        return need

    def _table_ms(self, chars: float) -> float:
        """The inverse of `qc.rules.pace.allowed_characters` (linear between the table's points)."""
        (first_chars, first_ms), (last_chars, last_ms) = self.table[0], self.table[-1]
        if chars <= first_chars:
            return chars * first_ms / first_chars
        for (c0, t0), (c1, t1) in zip(self.table, self.table[1:]):
            if c0 <= chars <= c1 and c1 > c0:
                return t0 + (chars - c0) * (t1 - t0) / (c1 - c0)
        return chars * last_ms / last_chars

    def __call__(self, chars: int, words: int) -> float:
        by_chars = self._by_chars[chars] if chars < len(self._by_chars) else self._chars_ms(chars)
        return max(by_chars, words * self.ms_per_word)


class _Layout:
    """Whether words i..j-1 fit in the profile's lines, in O(lines): prefix sums of widths and,
    for each word, where the next line starts when a line starts at it."""

    def __init__(self, widths: list[int], protected: list[bool], max_chars: int, max_lines: int) -> None:
        count = len(widths)
        prefix = [0]
        for width in widths:
            prefix.append(prefix[-1] + width + 1)  # each word and the space after it
        self.prefix = prefix
        self.max_chars = max_chars
        self.max_lines = max_lines
        #: the first word after the longest line that starts at word i (a word too long for a line
        #: is a line of its own)
        self.loose = [0] * count
        furthest = 0
        for i in range(count):
            furthest = max(furthest, i + 1)
            while furthest < count and prefix[furthest + 1] - prefix[i] - 1 <= max_chars:
                furthest += 1
            self.loose[i] = furthest
        #: the same, but the line may only end where a break is allowed (-1: nowhere)
        allowed_before = [0] * (count + 1)
        last = 0
        for k in range(count + 1):
            if 0 < k < count and not protected[k - 1]:
                last = k
            allowed_before[k] = last
        self.strict = [allowed_before[k] if allowed_before[k] > i else -1 for i, k in enumerate(self.loose)]

    def width(self, i: int, j: int) -> int:
        return self.prefix[j] - self.prefix[i] - 1

    def lines(self, i: int, j: int, strict: bool) -> int:
        """How many lines words i..j-1 need at best (greedy longest lines, which is optimal);
        more than the maximum when they cannot fit."""
        prefix, max_chars, max_lines = self.prefix, self.max_chars, self.max_lines
        starts = self.strict if strict else self.loose
        count = 0
        while i < j:
            count += 1
            if prefix[j] - prefix[i] - 1 <= max_chars:
                return count
            if count >= max_lines:
                return max_lines + 1
            following = starts[i]
            if following <= i:
                return max_lines + 1
            i = following
        return count


def segment_words(words: list[Word], limits: Limits, min_confidence: float = 0.5) -> Segmented:
    """Cues for `words` (in spoken order, times checked) under `limits`; every word in exactly one cue."""
    if not words:
        return Segmented(Track([], language=limits.lang))
    lang = limits.lang
    rules = limits.thresholds
    texts = [typeset(word.text, lang, rules.ellipsis) for word in words]
    visible = [visible_text(text) for text in texts]
    widths = [count_graphemes(text) for text in visible]
    count = len(words)
    separators = _separators(visible, lang)
    ends = [
        PROTECTED if separators[k + 1] != " " else _end_cost(visible[max(0, k - 3) : k + 1], visible[k + 1], lang)
        for k in range(count - 1)
    ] + [SENTENCE]
    protected = [cost >= PROTECTED for cost in ends]
    layout = _Layout(widths, protected, rules.max_cpl, rules.max_lines)
    spans = _cut(words, ends, layout, limits)
    cues = _timed_cues(words, texts, separators, spans, limits)
    low = [
        LowConfidence(number, words[k].text, confidence, words[k].start, words[k].where)
        for number, (first, stop) in enumerate(spans, 1)
        for k in range(first, stop)
        if (confidence := words[k].confidence) is not None and confidence < min_confidence
    ]
    return Segmented(Track(cues, language=lang), spans, low)


def _separators(visible: list[str], lang: str | None) -> list[str]:
    """What goes before each word when a cue is written: a space, or for punctuation given as a
    word of its own ("nous" "?"), nothing or the language's non-breaking space."""
    french = bool(lang) and base_language(lang) == "fr"
    out = [""]
    for k in range(1, len(visible)):
        word, previous = visible[k], visible[k - 1]
        if word and not any(ch.isalnum() for ch in word) and word[0] in _ATTACHED:
            out.append("\u00a0" if french and word[0] in ";:!?»" else "")
        elif previous and not any(ch.isalnum() for ch in previous) and previous[-1] in "«“(¿¡":
            out.append("\u00a0" if french and previous[-1] == "«" else "")
        else:
            out.append(" ")
    return out


def _speaker_change(words: list[Word], k: int) -> bool:
    """True when word k+1 is said by someone else than word k (both labelled)."""
    a, b = words[k].speaker, words[k + 1].speaker
    return a is not None and b is not None and a != b


class _Costs:
    """What ending a cue after a word, and showing words i..j-1 as one cue, cost (see the module doc)."""

    def __init__(self, words: list[Word], ends: list[float], layout: _Layout, limits: Limits) -> None:
        self.rules = rules = limits.thresholds
        self.limits = limits
        self.layout = layout
        self.ends = ends
        count = len(words)
        self.count = count
        self.gap = limits.gap_ms
        self.capacity = rules.max_cpl * rules.max_lines
        self.dash = len(dash_text(limits.lang or ""))
        self.reading = _Reading(rules)
        self.max_duration = rules.max_duration or UNBOUNDED
        self.starts = [w.start for w in words]
        self.finishes = [w.end for w in words]
        self.changes = [_speaker_change(words, k) for k in range(count - 1)] + [False]
        #: does word k start a sentence (or a speaker's turn)
        self.whole = [True] + [ends[k] == SENTENCE or self.changes[k] for k in range(count - 1)]
        self.pause_prefix = [0.0]
        for k in range(count - 1):
            pause = max(0, self.starts[k + 1] - self.finishes[k] - BREATH_MS)
            self.pause_prefix.append(self.pause_prefix[-1] + pause)
        self.pause_prefix.append(self.pause_prefix[-1])

    def end(self, j: int) -> float:
        """The price of a cue ending before word j."""
        if j >= self.count:
            return 0.0
        if self.changes[j - 1]:
            return min(self.ends[j - 1], CLAUSE)  # a new speaker is a natural place to cut
        return self.ends[j - 1]

    def cue(self, i: int, j: int, turn: int | None) -> float | None:
        """The price of words i..j-1 as one cue (`turn`: where a second speaker starts), None if impossible."""
        rules = self.rules
        layout = self.layout
        width = layout.width(i, j)
        cost = CUE + PAUSE_PER_MS * (self.pause_prefix[j - 1] - self.pause_prefix[i])
        cost += FILL * (width / self.capacity) ** 2
        if width < ORPHAN_CHARS and not (self.whole[i] and self.ends[j - 1] == SENTENCE):
            cost += ORPHAN * (1 - width / ORPHAN_CHARS)
        if turn is not None:
            if layout.width(i, turn) + self.dash > rules.max_cpl or layout.width(turn, j) + self.dash > rules.max_cpl:
                return None
            lines = 2
            width += 2 * self.dash
            cost += DIALOGUE
        elif width <= rules.max_cpl or j - i == 1:
            lines = 1
        else:
            lines = layout.lines(i, j, True)
            if lines > rules.max_lines:
                lines = layout.lines(i, j, False)
                if lines > rules.max_lines:
                    return None
                cost += LOOSE_LINES
        chars = width - lines + 1
        need = self.reading(chars, j - i)
        room = self.max_duration
        if j < self.count:
            room = min(room, self.starts[j] - self.gap - self.starts[i])
        if need > room:
            cost += DEFICIT_PER_MS * (need - room)
        return cost


def _cut(words: list[Word], ends: list[float], layout: _Layout, limits: Limits) -> list[tuple[int, int]]:
    """The cheapest way to cut the words into cues (dynamic programming over cue ends)."""
    costs = _Costs(words, ends, layout, limits)
    rules = limits.thresholds
    count = len(words)
    changes = costs.changes
    starts, finishes = costs.starts, costs.finishes
    dialogue = limits.dialogue and rules.max_lines >= 2
    inf = float("inf")
    best = [inf] * (count + 1)
    back = [0] * (count + 1)
    best[0] = 0.0
    for j in range(1, count + 1):
        end_cost = costs.end(j)
        turn: int | None = None
        for i in range(j - 1, -1, -1):
            if i < j - 1:
                if changes[i]:
                    if turn is not None or not dialogue:
                        break
                    turn = i + 1
                if layout.width(i, j) > costs.capacity or finishes[j - 1] - starts[i] > costs.max_duration:
                    break
            if best[i] == inf:
                continue
            cost = costs.cue(i, j, turn)
            if cost is None:
                continue
            cost += best[i] + end_cost
            if cost < best[j]:
                best[j] = cost
                back[j] = i
    spans: list[tuple[int, int]] = []
    j = count
    while j > 0:
        spans.append((back[j], j))
        j = back[j]
    spans.reverse()
    return spans


def _cue_text(words: list[Word], texts: list[str], separators: list[str], first: int, stop: int, limits: Limits) -> str:
    rules = limits.thresholds
    turn = next((k + 1 for k in range(first, stop - 1) if _speaker_change(words, k)), None)
    if turn is not None:
        dash = dash_text(limits.lang or "")
        return "\n".join(dash + _joined(words, texts, separators, a, b) for a, b in ((first, turn), (turn, stop)))
    return wrap_markup(_joined(words, texts, separators, first, stop), rules.max_cpl, rules.max_lines, limits.lang)


def _joined(words: list[Word], texts: list[str], separators: list[str], first: int, stop: int) -> str:
    """Words joined by their separators, each run of italic words inside one `<i>...</i>`."""
    parts: list[str] = []
    for k in range(first, stop):
        text = texts[k]
        if words[k].italic and (k == first or not words[k - 1].italic):
            text = "<i>" + text
        if words[k].italic and (k == stop - 1 or not words[k + 1].italic):
            text += "</i>"
        parts.append(text if k == first else separators[k] + text)
    return "".join(parts)


def _timed_cues(
    words: list[Word], texts: list[str], separators: list[str], spans: list[tuple[int, int]], limits: Limits
) -> list[Cue]:
    """Cue times on the frame grid: from the first word, as long as reading needs, with legal gaps."""
    rules = limits.thresholds
    fps = limits.fps
    reading = _Reading(rules)
    gap_frames = rules.min_gap_frames
    gap_ms = limits.gap_ms
    lag_frames = int(ms_to_frames(MAX_LAG_MS, fps))
    chain_frames = int(ms_to_frames(CHAIN_MS, fps))
    # timecode.frames_to_ms and round_half_up(ms_to_frames), exactly, in integers (Fractions cost a
    # third of the whole segmentation on a one-hour transcript)
    num, den = fps.numerator, fps.denominator

    def frame(ms: int) -> int:
        """The nearest frame (halves up)."""
        return (2 * ms * num + 1000 * den) // (2000 * den)

    def frame_up(ms: float) -> int:
        return -(-math.ceil(ms) * num // (1000 * den))

    def ms(frames: int) -> int:
        return (2000 * frames * den + num) // (2 * num)

    cues: list[Cue] = []
    previous_end: int | None = None
    for number, (first, stop) in enumerate(spans):
        text = _cue_text(words, texts, separators, first, stop, limits)
        start = frame(words[first].start)
        if previous_end is not None:
            start = max(start, previous_end + gap_frames)
            while ms(start) - ms(previous_end) < gap_ms:  # 2 frames at 30 fps are 66 or 67 ms
                start += 1
        need = reading(char_count(text), word_count(text))
        shortest = start + frame_up(need)
        while ms(shortest) - ms(start) < need:
            shortest += 1
        end = max(frame_up(words[stop - 1].end), shortest, start + 1)
        if number + 1 < len(spans):
            next_start = frame(words[spans[number + 1][0]].start)
            limit = next_start - gap_frames
            while ms(next_start) - ms(limit) < gap_ms:
                limit -= 1
            if end > limit:
                end = max(limit, min(end, limit + lag_frames) if shortest > limit else limit)
            elif rules.min_pause and ms(next_start) - ms(end) < rules.min_pause:
                end = limit  # a gap is either a real pause or none (BBC: "a very jerky effect")
            elif limit - end <= chain_frames:
                end = limit
        if rules.max_duration is not None:
            longest = start + int(ms_to_frames(rules.max_duration, fps))
            while ms(longest) - ms(start) > rules.max_duration:
                longest -= 1
            end = min(end, longest)
        end = max(start + 1, end)
        cues.append(Cue(ms(start), ms(end), text, str(number + 1)))
        previous_end = end
    return cues
