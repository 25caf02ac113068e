"""RDF Turtle output: the whole graph, prefixes bound, byte-identical for identical input."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import to_rdf
from newskg.atomic import atomic_write_text


def generate_turtle(graph: nx.MultiDiGraph) -> str:
    # rdflib's Turtle serializer sorts subjects, predicates and objects, and the
    # graph has no blank nodes, so the text depends only on the triples.
    return to_rdf(graph).serialize(format="turtle")


def write_turtle(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_text(Path(path), generate_turtle(graph))
