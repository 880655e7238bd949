"""Automatic alignment of a track to reference events: offset, frame-rate ratio, differing cuts.

The reference is another track (in another language, cut into cues differently) or a film's
sound, so the only thing trusted to be shared is *when speech starts*: most cue starts have a
reference event (a cue start of the other track, a speech onset heard in the film) within a few
hundred milliseconds. Everything works on those times; `subkit.media.speech` turns sound into
onsets, and nothing here knows where the events came from.

The algorithm (n cues in the track, m reference events, k events within the search window of one
track start, K candidate offsets, 17 candidate ratios):

1. **Offset voting**, for each candidate ratio r: every pair (track start s, reference event t)
   with t - r*s inside the search window (+-15 minutes around 0, and around the offset that
   lines up the two medians, for timecodes such as 10:00:00:00) votes for the offset t - r*s in
   a 100 ms histogram, found with bisect on the sorted reference: O(n log m + n*k). The right
   offset collects a vote from nearly every cue; a wrong one collects chance votes. The ratio
   whose best 300 ms window collects the most votes, on ~120 evenly spread starts, wins (ratio 1
   unless another is clearly better; over a short track, ratios 0.1% apart are told apart by the
   closer fit). Ratios are the quotients of the usual rates 23.976/24/25/29.97/30.
2. **Segmentation**, like alass: the strongest histogram peaks (at most K=8, each clearly above
   the chance level) are candidate offsets. A Viterbi pass over the track's cues in time order
   chooses an offset for every cue, scoring how close its shifted start falls to the nearest
   reference event (bisect, O(log m)) and paying `SPLIT_PENALTY` for every change of offset, so
   a scene added or removed, or an ad break, becomes a split and noise does not: O(n*K log m).
   Stretches no candidate explains are then searched on their own (short segments, 10 cues,
   do not stand out in the whole track's histogram), and the pass runs again with what they
   offer. Segments that match too few cues, or no more than chance could, rejoin a neighbour.
3. **Refinement**: each segment's offset moves by the median distance from its cues' starts to
   the nearest reference events, which makes it precise to a few milliseconds.
4. **Confidence**: the share of cues whose start lands within 250 ms of a reference event,
   corrected for chance: `(matched - chance) / (1 - chance)`, the share taken at its lower
   confidence bound. Chance is measured, not assumed: the same count with every offset moved by
   several seconds (where nothing should match). The same is measured from the reference's side
   and the higher counts, so a sparse reference (a forced-narrative track) is judged by its own
   events. About 0.8-0.99 for a re-segmented copy of the same programme, under 0.2 for an
   unrelated track.

In total O((n + m) log m + 17*n*k): linear in the programme length for a bounded window. The
result is applied with the exact `retime.transform`: times x ratio + offset, rounded once.
"""

from __future__ import annotations

import heapq
import math
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from subkit.errors import SubkitError
from subkit.model import Track
from subkit.retiming import Retimed, TimeMap, transform

if TYPE_CHECKING:
    from subkit.media.speech import Speech

BIN_MS = 100
#: half-width of the offset search window around 0 (and around the median-start guess): +-15 min
SEARCH_MS = 900_000
#: a cue start within this distance of a reference start counts as matched
MATCH_MS = 250
#: the Viterbi score of a cue falls linearly from 1 (same time) to 0 at this distance
SCORE_MS = 500
#: score (roughly: well-matched cues) a split must gain to be worth making
SPLIT_PENALTY = 3.0
MAX_CANDIDATES = 8
#: starts (evenly spread) on which every candidate ratio is screened
SCREEN_SAMPLE = 120
#: a stretch of at least this many cues that no candidate explains is searched on its own
MIN_STRETCH = 6
#: half-width of that local search, around the offset the stretch was given
LOCAL_SEARCH_MS = 900_000
#: a segment besides the largest must match at least this many cues...
MIN_SEGMENT_MATCHES = 5
#: ...and at least this share of the largest segment's match rate, or it joins a neighbour
MIN_SEGMENT_RATE = 0.5
#: ...and be this unlikely to come from chance matches alone
SEGMENT_RISK = 1e-4
#: candidate offsets closer than this are the same peak
PEAK_SEPARATION_MS = 1000
#: default refusal threshold of `subkit sync` (see the module docstring for the scale)
MIN_CONFIDENCE = 0.3
#: ratios closer than this (relative) are told apart by the closer fit, not by the vote
SIBLING_RATIO = 0.0015
#: ...and a fit must be better than no speed change at all (ratio 1) by this share to win
SIBLING_MARGIN = 0.02
#: standard deviations below the matched share at which confidence is read (Wilson bound)
CONFIDENCE_Z = 2.5
#: offsets at which nothing should match, to measure the chance level
_CHANCE_SHIFTS = (-29_300, -13_700, -7_100, 7_100, 13_700, 29_300)

_RATES = (
    ("23.976", Fraction(24000, 1001)),
    ("24", Fraction(24)),
    ("25", Fraction(25)),
    ("29.97", Fraction(30000, 1001)),
    ("30", Fraction(30)),
)


def candidate_ratios() -> dict[Fraction, str]:
    """Every speed ratio between two usual frame rates, labelled as a frame-rate pair `A:B`."""
    ratios: dict[Fraction, str] = {Fraction(1): "1:1"}
    for name_a, rate_a in _RATES:
        for name_b, rate_b in _RATES:
            ratios.setdefault(rate_a / rate_b, f"{name_a}:{name_b}")
    return ratios


class SyncError(SubkitError):
    """The tracks cannot be aligned (too few cues) or the best alignment is too poor to trust."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of cues (in time order) that share one offset."""

    #: 1-based numbers (input positions) of the segment's first and last cue in time order
    first_cue: int
    last_cue: int
    #: input start of the first cue, ms
    start: int
    #: ms added after multiplying by the ratio
    offset: int
    cues: int
    matched: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """What sync found: one speed ratio, segments with their offsets, and how much to trust it."""

    ratio: Fraction
    #: the ratio as a frame-rate pair (`25:23.976`); "1:1" when there is no speed change
    ratio_label: str
    segments: tuple[Segment, ...]
    #: index into `segments` for every cue of the track, in input order
    assignment: tuple[int, ...]
    cues: int
    matched: int
    chance: float
    confidence: float
    #: reference events inside the span the aligned track covers, and how many have a cue start
    #: within MATCH_MS; with the chance level of that share (the reference's side of confidence)
    reference_events: int = 0
    reference_matched: int = 0
    reference_chance: float = 0.0
    #: which side the confidence was read from: "track" (its cue starts) or "reference"
    judged_by: str = "track"

    @property
    def offset(self) -> int:
        """The offset of the largest segment: what a single global shift would be."""
        return max(self.segments, key=lambda segment: segment.cues).offset

    def map_for(self, segment: int) -> TimeMap:
        ratio, offset = self.ratio, Fraction(self.segments[segment].offset)
        return lambda time: time * ratio + offset


def align_times(
    starts: Sequence[int],
    reference_starts: Sequence[int],
    splits: bool = True,
    ratios: dict[Fraction, str] | None = None,
) -> Alignment:
    """Align cue start times (input order) to reference event times; see the module docstring.

    The reference events are cue starts of another track or speech onsets found in a film's
    sound: the aligner does not care where they came from.
    """
    if len(starts) < 3 or len(set(reference_starts)) < 3:
        raise SyncError("too few cues to align (need at least 3 in each track)")
    order = sorted(range(len(starts)), key=lambda index: (starts[index], index))
    track = [float(starts[index]) for index in order]
    reference = sorted({float(time) for time in reference_starts})
    ratios = ratios or candidate_ratios()

    best_ratio, histogram, windows = _best_ratio(track, reference, ratios)
    runs, offsets, quality = _fit(track, reference, float(best_ratio), histogram, windows, splits)
    # Over a short track, ratios 0.1% apart (25:24 and 25:23.976) drift apart by less than the
    # voting window, so screening cannot tell them apart: the closer fit decides.
    span = track[-1] - track[0]
    for sibling in ratios:
        apart = abs(sibling / best_ratio - 1)
        if sibling == best_ratio or apart > SIBLING_RATIO or span * abs(float(sibling - best_ratio)) > 1000:
            continue
        sibling_windows = _windows(track, reference, float(sibling))
        sibling_histogram = _histogram(track, reference, float(sibling), sibling_windows)
        fitted = _fit(track, reference, float(sibling), sibling_histogram, sibling_windows, splits)
        if fitted[2] > quality * (1 + (SIBLING_MARGIN if best_ratio == 1 else 0)):
            best_ratio, (runs, offsets, quality) = sibling, fitted
    ratio_value = float(best_ratio)

    segments = []
    assignment = [0] * len(starts)
    matched_total = 0
    for number, (run, offset) in enumerate(zip(runs, offsets)):
        matched = sum(
            1 for position in run if abs(_nearest(reference, ratio_value * track[position] + offset)) <= MATCH_MS
        )
        matched_total += matched
        for position in run:
            assignment[order[position]] = number
        segments.append(Segment(order[run[0]] + 1, order[run[-1]] + 1, int(track[run[0]]), offset, len(run), matched))
    chance = _chance(track, reference, ratio_value, runs, offsets)
    confidence = _corrected(matched_total, len(track), chance)
    # A sparse reference (a forced-narrative track, a few speech onsets) is judged from its side:
    # nearly every one of its events should have a cue start beside it.
    aligned = sorted(ratio_value * track[position] + offset for run, offset in zip(runs, offsets) for position in run)
    covered = [time for time in reference if aligned[0] - MATCH_MS <= time <= aligned[-1] + MATCH_MS]
    reference_matched = sum(1 for time in covered if abs(_nearest(aligned, time)) <= MATCH_MS)
    reference_chance = _reference_chance(aligned, covered)
    from_reference = _corrected(reference_matched, len(covered), reference_chance)
    judged_by = "reference" if from_reference > confidence else "track"
    return Alignment(
        best_ratio,
        ratios[best_ratio],
        tuple(segments),
        tuple(assignment),
        len(track),
        matched_total,
        round(chance, 4),
        round(max(confidence, from_reference), 4),
        len(covered),
        reference_matched,
        round(reference_chance, 4),
        judged_by,
    )


def _fit(
    track: list[float],
    reference: list[float],
    ratio: float,
    histogram: Counter[int],
    windows: list[tuple[float, float]],
    splits: bool,
) -> tuple[list[list[int]], list[int], float]:
    """Segments (runs of positions) with their refined offsets for one ratio, and how closely
    the starts then fall on reference events (the sum of the Viterbi scores)."""
    candidates = _candidate_offsets(histogram, windows, len(track))
    choice = _choose_offsets(track, reference, ratio, candidates, splits)
    if splits:
        # Stretches that no candidate explains may be short segments with their own offset,
        # too small to stand out in the histogram of the whole track: look at them alone.
        extra = _local_candidates(track, reference, ratio, candidates, choice)
        if extra:
            candidates = candidates + extra
            choice = _choose_offsets(track, reference, ratio, candidates, splits)
    runs = _runs(choice)
    offsets = [_refine(track, reference, ratio, run, candidates[choice[run[0]]]) for run in runs]
    runs, offsets = _drop_weak(track, reference, ratio, runs, offsets)
    runs, offsets = _merge_close(track, reference, ratio, runs, offsets)
    quality = sum(
        max(0.0, 1.0 - abs(_nearest(reference, ratio * track[p] + offset)) / SCORE_MS)
        for run, offset in zip(runs, offsets)
        for p in run
    )
    return runs, offsets, quality


def _corrected(matched: int, total: int, chance: float) -> float:
    """The matched share on the scale where chance is 0 and a perfect match 1, taken at its
    lower confidence bound: the offsets were chosen among thousands to match as many events as
    possible, so a few dozen events can match well above chance level by luck alone."""
    if total == 0 or chance >= 1:
        return 0.0
    share = matched / total
    z = CONFIDENCE_Z
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    bound = (share + z * z / (2 * total) - spread) / (1 + z * z / total)
    return max(0.0, (bound - chance) / (1 - chance))


def _runs(choice: list[int]) -> list[list[int]]:
    """Positions grouped into runs of one candidate."""
    runs: list[list[int]] = []
    for position, candidate in enumerate(choice):
        if runs and choice[runs[-1][0]] == candidate:
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


def align(track: Track, reference: Track, splits: bool = True) -> Alignment:
    """Align `track` to `reference` (cue starts only: language and segmentation may differ)."""
    return align_times([cue.start for cue in track.cues], [cue.start for cue in reference.cues], splits)


def align_to_media(track: Track, path: str, audio_track: int = 1, splits: bool = True) -> tuple[Alignment, Speech]:
    """Align `track` to the speech heard in a film or sound file: its speech onsets are the
    reference events (ffmpeg decodes the sound; see `subkit.media.speech`)."""
    from subkit.media.speech import find_speech  # noqa: PLC0415

    speech = find_speech(path, audio_track)
    if len(speech.segments) < 3:
        raise SyncError(f"no speech heard in audio track {speech.stream.number} (fewer than 3 speech onsets)", path)
    return align_times([cue.start for cue in track.cues], speech.onsets, splits), speech


def apply_alignment(track: Track, alignment: Alignment) -> Retimed:
    """The track retimed by an alignment: each cue through its segment's exact map, rounded once."""
    maps = [alignment.map_for(number) for number in range(len(alignment.segments))]
    return transform(track, lambda index: maps[alignment.assignment[index]])


def synchronise(
    track: Track, reference: Track, splits: bool = True, min_confidence: float = MIN_CONFIDENCE
) -> tuple[Alignment, Retimed]:
    """Align and retime, or raise SyncError when the alignment is too poor to trust."""
    alignment = align(track, reference, splits)
    if alignment.confidence < min_confidence:
        raise SyncError(refusal_message(alignment, min_confidence), track.source.path if track.source else None)
    return alignment, apply_alignment(track, alignment)


def refusal_message(alignment: Alignment, min_confidence: float) -> str:
    if alignment.judged_by == "reference":
        counted = (
            f"{alignment.reference_matched} of {alignment.reference_events} reference events match, "
            f"chance level {alignment.reference_chance:.2f}"
        )
    else:
        counted = f"{alignment.matched} of {alignment.cues} cues match, chance level {alignment.chance:.2f}"
    return (
        f"no trustworthy alignment with the reference: confidence {alignment.confidence:.2f} is below "
        f"{min_confidence:.2f} ({counted}); nothing written"
    )


# --- the steps -------------------------------------------------------------------------------


def _windows(track: list[float], reference: list[float], ratio: float) -> list[tuple[float, float]]:
    """Offset ranges to search: around 0, and around the offset that lines up the median starts."""
    windows = [(-float(SEARCH_MS), float(SEARCH_MS))]
    guess = statistics.median(reference) - ratio * statistics.median(track)
    if abs(guess) > SEARCH_MS - 60_000:
        low, high = guess - SEARCH_MS, guess + SEARCH_MS
        if low <= SEARCH_MS and high >= -SEARCH_MS:
            windows = [(min(low, -SEARCH_MS), max(high, SEARCH_MS))]
        else:
            windows.append((low, high))
    return windows


def _histogram(
    track: list[float], reference: list[float], ratio: float, windows: list[tuple[float, float]]
) -> Counter[int]:
    # The hot loop (every pair in the window): times are pre-divided into bins and moved by a
    # large whole number of bins so that int() truncation is a floor, which is ~2x faster than //.
    counts: Counter[int] = Counter()
    bias = 10**9
    reference_bins = [time / BIN_MS + bias for time in reference]
    for start in track:
        mapped = ratio * start
        mapped_bins = mapped / BIN_MS
        for low, high in windows:
            first = bisect_left(reference, mapped + low)
            last = bisect_right(reference, mapped + high, first)
            if first < last:
                counts.update([int(time - mapped_bins) for time in reference_bins[first:last]])
    return Counter({b - bias: votes for b, votes in counts.items()})


def _smoothed(counts: Counter[int]) -> dict[int, int]:
    """Votes in each 300 ms window (three bins), which absorbs timing jitter of +-120 ms."""
    bins = {b + delta for b in counts for delta in (-1, 0, 1)}
    return {b: counts.get(b - 1, 0) + counts.get(b, 0) + counts.get(b + 1, 0) for b in bins}


def _peak(counts: Counter[int]) -> int:
    """The most votes in a 300 ms window: around the busiest bins only (one of them is in it)."""
    get = counts.get
    best = 0
    for b, _ in heapq.nlargest(32, counts.items(), key=lambda item: item[1]):
        for centre in (b - 1, b, b + 1):
            best = max(best, get(centre - 1, 0) + get(centre, 0) + get(centre + 1, 0))
    return best


def _best_ratio(
    track: list[float], reference: list[float], ratios: dict[Fraction, str]
) -> tuple[Fraction, Counter[int], list[tuple[float, float]]]:
    # Screening every ratio on an evenly spread sample of ~120 starts is as decisive (the right
    # ratio collects ~80% of them, a wrong one a few percent) and 6x cheaper on a full programme.
    # Against a sparser reference a start finds a partner less often: screen on more starts
    # (which costs no more, as each one meets fewer reference events).
    wanted = SCREEN_SAMPLE * max(1.0, len(track) / len(reference))
    sample = track[:: max(1, int(len(track) // wanted))]
    scored = []
    for ratio in ratios:
        windows = _windows(track, reference, float(ratio))
        counts = _histogram(sample, reference, float(ratio), windows)
        scored.append((_peak(counts), ratio, windows))
    scored.sort(key=lambda item: item[0], reverse=True)
    best = scored[0]
    unity = next(item for item in scored if item[1] == 1)
    # A speed change must earn its place: on a short track a near-1 ratio wins by accident.
    if unity[0] >= 0.9 * best[0]:
        best = unity
    ratio, windows = best[1], best[2]
    return ratio, _histogram(track, reference, float(ratio), windows), windows


def _candidate_offsets(counts: Counter[int], windows: list[tuple[float, float]], cues: int) -> list[float]:
    smoothed = _smoothed(counts)
    span_bins = sum(high - low for low, high in windows) / BIN_MS
    # Chance votes per 300 ms window are roughly Poisson: a peak must stand 5 deviations clear.
    chance_level = 3 * sum(counts.values()) / max(span_bins, 1.0)
    floor = max(4.0, chance_level + 5 * chance_level**0.5)
    separation = PEAK_SEPARATION_MS // BIN_MS
    chosen: list[int] = []
    for b, votes in sorted(smoothed.items(), key=lambda item: (-item[1], item[0])):
        if len(chosen) >= MAX_CANDIDATES or (chosen and votes < floor):
            break
        if all(abs(b - other) > separation for other in chosen):
            chosen.append(b)
    return [_centroid(counts, b) for b in chosen]


def _poisson_threshold(mean: float, trials: float, risk: float = 0.01) -> int:
    """The smallest count v that chance (Poisson votes of this mean per window) reaches in one of
    `trials` windows with probability under `risk`: a peak at least this high is not chance."""
    term = total = math.exp(-mean)
    votes = 1
    while trials * (1 - total) >= risk and votes < 10_000:
        term *= mean / votes
        total += term
        votes += 1
    return votes


def _unexplained(matched: list[bool]) -> list[tuple[int, int]]:
    """(first, last + 1) of stretches of unmatched cues, allowing two chance matches in a row."""
    stretches: list[tuple[int, int]] = []
    first = None
    last_miss = -10
    for position, hit in enumerate(matched):
        if hit:
            if first is not None and position - last_miss > 2:
                stretches.append((first, last_miss + 1))
                first = None
            continue
        if first is None:
            first = position
        last_miss = position
    if first is not None:
        stretches.append((first, last_miss + 1))
    return [(a, b) for a, b in stretches if b - a >= MIN_STRETCH]


def _local_candidates(
    track: list[float], reference: list[float], ratio: float, candidates: list[float], choice: list[int]
) -> list[float]:
    """Offsets of short segments: the histogram of each unexplained stretch on its own, searched
    around the offset the stretch was given, where a peak must be unlikely by chance."""
    matched = [abs(_nearest(reference, ratio * start + candidates[k])) <= MATCH_MS for start, k in zip(track, choice)]
    found: list[float] = []
    separation = PEAK_SEPARATION_MS
    bins = 2 * LOCAL_SEARCH_MS / BIN_MS
    for first, last in _unexplained(matched):
        centre = candidates[choice[first]]
        windows = [(centre - LOCAL_SEARCH_MS, centre + LOCAL_SEARCH_MS)]
        counts = _histogram(track[first:last], reference, ratio, windows)
        needed = max(
            MIN_SEGMENT_MATCHES, 0.6 * (last - first), _poisson_threshold(3 * sum(counts.values()) / bins, bins)
        )
        for offset, votes in _peaks(counts, 2):
            if votes >= needed and all(abs(offset - other) > separation for other in candidates + found):
                found.append(offset)
    return found


def _peaks(counts: Counter[int], limit: int) -> list[tuple[float, int]]:
    """The strongest smoothed peaks (offset at the centroid of its three bins, votes), separated."""
    smoothed = _smoothed(counts)
    separation = PEAK_SEPARATION_MS // BIN_MS
    chosen: list[tuple[int, int]] = []
    for b, votes in sorted(smoothed.items(), key=lambda item: (-item[1], item[0])):
        if len(chosen) >= limit:
            break
        if all(abs(b - other) > separation for other, _ in chosen):
            chosen.append((b, votes))
    return [(_centroid(counts, b), votes) for b, votes in chosen]


def _centroid(counts: Counter[int], b: int) -> float:
    weight = sum(counts.get(b + delta, 0) for delta in (-1, 0, 1))
    centre = sum(counts.get(b + delta, 0) * (b + delta + 0.5) for delta in (-1, 0, 1))
    return centre / weight * BIN_MS if weight else (b + 0.5) * BIN_MS


def _drop_weak(
    track: list[float], reference: list[float], ratio: float, runs: list[list[int]], offsets: list[int]
) -> tuple[list[list[int]], list[int]]:
    """Segments that match too few cues join the neighbour that explains them better.

    Where the reference has nothing to offer (credits it lacks, a scene only the track has),
    some offset always collects a few chance matches, and against dense events (speech onsets)
    any offset matches a quarter of the cues. A segment besides the largest is kept only if it
    matches at least MIN_SEGMENT_MATCHES cues, half the largest segment's rate, and more than
    chance could: the binomial tail of its matches at its own chance rate (measured, as for
    confidence) must be under SEGMENT_RISK.
    """
    runs, offsets = list(runs), list(offsets)

    def matches(run: list[int], offset: float) -> int:
        return sum(1 for p in run if abs(_nearest(reference, ratio * track[p] + offset)) <= MATCH_MS)

    def doubt(run: list[int], offset: float, main_rate: float) -> float:
        """0 for a segment worth keeping, else how likely chance alone explains it (up to 2)."""
        matched = matches(run, offset)
        chance = statistics.mean(matches(run, offset + shift) for shift in _CHANCE_SHIFTS) / len(run)
        tail = _binomial_tail(matched, len(run), min(max(chance, 0.01), 0.99))
        weak = matched < MIN_SEGMENT_MATCHES or matched / len(run) < MIN_SEGMENT_RATE * main_rate or tail > SEGMENT_RISK
        return 1 + tail if weak else 0.0

    while len(runs) > 1:
        main = max(range(len(runs)), key=lambda i: len(runs[i]))
        main_rate = matches(runs[main], offsets[main]) / len(runs[main])
        worst, index = max(
            (doubt(run, offset, main_rate), i) for i, (run, offset) in enumerate(zip(runs, offsets)) if i != main
        )
        if not worst:
            break
        neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(runs)]
        target = max(neighbours, key=lambda i: matches(runs[index], offsets[i]))
        low, high = sorted((index, target))
        runs[low : high + 1] = [runs[low] + runs[high]]
        offsets[low : high + 1] = [offsets[target]]
    return runs, offsets


def _binomial_tail(successes: int, trials: int, rate: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, rate), summed in logs (no overflow)."""
    if successes <= 0:
        return 1.0
    log_rate, log_miss = math.log(rate), math.log1p(-rate)
    total = 0.0
    for k in range(successes, trials + 1):
        total += math.exp(
            math.lgamma(trials + 1)
            - math.lgamma(k + 1)
            - math.lgamma(trials - k + 1)
            + k * log_rate
            + (trials - k) * log_miss
        )
    return min(total, 1.0)


def _nearest(reference: list[float], time: float) -> float:
    """Signed distance from `time` to the nearest reference start (reference - time)."""
    index = bisect_left(reference, time)
    best = float("inf")
    if index < len(reference):
        best = reference[index] - time
    if index > 0 and time - reference[index - 1] < abs(best):
        best = reference[index - 1] - time
    return best


def _choose_offsets(
    track: list[float], reference: list[float], ratio: float, candidates: list[float], splits: bool
) -> list[int]:
    """For each cue (time order) the index of its candidate offset: Viterbi with a split penalty."""
    scores = [
        [max(0.0, 1.0 - abs(_nearest(reference, ratio * start + offset)) / SCORE_MS) for offset in candidates]
        for start in track
    ]
    if not splits or len(candidates) == 1:
        totals = [sum(row[k] for row in scores) for k in range(len(candidates))]
        best = max(range(len(candidates)), key=lambda k: totals[k])
        return [best] * len(track)
    previous = list(scores[0])
    back: list[list[int]] = []
    states = range(len(candidates))
    for row in scores[1:]:
        leader = max(states, key=lambda k: previous[k])
        jump = previous[leader] - SPLIT_PENALTY
        current = []
        pointers = []
        for k in states:
            if previous[k] >= jump:
                current.append(previous[k] + row[k])
                pointers.append(k)
            else:
                current.append(jump + row[k])
                pointers.append(leader)
        previous = current
        back.append(pointers)
    state = max(states, key=lambda k: previous[k])
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    path.reverse()
    return path


def _refine(track: list[float], reference: list[float], ratio: float, run: list[int], offset: float) -> int:
    """The offset moved by the median distance to the nearest reference starts, twice (wide, then narrow)."""
    for reach in (SCORE_MS, MATCH_MS):
        distances = [d for d in (_nearest(reference, ratio * track[p] + offset) for p in run) if abs(d) <= reach]
        if distances:
            offset += statistics.median(distances)
    return round(offset)


def _merge_close(
    track: list[float], reference: list[float], ratio: float, runs: list[list[int]], offsets: list[int]
) -> tuple[list[list[int]], list[int]]:
    """Neighbouring segments whose refined offsets agree (within 2 bins) are one segment."""
    merged_runs: list[list[int]] = []
    merged_offsets: list[int] = []
    for run, offset in zip(runs, offsets):
        if merged_runs and abs(merged_offsets[-1] - offset) <= 2 * BIN_MS:
            merged_runs[-1] = merged_runs[-1] + run
            merged_offsets[-1] = _refine(track, reference, ratio, merged_runs[-1], float(merged_offsets[-1]))
        else:
            merged_runs.append(run)
            merged_offsets.append(offset)
    return merged_runs, merged_offsets


def _reference_chance(aligned: list[float], events: list[float]) -> float:
    """Share of reference events that find a cue start when every cue is moved several seconds."""
    if not events:
        return 0.0
    shares = []
    for shift in _CHANCE_SHIFTS:
        moved = [time + shift for time in aligned]
        shares.append(sum(1 for time in events if abs(_nearest(moved, time)) <= MATCH_MS) / len(events))
    return statistics.mean(shares)


def _chance(
    track: list[float], reference: list[float], ratio: float, runs: list[list[int]], offsets: list[int]
) -> float:
    """Share of cues that match when every offset is deliberately wrong by several seconds."""
    shares = []
    for shift in _CHANCE_SHIFTS:
        matched = sum(
            1
            for run, offset in zip(runs, offsets)
            for position in run
            if abs(_nearest(reference, ratio * track[position] + offset + shift)) <= MATCH_MS
        )
        shares.append(matched / len(track))
    return statistics.mean(shares)
