"""Every RDF serialization is re-read by an independent parser (pyoxigraph) and equals what we meant."""

from __future__ import annotations

import networkx as nx
import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph import writers
from graph.rdf import to_rdf
from graph.turtle import generate_turtle

FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}


def _rdflib_term(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def reread_with_oxigraph(path, format_name: str) -> Graph:
    graph = Graph()
    for quad in pyoxigraph.parse(path=str(path), format=FORMATS[format_name]):
        graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    return graph


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_rdf_roundtrip_every_format_rereads_isomorphic(rdf_sample_graph, tmp_path, format_name):
    path = writers.write(rdf_sample_graph, format_name, tmp_path)
    assert isomorphic(reread_with_oxigraph(path, format_name), to_rdf(rdf_sample_graph))


def test_rdf_roundtrip_trig_has_one_named_graph_per_document(rdf_sample_graph, tmp_path):
    path = writers.write(rdf_sample_graph, "trig", tmp_path)
    names = {quad.graph_name for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG)}
    named = {name.value for name in names if isinstance(name, pyoxigraph.NamedNode)}
    assert named == {"https://newskg.example.org/graph/doc-article", "https://newskg.example.org/graph/doc-headline"}


def test_rdf_roundtrip_seed_build_turtle_rereads_with_equal_triple_count(seed_build):
    out, _ = seed_build
    from graph.nodelink import read_nodelink

    expected = to_rdf(read_nodelink(out / "graph.json"))
    assert len(reread_with_oxigraph(out / "graph.ttl", "turtle")) == len(expected) > 1000
    assert (out / "ontology.ttl").is_file()


def test_rdf_turtle_is_byte_identical_whatever_the_insertion_order(rdf_sample_graph):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(rdf_sample_graph.graph)
    shuffled.add_nodes_from(reversed(list(rdf_sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(rdf_sample_graph.edges(keys=True, data=True))))
    assert generate_turtle(shuffled) == generate_turtle(rdf_sample_graph)
    from graph.jsonld import generate_jsonld
    from graph.trig import generate_trig

    assert generate_trig(shuffled) == generate_trig(rdf_sample_graph)
    assert generate_jsonld(shuffled) == generate_jsonld(rdf_sample_graph)


def test_rdf_jsonld_has_a_compact_context(rdf_sample_graph, tmp_path):
    import json

    document = json.loads(writers.write(rdf_sample_graph, "jsonld", tmp_path).read_text(encoding="utf-8"))
    assert document["@context"]["schema"] == "https://schema.org/"
    assert any("label" in node for node in document["@graph"])


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list('<>"\'&\\\n\r\t\x00\x0b\u200f\u200b{}`^|') + ["\U0001f600"]),
    min_size=1,
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_text, sentence=hostile_text, format_name=st.sampled_from(sorted(FORMATS)))
def test_rdf_roundtrip_survives_hostile_names_and_sentences(name, sentence, format_name, tmp_path_factory):
    from graph.build import build_graph
    from newskg.model import Corpus, Document, Entity, Evidence, Mention, Relation

    text = f"{name} leads {name}. {sentence}"
    document = Document("doc-x", text, f"in/{name}.txt", title=name, publisher=name, authors=(name,), url=f"http://x/{name}")
    person = Entity(f"person/{name}", "Person", name, (name + "!",), (Mention("doc-x", 0, 0, len(name), name, "PERSON", "Person"),))
    organization = Entity(f"organization/{name}", "Organization", name, (), (Mention("doc-x", 0, 0, len(name), name, "ORG", "Organization"),))
    evidence = Evidence("doc-x", 0, 0, len(text), text)
    relation = Relation(person.id, "leaderOf", organization.id, 0.5, evidence, f"rule {sentence}", role=sentence)
    graph = build_graph(Corpus([document], {}, [person, organization], [relation]))
    path = writers.write(graph, format_name, tmp_path_factory.mktemp("hostile"))
    assert isomorphic(reread_with_oxigraph(path, format_name), to_rdf(graph))
