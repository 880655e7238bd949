"""A recognised word as a subtitle shows it: escaped markup in the language's typography.

Recognisers write `là?`, `"Non"` and `...`; a French subtitle writes `là ?`, `« Non »` with
non-breaking spaces, and a Netflix one `…`. The repairs are QC's own (rules Y001 and Y003), so
what `segment` writes is what `validate` accepts; they run per word, before the layout, so the
characters they add are counted when lines and cues are sized.
"""

from __future__ import annotations

import re

from subkit.linebreak import base_language
from subkit.markup import escape_plain
from subkit.qc.rules.typography import fix_ellipsis, fix_french_spacing

_FRENCH_QUOTES = str.maketrans({"“": "«", "”": "»"})
#: a straight quote that opens: at the start of the word, or after an opening bracket
_OPENING_QUOTE = re.compile(r'(?:(?<=^)|(?<=[(\[]))"')


def typeset(text: str, lang: str | None, ellipsis: bool) -> str:
    """Cue markup for one word: escaped, quotes and spacing in the language's style.

    >>> typeset('"Non?"', "fr", True)
    '«\\xa0Non\\xa0?\\xa0»'
    >>> typeset('lions",', "fr", False)
    'lions\xa0»,'
    >>> typeset("attends...", "en", True)
    'attends…'
    """
    markup = escape_plain(text)
    if base_language(lang) == "fr" and lang:
        markup = _OPENING_QUOTE.sub("«", markup.translate(_FRENCH_QUOTES)).replace('"', "»")
        markup = fix_french_spacing(markup)
    if ellipsis:
        markup = fix_ellipsis(markup)
    return markup
