"""GraphML (``graph.graphml``) for Gephi, yEd, Cytoscape desktop, networkx and igraph.

Every node and edge of the graph is written, with the flattened attributes of
:mod:`graph.flatten` (lists joined by ``|``). Each attribute gets one typed
``<key>``: ``int``, ``double``, ``boolean`` or ``string``. Edge ids are
``e0``, ``e1``… in graph order; the graph's own edge key (the predicate,
``coMentionedWith`` or ``mention``) is the ``edge_key`` attribute, so a reader can
rebuild the exact ``MultiDiGraph``.

The file is written by hand rather than through ``networkx.write_graphml``:
that writer rejects lists, keeps a raw carriage return (which readers turn into
a newline) and writes characters XML forbids, which makes the whole file
unreadable.

Examples:
    >>> import io, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person/a", kind="entity", type="Person", label='Ayman "the Doctor" <al-Zawahiri>')
    >>> buffer = io.StringIO()
    >>> write_graphml(g, buffer)
    >>> nx.read_graphml(io.BytesIO(buffer.getvalue().encode())).nodes["person/a"]["label"]
    'Ayman "the Doctor" <al-Zawahiri>'
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Mapping

import networkx as nx

from graph.flatten import XML_ATTRIBUTE_TYPES, ColumnType, Value, column_types, flat_records, scalar_text
from graph.xmlsafe import xml_attribute, xml_text
from newskg.atomic import write_text_output

GRAPHML_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"


def write_graphml(graph: nx.MultiDiGraph, path: str | Path | IO[str]) -> None:
    """Write ``graph`` as GraphML to a path (atomically) or an open text stream."""
    write_text_output(path, lambda out: _write(graph, out))


def _write(graph: nx.MultiDiGraph, out: IO[str]) -> None:
    nodes, edges = flat_records(graph)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<graphml xmlns="{GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{GRAPHML_NAMESPACE} {GRAPHML_NAMESPACE}/1.0/graphml.xsd">\n'
    )
    node_keys = _declare(out, "node", column_types(record for _, record in nodes), start=0)
    edge_keys = _declare(out, "edge", column_types(record for *_, record in edges), start=len(node_keys))
    out.write(
        f'  <graph id="{xml_attribute(str(graph.graph.get("name", "newskg")))}" edgedefault="directed">\n'
    )
    for node, record in nodes:
        out.write(f'    <node id="{xml_attribute(str(node))}">\n')
        _write_data(out, record, node_keys)
        out.write("    </node>\n")
    for number, (source, target, _, record) in enumerate(edges):
        out.write(
            f'    <edge id="e{number}" source="{xml_attribute(str(source))}" target="{xml_attribute(str(target))}">\n'
        )
        _write_data(out, record, edge_keys)
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


def _declare(
    out: IO[str], domain: str, types: Mapping[str, ColumnType], *, start: int
) -> dict[str, tuple[str, ColumnType]]:
    keys: dict[str, tuple[str, ColumnType]] = {}
    for offset, (name, column_type) in enumerate(types.items()):
        key_id = f"d{start + offset}"
        keys[name] = (key_id, column_type)
        out.write(
            f'  <key id="{key_id}" for="{domain}" attr.name="{xml_attribute(name)}"'
            f' attr.type="{XML_ATTRIBUTE_TYPES[column_type]}"/>\n'
        )
    return keys


def _write_data(out: IO[str], record: Mapping[str, Value], keys: Mapping[str, tuple[str, ColumnType]]) -> None:
    for name, value in record.items():
        key_id, _ = keys[name]
        out.write(f'      <data key="{key_id}">{xml_text(scalar_text(value))}</data>\n')

