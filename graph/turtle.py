"""RDF Turtle output (the full vocabulary comes with the RDF issue)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from newskg.atomic import atomic_write_text

SCHEMA = Namespace("https://schema.org/")
DEFAULT_BASE_IRI = "https://newskg.example.org/"


def entity_iri(base: str, node_id: str) -> URIRef:
    return URIRef(base + "entity/" + quote(node_id, safe="/-_.~"))


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    base = graph.graph.get("base_iri", DEFAULT_BASE_IRI)
    rdf = Graph(bind_namespaces="core")
    rdf.bind("schema", SCHEMA)
    rdf.bind("skos", SKOS)
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "entity":
            continue
        iri = entity_iri(base, node)
        rdf.add((iri, RDF.type, SCHEMA[data["type"]]))
        rdf.add((iri, RDFS.label, Literal(data["label"])))
        for alias in data.get("aliases", []):
            rdf.add((iri, SKOS.altLabel, Literal(alias)))
    return rdf


def write_turtle(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_text(Path(path), to_rdf(graph).serialize(format="turtle"))
