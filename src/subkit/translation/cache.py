"""A persistent translation cache, so a rerun or a resumed run pays for nothing twice.

SQLite, one row per (engine, source language, target language, text). Results are committed
after every request, so an interrupted run keeps what it paid for. The default file lives in
the user cache folder (platformdirs); the caller may name another, or none.

Only answers that were cleaned and checked (`subkit.translation.answers`) are stored, in a table
whose name carries the format version: the `translations` table of earlier versions held raw
answers (entities, quota warnings, empty strings) and is never read. Every row is checked again
when it is read, so a bad answer that got in by any route is a miss, never a draft.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from subkit.errors import OutputError, UsageError

#: v2: answers cleaned and checked before they are stored (v1, `translations`, held raw answers)
TABLE = "answers_v2"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    engine TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    text TEXT NOT NULL, translation TEXT NOT NULL,
    PRIMARY KEY (engine, source, target, text)
) WITHOUT ROWID
"""
#: SQLite's default limit on host parameters in one statement is 999 on old builds
_CHUNK = 500


def default_cache_path() -> str:
    from platformdirs import user_cache_dir  # noqa: PLC0415

    return str(Path(user_cache_dir("subkit")) / "translations.sqlite3")


class TranslationCache:
    """Lookups and inserts keyed by engine and language pair; `path=None` keeps nothing."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(path, timeout=30)
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute(_SCHEMA)
            self._connection.commit()
        except (sqlite3.Error, OSError) as error:
            raise UsageError(f"cannot use the translation cache {path}: {error}") from None

    def get_many(
        self, engine: str, source: str, target: str, texts: list[str], valid: Callable[[str, str], bool] | None = None
    ) -> dict[str, str]:
        """Cached answers for `texts`; those `valid(text, answer)` refuses count as misses."""
        if self._connection is None or not texts:
            return {}
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(texts))
        for offset in range(0, len(unique), _CHUNK):
            chunk = unique[offset : offset + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT text, translation FROM {TABLE} WHERE engine=? AND source=? AND target=? AND text IN ({marks})",
                (engine, source, target, *chunk),
            )
            found.update((text, answer) for text, answer in rows if valid is None or valid(text, answer))
        return found

    def put_many(self, engine: str, source: str, target: str, pairs: dict[str, str]) -> None:
        if self._connection is None or not pairs:
            return
        try:
            self._connection.executemany(
                f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?)",
                [(engine, source, target, text, translation) for text, translation in pairs.items()],
            )
            self._connection.commit()
        except sqlite3.Error as error:  # a full disk, a read-only file: an output that cannot be written
            raise OutputError(f"cannot write the translation cache: {error}", self.path) from None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
