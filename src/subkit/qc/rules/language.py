"""G rules: is each file, and each cue, really in its declared language.

langdetect is imported only when one of these rules runs and has something to check (a
declared language, a source track), so every other check stays fast. It is unreliable on short
lines (docs/libraries.md §4), so: the whole track is detected at once (reliable), and single
cues only when they hold enough letters, restricted to the two languages in play.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from subkit.linebreak import NO_BREAK_AFTER
from subkit.qc.config import base_language
from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule

#: a cue identical to its source cue is flagged only with at least this many words: names,
#: places and numbers ("Khalid Amiry", "Panchir, 2021") are rightly the same in every language
MIN_IDENTICAL_WORDS = 3
#: per-cue detection must be at least this sure before calling a cue untranslated
MIN_CUE_PROBABILITY = 0.9
#: the delivery languages of the programme: per-cue detection chooses among these (plus the
#: declared and source languages), which is what makes it usable on subtitle-length text
LANGUAGES_IN_PLAY = ("fr", "en", "de", "es", "it", "pl")
#: languages a track in one of those could really be in, and that a detector knowing only the six
#: would take for one of them (a Dutch text reads as German, Romanian as Italian, Russian as
#: Polish): G001 tells them apart before accepting the declared language
NEIGHBOURS = ("ca", "pt", "ro", "nl", "da", "sv", "no", "cs", "sk", "hr", "ru", "uk")
#: G001 accepts the declared language from that detector only when it is at least this sure
SURE = 0.99
_SPACES = re.compile(r"\s+")


def detector_languages(*declared: str | None) -> list[str]:
    """The profiles the G rules load: the delivery languages, their neighbours, the declared ones."""
    return sorted({*LANGUAGES_IN_PLAY, *NEIGHBOURS, *(code for code in declared if code)})


def warm_up() -> None:
    """Load the G rules' profiles once, in this process (before forking workers)."""
    from subkit.language import load_profiles  # noqa: PLC0415

    load_profiles(detector_languages())


@rule("G001", "language", "error")
def language(context: Context) -> Iterator[Problem]:
    """The detected language of the whole track differs from the declared one (given, or the name's `.xx.`).

    FAIL: a German track named film.fr.srt.   PASS: a French track named film.fr.srt.
    Not checked when no language is declared or the track has too little text to tell.
    The track is first detected among the delivery languages, their neighbours (ca, pt, ro, nl,
    da, sv, no, cs, sk, hr, ru, uk) and the declared language; only when that is not the declared
    language at p >= 0.99 are all 55 languages detected, to name the one it is in.
    """
    if not context.lang or not context.track.cues:
        return
    from subkit.language import track_language  # noqa: PLC0415 - loads langdetect

    texts = [cue.text for cue in context.track.cues]
    languages = detector_languages(context.lang, _source_language(context))
    detected, probability = track_language(texts, languages, loaded=languages)
    if detected is not None and base_language(detected) == context.lang and probability >= SURE:
        return
    detected, probability = track_language(texts)
    if detected is None:
        return
    if base_language(detected) != context.lang:
        yield Problem(
            None, f"the text is in {detected} (p={probability:.2f}), but the track is declared {context.lang}"
        )


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _foreign_words(visible: str, lang: str, candidates: list[str]) -> bool:
    """Cheap evidence that a cue may be in another language: at least 2 function words
    (articles, prepositions, pronouns) of another candidate and more than of its own language.

    langdetect calls "des enfants, des bergers." German with p=0.99999, so its answer alone
    is not enough; requiring this evidence first also spares the detector most cues.
    """
    words = [w.lower() for w in _WORD.findall(visible)]
    own = NO_BREAK_AFTER.get(lang, frozenset())
    own_count = sum(1 for w in words if w in own)
    for code in candidates:
        if code == lang or code not in NO_BREAK_AFTER:
            continue
        listed = NO_BREAK_AFTER[code]
        count = sum(1 for w in words if w in listed)
        if count >= 2 and count > own_count:
            return True
    return False


def _source_language(context: Context) -> str | None:
    return base_language(context.source.language) if context.source is not None else None


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
    """A cue still in the source language (or another delivery language), or identical to the
    source-language track's cue it overlaps.

    Identical cues (needs the source track) need at least 3 words: names and places stay the same.
    Each cue's language is detected only with 20 letters or more, among the languages in play
    (fr, en, de, es, it, pl, plus the declared and source languages), and reported only when
    the detector is at least 90% sure. Not checked when the track's language is unknown.
    FAIL (fr track): "Families with papers on the left, everybody else wait here."
    PASS (fr track): "Les familles avec des papiers à gauche, les autres attendez ici."
    """
    if not context.lang:
        return
    from subkit.language import MIN_LETTERS, detect_language, letters  # noqa: PLC0415
    from subkit.markup import visible_text  # noqa: PLC0415

    views = context.views
    identical: set[int] = set()
    source_lang = None
    if context.source is not None:
        source_lang = base_language(context.source.language)
        for index, match in _overlapping_source(context):
            if match is None:
                continue
            mine = _normalised(views[index].visible)
            if len(mine.split()) >= MIN_IDENTICAL_WORDS and mine == _normalised(
                visible_text(context.source.cues[match].text)
            ):
                identical.add(index)
    candidates = sorted({context.lang, *LANGUAGES_IN_PLAY, *([source_lang] if source_lang else [])})
    loaded = detector_languages(context.lang, source_lang)  # the detector G001 uses too
    for view in views:
        if view.index in identical:
            yield Problem(view.index, "identical to the source cue at the same time")
            continue
        if letters(view.visible) < MIN_LETTERS or not _foreign_words(view.visible, context.lang, candidates):
            continue
        found, probability = detect_language(view.visible, candidates, loaded)
        if found is None or base_language(found) == context.lang or probability < MIN_CUE_PROBABILITY:
            continue
        if found == source_lang:
            yield Problem(
                view.index, f"still in the source language {found} (p={probability:.2f}); the track is {context.lang}"
            )
        else:
            yield Problem(view.index, f"this cue is in {found} (p={probability:.2f}); the track is {context.lang}")
