"""Property tests: any text at all round-trips through every graph-tool export.

Exact in JSON; in GraphML, GEXF and the Neo4j CSVs exact except that the
characters XML 1.0 forbids become U+FFFD (``xml_safe``), as documented.
Empty values are dropped in every format (XML cannot tell them from missing).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import igraph
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.cytoscape import cytoscape_data
from graph.flatten import join_list, split_list, xml_safe
from graph.gexf import write_gexf
from graph.graphml import write_graphml
from graph.neo4j import write_neo4j

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
hostile_text = st.text(max_size=40) | st.sampled_from(
    ["\u200f\u200e", "\u202eevil", "a\r\nb", "]]>", "&amp;", "\x00\x1f", "🕌👍🏽", "  ", "x" * 10_000, "القاعدة", "基地", "Каида"]
)


def _hostile_graph(person: str, organization: str, aliases: list[str], sentence: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="newskg")
    person_id, organization_id = "person/" + person, "organization/" + organization
    graph.add_node(person_id, kind="entity", type="Person", label=person, aliases=aliases, mention_count=1)
    graph.add_node(organization_id, kind="entity", type="Organization", label=organization, aliases=[], mention_count=2)
    graph.add_edge(
        person_id,
        organization_id,
        key="leaderOf",
        kind="relation",
        predicate="leaderOf",
        confidence=0.5,
        source_count=1,
        first_seen="2020-01-01",
        last_seen=None,
        evidence=[{"doc_id": "doc-1", "text": sentence}],
    )
    return graph


def _expected(value: str, clean=xml_safe) -> str | None:
    return clean(value) or None


def _expected_list(values: list[str], clean=xml_safe) -> list[str] | None:
    return [clean(v) for v in values] if any(values) else None


@PROPERTY_SETTINGS
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=4), hostile_text)
def test_exports_hostile_text_graphml_round_trip(person, organization, aliases, sentence):
    graph = _hostile_graph(person, organization, aliases, sentence)
    buffer = io.StringIO()
    write_graphml(graph, buffer)
    data = buffer.getvalue().encode("utf-8")
    read = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    node = read.nodes[xml_safe("person/" + person)]
    assert node.get("label") == _expected(person)
    assert (split_list(node["aliases"]) if "aliases" in node else None) == _expected_list(aliases)
    ((_, _, edge),) = read.edges(data=True)
    assert edge.get("evidence") == (join_list([xml_safe(sentence)]) or None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.graphml"
        path.write_bytes(data)
        by_igraph = igraph.Graph.Read_GraphML(str(path))
    assert (by_igraph.vcount(), by_igraph.ecount()) == (2, 1)
    person_vertex = by_igraph.vs.find(id=xml_safe("person/" + person).replace("&", "&#38;"))
    # igraph has no "missing": an absent string attribute reads as "" (or the column is absent).
    assert (person_vertex.attributes().get("label") or "") == (_expected(person) or "")


@PROPERTY_SETTINGS
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=4), hostile_text)
def test_exports_hostile_text_gexf_round_trip(person, organization, aliases, sentence):
    graph = _hostile_graph(person, organization, aliases, sentence)
    buffer = io.StringIO()
    write_gexf(graph, buffer)
    read = nx.read_gexf(io.BytesIO(buffer.getvalue().encode("utf-8")))
    node = read.nodes[xml_safe("person/" + person)]
    # GEXF puts the label in an XML attribute; an absent label falls back to the id.
    assert node["label"] == (_expected(person) or xml_safe("person/" + person))
    assert (split_list(node["aliases"]) if "aliases" in node else None) == _expected_list(aliases)
    ((_, _, edge),) = read.edges(data=True)
    assert edge.get("evidence") == (join_list([xml_safe(sentence)]) or None)
    assert edge["start"] == "2020-01-01" and "end" not in edge


@PROPERTY_SETTINGS
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=4), hostile_text)
def test_exports_hostile_text_cytoscape_round_trip(person, organization, aliases, sentence):
    graph = _hostile_graph(person, organization, aliases, sentence)
    document = json.loads(json.dumps(cytoscape_data(graph), ensure_ascii=False))
    node = next(n["data"] for n in document["elements"]["nodes"] if n["data"]["id"] == "person/" + person)
    assert node.get("label") == (person or None)
    assert node.get("aliases") == (aliases if any(aliases) else None)
    (edge,) = document["elements"]["edges"]
    assert edge["data"].get("evidence") == ([sentence] if sentence else None)


@PROPERTY_SETTINGS
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=4), hostile_text)
def test_exports_hostile_text_neo4j_round_trip(person, organization, aliases, sentence):
    graph = _hostile_graph(person, organization, aliases, sentence)
    with tempfile.TemporaryDirectory() as folder:
        write_neo4j(graph, Path(folder))
        with (Path(folder) / "nodes.csv").open(encoding="utf-8", newline="") as handle:
            nodes = list(csv.DictReader(handle))
        with (Path(folder) / "relationships.csv").open(encoding="utf-8", newline="") as handle:
            (relationship,) = list(csv.DictReader(handle))
    node = next(n for n in nodes if n["id:ID"] == xml_safe("person/" + person))
    assert (node.get("label") or None) == _expected(person)
    read_aliases = node["aliases:string[]"].split("\x1f") if node.get("aliases:string[]") else None
    assert read_aliases == _expected_list(aliases)
    assert (relationship[":TYPE"], relationship["first_seen:date"]) == ("leaderOf", "2020-01-01")
    assert (relationship.get("evidence:string[]") or None) == _expected(sentence)
