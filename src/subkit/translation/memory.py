"""Translation memory: approved cue translations, reused when the same film comes back re-cut.

The store is one SQLite file, the same engine as the translation cache: an
approval adds a few hundred rows without rewriting the file, a crash mid-way loses nothing
committed, and an exact lookup is an index probe. TMX, what CAT tools exchange, is an export
(`subkit tm export`) and an import (`subkit tm add FILE.tmx`), not the store, because a TMX
file has to be rewritten whole for every addition.

A unit pairs a source text with its translation and says who made it: `human` (approved by a
person: `subkit tm add`, or a TMX from a CAT tool) or `machine` (what the engine drafted,
recorded by `subkit translate` with a memory). Human units always win: a cue is looked up first as
an exact human match, then as consecutive cues whose joined text is one human unit (a cue split
in the re-cut) or one cue covered by several human units (cues merged), then as the closest
human unit above the fuzzy threshold (rapidfuzz), and only then as an exact machine unit; what
is left goes to the engine. Texts are compared with their whitespace and line breaks normalised
(line breaks are layout), tags included, so a cue that lost its italics is not an exact match.

Pairs come from two tracks by time overlap (`align`): each cue is linked to the cue of the other
track it overlaps most, and linked cues form one unit, so a translator who merged two cues into
one (or split one) gives a two-to-one (one-to-two) unit.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from subkit.errors import InputError, OutputError
from subkit.markup import visible_text
from subkit.model import Cue, Track

if TYPE_CHECKING:
    from subkit.translation.pipeline import Draft, TrackTranslator

Origin = Literal["human", "machine"]
#: the most consecutive cues of a track that are joined to find one unit (a cue split in three)
MAX_SPLIT = 4
DEFAULT_THRESHOLD = 75

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, key TEXT NOT NULL, origin TEXT NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL, created TEXT NOT NULL, changed TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_lang, target_lang, key, origin)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subkit_memory (version INTEGER NOT NULL);
"""
_DASH_START = re.compile(r"^(?:<[^>]*>)*[-\u2010\u2013\u2014]")


def key(markup: str) -> str:
    """The text a lookup compares: whitespace runs (line breaks, NBSP) as one space."""
    return " ".join(markup.split())


def visible_key(markup: str) -> str:
    """The key without tags: how the parts of a split or merged cue are recognised."""
    return key(visible_text(markup))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass(slots=True)
class Unit:
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: Origin
    created: str = ""
    changed: str = ""
    note: str = ""


@dataclass(slots=True)
class Pair:
    """Aligned source and target cues (markup joined by line breaks); `cues` = (source, target) counts."""

    source: str
    target: str
    cues: tuple[int, int] = (1, 1)


@dataclass(slots=True)
class Match:
    """Where a cue's translation came from when it did not come from the engine."""

    kind: Literal["exact", "fuzzy"]
    origin: Origin
    #: similarity in percent (100 for exact matches)
    score: int
    target: str
    #: the memory's source text (for a fuzzy match, what differs from the cue)
    source: str

    @property
    def label(self) -> str:
        return f"fuzzy {self.score}%" if self.kind == "fuzzy" else f"{self.origin} memory"


@dataclass(slots=True)
class AddReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: cues of either track that overlap no cue of the other (not stored)
    unaligned: int = 0


def _overlap(a: Cue, b: Cue) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _best_partners(cues: list[Cue], others: list[Cue]) -> list[int | None]:
    """For each cue (sorted), the index of the cue in `others` (sorted) it overlaps most; one sweep."""
    partners: list[int | None] = []
    first = 0
    for cue in cues:
        while first < len(others) and others[first].end <= cue.start:
            first += 1
        best, best_overlap = None, 0
        index = first
        while index < len(others) and others[index].start < cue.end:
            overlap = _overlap(cue, others[index])
            if overlap > best_overlap:
                best, best_overlap = index, overlap
            index += 1
        partners.append(best)
    return partners


def align(source: Track, target: Track) -> tuple[list[Pair], int]:
    """Source and target cues grouped by time overlap into pairs; also the count of cues left alone.

    Each cue links to the cue of the other track it overlaps most; linked cues form a group
    (union-find). A slightly retimed cue links to its own partner only, a merged or split cue to
    all its parts. Linear after sorting, since a cue only looks at the cues its times reach.
    """
    sources = sorted(source.cues, key=lambda cue: (cue.start, cue.end))
    targets = sorted(target.cues, key=lambda cue: (cue.start, cue.end))
    count = len(sources)
    parent = list(range(count + len(targets)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    linked = [False] * (count + len(targets))
    for index, partner in enumerate(_best_partners(sources, targets)):
        if partner is not None:
            union(index, count + partner)
            linked[index] = linked[count + partner] = True
    for index, partner in enumerate(_best_partners(targets, sources)):
        if partner is not None:
            union(count + index, partner)
            linked[count + index] = linked[partner] = True
    groups: dict[int, tuple[list[str], list[str]]] = {}
    for index in range(count + len(targets)):
        if not linked[index]:
            continue
        side = groups.setdefault(find(index), ([], []))
        if index < count:
            side[0].append(sources[index].text)
        else:
            side[1].append(targets[index - count].text)
    pairs = [
        Pair("\n".join(src), "\n".join(tgt), (len(src), len(tgt)))
        for src, tgt in groups.values()
        if key(visible_text("\n".join(tgt)))
    ]
    return pairs, linked.count(False)


class TranslationMemory:
    """The SQLite store; `TranslationMemory(path)` creates the file when it does not exist."""

    def __init__(self, path: str, create: bool = True) -> None:
        self.path = path
        file = Path(path)
        if not create and not file.is_file():
            raise InputError("no such translation memory", path)
        if file.exists() and not file.is_file():
            raise InputError("is not a file", path)
        if file.is_file() and file.stat().st_size and not file.read_bytes()[:16].startswith(b"SQLite format 3"):
            raise InputError(
                "not a subkit translation memory (expected an SQLite file; TMX goes in with `subkit tm add FILE.tmx`)",
                path,
            )
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.executescript(_SCHEMA)
            self._db.commit()
        except sqlite3.DatabaseError as error:
            raise InputError(f"cannot use the translation memory: {error}", path) from None
        except OSError as error:
            raise OutputError(f"cannot create the translation memory: {error.strerror or error}", path) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self, pairs: list[Pair], source_lang: str, target_lang: str, origin: Origin = "human", note: str = ""
    ) -> AddReport:
        """Store pairs; a newer approval of the same source text replaces the older one."""
        report = AddReport()
        source_lang, target_lang = source_lang.lower(), target_lang.lower()
        now = _now()
        keys = {key(pair.source): pair for pair in pairs}
        existing = dict(
            self._db.execute(
                "SELECT key, target FROM units WHERE source_lang=? AND target_lang=? AND origin=?",
                (source_lang, target_lang, origin),
            )
        )
        rows = []
        for unit_key, pair in keys.items():
            if not unit_key:
                continue
            if unit_key not in existing:
                report.added += 1
            elif existing[unit_key] != pair.target:
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            rows.append((source_lang, target_lang, unit_key, origin, pair.source, pair.target, now, now, note))
        try:
            self._db.executemany(
                "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_lang, target_lang, key, origin) "
                "DO UPDATE SET source=excluded.source, target=excluded.target, changed=excluded.changed, note=excluded.note",
                rows,
            )
            self._db.commit()
        except sqlite3.Error as error:
            raise OutputError(f"cannot write the translation memory: {error}", self.path) from None
        return report

    def add_units(self, units: list[Unit]) -> AddReport:
        """Units read from a TMX file, each with its own languages and origin."""
        report = AddReport()
        groups: dict[tuple[str, str, Origin], list[Pair]] = {}
        for unit in units:
            groups.setdefault((unit.source_lang, unit.target_lang, unit.origin), []).append(
                Pair(unit.source, unit.target)
            )
        for (source_lang, target_lang, origin), pairs in groups.items():
            part = self.add(pairs, source_lang, target_lang, origin)
            report.added += part.added
            report.updated += part.updated
            report.unchanged += part.unchanged
        return report

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
        query = "SELECT source_lang, target_lang, source, target, origin, created, changed, note FROM units"
        clauses, values = [], []
        if source_lang:
            clauses.append("source_lang=?")
            values.append(source_lang.lower())
        if target_lang:
            clauses.append("target_lang=?")
            values.append(target_lang.lower())
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        for row in self._db.execute(query + " ORDER BY source_lang, target_lang, key, origin", values):
            yield Unit(*row)

    def index(self, source_lang: str, target_lang: str) -> MemoryIndex:
        # `fr` -> `en` also finds the units a CAT tool stored as `fr-FR` -> `en-GB`
        source_lang, target_lang = source_lang.lower(), target_lang.lower()
        rows = self._db.execute(
            "SELECT key, origin, source, target FROM units WHERE (source_lang=? OR source_lang LIKE ?) "
            "AND (target_lang=? OR target_lang LIKE ?) ORDER BY source_lang=? AND target_lang=?",
            (source_lang, f"{source_lang}-%", target_lang, f"{target_lang}-%", source_lang, target_lang),
        )
        human: dict[str, tuple[str, str]] = {}
        machine: dict[str, tuple[str, str]] = {}
        for unit_key, origin, source, target in rows:
            (human if origin == "human" else machine)[unit_key] = (source, target)
        return MemoryIndex(human, machine)


Wrap = Callable[[str], str]


class MemoryIndex:
    """One language pair of the memory in memory, ready to resolve a whole track."""

    def __init__(self, human: dict[str, tuple[str, str]], machine: dict[str, tuple[str, str]]) -> None:
        self.human = human
        self.machine = machine
        #: human units by their text without tags: a re-cut often re-does the italics it merges
        self.visible = {visible_key(source): (source, target) for source, target in human.values()}
        #: the longest unit in words, which bounds the cover search of a merged cue
        self.longest = max((len(unit_key.split()) for unit_key in self.visible), default=0)

    def __len__(self) -> int:
        return len(self.human) + len(self.machine)

    def resolve(
        self, cues: list[Cue], threshold: int = DEFAULT_THRESHOLD, wrap: Wrap | None = None, language: str = ""
    ) -> list[Match | None]:
        """A match for each cue, or None where the engine must translate."""
        wrap = wrap or (lambda text: text)
        keys = [key(cue.text) for cue in cues]
        matches: list[Match | None] = [self._exact(self.human, unit_key, "human") for unit_key in keys]
        visible = [visible_key(cue.text) for cue in cues]
        self._splits(visible, matches, wrap, language)
        for index, unit_key in enumerate(visible):
            if matches[index] is None:
                matches[index] = self._cover(unit_key, wrap)
        self._fuzzy(cues, matches, threshold)
        for index, unit_key in enumerate(keys):
            if matches[index] is None:
                matches[index] = self._exact(self.machine, unit_key, "machine")
        return matches

    @staticmethod
    def _exact(table: dict[str, tuple[str, str]], unit_key: str, origin: Origin) -> Match | None:
        found = table.get(unit_key)
        return Match("exact", origin, 100, found[1], found[0]) if found and unit_key else None

    def _splits(self, keys: list[str], matches: list[Match | None], wrap: Wrap, language: str) -> None:
        """Runs of unmatched cues whose joined text is one unit: a cue the re-cut split in parts."""
        from subkit.translation.segment import balance_lines  # noqa: PLC0415
        from subkit.translation.spread import spread  # noqa: PLC0415

        index = 0
        while index < len(keys):
            found = False
            for size in range(min(MAX_SPLIT, len(keys) - index), 1, -1):
                window = range(index, index + size)
                if any(matches[i] is not None or not keys[i] for i in window):
                    continue
                unit = self.visible.get(" ".join(keys[i] for i in window))
                if unit is None:
                    continue
                parts = spread(key(unit[1]), [len(keys[i]) for i in window], language)
                if parts is None:
                    continue
                for i, part in zip(window, balance_lines(parts)):
                    matches[i] = Match("exact", "human", 100, wrap(part), unit[0])
                index += size
                found = True
                break
            if not found:
                index += 1

    def _cover(self, unit_key: str, wrap: Wrap) -> Match | None:
        """One cue made of several units (cues the re-cut merged): the fewest units that cover it."""
        words = unit_key.split()
        if len(words) < 2 or not self.visible:
            return None
        best: list[tuple[int, int] | None] = [None] * (len(words) + 1)  # (units used, start of the last)
        best[0] = (0, 0)
        for end in range(1, len(words) + 1):
            for start in range(max(0, end - self.longest), end):
                previous = best[start]
                if previous is None or " ".join(words[start:end]) not in self.visible:
                    continue
                if best[end] is None or previous[0] + 1 < best[end][0]:  # type: ignore[index]
                    best[end] = (previous[0] + 1, start)
        if best[-1] is None or best[-1][0] < 2:
            return None
        pieces: list[tuple[str, str]] = []
        end = len(words)
        while end:
            start = best[end][1]  # type: ignore[index]
            pieces.append(self.visible[" ".join(words[start:end])])
            end = start
        pieces.reverse()
        target = ""
        for _, piece in pieces:
            joiner = "\n" if _DASH_START.match(piece) else " "
            target = f"{target}{joiner}{piece}" if target else piece
        target = re.sub(r"</([a-z]+)>(\s+)<\1>", r"\2", target)  # `<i>a</i> <i>b</i>`: one italic run
        return Match("exact", "human", 100, wrap(target), "\n".join(source for source, _ in pieces))

    def _fuzzy(self, cues: list[Cue], matches: list[Match | None], threshold: int) -> None:
        if not self.human or threshold > 100:
            return
        wanted = [index for index, match in enumerate(matches) if match is None and key(cues[index].text)]
        if not wanted:
            return
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when some cue is not an exact match

        # tags count as characters: a fuzzy match brings the unit's tags with it
        choices = list(self.human)
        for index in wanted:
            found = process.extractOne(key(cues[index].text), choices, scorer=fuzz.ratio, score_cutoff=threshold)
            if found is not None:
                source, target = self.human[choices[found[2]]]
                matches[index] = Match("fuzzy", "human", int(found[1]), target, source)


def draft_with_memory(
    translator: TrackTranslator, track: Track, memory: TranslationMemory, threshold: int = DEFAULT_THRESHOLD
) -> tuple[Draft, list[Match | None]]:
    """The draft of `track` where the memory answers first and the engine gets only what is left.

    Cues the memory answers keep the memory's text (a human translation is not re-wrapped, only
    the parts of a split or merged unit are); the others are translated as a track of their own,
    so sentences still run over consecutive new cues. The engine's new translations are then
    recorded in the memory as machine units.
    """
    from subkit.linebreak import wrap_markup  # noqa: PLC0415
    from subkit.translation.batching import BatchStats  # noqa: PLC0415
    from subkit.translation.pipeline import Draft, retarget  # noqa: PLC0415

    layout, language = translator.layout, translator.language
    index = memory.index(translator.source, translator.target)
    matches = index.resolve(
        track.cues, threshold, lambda text: wrap_markup(text, layout.max_chars, layout.max_lines, language), language
    )
    rest = [position for position, match in enumerate(matches) if match is None]
    cues = [cue.copy(text=match.target) if match else cue for cue, match in zip(track.cues, matches)]
    draft = Draft(track.with_cues(cues), translator.target, 0, BatchStats())
    if rest:
        engine_draft = translator.translate(track.with_cues([track.cues[position] for position in rest]))
        for position, cue in zip(rest, engine_draft.track.cues):
            cues[position] = cue
        draft = engine_draft.moved(rest, track.with_cues(cues))
        # a cue left in the source language is no translation to remember
        untranslated = {note.cue - 1 for note in draft.untranslated}
        memory.add(
            [Pair(track.cues[position].text, cues[position].text) for position in rest if position not in untranslated],
            translator.source,
            translator.target,
            "machine",
            note="subkit translate",
        )
    draft.track = retarget(track.with_cues(cues), translator.target)
    return draft, matches


def add_tracks(
    memory: TranslationMemory,
    source_path: str,
    target_path: str,
    source_lang: str | None,
    target_lang: str | None,
    origin: Origin = "human",
    encoding: str | None = None,
    *,
    source_data: bytes | None = None,
    target_data: bytes | None = None,
) -> str:
    """`subkit tm add SOURCE TARGET`: align the two tracks and store the pairs; a one-line summary.

    `source_data` / `target_data` hold a track's bytes when they do not come from its file."""
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.formats import read_track  # noqa: PLC0415

    source = read_track(source_path, encoding, data=source_data)
    target = read_track(target_path, encoding, data=target_data)
    source_lang = source_lang or source.language
    target_lang = target_lang or target.language
    if not source_lang or not target_lang:
        side = "source" if not source_lang else "target"
        raise UsageError(f"cannot tell the {side} language from the file name", option=f"{side}_lang", missing=True)
    if source_lang.lower() == target_lang.lower():
        raise UsageError(f"both tracks are in {source_lang}")
    pairs, unaligned = align(source, target)
    report = memory.add(pairs, source_lang, target_lang, origin, note=Path(target_path).name)
    shapes = [
        f"{sum(1 for pair in pairs if pair.cues[0] > 1)} merged",
        f"{sum(1 for pair in pairs if pair.cues[1] > 1)} split",
    ]
    text = (
        f"{len(pairs)} {source_lang}-{target_lang} pairs ({', '.join(shapes)}), {report.added} added, "
        f"{report.updated} updated, {report.unchanged} unchanged"
    )
    return text + (f"; {unaligned} cues overlap no cue of the other track" if unaligned else "")
