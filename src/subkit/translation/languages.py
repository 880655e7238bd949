"""Language codes as users write them (ISO 639-1, BCP 47) and as each provider wants them.

Users write `he`, `zh-Hans`, `zh-Hant`, `pt-BR`; Google calls Hebrew `iw` and Chinese
`zh-CN`/`zh-TW`, MyMemory wants regional codes (`he-IL`), Baidu its own (`jp`, `cht`). Drafts are
always named with the user's code (`film.he.srt`, never `film.iw.srt`): the provider's code is
used for the request only. A region that a provider does not distinguish falls back to the
language (`pt-BR` -> `pt`), but a script never does (`zh-Hant` is not `zh`, which means
Simplified everywhere): a provider without Traditional Chinese refuses it instead of answering
in the wrong script.
"""

from __future__ import annotations

import re

#: language, optional script, optional region: `he`, `zh-Hans`, `pt-BR`, `zh-Hant-TW`, `es-419`
CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")
#: deprecated ISO 639 codes some providers still use, and the code users expect
_DEPRECATED = {"iw": "he", "ji": "yi", "in": "id", "jw": "jv"}
#: written right to left (Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Dhivehi, Sorani, Sindhi, Uyghur)
RTL = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"})
#: written without spaces between words: line breaks need a segmenter (subkit.scripts)
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
#: other names providers give a language, tried after the code itself
_ALTERNATIVES = {"he": ["iw"], "jv": ["jw"], "fil": ["tl"], "nb": ["no"], "nn": ["no"], "yi": ["ji"], "id": ["in"]}
#: deep-translator's English name of a language, for providers whose codes are their own (Baidu)
_NAMES = {
    "ja": "japanese",
    "ko": "korean",
    "fr": "french",
    "es": "spanish",
    "ar": "arabic",
    "bg": "bulgarian",
    "da": "danish",
    "et": "estonian",
    "fi": "finnish",
    "sl": "slovenian",
    "sv": "swedish",
    "vi": "vietnamese",
}


def canonical(code: str) -> str:
    """`ZH-hant` -> `zh-Hant`, `pt_br` -> `pt-BR`, `iw` -> `iw` (case only: the user's code is kept).

    Raises ValueError when `code` is not a language code.
    """
    match = CODE.match(code.strip())
    if match is None:
        raise ValueError(code)
    language, script, region = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def base(code: str | None) -> str:
    """The language alone, deprecated codes replaced: `zh-Hant` -> `zh`, `iw` -> `he`, `pt-BR` -> `pt`."""
    if not code:
        return ""
    language = code.replace("_", "-").split("-")[0].lower()
    return _DEPRECATED.get(language, language)


def is_traditional_chinese(code: str) -> bool:
    parts = canonical(code).split("-")
    return base(code) == "zh" and ("Hant" in parts or (len(parts) > 1 and parts[-1] in _TRADITIONAL_REGIONS))


def direction(code: str | None) -> str:
    """`rtl` or `ltr`, for the language's usual script."""
    return "rtl" if base(code) in RTL else "ltr"


def unspaced(code: str | None) -> bool:
    """True for languages written without spaces between words (Chinese, Japanese, Thai...)."""
    return base(code) in UNSPACED


def candidates(code: str) -> list[str]:
    """Codes and names a provider might know `code` by, best first."""
    code = canonical(code)
    language = base(code)
    region = CODE.match(code).group(3)  # type: ignore[union-attr]
    found: list[str] = [code]
    if language == "zh":
        if is_traditional_chinese(code):
            found += ["zh-TW", "zh-Hant", "cht", "zt", "chinese (traditional)", "chinese traditional"]
            return found
        found += ["zh-CN", "zh-Hans", "zh", "chinese (simplified)", "chinese simplified", "chinese"]
        return found
    if region:
        found.append(f"{language}-{region}")
    found.append(language)  # also `he` for `iw`
    found += _ALTERNATIVES.get(language, [])
    if language in _NAMES:
        found.append(_NAMES[language])
    return found


def _known(engine: str) -> dict[str, str] | None:
    """lower-case code or name -> the provider's code, from deep-translator's tables (None: unknown)."""
    from deep_translator import constants  # noqa: PLC0415

    tables = {
        "google": constants.GOOGLE_LANGUAGES_TO_CODES,
        "libre": constants.LIBRE_LANGUAGES_TO_CODES,
        "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
        "baidu": constants.BAIDU_LANGUAGE_TO_CODE,
        "qcri": constants.QCRI_LANGUAGE_TO_CODE,
        "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
        # Papago's table is code -> name
        "papago": {name: code for code, name in constants.PAPAGO_LANGUAGE_TO_CODE.items()},
    }
    table = tables.get(engine)
    if table is None:
        return None
    known: dict[str, str] = {}
    for name, value in table.items():
        known.setdefault(value.lower(), value)
        known.setdefault(name.lower(), value)
    return known


def provider_code(engine: str, code: str) -> str:
    """What to send to `engine` for the user's `code`; the code itself when nothing fits (the
    provider's own check then names it as unsupported)."""
    known = _known(engine)
    if engine == "mymemory" and known is not None:
        for candidate in candidates(code):
            resolved = mymemory_code(candidate)  # `fr` -> `fr-FR`: MyMemory wants a region
            if resolved.lower() in known:
                return known[resolved.lower()]
        return code
    if known is None:
        # Microsoft and Yandex list their languages at run time; both use BCP 47 (zh-Hans, he)
        if base(code) == "zh":
            return "zh-Hant" if is_traditional_chinese(code) else "zh-Hans"
        return canonical(code) if base(code) == canonical(code).split("-")[0] else base(code)
    for candidate in candidates(code):
        if candidate.lower() in known:
            return known[candidate.lower()]
    return code


def mymemory_code(code: str) -> str:
    """`fr` -> `fr-FR`, `en` -> `en-GB`: deep-translator accepts only MyMemory's regional codes.

    A code MyMemory knows as is (`pt-BR`) is kept; otherwise the region named like the language
    is preferred, then the first region deep-translator lists. Unknown codes are returned
    unchanged, so the constructor's own error names them.
    """
    from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES  # noqa: PLC0415

    codes: list[str] = list(MY_MEMORY_LANGUAGES_TO_CODES.values())
    by_lower = {value.lower(): value for value in codes}
    if code.lower() in by_lower:
        return by_lower[code.lower()]
    regional = [value for value in codes if value.split("-")[0].lower() == code.lower()]
    preferred = f"{code.lower()}-{code.upper()}"
    return preferred if preferred in regional else (regional[0] if regional else code)
