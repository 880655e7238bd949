"""G rules: is each file, and each cue, really in its declared language.

langdetect is imported only when one of these rules runs and has something to check (a
declared language, a source track), so every other check stays fast. It is unreliable on short
lines (shared/LIBRARIES.md §4), so: the whole track is detected at once (reliable), and single
cues only when they hold enough letters, restricted to the two languages in play.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from subkit.qc.config import base_language
from subkit.qc.context import Context
from subkit.qc.registry import Problem, rule

#: a cue identical to its source cue is flagged only with at least this many words: names,
#: places and numbers ("Khalid Amiry", "Panchir, 2021") are rightly the same in every language
MIN_IDENTICAL_WORDS = 3
#: per-cue detection must be at least this sure before calling a cue untranslated
MIN_CUE_PROBABILITY = 0.9
_SPACES = re.compile(r"\s+")


def warm_up() -> None:
    """Load langdetect's profiles once, in this process (its first call is not thread-safe)."""
    from subkit.language import _ensure_loaded  # noqa: PLC0415

    _ensure_loaded()


@rule("G001", "language", "error")
def language(context: Context) -> Iterator[Problem]:
    """The detected language of the whole track differs from the declared one (`--lang` or `.xx.`).

    FAIL: a German track named film.fr.srt.   PASS: a French track named film.fr.srt.
    Not checked when no language is declared or the track has too little text to tell.
    """
    if not context.lang or not context.track.cues:
        return
    from subkit.language import track_language  # noqa: PLC0415 - loads langdetect

    detected, probability = track_language([cue.text for cue in context.track.cues])
    if detected is None:
        return
    if base_language(detected) != context.lang:
        yield Problem(None, f"the text is in {detected} (p={probability:.2f}), but the track is declared {context.lang}")


def _normalised(visible: str) -> str:
    return _SPACES.sub(" ", visible).strip().casefold()


def _overlapping_source(context: Context) -> Iterator[tuple[int, int | None]]:
    """(cue index, index of the source cue it overlaps most), in one sweep over both tracks."""
    assert context.source is not None
    source = sorted(range(len(context.source.cues)), key=lambda i: context.source.cues[i].start)  # type: ignore[union-attr]
    source_cues = context.source.cues
    order = sorted(range(len(context.track.cues)), key=lambda i: context.track.cues[i].start)
    first = 0
    for index in order:
        cue = context.track.cues[index]
        while first < len(source) and source_cues[source[first]].end <= cue.start:
            first += 1
        best: int | None = None
        best_overlap = 0
        probe = first
        while probe < len(source) and source_cues[source[probe]].start < cue.end:
            other = source_cues[source[probe]]
            shared = min(cue.end, other.end) - max(cue.start, other.start)
            if shared > best_overlap:
                best, best_overlap = source[probe], shared
            probe += 1
        yield index, best


@rule("G002", "untranslated", "warning")
def untranslated(context: Context) -> Iterator[Problem]:
    """A cue still in the source language, or identical to the `--source` cue it overlaps.

    Needs `--source`. Identical cues need at least 3 words (names and places stay the same);
    language is detected per cue only with 20 letters or more, between the two languages in play.
    FAIL (en track, fr source): "Les combattants tiennent toujours la vallée."
    PASS: "The fighters still hold the valley."
    """
    if context.source is None:
        return
    from subkit.markup import visible_text  # noqa: PLC0415

    views = context.views
    identical: set[int] = set()
    for index, match in _overlapping_source(context):
        if match is None:
            continue
        mine = _normalised(views[index].visible)
        if len(mine.split()) >= MIN_IDENTICAL_WORDS and mine == _normalised(visible_text(context.source.cues[match].text)):
            identical.add(index)
    source_lang = base_language(context.source.language)
    detect = bool(context.lang and source_lang and source_lang != context.lang)
    if detect:
        from subkit.language import MIN_LETTERS, detect_language, letters  # noqa: PLC0415

    for view in views:
        if view.index in identical:
            yield Problem(view.index, f"identical to the source cue at the same time")
            continue
        if detect and letters(view.visible) >= MIN_LETTERS:
            found, probability = detect_language(view.visible, [context.lang, source_lang])  # type: ignore[list-item]
            if found == source_lang and probability >= MIN_CUE_PROBABILITY:
                yield Problem(view.index, f"still in {source_lang} (p={probability:.2f}); the track is {context.lang}")
