"""RDF N-Triples output: one triple a line, sorted, for line-oriented tools and bulk loaders."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import serialize_graph
from newskg.atomic import atomic_write_bytes


def generate_ntriples(graph: nx.MultiDiGraph) -> str:
    return serialize_graph(graph, "nt").decode("utf-8")


def write_ntriples(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_bytes(Path(path), serialize_graph(graph, "nt"))
