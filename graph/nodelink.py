"""node-link JSON: the build's own lossless copy of the graph (``graph.json``).

Every other command (``export``, ``query``, ``entities`` …) reads a build back
through :func:`read_nodelink`.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from newskg.atomic import atomic_write_text


def graph_to_nodelink(graph: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(graph, edges="edges")


def write_nodelink(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as node-link JSON, keys sorted so rebuilds are byte-identical.

    Compact, on one line: Python's C encoder only runs without ``indent``, and indenting
    tripled the time of this, the one output every build writes (``jq .`` pretty-prints it).
    """
    text = json.dumps(graph_to_nodelink(graph), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    atomic_write_text(Path(path), text + "\n")


def read_nodelink(path: str | Path) -> nx.MultiDiGraph:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return graph
