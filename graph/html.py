"""The interactive HTML view (made complete in the HTML issue)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyvis.network import Network

from newskg.atomic import atomic_write_text

TYPE_COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f"}


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> None:
    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "entity":
            network.add_node(node, label=data["label"], color=TYPE_COLOURS.get(data["type"], "#999"), title=data["type"])
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "relation":
            network.add_edge(u, v, label=data["predicate"])
    atomic_write_text(Path(path), network.generate_html())
