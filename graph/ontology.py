"""The ontology newskg ships (``graph/ontology.ttl``) and the SHACL shapes its output obeys.

A build writes the ontology beside the graph (``ontology.ttl``) so the data is
self-describing; the shapes (``graph/shapes.ttl``) are what the tests validate every
build against, and what users can run with any SHACL engine.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from newskg.atomic import atomic_write_bytes

ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")


def load_ontology() -> Graph:
    return Graph(bind_namespaces="core").parse(ONTOLOGY_PATH, format="turtle")


def load_shapes() -> Graph:
    return Graph(bind_namespaces="core").parse(SHAPES_PATH, format="turtle")


def write_ontology(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the ontology file; the same for every build (the vocabulary does not depend on the data)."""
    atomic_write_bytes(Path(path), ONTOLOGY_PATH.read_bytes())
