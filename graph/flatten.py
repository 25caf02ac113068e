"""Flatten the graph's attributes into the plain records the graph-tool exports share.

GraphML, GEXF, Cytoscape.js and the Neo4j CSVs all export the same thing: every
node and every edge of the graph (see the contract in :mod:`graph.build`), each
with a ``kind`` so a tool can filter down to the actor network. The records are
made here, once, so the formats cannot drift apart.

Rules, the same in every format:

- ``None``, the empty string and the empty list are left out: a missing value,
  never the text "None" (XML cannot tell an empty value from a missing one).
- Every node has ``kind`` ("entity" | "document"), ``type`` ("Person" |
  "Organization" | "Place" | "Document") and ``label``.
- Every edge has ``kind`` ("relation" | "co_mention" | "mention"), ``label``
  (the predicate, ``coMentionedWith`` or ``mentionedIn``) and ``weight`` (the
  number of supporting sentences, or of mentions for a mention edge).
- Evidence becomes ``evidence`` (the sentences) and ``evidence_doc_ids``; a
  mention edge's mention list becomes ``surface_forms``.
- A document's full ``text`` is left out: it stays in ``graph.json`` and RDF.
  Its ``source`` (file or URL it was read from) is called ``source_file``.
- Lists stay lists where the format has them (JSON, Neo4j arrays). Elsewhere a
  list becomes one string joined by ``|``, with ``\\`` and ``|`` inside an item
  escaped by a backslash: :func:`split_list` gives the exact list back.
- Formats that must be XML-safe replace the characters XML 1.0 forbids (C0
  controls other than tab, newline and carriage return, U+FFFE, U+FFFF) with
  U+FFFD; every format replaces unpaired surrogates, which UTF-8 cannot encode.

Examples:
    >>> join_list(["al-Qaeda", "AQ|core", "C:\\\\x"])
    'al-Qaeda|AQ\\\\|core|C:\\\\\\\\x'
    >>> split_list(join_list(["al-Qaeda", "AQ|core", "C:\\\\x"]))
    ['al-Qaeda', 'AQ|core', 'C:\\\\x']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

Scalar = str | int | float | bool
Value = Scalar | list[str]
ColumnType = Literal["boolean", "int", "double", "string", "date", "list"]

LIST_SEPARATOR = "|"
MENTION_LABEL = "mentionedIn"
CO_MENTION_LABEL = "coMentionedWith"
DOCUMENT_TYPE = "Document"
# The only columns typed as dates: the contract's publication dates.
DATE_COLUMNS = frozenset({"date", "first_seen", "last_seen"})

# Attributes a graph tool does not want on every node: the article text is
# megabytes in a large build and belongs in the node-link copy and RDF.
_LEFT_OUT_NODE_ATTRIBUTES = frozenset({"text"})
# A node attribute called "source" reads as an edge end in Cytoscape.js and in
# edge-list tools; the document's origin is renamed in every export alike.
_RENAMED_NODE_ATTRIBUTES = {"source": "source_file"}

# Columns first in every table, in this order; the rest follow sorted.
_NODE_COLUMN_ORDER = (
    "kind", "type", "label", "aliases", "mention_count", "document_count", "doc_ids",
    "doc_kind", "title", "publisher", "authors", "date", "source_file", "url", "parent_id",
)
_EDGE_COLUMN_ORDER = (
    "kind", "label", "predicate", "weight", "confidence", "source_count", "first_seen", "last_seen",
    "role", "former", "time", "methods", "best_method", "evidence", "evidence_doc_ids", "surface_forms",
)
_COLUMN_RANK = {name: rank for rank, name in enumerate(dict.fromkeys(_NODE_COLUMN_ORDER + _EDGE_COLUMN_ORDER))}

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Colours (RGB) and sizes shared by the exports that carry styling (GEXF, Cytoscape.js).
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "Person": (31, 119, 180),
    "Organization": (255, 127, 14),
    "Place": (44, 160, 44),
    DOCUMENT_TYPE: (150, 150, 150),
}
EDGE_COLOURS: dict[str, tuple[int, int, int]] = {
    "relation": (214, 39, 40),
    "co_mention": (180, 180, 180),
    "mention": (220, 220, 220),
}
_FALLBACK_COLOUR = (120, 120, 120)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_FORBIDDEN.sub("\ufffd", text)


def utf8_safe(text: str) -> str:
    """``text`` with unpaired surrogates (not encodable in UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def join_list(items: Iterable[object], separator: str = LIST_SEPARATOR) -> str:
    """Join items into one string that :func:`split_list` splits back exactly."""
    return separator.join(
        str(item).replace("\\", "\\\\").replace(separator, "\\" + separator) for item in items
    )


def split_list(text: str, separator: str = LIST_SEPARATOR) -> list[str]:
    """The list :func:`join_list` joined; the empty string is one empty item."""
    items: list[str] = []
    current: list[str] = []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            current.append(next(characters, "\\"))
        elif character == separator:
            items.append("".join(current))
            current = []
        else:
            current.append(character)
    items.append("".join(current))
    return items


def node_record(data: Mapping[str, Any], *, keep_lists: bool = False) -> dict[str, Value]:
    """One node's exported attributes (the node id is not among them)."""
    record: dict[str, Any] = {}
    kind = data.get("kind", "entity")
    record["kind"] = kind
    if kind == "document":
        record["type"] = DOCUMENT_TYPE
        record["label"] = data.get("title") or data.get("url") or data.get("source")
    else:
        record["type"] = data.get("type")
        record["label"] = data.get("label")
        if "doc_ids" in data:
            record["document_count"] = len(data["doc_ids"])
    for name, value in data.items():
        if name in _LEFT_OUT_NODE_ATTRIBUTES or name in record:
            continue
        record[_RENAMED_NODE_ATTRIBUTES.get(name, name)] = value
    return _finish(record, _NODE_COLUMN_ORDER, keep_lists=keep_lists)


def edge_record(data: Mapping[str, Any], *, keep_lists: bool = False) -> dict[str, Value]:
    """One edge's exported attributes (source and target are not among them)."""
    record: dict[str, Any] = {}
    kind = data.get("kind", "relation")
    record["kind"] = kind
    record["label"] = edge_label(data)
    evidence = data.get("evidence") or []
    if kind == "mention":
        record["weight"] = data.get("count", len(data.get("mentions", [])))
        record["surface_forms"] = _unique(mention["text"] for mention in data.get("mentions", []))
    else:
        record["weight"] = data.get("weight", len(evidence))
    if evidence:
        record["evidence"] = [item.get("text", "") for item in evidence]
        record["evidence_doc_ids"] = [item.get("doc_id", "") for item in evidence]
        if kind == "co_mention":
            record["source_count"] = len({item.get("doc_id") for item in evidence})
    for name, value in data.items():
        if name in ("evidence", "mentions", "count") or name in record:
            continue
        record[name] = value
    return _finish(record, _EDGE_COLUMN_ORDER, keep_lists=keep_lists)


# How each column type is declared in the XML formats (GraphML and GEXF name them alike):
# dates and delimited lists travel as strings.
XML_ATTRIBUTE_TYPES: dict[ColumnType, str] = {
    "boolean": "boolean",
    "int": "long",
    "double": "double",
    "string": "string",
    "date": "string",
    "list": "string",
}


def flat_records(
    graph: Any, *, keep_lists: bool = False
) -> tuple[list[tuple[Any, dict[str, Value]]], list[tuple[Any, Any, Any, dict[str, Value]]]]:
    """Every node and edge of a MultiDiGraph as flat records; each edge record names its key."""
    nodes = [(node, node_record(data, keep_lists=keep_lists)) for node, data in graph.nodes(data=True)]
    edges = [
        (source, target, key, edge_record(data, keep_lists=keep_lists))
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    for _, _, key, record in edges:
        record["edge_key"] = str(key)
    return nodes, edges


def edge_label(data: Mapping[str, Any]) -> str:
    """The edge's type as a tool shows it: the predicate, or what kind of link it is."""
    kind = data.get("kind")
    if kind == "mention":
        return MENTION_LABEL
    if kind == "co_mention":
        return CO_MENTION_LABEL
    return str(data.get("predicate") or "relatedTo")


def node_colour(record: Mapping[str, Value]) -> tuple[int, int, int]:
    return TYPE_COLOURS.get(str(record.get("type")), _FALLBACK_COLOUR)


def edge_colour(record: Mapping[str, Value]) -> tuple[int, int, int]:
    return EDGE_COLOURS.get(str(record.get("kind")), _FALLBACK_COLOUR)


def node_size(record: Mapping[str, Value]) -> float:
    """Area grows with mentions, so a name mentioned 100 times is not 100 times wider."""
    if record.get("kind") == "document":
        return 4.0
    mentions = record.get("mention_count", 1)
    count = mentions if isinstance(mentions, (int, float)) and not isinstance(mentions, bool) else 1
    return round(6.0 + 4.0 * math.sqrt(max(count, 0)), 2)


def iso_date(value: object) -> str | None:
    """The YYYY-MM-DD day of an ISO 8601 date or timestamp, or None."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value[:10]
    return None


def column_types(records: Iterable[Mapping[str, Value]]) -> dict[str, ColumnType]:
    """One type per column, wide enough for every value in it, columns in a fixed order.

    ``date`` only for :data:`DATE_COLUMNS` whose every value is a real
    ``YYYY-MM-DD`` day; ``list`` only when every value is a list; mixed numbers
    widen to ``double``; anything else mixed becomes ``string``.
    """
    seen: dict[str, set[str]] = {}
    for record in records:
        for name, value in record.items():
            seen.setdefault(name, set()).add(_value_type(value))
    ordered = sorted(seen, key=lambda name: (_COLUMN_RANK.get(name, len(_COLUMN_RANK)), name))
    types = {name: _widest(seen[name]) for name in ordered}
    # A name or title that happens to look like a date is still text.
    return {name: ("string" if kind == "date" and name not in DATE_COLUMNS else kind) for name, kind in types.items()}


def scalar_text(value: Value) -> str:
    """A value as text, the way the typed formats write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return join_list(value)
    return str(value)


def _value_type(value: Value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "string"
        return "date"
    return "string"


def _widest(types: set[str]) -> ColumnType:
    if len(types) == 1:
        (only,) = types
        return only  # type: ignore[return-value]
    if types <= {"int", "double"}:
        return "double"
    return "string"


def _finish(record: dict[str, Any], order: tuple[str, ...], *, keep_lists: bool) -> dict[str, Value]:
    flat: dict[str, Value] = {}
    for name in [*(n for n in order if n in record), *sorted(n for n in record if n not in order)]:
        value = _flat_value(record[name], keep_lists=keep_lists)
        if value is not None:
            flat[name] = value
    return flat


def _flat_value(value: Any, *, keep_lists: bool) -> Value | None:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return utf8_safe(value) or None
    if isinstance(value, (list, tuple)):
        items = [utf8_safe(_item_text(item)) for item in value]
        if not any(items):
            return None
        return items if keep_lists else join_list(items)
    return utf8_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def _item_text(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping) and "text" in item:
        return str(item["text"])
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return str(item)
    return json.dumps(item, ensure_ascii=False, sort_keys=True, default=str)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
