"""What readers and writers of the delivery formats exchange with the registry: options in, output
and losses out, and the grid a fixed-layout format can show.

Apart from the registry (`subkit.formats`) so that each format module can import these at its
top without importing the registry, which imports the format modules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may need beyond the bytes: the frame rate of a format that counts frames."""

    fps: Fraction | None = None


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What a delivery-format writer may need beyond the cues."""

    newline: str = "\n"
    #: frame rate of the target's frame grid (STL, SCC, MicroDVD, TTML frame metadata); None: the format's default
    fps: Fraction | None = None
    #: the encoding the text will be stored in (declared by XML and SAMI headers)
    encoding: str = "utf-8"
    #: the format the track was read from: its own settings (ASS styles, VTT positions) apply
    origin: str | None = None


@dataclass(slots=True)
class Written:
    """A delivery format's output and what the target could not hold, counted by kind."""

    data: str | bytes
    lost: Counter[str] = field(default_factory=Counter)
    #: changes that keep every word but alter the layout (re-broken rows, moved times), counted
    changed: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Limits:
    """What a fixed-grid format can show, for the format-limit rules (F001-F003)."""

    format: str
    #: characters (cells) in one row
    columns: int
    #: rows shown at once
    rows: int
    #: whether the format's character set holds a character
    showable: Callable[[str], bool]
    #: where the numbers come from, for messages ("CEA-608", "the GSI block")
    source: str
