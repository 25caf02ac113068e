"""Entities are found by an indexed lowercase name key: every label and alias has one, a
name bound to a key variable matches whatever its case, and other bound values are untouched."""

from __future__ import annotations

from rdflib import Literal, URIRef

from graph.rdf import NKG, IRIMinter, name_key, to_rdf
from graph.sparql import MemoryStore, OxigraphStore, name_key_bindings

LOOKUP = "SELECT ?label ?key WHERE { ?entity nkg:nameKey ?key ; rdfs:label ?label }"


def test_sparql_name_keys_cover_label_and_every_alias(rdf_sample_graph):
    rdf = to_rdf(rdf_sample_graph)
    mint = IRIMinter()
    for node, data in rdf_sample_graph.nodes(data=True):
        if data.get("kind") == "entity":
            keys = {str(key) for key in rdf.objects(mint.entity(node), NKG.nameKey)}
            assert keys == {name_key(name) for name in [data["label"], *data.get("aliases", [])]}


def test_sparql_name_key_binding_matches_any_case_on_both_stores(rdf_sample_graph):
    for store in (MemoryStore(rdf_sample_graph), OxigraphStore.in_memory(rdf_sample_graph)):
        for spelling in ("AL-QAEDA", "al-qaeda", "Al-Qaeda"):
            rows = list(store.query(LOOKUP, bindings={"key": Literal(spelling)}))
            assert [str(row[0]) for row in rows] == ["al-Qaeda"], (store, spelling)


def test_sparql_only_name_key_variables_are_lowercased():
    bindings = {"key": Literal("Kabul"), "label": Literal("Kabul"), "iri": URIRef("https://example.org/Kabul")}
    changed = name_key_bindings("SELECT * WHERE { ?e nkg:nameKey ?key ; rdfs:label ?label . ?e ?p ?iri }", bindings)
    assert changed == {"key": Literal("kabul"), "label": Literal("Kabul"), "iri": URIRef("https://example.org/Kabul")}
    full_iri = name_key_bindings("SELECT * WHERE { ?e <https://newskg.example.org/ontology#nameKey> $key }", bindings)
    assert full_iri["key"] == Literal("kabul")
