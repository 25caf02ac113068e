"""GEXF 1.3 (``graph.gexf``) for Gephi, with colours, sizes and time spans.

The same nodes, edges and flattened attributes as GraphML (:mod:`graph.flatten`).
On top of them:

- ``viz:color`` by entity type (documents grey) and ``viz:size`` growing with
  the mention count; edges coloured by kind, ``viz:thickness`` by weight.
- A relation edge spans ``start=first_seen`` to ``end=last_seen`` (the
  publication dates of its evidence) where those are known; a document node
  starts on its publication date. The graph is then ``mode="dynamic"`` with
  ``timeformat="date"``, so Gephi's timeline can filter by date.
- Each edge's GEXF ``kind`` is its label (the predicate), which is how GEXF 1.3
  tells parallel edges apart; its ``weight`` is the number of supporting sentences.

Written by hand for the same reasons as :mod:`graph.graphml`.

Examples:
    >>> import io, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("organization/q", kind="entity", type="Organization", label="al-Qaeda & co", mention_count=3)
    >>> buffer = io.StringIO()
    >>> write_gexf(g, buffer)
    >>> nx.read_gexf(io.BytesIO(buffer.getvalue().encode())).nodes["organization/q"]["label"]
    'al-Qaeda & co'
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Mapping

import networkx as nx

from graph.flatten import (
    XML_ATTRIBUTE_TYPES,
    ColumnType,
    Value,
    column_types,
    edge_colour,
    flat_records,
    iso_date,
    node_colour,
    node_size,
    scalar_text,
)
from graph.xmlsafe import xml_attribute
from newskg.atomic import write_text_output

GEXF_NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
# Carried by the element itself (label="…", weight="…"), not repeated as attvalues.
_ELEMENT_ATTRIBUTES = frozenset({"label", "weight"})


def write_gexf(graph: nx.MultiDiGraph, path: str | Path | IO[str]) -> None:
    """Write ``graph`` as GEXF 1.3 to a path (atomically) or an open text stream."""
    write_text_output(path, lambda out: _write(graph, out))


def _write(graph: nx.MultiDiGraph, out: IO[str]) -> None:
    nodes, edges = flat_records(graph)
    node_spans = {node: (iso_date(record.get("date")), None) for node, record in nodes if record.get("kind") == "document"}
    edge_spans = [(iso_date(record.get("first_seen")), iso_date(record.get("last_seen"))) for *_, record in edges]
    dynamic = any(start for start, _ in node_spans.values()) or any(start or end for start, end in edge_spans)

    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<gexf xmlns="{GEXF_NAMESPACE}" xmlns:viz="{VIZ_NAMESPACE}"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd" version="1.3">\n'
    )
    out.write("  <meta>\n    <creator>newskg</creator>\n")
    out.write(
        "    <description>People, organizations and places in the news, the relations between them"
        " and the documents that mention them; filter on the kind attribute.</description>\n"
    )
    out.write("  </meta>\n")
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    name = xml_attribute(str(graph.graph.get("name", "newskg")))
    out.write(f'  <graph defaultedgetype="directed"{mode} name="{name}">\n')
    node_attributes = _declare(out, "node", column_types(record for _, record in nodes))
    edge_attributes = _declare(out, "edge", column_types(record for *_, record in edges))

    out.write("    <nodes>\n")
    for node, record in nodes:
        start, _ = node_spans.get(node, (None, None))
        span = f' start="{start}"' if start else ""
        label = xml_attribute(scalar_text(record.get("label", str(node))))
        out.write(f'      <node id="{xml_attribute(str(node))}" label="{label}"{span}>\n')
        _write_attvalues(out, record, node_attributes)
        red, green, blue = node_colour(record)
        out.write(f'        <viz:color r="{red}" g="{green}" b="{blue}" a="1.0"/>\n')
        out.write(f'        <viz:size value="{node_size(record)}"/>\n')
        out.write("      </node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for number, ((source, target, _, record), (start, end)) in enumerate(zip(edges, edge_spans)):
        label = xml_attribute(scalar_text(record["label"]))
        weight = record.get("weight", 1)
        span = (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")
        out.write(
            f'      <edge id="{number}" source="{xml_attribute(str(source))}" target="{xml_attribute(str(target))}"'
            f' label="{label}" kind="{label}" weight="{scalar_text(weight)}"{span}>\n'
        )
        _write_attvalues(out, record, edge_attributes)
        red, green, blue = edge_colour(record)
        out.write(f'        <viz:color r="{red}" g="{green}" b="{blue}" a="1.0"/>\n')
        out.write(f'        <viz:thickness value="{_thickness(weight)}"/>\n')
        out.write("      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def _declare(out: IO[str], domain: str, types: Mapping[str, ColumnType]) -> dict[str, str]:
    """Declare the attribute columns of ``domain``; return name → attribute id."""
    out.write(f'    <attributes class="{domain}" mode="static">\n')
    ids: dict[str, str] = {}
    for name, column_type in types.items():
        if name in _ELEMENT_ATTRIBUTES:
            continue
        ids[name] = str(len(ids))
        out.write(
            f'      <attribute id="{ids[name]}" title="{xml_attribute(name)}" type="{XML_ATTRIBUTE_TYPES[column_type]}"/>\n'
        )
    out.write("    </attributes>\n")
    return ids


def _write_attvalues(out: IO[str], record: Mapping[str, Value], ids: Mapping[str, str]) -> None:
    values = [(ids[name], value) for name, value in record.items() if name in ids]
    if not values:
        return
    out.write("        <attvalues>\n")
    for attribute_id, value in values:
        out.write(f'          <attvalue for="{attribute_id}" value="{xml_attribute(scalar_text(value))}"/>\n')
    out.write("        </attvalues>\n")


def _thickness(weight: Value) -> float:
    count = weight if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 1
    return round(1.0 + min(float(count), 20.0) / 4.0, 2)
