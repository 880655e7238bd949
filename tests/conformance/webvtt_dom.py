"""What a browser makes of a WebVTT cue: the HTML `VTTCue`/`VTTRegion` attributes and the cue-text tree.

The reader keeps `Cue.settings` and `Track.regions` as raw text, because a VTT -> VTT round
trip must give back what was written, typos included. Players do not see that text: they run
the spec's "parse the WebVTT cue settings" and "parse the WebVTT region settings" algorithms
(https://www.w3.org/TR/webvtt1/#cue-timings-and-settings-parsing) and silently drop every
setting they cannot read. This module runs the same algorithms, so the conformance suites can
compare subkit's reading with the spec attribute by attribute (`align:middle` is ignored,
`line:50` is a line number and `line:50%` a percentage, a `region:` that names no REGION block
means no region).

`parse_cue_text` is the spec's cue-text tree builder over the reader's tokenizer
(`subkit.formats.vtt_cues.cue_text_tokens`): the node tree `getCueAsHTML()` returns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from subkit.formats.vtt import parse_timestamp
from subkit.formats.vtt_cues import ELEMENTS, WHITESPACE_RUN, cue_text_tokens
from subkit.markup import to_raw_vtt
from subkit.model import Cue, Track
from subkit.timecode import format_vtt

_PERCENTAGE = re.compile(r"[0-9]+(?:\.[0-9]+)?%")
_LINE_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

LineValue = float | Literal["auto"]


@dataclass(eq=False, slots=True)
class RegionAttributes:
    """`VTTRegion` as the spec's region-settings algorithm fills it; compared by identity, like DOM objects."""

    id: str = ""
    width: float = 100.0
    lines: int = 3
    regionAnchorX: float = 0.0  # noqa: N815 - the IDL attribute names, so tests read like the spec
    regionAnchorY: float = 100.0  # noqa: N815
    viewportAnchorX: float = 0.0  # noqa: N815
    viewportAnchorY: float = 100.0  # noqa: N815
    scroll: str = ""


@dataclass(slots=True)
class CueAttributes:
    """`VTTCue` as a browser exposes it: times in seconds, the spec's defaults where nothing valid was given."""

    id: str
    startTime: float  # noqa: N815
    endTime: float  # noqa: N815
    text: str
    align: str = "center"
    line: LineValue = "auto"
    lineAlign: str = "start"  # noqa: N815
    position: LineValue = "auto"
    positionAlign: str = "auto"  # noqa: N815
    size: float = 100.0
    snapToLines: bool = True  # noqa: N815
    vertical: str = ""
    region: RegionAttributes | None = None


def parse_percentage(value: str) -> float | None:
    """The spec's "parse a percentage string": digits, optional fraction, `%`, within 0..100."""
    if not _PERCENTAGE.fullmatch(value):
        return None
    number = float(value[:-1])
    return number if 0.0 <= number <= 100.0 else None


def _setting_pairs(text: str) -> list[tuple[str, str]]:
    """Split on ASCII whitespace; keep `name:value` tokens whose first colon is neither first nor last."""
    pairs = []
    # Not str.split(): Python's whitespace includes U+000B, U+00A0..., which the spec keeps in values.
    for token in WHITESPACE_RUN.split(text):
        colon = token.find(":")
        if colon <= 0 or colon == len(token) - 1:
            continue
        pairs.append((token[:colon], token[colon + 1 :]))
    return pairs


def parse_region_settings(text: str) -> RegionAttributes:
    """A REGION block's body as a player reads it; later settings override earlier ones, invalid ones are skipped."""
    region = RegionAttributes()
    for name, value in _setting_pairs(text):
        if name == "id":
            region.id = value
        elif name == "width":
            width = parse_percentage(value)
            if width is not None:
                region.width = width
        elif name == "lines":
            if value.isascii() and value.isdigit():
                region.lines = int(value)
        elif name in ("regionanchor", "viewportanchor"):
            if "," not in value:
                continue
            x_text, y_text = value.split(",", 1)
            x, y = parse_percentage(x_text), parse_percentage(y_text)
            if x is None or y is None:
                continue
            if name == "regionanchor":
                region.regionAnchorX, region.regionAnchorY = x, y
            else:
                region.viewportAnchorX, region.viewportAnchorY = x, y
        elif name == "scroll" and value == "up":
            region.scroll = "up"
    return region


def track_regions(track: Track) -> list[RegionAttributes]:
    """The file's list of regions: a later REGION with the same id replaces the earlier one (spec block loop)."""
    regions: list[RegionAttributes] = []
    for body in track.regions:
        region = parse_region_settings(body)
        regions = [kept for kept in regions if kept.id != region.id]
        regions.append(region)
    return regions


def _parse_line(value: str) -> tuple[float, str | None, bool] | None:
    """`line:` value -> (number, line alignment or None, snap-to-lines), or None when a player would ignore it."""
    linepos, comma, linealign = value.partition(",")
    if not any("0" <= char <= "9" for char in linepos):
        return None
    if linepos.endswith("%"):
        number = parse_percentage(linepos)
        if number is None:
            return None
        snap = False
    else:
        if not _LINE_NUMBER.fullmatch(linepos):
            return None
        number = float(linepos)
        if math.isinf(number):  # HTML's float rules: a value that rounds to +-2**1024 is an error
            return None
        snap = True
    if comma and linealign not in ("start", "center", "end"):
        return None
    return number, (linealign if comma else None), snap


def apply_cue_settings(attributes: CueAttributes, settings: str, regions: list[RegionAttributes]) -> None:
    """The spec's "parse the WebVTT cue settings" onto `attributes` (last valid setting of a name wins)."""
    for name, value in _setting_pairs(settings):
        if name == "region":
            attributes.region = next((region for region in reversed(regions) if region.id == value), None)
        elif name == "vertical":
            if value in ("rl", "lr"):
                attributes.vertical = value
        elif name == "line":
            parsed = _parse_line(value)
            if parsed is not None:
                number, line_align, snap = parsed
                attributes.line = number
                attributes.snapToLines = snap
                if line_align is not None:
                    attributes.lineAlign = line_align
        elif name == "position":
            colpos, comma, colalign = value.partition(",")
            percentage = parse_percentage(colpos)
            if percentage is None or (comma and colalign not in ("line-left", "center", "line-right")):
                continue
            attributes.position = percentage
            if comma:
                attributes.positionAlign = colalign
        elif name == "size":
            size = parse_percentage(value)
            if size is not None:
                attributes.size = size
        elif name == "align":
            if value in ("start", "center", "end", "left", "right"):
                attributes.align = value


def cue_attributes(cue: Cue, regions: list[RegionAttributes], raw_text: str | None = None) -> CueAttributes:
    """One cue as a `VTTCue`; `raw_text` is the payload as written (defaults to the cue markup in WebVTT form)."""
    if raw_text is None:
        raw_text = to_raw_vtt(cue.text)
    attributes = CueAttributes(cue.id or "", cue.start / 1000, cue.end / 1000, raw_text)
    if cue.settings:
        apply_cue_settings(attributes, cue.settings, regions)
    return attributes


def track_cue_attributes(track: Track) -> list[CueAttributes]:
    """Every cue of a track as a browser's `track.cues` list would show it."""
    regions = track_regions(track)
    return [cue_attributes(cue, regions) for cue in track.cues]


@dataclass(slots=True)
class CueNode:
    """An element of the cue-text tree (`c`, `i`, `b`, `u`, `ruby`, `rt`, `v`, `lang`); the root has kind ""."""

    kind: str
    classes: list[str] = field(default_factory=list)
    annotation: str = ""
    children: list[CueTreeItem] = field(default_factory=list)
    parent: CueNode | None = field(default=None, repr=False)


@dataclass(slots=True)
class CueTimestamp:
    """A `<00:00:01.500>` karaoke timestamp inside cue text, in milliseconds."""

    ms: int


CueTreeItem = CueNode | CueTimestamp | str


def _timestamp_ms(value: str) -> int | None:
    ms, end = parse_timestamp(value, 0)
    return ms if ms is not None and end == len(value) else None


def parse_cue_text(text: str) -> CueNode:
    """The spec's cue-text parsing rules: the tree under a document fragment (kind "")."""
    root = CueNode("")
    current = root
    for token in cue_text_tokens(text):
        kind = token[0]
        if kind == "text":
            if token[1]:
                current.children.append(token[1])
        elif kind == "start":
            name = token[1]
            if name not in ELEMENTS or (name == "rt" and current.kind != "ruby"):
                continue
            node = CueNode(name, [c for c in token[2] if c], token[3] if name in ("v", "lang") else "", parent=current)
            current.children.append(node)
            current = node
        elif kind == "end":
            name = token[1]
            if name in ELEMENTS and name == current.kind and current.parent is not None:
                current = current.parent
            elif (
                name == "ruby"
                and current.kind == "rt"
                and current.parent is not None
                and current.parent.parent is not None
            ):
                current = current.parent.parent
        else:
            ms = _timestamp_ms(token[1])
            if ms is not None:
                current.children.append(CueTimestamp(ms))
    return root


_HTML_NAME = {"c": "span", "v": "span", "lang": "span"}


def dump_tree(root: CueNode) -> str:
    """The html5lib-style dump WPT's cue-text tests compare (`| <span>`, `|   class="x"`, `| "text"`)."""
    out: list[str] = []

    def walk(node: CueNode, depth: int) -> None:
        indent = "| " + "  " * depth
        for child in node.children:
            if isinstance(child, str):
                out.append(f'{indent}"{child}"\n')
            elif isinstance(child, CueTimestamp):
                out.append(f"{indent}<?timestamp {format_vtt(child.ms)}>\n")
            else:
                out.append(f"{indent}<{_HTML_NAME.get(child.kind, child.kind)}>\n")
                attributes = []
                if child.classes:
                    attributes.append(("class", " ".join(child.classes)))
                if child.kind == "lang":
                    attributes.append(("lang", child.annotation))
                if child.kind == "v":
                    attributes.append(("title", child.annotation))
                for name, value in sorted(attributes):
                    out.append(f'{indent}  {name}="{value}"\n')
                walk(child, depth + 1)

    walk(root, 0)
    return "".join(out)
