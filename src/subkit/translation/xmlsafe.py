"""Reading the XML files translators exchange (XLIFF, TMX, TBX) without trusting them.

These files come from other people's tools, so the parser never fetches anything (no network,
no external DTD), never expands an entity, and refuses a document that declares entities at all:
an external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) would read local files and a
nested one ("billion laughs") would eat the machine's memory. lxml's own limits on depth and
size stay on (`huge_tree=False`). Every refusal is an `InputError` with the file and line.
"""

from __future__ import annotations

from typing import Any

from subkit.errors import InputError
from subkit.fileio import read_bytes


def _parser() -> Any:
    from lxml import etree  # noqa: PLC0415 - ~15 ms, only for the commands that read XML

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, path: str) -> Any:
    """The root element of `data`; InputError (exit 3) for anything malformed or unsafe."""
    from lxml import etree  # noqa: PLC0415

    if not data.strip():
        raise InputError("empty file", path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) and error.lineno > 0 else None
        message = str(error.msg or error).split(", line ")[0]
        raise InputError(f"not well-formed XML: {message}", path, line) from None
    doctype = root.getroottree().docinfo
    internal = doctype.internalDTD
    if internal is not None and any(True for _ in internal.iterentities()):
        line = data[: data.find(b"<!ENTITY")].count(b"\n") + 1 if b"<!ENTITY" in data else None
        raise InputError(
            "the document declares XML entities; refused (external entities and entity expansion are not read)",
            path,
            line,
        )
    for node in root.iter():
        if isinstance(node, etree._Entity):  # noqa: SLF001 - lxml's type for an unexpanded reference
            raise InputError(f"entity reference {node.text} refused", path, node.sourceline)
    return root


def read_xml(path: str, data: bytes | None = None) -> Any:
    return parse_xml(read_bytes(path) if data is None else data, path)


def local(tag: object) -> str:
    """`{urn:oasis:names:tc:xliff:document:1.2}trans-unit` -> `trans-unit` (comments -> "")."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
