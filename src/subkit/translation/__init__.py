"""Draft translations of subtitle tracks that keep every cue, its timing, tags and limits.

`run_translation` is what the command line runs; `TrackTranslator` translates one track into one
language through any `Engine` (a deep-translator provider wrapped by `ProviderEngine`, or a test
double). Nothing here imports deep-translator or requests until a request is about to be made.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name -> the module that defines it; resolved on first use, so importing one of this
#: package's modules (the engine, the cache) runs no other: the package imports none of them
_EXPORTS = {
    "Draft": "subkit.translation.pipeline",
    "Engine": "subkit.translation.engine",
    "Glossary": "subkit.translation.glossary",
    "Layout": "subkit.translation.pipeline",
    "ProviderEngine": "subkit.translation.engine",
    "RetryPolicy": "subkit.translation.engine",
    "TrackTranslator": "subkit.translation.pipeline",
    "TranslationCache": "subkit.translation.cache",
    "default_cache_path": "subkit.translation.cache",
    "load_glossary": "subkit.translation.glossary",
}
__all__ = [
    "Draft",
    "Engine",
    "Glossary",
    "Layout",
    "ProviderEngine",
    "RetryPolicy",
    "TrackTranslator",
    "TranslationCache",
    "default_cache_path",
    "load_glossary",
]

if TYPE_CHECKING:
    from subkit.translation.cache import TranslationCache, default_cache_path
    from subkit.translation.engine import Engine, ProviderEngine, RetryPolicy
    from subkit.translation.glossary import Glossary, load_glossary
    from subkit.translation.pipeline import Draft, Layout, TrackTranslator


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'subkit.translation' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
