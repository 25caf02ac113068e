"""GraphML read back independently by networkx and python-igraph."""

from __future__ import annotations

from pathlib import Path

import igraph
import networkx as nx
import pytest

from graph.flatten import split_list, xml_safe
from graph.graphml import write_graphml


def _write(graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    return path


def _networkx_leaders(graph: nx.MultiDiGraph, organization: str) -> set[str]:
    return {
        graph.nodes[source]["label"]
        for source, target, data in graph.edges(data=True)
        if data.get("label") == "leaderOf" and graph.nodes[target].get("label") == organization
    }


def _igraph_leaders(graph: igraph.Graph, organization: str) -> set[str]:
    return {
        graph.vs[edge.source]["label"]
        for edge in graph.es
        if edge["label"] == "leaderOf" and graph.vs[edge.target]["label"] == organization
    }


def test_graphml_networkx_reads_same_counts_and_leader(export_leader_graph, tmp_path):
    read = nx.read_graphml(_write(export_leader_graph, tmp_path), force_multigraph=True)
    assert read.number_of_nodes() == export_leader_graph.number_of_nodes()
    assert read.number_of_edges() == export_leader_graph.number_of_edges()
    assert _networkx_leaders(read, "al-Qaeda") == {"Ayman al-Zawahiri"}


def test_graphml_igraph_reads_same_counts_and_leader(export_leader_graph, tmp_path):
    read = igraph.Graph.Read_GraphML(str(_write(export_leader_graph, tmp_path)))
    assert read.is_directed()
    assert read.vcount() == export_leader_graph.number_of_nodes()
    assert read.ecount() == export_leader_graph.number_of_edges()
    assert _igraph_leaders(read, "al-Qaeda") == {"Ayman al-Zawahiri"}


def test_graphml_carries_the_attributes_analysts_filter_on(export_leader_graph, tmp_path):
    read = nx.read_graphml(_write(export_leader_graph, tmp_path), force_multigraph=True)
    leader = read.nodes["person/zawahiri"]
    assert (leader["kind"], leader["type"], leader["mention_count"]) == ("entity", "Person", 3)
    assert split_list(leader["aliases"]) == ["Zawahiri", "al-Zawahiri"]
    (relation,) = [d for _, _, d in read.edges(data=True) if d.get("label") == "leaderOf"]
    assert relation["kind"] == "relation"
    assert relation["confidence"] == pytest.approx(0.92)
    assert relation["source_count"] == 2
    assert (relation["first_seen"], relation["last_seen"]) == ("2021-06-01", "2022-08-02")
    assert sorted(split_list(relation["evidence"])) == [
        "Ayman al-Zawahiri met al-Qaeda met Taliban.",
        "Ayman al-Zawahiri met al-Qaeda.",
    ]
    documents = [d for _, d in read.nodes(data=True) if d["kind"] == "document"]
    assert {d["type"] for d in documents} == {"Document"}
    assert "text" not in documents[0]
    kinds = {d["kind"] for _, _, d in read.edges(data=True)}
    assert kinds == {"relation", "co_mention", "mention"}


def test_graphml_hostile_names_survive_networkx_and_igraph(export_adversarial_graph, tmp_path):
    path = _write(export_adversarial_graph, tmp_path)
    by_networkx = nx.read_graphml(path, force_multigraph=True)
    by_igraph = igraph.Graph.Read_GraphML(str(path))
    # igraph (libxml2 without entity substitution) hands back an "&" inside an
    # XML *attribute* as "&#38;"; element text, where labels live, is exact.
    # Real node ids are slugs and never contain "&".
    igraph_labels = {vertex["id"].replace("&#38;", "&"): vertex["label"] for vertex in by_igraph.vs}
    for node, data in export_adversarial_graph.nodes(data=True):
        if data["kind"] != "entity":
            continue
        read = by_networkx.nodes[xml_safe(node)]
        assert read["label"] == xml_safe(data["label"])
        assert igraph_labels[xml_safe(node)] == xml_safe(data["label"])
        assert split_list(read["aliases"]) == [xml_safe(alias) for alias in data["aliases"]]
    expected_edges = {(xml_safe(u), xml_safe(v), k) for u, v, k in export_adversarial_graph.edges(keys=True)}
    assert {(u, v, d["edge_key"]) for u, v, d in by_networkx.edges(data=True)} == expected_edges
    assert by_igraph.ecount() == export_adversarial_graph.number_of_edges()
    leader = 'Ayman "the Doctor" al-Zawahiri <AZ> & co'
    group = "al-Qa'ida, \"the Base\" & <Sons>"
    assert _networkx_leaders(by_networkx, group) == {leader}
    assert _igraph_leaders(by_igraph, group) == {leader}


def test_graphml_is_well_formed_xml_without_forbidden_characters(export_adversarial_graph, tmp_path):
    from xml.dom import minidom

    text = _write(export_adversarial_graph, tmp_path).read_text(encoding="utf-8")
    minidom.parseString(text.encode("utf-8"))  # raises on anything XML 1.0 forbids
    assert "\x00" not in text and "\x07" not in text


def test_graphml_seed_reads_back_with_same_counts_and_names(seed_graph, tmp_path):
    path = _write(seed_graph, tmp_path)
    by_networkx = nx.read_graphml(path, force_multigraph=True)
    by_igraph = igraph.Graph.Read_GraphML(str(path))
    assert by_networkx.number_of_nodes() == by_igraph.vcount() == seed_graph.number_of_nodes()
    assert by_networkx.number_of_edges() == by_igraph.ecount() == seed_graph.number_of_edges()
    expected = {node: data["label"] for node, data in seed_graph.nodes(data=True) if data["kind"] == "entity"}
    assert {node: by_networkx.nodes[node]["label"] for node in expected} == expected
    assert {v["id"]: v["label"] for v in by_igraph.vs if v["kind"] == "entity"} == expected
