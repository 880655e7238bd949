"""Draft translations of subtitle tracks that keep every cue, its timing, tags and limits.

`translate_file` is what the command line runs; `TrackTranslator` translates one track into one
language through any `Engine` (a deep-translator provider wrapped by `ProviderEngine`, or a test
double). Nothing here imports deep-translator or requests until a request is about to be made.
"""

from __future__ import annotations

from subkit.translation.cache import TranslationCache, default_cache_path
from subkit.translation.engine import Engine, ProviderEngine, RetryPolicy
from subkit.translation.glossary import Glossary, load_glossary
from subkit.translation.pipeline import Draft, Layout, TrackTranslator

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
