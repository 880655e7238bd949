"""XLIFF 1.2, the file every CAT tool (memoQ, Trados, Phrase, Matecat) opens: a track out and back.

XLIFF 1.2 rather than 2.x because it is the version all of them read and write back unchanged;
the file validates against OASIS's strict schema (tests/workflow/schemas). One `<trans-unit>`
per cue, its id the cue's position (`resname` keeps the cue's own id); tags as inline codes
(subkit.translation.inline); the cue's times, speaker (a WebVTT `<v Name>`) and the target
profile's limits as `<context>`s, plus a `<note>` a translator reads. `maxwidth` with
`size-unit="char"` holds the cue's character budget, the smaller of lines x characters per line
and what the reading speed allows for its duration, which is the one length limit CAT tools
enforce as the translator types. A draft (machine or memory) goes in as `<target>` with the
state saying where it came from; a fuzzy match also as `<alt-trans>` with the memory's source.

Import takes the targets back in unit order, with the times of the units (or of the source
track, given one, after checking that every unit is a cue of it with the same text), re-wraps
a target whose lines are too long for the profile, and lists the units that still do not fit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from subkit.errors import InputError
from subkit.markup import TAG
from subkit.model import Cue, Track
from subkit.timecode import format_srt
from subkit.translation.inline import fill, markup_of
from subkit.translation.memory import key
from subkit.translation.xmlsafe import local, read_xml
from subkit.version import __version__

NS = "urn:oasis:names:tc:xliff:document:1.2"
_Q = f"{{{NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TIME = re.compile(r"^(\d+):(\d\d):(\d\d)[,.](\d{3})$")


@dataclass(slots=True)
class Limits:
    max_chars: int = 42
    max_lines: int = 2
    max_cps: float | None = 17.0


@dataclass(slots=True)
class ImportedUnit:
    id: str
    line: int
    start: int | None
    end: int | None
    source: str
    target: str | None
    state: str = ""
    qualifier: str = ""
    resname: str | None = None


@dataclass(slots=True)
class XliffFile:
    source_lang: str
    target_lang: str
    original: str
    units: list[ImportedUnit] = field(default_factory=list)


def speaker(markup: str) -> str | None:
    """The first WebVTT voice (`<v Roger>` or `<v.loud Roger>`), when the cue names one."""
    for match in TAG.finditer(markup):
        if (match.group(2) or "").lower() == "v":
            name = match.group(3).strip()
            return name.split(" ", 1)[1] if name.startswith(".") and " " in name else name or None
    return None


def budget(cue: Cue, limits: Limits) -> int:
    """Characters the cue can hold: its lines, and its duration at the profile's reading speed."""
    room = limits.max_chars * limits.max_lines
    if limits.max_cps:
        room = min(room, max(1, math.floor(limits.max_cps * cue.duration / 1000)))
    return room


def render_xliff(
    source: Track,
    source_lang: str,
    target_lang: str,
    limits: Limits,
    original: str,
    targets: list[tuple[str, str, str] | None] | None = None,
    fuzzy_sources: list[tuple[str, int] | None] | None = None,
) -> bytes:
    """The XLIFF document; `targets[i]` = (markup, state, state-qualifier) of cue i, or None."""
    from lxml import etree  # noqa: PLC0415

    def element(parent: Any, tag: str, text: str | None = None, /, **attributes: str) -> Any:
        node = etree.SubElement(
            parent, f"{_Q}{tag}", {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()}
        )
        if text is not None:
            node.text = text
        return node

    root = etree.Element(f"{_Q}xliff", version="1.2", nsmap={None: NS})
    file = element(
        root,
        "file",
        original=original,
        source_language=source_lang,
        target_language=target_lang,
        datatype="plaintext",
        tool_id="subkit",
    )
    header = element(file, "header")
    element(header, "tool", tool_id="subkit", tool_name="subkit", tool_version=__version__)
    speed = f", at most {limits.max_cps:g} characters per second" if limits.max_cps else ""
    element(
        header,
        "note",
        f"One unit per subtitle cue. Each translation must fit {limits.max_lines} lines of "
        f"{limits.max_chars} characters{speed}; maxwidth is the unit's character budget.",
    )
    body = element(file, "body")
    for number, cue in enumerate(source.cues, 1):
        unit = element(body, "trans-unit", id=str(number), maxwidth=str(budget(cue, limits)), size_unit="char")
        unit.set(_XML_SPACE, "preserve")
        if cue.id:
            unit.set("resname", cue.id)
        fill(element(unit, "source"), cue.text, "xliff", _Q)
        target = targets[number - 1] if targets else None
        if target is not None:
            node = element(unit, "target", state=target[1])
            if target[2]:
                node.set("state-qualifier", target[2])
            fill(node, target[0], "xliff", _Q)
        context = element(unit, "context-group", name=f"cue-{number}", purpose="location")
        values = [
            ("x-start", format_srt(cue.start)),
            ("x-end", format_srt(cue.end)),
            ("x-speaker", speaker(cue.text)),
            ("x-max-lines", str(limits.max_lines)),
            ("x-max-line-chars", str(limits.max_chars)),
            ("x-max-cps", f"{limits.max_cps:g}" if limits.max_cps else None),
        ]
        for kind, value in values:
            if value is not None:
                element(context, "context", value, context_type=kind)
        element(
            unit,
            "note",
            f"{format_srt(cue.start)} --> {format_srt(cue.end)} ({cue.duration / 1000:.2f} s): "
            f"at most {limits.max_lines} lines of {limits.max_chars} characters, "
            f"{budget(cue, limits)} characters in all",
            from_="subkit",
        )
        fuzzy = fuzzy_sources[number - 1] if fuzzy_sources else None
        if fuzzy is not None and target is not None:
            alternative = element(unit, "alt-trans", match_quality=f"{fuzzy[1]}%", origin="subkit-memory")
            fill(element(alternative, "source"), fuzzy[0], "xliff", _Q)
            fill(element(alternative, "target"), target[0], "xliff", _Q)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _time(value: str | None, path: str, line: int) -> int | None:
    if value is None:
        return None
    match = _TIME.match(value.strip())
    if match is None:
        raise InputError(f"{value.strip()!r} is not a time (HH:MM:SS,mmm)", path, line)
    hours, minutes, seconds, millis = map(int, match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def read_xliff(path: str, data: bytes | None = None) -> XliffFile:
    """The units of an XLIFF 1.2 file (or of its bytes, `data`), in document order; InputError
    with the line otherwise."""
    root = read_xml(path, data)
    if local(root.tag) != "xliff":
        raise InputError(f"not an XLIFF file (the root element is <{local(root.tag)}>)", path, root.sourceline)
    version = root.get("version") or ""
    if not version.startswith("1."):
        raise InputError(
            f"XLIFF {version or '(no version)'} is not read; subkit reads XLIFF 1.2", path, root.sourceline
        )
    files = [node for node in root if local(node.tag) == "file"]
    if len(files) != 1:
        raise InputError(f"expected one <file>, found {len(files)}", path, root.sourceline)
    file = files[0]
    result = XliffFile(
        (file.get("source-language") or "").lower(),
        (file.get("target-language") or "").lower(),
        file.get("original") or "",
    )
    seen: dict[str, int] = {}
    for unit in file.iter(f"{_Q}trans-unit", "trans-unit"):
        unit_id = unit.get("id") or ""
        line = unit.sourceline
        if unit_id in seen:
            raise InputError(f"unit id {unit_id!r} again (first on line {seen[unit_id]})", path, line)
        seen[unit_id] = line
        source = next((child for child in unit if local(child.tag) == "source"), None)
        if source is None:
            raise InputError(f"unit {unit_id!r} has no <source>", path, line)
        target = next((child for child in unit if local(child.tag) == "target"), None)
        contexts = {
            node.get("context-type"): (node.text or "", node.sourceline)
            for node in unit.iter()
            if local(node.tag) == "context"
        }
        start = _time(contexts["x-start"][0], path, contexts["x-start"][1]) if "x-start" in contexts else None
        end = _time(contexts["x-end"][0], path, contexts["x-end"][1]) if "x-end" in contexts else None
        text = markup_of(target, path) if target is not None else None
        result.units.append(
            ImportedUnit(
                unit_id,
                line,
                start,
                end,
                markup_of(source, path),
                text if text and text.strip() else None,
                target.get("state", "") if target is not None else "",
                target.get("state-qualifier", "") if target is not None else "",
                unit.get("resname"),
            )
        )
    if not result.units:
        raise InputError("no <trans-unit> in the file", path, file.sourceline)
    return result


def rebuild(document: XliffFile, path: str, source: Track | None = None) -> Track:
    """The target track: one cue per unit, with the source's times; InputError for units that do not match."""
    shown = source.source.path if source is not None and source.source else "the source track"
    if source is not None and len(document.units) != len(source.cues):
        raise InputError(f"{len(document.units)} units for the {len(source.cues)} cues of {shown}", path)
    missing = [unit for unit in document.units if unit.target is None]
    if missing:
        raise InputError(
            f"unit {missing[0].id!r} has no translation ({len(missing)} units without one); nothing written",
            path,
            missing[0].line,
        )
    cues: list[Cue] = []
    for position, unit in enumerate(document.units, 1):
        if source is not None:
            if unit.id != str(position):
                raise InputError(f"unit id {unit.id!r} is not cue {position} of {shown}", path, unit.line)
            cue = source.cues[position - 1]
            if key(cue.text) != key(unit.source):
                raise InputError(
                    f"unit {unit.id!r}: its source is not the text of cue {position} of {shown} "
                    "(was the track changed after the export?)",
                    path,
                    unit.line,
                )
            start, end, cue_id = cue.start, cue.end, cue.id
        else:
            if unit.start is None or unit.end is None:
                raise InputError(f"unit {unit.id!r} has no x-start/x-end times; give the source track", path, unit.line)
            start, end, cue_id = unit.start, unit.end, unit.resname
        assert unit.target is not None
        cues.append(Cue(start, end, unit.target, cue_id))
    track = source.with_cues(cues) if source is not None else Track(cues)
    track.language = document.target_lang or None
    track.diagnostics = []
    return track


@dataclass(slots=True)
class ExportReport:
    units: int
    targets: int
    fuzzy: int
    #: the document, when the output was `-` (standard output, which the caller writes)
    data: bytes | None = None


def export_track(
    path: str,
    target_lang: str,
    output: str,
    source_lang: str | None = None,
    draft: str | None = None,
    memory: str | None = None,
    threshold: int = 75,
    profile: str | None = None,
    encoding: str | None = None,
    data: bytes | None = None,
) -> ExportReport:
    """`subkit xliff export`: the track, its limits in `target_lang`, and any draft or memory matches.

    `data` holds the track's bytes when they do not come from the file `path`; with `output`
    `-` nothing is written and the document is left in the report's `data`, for the caller.
    """
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.fileio import atomic_write  # noqa: PLC0415
    from subkit.formats import read_track  # noqa: PLC0415
    from subkit.qc import load_config, resolve_thresholds  # noqa: PLC0415
    from subkit.translation.run import source_language  # noqa: PLC0415

    track = read_track(path, encoding, data=data)
    source_lang = source_language(track, source_lang)
    if source_lang.lower() == target_lang.lower():
        raise UsageError(f"{target_lang} is the source language", option="target_lang")
    config = load_config()
    thresholds = resolve_thresholds(profile or config.profile or "netflix", config, target_lang.split("-")[0].lower())
    limits = Limits(thresholds.max_cpl, thresholds.max_lines, thresholds.max_cps)
    targets: list[tuple[str, str, str] | None] = [None] * len(track.cues)
    fuzzy: list[tuple[str, int] | None] = [None] * len(track.cues)
    if draft is not None:
        drafted = read_track(draft, encoding)
        if len(drafted.cues) != len(track.cues):
            raise InputError(f"the draft has {len(drafted.cues)} cues, the source {len(track.cues)}", draft)
        targets = [(cue.text, "needs-review-translation", "leveraged-mt") for cue in drafted.cues]
    if memory is not None:
        from subkit.translation.memory import TranslationMemory  # noqa: PLC0415

        with TranslationMemory(memory, create=False) as store:
            matches = store.index(source_lang, target_lang).resolve(track.cues, threshold)
        for position, match in enumerate(matches):
            if match is None:
                continue
            if match.kind == "fuzzy":
                targets[position] = (match.target, "needs-review-translation", "fuzzy-match")
                fuzzy[position] = (match.source, match.score)
            elif match.origin == "human":
                targets[position] = (match.target, "translated", "exact-match")
            elif targets[position] is None:
                targets[position] = (match.target, "needs-review-translation", "leveraged-mt")
    original = "stdin" if path == "-" else Path(path).name
    document = render_xliff(track, source_lang.lower(), target_lang.lower(), limits, original, targets, fuzzy)
    if output == "-":
        return ExportReport(len(track.cues), sum(1 for t in targets if t), sum(1 for f in fuzzy if f), document)
    atomic_write(output, document, _inputs(path, draft))
    return ExportReport(len(track.cues), sum(1 for t in targets if t), sum(1 for f in fuzzy if f))


@dataclass(slots=True)
class ImportReport:
    track: Track
    language: str
    #: (unit id, cue number, what does not fit) for each unit over the profile's limits
    over: list[tuple[str, int, str]]
    rewrapped: int
    term_issues: list[Any] = field(default_factory=list)
    #: the track's bytes, when the output was `-` (standard output, which the caller writes)
    data: bytes | None = None


def import_track(
    path: str,
    output: str,
    source: str | None = None,
    profile: str | None = None,
    fmt: str | None = None,
    glossary: str | None = None,
    review: str | None = None,
    encoding: str | None = None,
    data: bytes | None = None,
) -> ImportReport:
    """`subkit xliff import`: rebuild, re-wrap what is too wide, check against the profile, then
    write (with `output` `-`, the bytes are left in the report's `data` for the caller)."""
    from subkit.formats import output_format, read_track, render_bytes, write_track  # noqa: PLC0415
    from subkit.linebreak import wrap_markup  # noqa: PLC0415
    from subkit.qc import check_track, load_config, resolve_thresholds  # noqa: PLC0415

    document = read_xliff(path, data)
    source_track = read_track(source, encoding) if source else None
    track = rebuild(document, path, source_track)
    language = document.target_lang or "en"
    config = load_config()
    thresholds = resolve_thresholds(profile or config.profile or "netflix", config, language.split("-")[0])
    from subkit.counting import line_lengths  # noqa: PLC0415

    rewrapped = 0
    for index, cue in enumerate(track.cues):
        lengths = line_lengths(cue.text)
        if lengths and (max(lengths) > thresholds.max_cpl or len(lengths) > thresholds.max_lines):
            wrapped = wrap_markup(cue.text, thresholds.max_cpl, thresholds.max_lines, language)
            if wrapped != cue.text:
                track.cues[index] = cue.copy(text=wrapped)
                rewrapped += 1
    findings = check_track(track, profile=profile, lang=language, select=["R001", "L001", "L002"], config=config)
    over: list[tuple[str, int, str]] = []
    for finding in findings:
        if finding.cue is not None:
            over.append((document.units[finding.cue - 1].id, finding.cue, f"{finding.code} {finding.message}"))
    source_for_checks = source_track or Track([Cue(u.start or 0, u.end or 0, u.source) for u in document.units])
    terms = None
    term_issues: list[Any] = []
    if glossary:
        from subkit.translation.glossary import check_terms, load_glossary  # noqa: PLC0415

        terms = load_glossary(glossary, document.source_lang or None)
        term_issues = check_terms(source_for_checks.cues, track.cues, terms, language)
    protect = _inputs(path, source)
    written = None
    if output == "-":
        written = render_bytes(track, output_format(track, output, fmt)).encoded
    else:
        write_track(track, output, fmt, protect=protect)
    if review:
        from subkit.translation.review import Flag, write_review  # noqa: PLC0415

        origins = [_origin_of(unit, Flag) for unit in document.units]
        write_review(
            source_for_checks,
            track,
            review,
            document.source_lang or "?",
            language,
            profile,
            config,
            glossary=terms,
            protect=protect,
            origins=origins,
        )
    return ImportReport(track, language, over, rewrapped, term_issues, written)


def _origin_of(unit: ImportedUnit, flag: Any) -> Any:
    """What the XLIFF says about who wrote a target, as the review file's origin flag."""
    if unit.qualifier == "fuzzy-match":
        return flag("fuzzy", "fuzzy match", "from a fuzzy memory match")
    if unit.qualifier in ("leveraged-mt", "mt-suggestion") and unit.state.startswith("needs"):
        return flag("machine", "machine", "machine draft, not reviewed in the CAT tool")
    if unit.qualifier == "exact-match":
        return flag("memory", "memory", "approved translation from the memory")
    return flag("memory", unit.state or "translated", "translated in the CAT tool")


def _inputs(*paths: str | None) -> set[str]:
    """Resolved input paths, which an output must never replace."""
    return {str(Path(path).resolve()) for path in paths if path and path != "-"}
