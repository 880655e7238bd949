"""Where a draft goes: `film.fr.srt` translated into English is `film.en.srt`, beside it or in a folder.

Its own module because the run (which writes drafts) and the review file (named after the
draft) both need it, and the run imports the review.
"""

from __future__ import annotations

import os
from pathlib import Path

from subkit.formats import language_from_name, output_suffix


def output_path(path: str, language: str, fmt: str, output: str | None) -> str:
    """`film.fr.srt` -> `film.en.srt`, `film.en.smi` for SAMI (the suffix is replaced, or added when there is none)."""
    if output == "-":
        return "-"
    name = "translation.srt" if path == "-" else Path(path).name
    stem = Path(name).stem
    declared = language_from_name(name)
    if declared is not None:
        stem = stem[: -(len(declared) + 1)]
    folder = output if output is not None else (os.path.dirname(path) if path != "-" else ".")
    return os.path.join(folder, f"{stem}.{language}{output_suffix(fmt)}")
