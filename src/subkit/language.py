"""Language detection with langdetect, made reproducible and safe to call from anywhere.

langdetect samples at random unless seeded, is poor on short lines, and its first call (which
loads 55 profiles, ~250 ms) is not thread-safe (docs/libraries.md §4). So: seed once, warm up
under a lock, strip tags first, and refuse to guess on too little text.
"""

from __future__ import annotations

import threading

from subkit.markup import visible_text

_lock = threading.Lock()
_ready = False
#: below this many letters a guess is noise (langdetect calls "Okay." Tagalog)
MIN_LETTERS = 20


def _ensure_loaded() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415

        DetectorFactory.seed = 0
        detector_factory.init_factory()
        _ready = True


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
    _ensure_loaded()
    from langdetect import detector_factory  # noqa: PLC0415
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    detector = detector_factory._factory.create()  # type: ignore[union-attr]
    if candidates:
        known = set(detector_factory._factory.langlist)  # type: ignore[union-attr]
        prior = {code: (1.0 if code in candidates else 0.0) for code in known}
        if any(prior.values()):
            detector.set_prior_map(prior)
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
