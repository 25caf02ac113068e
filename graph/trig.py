"""RDF TriG output: each source document's facts in its own named graph.

Facts about entities across documents (type, labels, mention counts) are in the
default graph; a document's description, its mentions, the relations it states and
their evidence are in the graph ``{base}graph/{doc-id}``. Graphs are written in IRI
order, each body by rdflib's sorting Turtle serializer, so the file is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from graph.rdf import PREFIXES, bind_prefixes, iter_quads
from newskg.atomic import atomic_open


def _turtle_body(triples: list) -> str:
    body = Graph(bind_namespaces="core")
    bind_prefixes(body)
    for triple in triples:
        body.add(triple)
    text = body.serialize(format="turtle")
    # The serializer writes its @prefix block, a blank line, then the triples.
    _, _, triples_text = text.partition("\n\n") if text.startswith("@prefix") else ("", "", text)
    return triples_text.strip("\n")


def iter_trig(graph: nx.MultiDiGraph):
    """The TriG text in pieces: the prefixes, the default graph, then each named graph."""
    by_graph: dict[URIRef | None, list] = defaultdict(list)
    for subject, predicate, obj, name in iter_quads(graph):
        by_graph[name].append((subject, predicate, obj))
    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items()) + "\n"
    if by_graph.get(None):
        yield _turtle_body(by_graph[None]) + "\n\n"
    for name in sorted(name for name in by_graph if name is not None):
        yield f"<{name}> {{\n{_turtle_body(by_graph[name])}\n}}\n\n"


def generate_trig(graph: nx.MultiDiGraph) -> str:
    return "".join(iter_trig(graph))


def write_trig(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_open(Path(path)) as handle:
        for piece in iter_trig(graph):
            handle.write(piece)
