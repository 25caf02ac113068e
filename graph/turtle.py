"""RDF Turtle output: the whole graph, prefixes bound, byte-identical for identical input."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import serialize_graph
from newskg.atomic import atomic_write_bytes


def generate_turtle(graph: nx.MultiDiGraph) -> str:
    # Sorted triples and no blank nodes: the text depends only on the facts.
    return serialize_graph(graph, "turtle").decode("utf-8")


def write_turtle(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_bytes(Path(path), serialize_graph(graph, "turtle"))
