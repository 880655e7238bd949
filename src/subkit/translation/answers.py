"""What an engine answered: made fit to use, or rejected with a reason, before anything is cached.

Engines answer with more than the translation. MyMemory and Google's web page return HTML
entities (`n&#39;ai`); some add a BOM, zero-width spaces or joiners, bidi marks and control
characters; some answer HTTP 200 with a quota warning or an error page where the translation
should be, or with nothing, or with the source unchanged. `clean` removes what an engine added
(each entity decoded exactly once, NFC, invisible characters dropped unless the source had them)
and applies the target's typography; `rejection` says why an answer must not be used or cached.
Nothing here knows about cues: the pipeline adds the checks that need markup (tag nesting).
"""

from __future__ import annotations

import html
import re
import unicodedata

from subkit.translation.languages import base

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: invisible characters engines add: zero-width space, word joiner, BOM, Mongolian vowel separator,
#: soft hyphen, bidi marks, embeddings, overrides and isolates (a draft gets its own, see pipeline)
_INVISIBLE = frozenset(
    "\u200b\u2060\ufeff\u180e\u00ad\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: zero-width (non-)joiners are spelling in Persian, Urdu, Kurdish and Indic scripts
_JOINERS = frozenset("\u200c\u200d")
_JOINER_LANGUAGES = frozenset(
    {"fa", "ur", "ckb", "ps", "hi", "bn", "mr", "ne", "ta", "te", "kn", "ml", "si", "gu", "pa"}
)
#: what providers put where the translation should be, when they refuse or fail (HTTP 200 bodies)
_PROVIDER_TEXT = re.compile(
    r"MYMEMORY WARNING|YOU USED ALL AVAILABLE FREE TRANSLATIONS|QUERY LENGTH LIMIT EXCEEDED|"
    r"INVALID LANGUAGE PAIR|PLEASE SELECT TWO DISTINCT LANGUAGES|NO QUERY SPECIFIED|INVALID EMAIL PROVIDED|"
    r"AUTHENTICATION FAILURE|'AUTO' IS AN INVALID SOURCE LANGUAGE|"
    r"Our systems have detected unusual traffic|sending automated queries",
)
#: an HTTP status phrase as the whole answer (within a longer answer it may be a real subtitle)
_STATUS_TEXT = re.compile(
    r"\s*(?:Error:?\s*)?(?:\d{3}\s+)?(?:Too Many Requests|Internal Server Error|Service Unavailable|Bad Gateway|"
    r"Gateway Time-?out|Quota Exceeded|Request Entity Too Large|Slowdown: [^\n]*)\.?\s*"
)
_HTML_PAGE = re.compile(r"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<title>|</div>|<script[\s>]", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_PLACEHOLDER = re.compile(r"\[\d+\]")
#: digit groups of three after a space: `5 000` (the space must not break, nor the spreading cut it)
_DIGIT_GROUP = re.compile(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))")
#: languages that group digits with a space (and so write `5 000`)
_SPACE_GROUPING = frozenset({"fr", "pl", "ru", "uk", "cs", "sk", "sv", "nb", "no", "fi", "et", "lt", "lv", "bg"})
#: French high punctuation takes a no-break space before it, guillemets inside them
_FRENCH_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]?([;:!?»])")
_CLOCK = re.compile(r"\d:\d")
_FRENCH_AFTER = re.compile(r"«[ \u00a0\u202f]?")
_SPACE_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+([;:!?])")
#: an answer this long (letters) that equals its source was not translated, unless it is the target language
UNTRANSLATED_LETTERS = 20
UNTRANSLATED_WORDS = 4


def decode_entities(answer: str, sent: str) -> str:
    """Each HTML entity decoded once (`&amp;#39;` -> `&#39;`), except those the source itself contained."""
    if "&" not in answer:
        return answer
    return _ENTITY.sub(lambda m: m.group(0) if m.group(0) in sent else html.unescape(m.group(0)), answer)


def _keep(ch: str, sent: str, language: str) -> bool:
    if ch in "\n\t":
        return True
    if ch in _INVISIBLE:
        return ch in sent
    if ch in _JOINERS:
        return ch in sent or language in _JOINER_LANGUAGES
    category = unicodedata.category(ch)
    if category == "Cc":  # C0 and C1 controls other than the newline
        return False
    return category != "Cs"  # a lone surrogate cannot be written


def typography(text: str, language: str) -> str:
    """Spacing of the target: French no-break spaces before ; : ! ? », inside « », in `5 000`;
    none before ; : ! ? elsewhere; digit groups glued in languages that group with a space."""
    language = base(language)
    if language in _SPACE_GROUPING:
        text = _DIGIT_GROUP.sub("\u00a0", text)
    if language == "fr":
        return _FRENCH_BEFORE.sub(_french_space, _FRENCH_AFTER.sub("«\u00a0", text))
    return _SPACE_BEFORE_HIGH.sub(r"\1", text)


def _french_space(match: re.Match[str]) -> str:
    mark, before = match.group(1), match.string[match.start() - 1]
    if mark in "!?" and before in "!?":  # `?!` stays together
        return match.group(0)
    if mark == ":" and _CLOCK.match(match.string, match.start() - 1):  # 10:30, not 10 :30
        return match.group(0)
    return "\u00a0" + mark


def clean(answer: str, sent: str, target: str) -> str:
    """The answer as the draft may use it: entities decoded once, NFC, nothing invisible the
    engine added, spaces collapsed (a no-break space is kept: it is typography), target typography."""
    language = base(target)
    text = unicodedata.normalize("NFC", decode_entities(answer, sent))
    if not text.isascii():
        text = "".join(ch for ch in text if _keep(ch, sent, language))
    else:
        text = "".join(ch for ch in text if ch >= " " or ch in "\n\t")
    lines = [re.sub(r"[ \t\r\u2028\u2029]+", " ", line).strip(" ") for line in text.split("\n")]
    return typography("\n".join(lines), language)


def provider_complaint(answer: str, sent: str) -> str | None:
    """The provider's refusal or error page standing where a translation should be, if it is one."""
    for pattern in (_PROVIDER_TEXT, _HTML_PAGE):
        match = pattern.search(answer)
        if match is not None and match.group(0).strip() not in sent:
            return " ".join(answer.split())[:120]
    if _STATUS_TEXT.fullmatch(answer) and answer.strip() not in sent:
        return " ".join(answer.split())[:120]
    return None


def comparable(text: str) -> str:
    """A text as compared for echoes: its letters and digits only (placeholders, case, spacing and
    punctuation aside: the target's typography moves spaces around punctuation)."""
    return re.sub(r"[\W_]+", "", _PLACEHOLDER.sub(" ", text).casefold())


def is_untranslated(sent: str, answer: str) -> bool:
    """A long text that came back as it went out (placeholders, spaces and case aside)."""
    plain = _PLACEHOLDER.sub(" ", sent)
    if len(_LETTER.findall(plain)) < UNTRANSLATED_LETTERS or len(plain.split()) < UNTRANSLATED_WORDS:
        return False
    return comparable(sent) == comparable(answer)


def rejection(sent: str, answer: str, optional: frozenset[str] = frozenset()) -> str | None:
    """Why `answer` (already cleaned) cannot stand for `sent`, or None when it can.

    `optional` placeholders (cue-boundary markers) may be lost, but not invented or repeated.
    """
    if not answer.strip():
        return "empty answer" if _LETTER.search(sent) or re.search(r"\d", sent) else None
    complaint = provider_complaint(answer, sent)
    if complaint is not None:
        return f"the provider's message instead of a translation: {complaint!r}"
    sent_marks = _PLACEHOLDER.findall(sent)
    answer_marks = _PLACEHOLDER.findall(answer)
    if sorted(m for m in sent_marks if m not in optional) != sorted(
        m for m in answer_marks if m not in optional
    ) or any(answer_marks.count(m) > sent_marks.count(m) for m in optional):
        return "placeholders lost or added"
    return None
