"""Language detection with langdetect, made reproducible and safe to call from anywhere.

langdetect samples at random unless seeded, is poor on short lines, and its first call (which
loads 55 profiles, ~300 ms of process time) is not thread-safe (docs/libraries.md §4). So: seed
once, build detectors under a lock, strip tags first, and refuse to guess on too little text.

A check that chooses among a few languages (the delivery languages of a programme) gets a
detector holding only their profiles, built once per process: about 60 ms instead of 300. Only
a question about any language at all loads the 55.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from subkit.markup import visible_text

_lock = threading.Lock()
#: langdetect factories by the profiles they hold (None: all of them), built once each
_factories: dict[tuple[str, ...] | None, Any] = {}
#: below this many letters a guess is noise (langdetect calls "Okay." Tagalog)
MIN_LETTERS = 20


def _factory(languages: tuple[str, ...] | None) -> Any:
    """The langdetect `DetectorFactory` for `languages` (profile names), or for all 55 with None."""
    factory = _factories.get(languages)
    if factory is not None:
        return factory
    with _lock:
        factory = _factories.get(languages)
        if factory is None:
            factory = _build(languages)
            _factories[languages] = factory
    return factory


def _build(languages: tuple[str, ...] | None) -> Any:
    """A factory that answers exactly as all 55 profiles restricted to `languages` by a prior map.

    langdetect samples the text's n-grams that any loaded profile knows, so the n-grams of the
    other 49 languages stay in the map (with zero probabilities, one shared list): the same
    samples, the same arithmetic in the same order (profiles in langdetect's own order), the
    same answers. Reading their n-grams costs about 45 ms; building their 55-wide
    probability table cost the other 250.
    """
    import json  # noqa: PLC0415

    from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415
    from langdetect.utils.lang_profile import LangProfile  # noqa: PLC0415

    DetectorFactory.seed = 0  # every detector samples the same way: the same text, the same answer
    if languages is None:
        detector_factory.init_factory()
        return detector_factory._factory
    factory = DetectorFactory()
    chosen = [name for name in _profile_order() if name in languages]
    others: list[dict[str, Any]] = []
    for name in _profile_order():
        with open(_profile_path(name), encoding="utf-8") as stream:
            data = json.load(stream)
        if name in languages:
            factory.add_profile(LangProfile(**data), chosen.index(name), len(chosen))
        else:
            others.append(data["freq"])
    absent = [0.0] * len(chosen)  # never written to: add_profile has already run for every chosen profile
    table = factory.word_lang_prob_map
    for frequencies in others:
        for word in frequencies:
            if word not in table:
                table[word] = absent
    return factory


def _profile_path(name: str) -> str:
    import os  # noqa: PLC0415

    from langdetect import detector_factory  # noqa: PLC0415

    return os.path.join(detector_factory.PROFILES_DIRECTORY, name)


@lru_cache(maxsize=1)
def _profile_order() -> tuple[str, ...]:
    """The profiles in the order langdetect's own loader takes them (its language index order)."""
    import os  # noqa: PLC0415

    from langdetect import detector_factory  # noqa: PLC0415

    directory = detector_factory.PROFILES_DIRECTORY
    return tuple(name for name in os.listdir(directory)
                 if not name.startswith(".") and os.path.isfile(os.path.join(directory, name)))


@lru_cache(maxsize=1)
def _profile_names() -> frozenset[str]:
    return frozenset(_profile_order())


def load_profiles(languages: list[str] | tuple[str, ...] | None = None) -> None:
    """Build the detector for these languages (all 55 with None) now, e.g. before forking workers."""
    _factory(_known(languages))


def _known(candidates: list[str] | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The candidates langdetect has a profile for, sorted; None (every language) when there are none."""
    if not candidates:
        return None
    names = _profile_names()
    known = tuple(sorted({code for code in candidates if code in names}))
    return known or None


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def detect_language(text: str, candidates: list[str] | None = None) -> tuple[str | None, float]:
    """(language code, probability) for plain or markup text; (None, 0) when there is too little text.

    `candidates` restricts the answer to the languages in play, which is what makes per-cue
    checks usable at all on short text.
    """
    plain = visible_text(text)
    if letters(plain) < MIN_LETTERS:
        return None, 0.0
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    # A detector that holds only the candidates' profiles gives what all 55 restricted by a prior
    # map to the candidates would, without loading the other 49.
    detector = _factory(_known(candidates)).create()
    detector.append(plain)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return best[0].lang, float(best[0].prob)


def track_language(cue_texts: list[str], candidates: list[str] | None = None, max_chars: int = 3000) -> tuple[str | None, float]:
    """The language of a whole track, from about `max_chars` of its text sampled evenly across it.

    3,000 characters (about 100 cues) already give p > 0.99999 on the sample tracks; more text
    only costs time (langdetect's work grows with the text). Sampling the whole length rather
    than the opening keeps a title sequence or a cold open from deciding alone.
    """
    plain = [visible_text(text).replace("\n", " ") for text in cue_texts]
    total = sum(len(text) for text in plain)
    stride = max(1, total // max_chars) if total > max_chars else 1
    sample = plain[::stride]
    return detect_language(" ".join(sample), candidates)
