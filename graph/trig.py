"""RDF TriG output: each source document's facts in its own named graph.

Facts about entities across documents (type, labels, mention counts) are in the
default graph; a document's description, its mentions, the relations it states and
their evidence are in the graph ``{base}graph/{doc-id}``. Quads are sorted by graph
and then by statement, so the file is deterministic.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import serialize_graph
from newskg.atomic import atomic_write_bytes


def generate_trig(graph: nx.MultiDiGraph) -> str:
    return serialize_graph(graph, "trig").decode("utf-8")


def write_trig(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_bytes(Path(path), serialize_graph(graph, "trig"))
