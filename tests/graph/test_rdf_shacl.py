"""Every build validates against the SHACL shapes that ship with newskg."""

from __future__ import annotations

import pyshacl
from rdflib import URIRef

from graph.ontology import load_shapes
from graph.rdf import to_rdf


def _validate(rdf):
    conforms, _, report = pyshacl.validate(rdf, shacl_graph=load_shapes(), inference="none", advanced=True)
    return conforms, report


def test_rdf_shacl_hand_built_graph_with_relations_conforms(rdf_sample_graph):
    conforms, report = _validate(to_rdf(rdf_sample_graph))
    assert conforms, report


def test_rdf_shacl_seed_build_conforms(seed_graph):
    conforms, report = _validate(to_rdf(seed_graph))
    assert conforms, report


def test_rdf_shacl_catches_an_entity_with_two_labels_and_a_statement_without_its_triple(rdf_sample_graph):
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from graph.rdf import NKG

    rdf = to_rdf(rdf_sample_graph)
    rdf.add((URIRef("https://newskg.example.org/entity/place/kabul"), RDFS.label, Literal("Kabul city")))
    rdf.remove((None, NKG.leaderOf, None))
    conforms, report = _validate(rdf)
    assert not conforms
    assert "exactly one rdfs:label" in report
    assert "also asserted as a direct triple" in report
