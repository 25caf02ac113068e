"""Cytoscape.js JSON (``graph.cyjs``) for Cytoscape.js pages and Cytoscape desktop.

The layout is Cytoscape's own ``.cyjs`` (what desktop exports and imports)::

    {"format_version": "1.0", "generated_by": "newskg", "target_cytoscapejs_version": "~3.0",
     "data": {"name": "newskg", ...},
     "elements": {"nodes": [{"data": {"id": ..., ...}, "classes": "entity person"}, ...],
                  "edges": [{"data": {"id": "e0", "source": ..., "target": ..., ...},
                             "classes": "relation leaderOf"}, ...]}}

The same nodes, edges and attributes as every other export (:mod:`graph.flatten`),
except that lists stay JSON lists. Cytoscape desktop labels nodes with ``name``
and types edges with ``interaction``, so those repeat ``label``. ``colour``
(``#rrggbb``) and ``size`` carry the same styling as the GEXF export, for a
stylesheet to map (``'background-color': 'data(colour)'``).

``classes`` is a space-separated string: the kind, then the entity type (lower
case) or, for edges, the label. Characters a class name cannot hold become ``_``.

Examples:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person/a", kind="entity", type="Person", label="Ayman al-Zawahiri", aliases=["Zawahiri"])
    >>> cytoscape_data(g)["elements"]["nodes"][0]["classes"]
    'entity person'
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.flatten import edge_colour, edge_record, node_colour, node_record, node_size
from newskg.atomic import atomic_write_text

_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def cytoscape_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a Cytoscape.js / ``.cyjs`` dictionary, ready for ``json.dumps``."""
    nodes = []
    for node, data in graph.nodes(data=True):
        record = node_record(data, keep_lists=True)
        element_data: dict[str, Any] = {"id": str(node), **record}
        element_data["name"] = record.get("label", str(node))
        element_data["colour"] = _hex(node_colour(record))
        element_data["size"] = node_size(record)
        second_class = str(record.get("type", "")).lower()
        nodes.append({"data": element_data, "classes": _classes(str(record["kind"]), second_class)})
    edges = []
    for number, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        record = edge_record(data, keep_lists=True)
        element_data = {"id": f"e{number}", "source": str(source), "target": str(target), **record}
        element_data["edge_key"] = str(key)
        element_data["interaction"] = record["label"]
        element_data["colour"] = _hex(edge_colour(record))
        edges.append({"data": element_data, "classes": _classes(str(record["kind"]), str(record["label"]))})
    return {
        "format_version": "1.0",
        "generated_by": "newskg",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": str(graph.graph.get("name", "newskg")), "node_count": len(nodes), "edge_count": len(edges)},
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cytoscape(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as Cytoscape.js JSON (UTF-8, keys in a fixed order) atomically."""
    text = json.dumps(cytoscape_data(graph), ensure_ascii=False, indent=1)
    atomic_write_text(Path(path), text + "\n")


def _classes(*names: str) -> str:
    return " ".join(_CLASS_UNSAFE.sub("_", name) for name in names if name)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)
