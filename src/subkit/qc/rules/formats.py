"""F rules: what the track's own delivery format cannot hold or show (EBU-STL rows, CEA-608 characters...).

A converted file can be valid subtitles and still be refused by a broadcaster's ingest: a
teletext row longer than the GSI's maximum, a CEA-608 row past column 32 (a decoder overwrites
the last cell), a character the format's character set lacks. These rules check the limits the
format registry declares for the format the track was read from (`subkit.formats.limits`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from subkit.qc.context import Context
from subkit.qc.rulebase import Problem, rule


def _limits(context: Context):  # type: ignore[no-untyped-def]
    from subkit.formats import limits  # noqa: PLC0415

    return limits(context.track)


@rule("F001", "row-length", "error")
def row_length(context: Context) -> Iterator[Problem]:
    """A row longer than the format shows (CEA-608: 32 columns; EBU-STL: the GSI's MNC, 40 in teletext).

    A 608 decoder writes every character past column 32 into the last cell; a teletext decoder
    cuts the row. Only files in such a format are checked.
    FAIL (SCC): a row of 35 characters.   PASS (SCC): the same text broken into rows of 32 or less.
    """
    grid = _limits(context)
    if grid is None:
        return
    for view in context.views:
        for number, length in enumerate(view.lengths, 1):
            if length > grid.columns:
                yield Problem(
                    view.index,
                    f"row {number} has {length} characters; {grid.format.upper()} shows {grid.columns} ({grid.source})",
                )


@rule("F002", "row-count", "error")
def row_count(context: Context) -> Iterator[Problem]:
    """More rows than the format shows at once (CEA-608 captions: 4; EBU-STL: the GSI's MNR, halved for double height).

    FAIL (STL teletext, MNR 23): a subtitle of 12 double-height rows.   PASS: 2 rows.
    """
    grid = _limits(context)
    if grid is None:
        return
    for view in context.views:
        if len(view.lines) > grid.rows:
            yield Problem(
                view.index, f"{len(view.lines)} rows; {grid.format.upper()} shows {grid.rows} at once ({grid.source})"
            )


@rule("F003", "charset", "error")
def charset(context: Context) -> Iterator[Problem]:
    """A character the format's character set cannot show (CEA-608's basic, special and extended sets; ISO 6937 in EBU-STL).

    FAIL (SCC): `cœur` (608 has no œ).   PASS (SCC): `coeur`.
    """
    grid = _limits(context)
    if grid is None:
        return
    for view in context.views:
        missing = Counter(char for line in view.lines for char in line if char not in " \n" and not grid.showable(char))
        if missing:
            shown = ", ".join(f"{char!r}" + (f" x{count}" if count > 1 else "") for char, count in missing.items())
            yield Problem(view.index, f"{grid.format.upper()} cannot show {shown}")


@rule("F004", "override-tags", "info")
def override_tags(context: Context) -> Iterator[Problem]:
    """SubStation override tags only an ASS renderer shows (karaoke `{\\k}`, `{\\pos}`, `{\\fad}`...): any other target drops them.

    PASS: `{\\an8}Text` (a position every format holds).   FAIL (info): `{\\k20}ka{\\k30}ra`.
    """
    if "{\\" not in context.all_markup:
        return
    from subkit.formats.styled import strip_overrides  # noqa: PLC0415

    for index, cue in enumerate(context.track.cues):
        if "{\\" not in cue.text:
            continue
        kinds: Counter[str] = Counter()
        strip_overrides(cue.text, kinds)
        if kinds:
            shown = ", ".join(f"{name} x{count}" for name, count in sorted(kinds.items()))
            yield Problem(index, f"{shown}: kept in ASS/SSA, dropped (and reported) by any other format")


@rule("F005", "frame-rate", "warning")
def frame_rate(context: Context) -> Iterator[Problem]:
    """A frame-counting file (MicroDVD) that does not declare its frame rate: times were read at an assumed rate.

    FAIL: a `.sub` without a `{1}{1}25` first line, read without a frame rate.   PASS: `{1}{1}25` first, or read at 25 fps.
    """
    # The MicroDVD reader files this finding itself (a Diagnostic with code F005); the engine
    # reports reader diagnostics under their rule, so there is nothing left to look at here.
    return iter(())
