"""TMX 1.4b, the translation-memory exchange format every CAT tool reads and writes.

`subkit tm export` writes the memory's units as `<tu>`s, with cue tags as `<bpt>`/`<ept>`/`<ph>`
codes (subkit.translation.inline) and who made each unit in `<prop type="x-origin">`
(human or machine); `subkit tm add FILE.tmx` reads one back, or a CAT tool's, into the memory.
"""

from __future__ import annotations

from subkit.errors import InputError
from subkit.fileio import atomic_write
from subkit.translation.inline import fill, markup_of
from subkit.translation.memory import Unit
from subkit.translation.xmlsafe import XML_LANG, local, read_xml
from subkit.version import __version__


def render_tmx(units: list[Unit]) -> bytes:
    from lxml import etree  # noqa: PLC0415

    sources = {unit.source_lang for unit in units}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "subkit",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "block",
            "adminlang": "en",
            "srclang": sources.pop() if len(sources) == 1 else "*all*",
            "o-tmf": "subkit",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        attributes = {"srclang": unit.source_lang}
        if unit.created:
            attributes["creationdate"] = unit.created
        if unit.changed:
            attributes["changedate"] = unit.changed
        tu = etree.SubElement(body, "tu", attributes)
        if unit.note:
            etree.SubElement(tu, "note").text = unit.note
        etree.SubElement(tu, "prop", type="x-origin").text = unit.origin
        for language, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            fill(etree.SubElement(tuv, "seg"), text, "tmx")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tmx(units: list[Unit], path: str, protect: set[str] | None = None) -> None:
    atomic_write(path, render_tmx(units), protect)


def read_tmx(path: str) -> list[Unit]:
    """Every (source, target) pair of every `<tu>`; InputError with the line for what cannot be read."""
    root = read_xml(path)
    if local(root.tag) != "tmx":
        raise InputError(f"not a TMX file (the root element is <{local(root.tag)}>, not <tmx>)", path, root.sourceline)
    header = next((node for node in root if local(node.tag) == "header"), None)
    body = next((node for node in root if local(node.tag) == "body"), None)
    if header is None or body is None:
        raise InputError("a TMX file needs a <header> and a <body>", path, root.sourceline)
    default_source = (header.get("srclang") or "").lower()
    units: list[Unit] = []
    for tu in body:
        if local(tu.tag) != "tu":
            continue
        variants: list[tuple[str, str, int]] = []
        origin = "human"
        for node in tu:
            name = local(node.tag)
            if name == "prop" and node.get("type") == "x-origin" and (node.text or "").strip() in ("human", "machine"):
                origin = (node.text or "").strip()
            elif name == "tuv":
                language = (node.get(XML_LANG) or node.get("lang") or "").lower()
                seg = next((child for child in node if local(child.tag) == "seg"), None)
                if not language or seg is None:
                    raise InputError("<tuv> without xml:lang or <seg>", path, node.sourceline)
                variants.append((language, markup_of(seg, path), node.sourceline))
        source_lang = (tu.get("srclang") or default_source).lower()
        if source_lang in ("", "*all*"):
            source_lang = variants[0][0] if variants else ""
        source = next((variant for variant in variants if variant[0] == source_lang), None)
        if source is None or len(variants) < 2:
            raise InputError(f"<tu> needs a {source_lang or 'source'} variant and a translation", path, tu.sourceline)
        for language, text, _ in variants:
            if language != source_lang and text.strip():
                units.append(
                    Unit(
                        source_lang,
                        language,
                        source[1],
                        text,
                        origin,  # type: ignore[arg-type]
                        tu.get("creationdate") or "",
                        tu.get("changedate") or "",
                    )
                )
    return units
