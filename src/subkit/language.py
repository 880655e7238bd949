"""Language detection with langdetect, made reproducible and safe to call from anywhere.

langdetect samples at random unless seeded, is poor on short lines, and its first call (which
loads 55 profiles, ~300 ms of process time) is not thread-safe (docs/libraries.md §4). So: seed
once, build detectors under a lock, strip tags first, and refuse to guess on too little text.

A check that chooses among some languages (the delivery languages of a programme and their
neighbours) gets a detector holding only their profiles, built once per process: about 25 ms
for 18 languages instead of 300 for all 55, which only a question about any language at all
loads. Its answers are the same as those of all 55 restricted to the candidates by a prior map,
except where a text's n-grams known only to the other 37 languages change which n-grams
langdetect samples: 92 of 11,502 findings of a mixed-language stress test of the G rules
differed, short cues near the 90% bar; none on the samples checked in their own language.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from subkit.markup import visible_text

_lock = threading.Lock()
#: langdetect factories by the profiles they hold (None: all of them), built once each
_factories: dict[tuple[str, ...] | None, Any] = {}
#: below this many letters a guess is noise (langdetect calls "Okay." Tagalog)
MIN_LETTERS = 20


def _factory(languages: tuple[str, ...] | None) -> Any:
    """The langdetect `DetectorFactory` holding `languages` (profile names), or all 55 with None."""
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
    """A factory holding the profiles of `languages` (all 55 with None), seeded."""
    import json  # noqa: PLC0415

    from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415
    from langdetect.utils.lang_profile import LangProfile  # noqa: PLC0415

    DetectorFactory.seed = 0  # every detector samples the same way: the same text, the same answer
    if languages is None:
        detector_factory.init_factory()
        return detector_factory._factory  # noqa: SLF001 - langdetect keeps its loaded factory there
    factory = DetectorFactory()
    # in langdetect's own loading order, so probabilities are summed in the order all 55 would use
    chosen = [name for name in _profile_order() if name in languages]
    for index, name in enumerate(chosen):
        with open(_profile_path(name), encoding="utf-8") as stream:
            factory.add_profile(LangProfile(**json.load(stream)), index, len(chosen))
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
    return tuple(
        name
        for name in os.listdir(directory)
        if not name.startswith(".") and os.path.isfile(os.path.join(directory, name))
    )


@lru_cache(maxsize=1)
def _profile_names() -> frozenset[str]:
    return frozenset(_profile_order())


def load_profiles(languages: Sequence[str] | None = None) -> None:
    """Build the detector for these languages (all 55 with None) now, e.g. before forking workers."""
    _factory(_known(languages))


def _known(candidates: Sequence[str] | None) -> tuple[str, ...] | None:
    """The candidates langdetect has a profile for, sorted; None (every language) when there are none."""
    if not candidates:
        return None
    names = _profile_names()
    known = tuple(sorted({code for code in candidates if code in names}))
    return known or None


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def detect_language(
    text: str, candidates: Sequence[str] | None = None, loaded: Sequence[str] | None = None
) -> tuple[str | None, float]:
    """(language code, probability) for plain or markup text; (None, 0) when there is too little text.

    `candidates` restricts the answer to the languages in play, which is what makes per-cue
    checks usable at all on short text. `loaded` (a superset of the candidates) names the
    profiles the detector holds, so checks with different candidates share one detector; the
    answer is the same either way.
    """
    plain = visible_text(text)
    if letters(plain) < MIN_LETTERS:
        return None, 0.0
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    wanted = _known(candidates)
    factory = _factory(_known(loaded) if loaded and wanted and set(wanted) <= set(loaded) else wanted)
    detector = factory.create()
    if wanted is not None and len(wanted) < len(factory.langlist):
        detector.set_prior_map({code: (1.0 if code in wanted else 0.0) for code in factory.langlist})
    detector.append(plain)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return best[0].lang, float(best[0].prob)


def track_language(
    cue_texts: list[str],
    candidates: Sequence[str] | None = None,
    max_chars: int = 3000,
    loaded: Sequence[str] | None = None,
) -> tuple[str | None, float]:
    """The language of a whole track, from about `max_chars` of its text sampled evenly across it.

    3,000 characters (about 100 cues) already give p > 0.99999 on the sample tracks; more text
    only costs time (langdetect's work grows with the text). Sampling the whole length rather
    than the opening keeps a title sequence or a cold open from deciding alone.
    """
    plain = [visible_text(text).replace("\n", " ") for text in cue_texts]
    total = sum(len(text) for text in plain)
    stride = max(1, total // max_chars) if total > max_chars else 1
    sample = plain[::stride]
    return detect_language(" ".join(sample), candidates, loaded)
