"""XML for subtitle files: a small element tree with line numbers, that never expands entities.

Why not `xml.etree` or lxml: TTML diagnostics must name the line of the `<p>` they are about,
which ElementTree does not keep, and a delivery file from outside must not be able to make the
parser read local files (external entities) or expand a few bytes into gigabytes (entity
bombs). Entity declarations are refused outright, as defusedxml does with the same expat
parser; without declarations, only the five predefined entities and character references exist.
lxml was measured too (docs/formats.md): its `recover` mode drops text silently, and its
import costs more than the whole TTML read of the sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from subkit.model import Diagnostic


@dataclass(slots=True)
class Element:
    """An element: `{namespace}name` tag, attributes by expanded name, children (text or elements)."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.tag.rsplit("}", 1)[-1]

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)


class EntityRefused(Exception):
    """An entity declaration in the document: refused, whatever it declares."""


def _name(raw: str) -> str:
    namespace, _, local = raw.rpartition(" ")
    return f"{{{namespace}}}{local}" if namespace else local


def parse_xml(text: str) -> tuple[Element | None, Diagnostic | None]:
    """The document's root element, and where the document stopped being well-formed, if it did.

    Elements read before a well-formedness error are kept (the caller decides whether the part
    read is worth anything); an entity declaration stops the parse with a diagnostic.
    """
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    root: list[Element] = []

    def refuse(*_: object) -> None:
        raise EntityRefused

    def start(raw: str, attributes: dict[str, str]) -> None:
        element = Element(_name(raw), {_name(k): v for k, v in attributes.items()}, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    try:
        parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    except EntityRefused:
        return (root[0] if root else None), Diagnostic(
            "S001",
            "XML entity declarations are not read (they can expand without bound or reach other files); "
            "the rest of the file is not read",
            parser.CurrentLineNumber,
        )
    except expat.ExpatError as error:
        return (root[0] if root else None), Diagnostic(
            "S001",
            f"XML is not well-formed ({expat.ErrorString(error.code)}, column {error.offset + 1}); "
            "the rest of the file is not read",
            error.lineno,
        )
    return (root[0] if root else None), None
