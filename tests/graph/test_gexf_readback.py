"""GEXF 1.3 read back by networkx, with Gephi's styling and time spans checked."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx

from graph.flatten import split_list, xml_safe
from graph.gexf import GEXF_NAMESPACE, VIZ_NAMESPACE, write_gexf


def _write(graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.gexf"
    write_gexf(graph, path)
    return path


def _read(path: Path) -> nx.MultiDiGraph:
    # networkx returns a DiGraph when no two edges share endpoints; counts are the same.
    return nx.MultiDiGraph(nx.read_gexf(path))


def _leaders(graph: nx.MultiDiGraph, organization: str) -> set[str]:
    return {
        graph.nodes[source]["label"]
        for source, target, data in graph.edges(data=True)
        if data.get("label") == "leaderOf" and graph.nodes[target].get("label") == organization
    }


def test_gexf_networkx_reads_same_counts_and_leader(export_leader_graph, tmp_path):
    read = _read(_write(export_leader_graph, tmp_path))
    assert read.number_of_nodes() == export_leader_graph.number_of_nodes()
    assert read.number_of_edges() == export_leader_graph.number_of_edges()
    assert _leaders(read, "al-Qaeda") == {"Ayman al-Zawahiri"}


def test_gexf_is_version_1_3_with_colours_sizes_and_relation_time_spans(export_leader_graph, tmp_path):
    path = _write(export_leader_graph, tmp_path)
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{{{GEXF_NAMESPACE}}}gexf" and root.get("version") == "1.3"
    graph_element = root.find(f"{{{GEXF_NAMESPACE}}}graph")
    assert (graph_element.get("mode"), graph_element.get("timeformat")) == ("dynamic", "date")

    read = nx.read_gexf(path)
    person, organization = read.nodes["person/zawahiri"], read.nodes["organization/al-qaeda"]
    assert person["viz"]["color"]["b"] > person["viz"]["color"]["r"]  # people blue
    assert organization["viz"]["color"]["r"] > organization["viz"]["color"]["b"]  # organizations orange
    assert person["viz"]["size"] > read.nodes["organization/taliban"]["viz"]["size"]  # more mentions, bigger
    (relation,) = [d for _, _, d in read.edges(data=True) if d.get("label") == "leaderOf"]
    assert (relation["start"], relation["end"]) == ("2021-06-01", "2022-08-02")
    assert relation["confidence"] == 0.92 and relation["source_count"] == 2
    assert relation["weight"] == 2.0
    co_mentions = [d for _, _, d in read.edges(data=True) if d["kind"] == "co_mention"]
    assert co_mentions and all("start" not in d for d in co_mentions)  # no time span where none is known
    edge_elements = root.iter(f"{{{GEXF_NAMESPACE}}}edge")
    assert all(e.find(f"{{{VIZ_NAMESPACE}}}thickness") is not None and e.get("kind") for e in edge_elements)


def test_gexf_hostile_names_survive(export_adversarial_graph, tmp_path):
    read = _read(_write(export_adversarial_graph, tmp_path))
    assert read.number_of_nodes() == export_adversarial_graph.number_of_nodes()
    assert read.number_of_edges() == export_adversarial_graph.number_of_edges()
    for node, data in export_adversarial_graph.nodes(data=True):
        if data["kind"] == "entity":
            assert read.nodes[xml_safe(node)]["label"] == xml_safe(data["label"])
            assert split_list(read.nodes[xml_safe(node)]["aliases"]) == [xml_safe(a) for a in data["aliases"]]
        elif data.get("title"):
            assert read.nodes[node]["title"] == xml_safe(data["title"])
    for source, target, data in export_adversarial_graph.edges(data=True):
        if data["kind"] == "relation":
            (read_edge,) = [
                d for d in read.get_edge_data(xml_safe(source), xml_safe(target)).values() if d["label"] == data["predicate"]
            ]
            assert split_list(read_edge["evidence"]) == [xml_safe(e["text"]) for e in data["evidence"]]
    leader = 'Ayman "the Doctor" al-Zawahiri <AZ> & co'
    assert _leaders(read, "al-Qa'ida, \"the Base\" & <Sons>") == {leader}


def test_gexf_seed_reads_back_with_same_counts_and_names(seed_graph, tmp_path):
    read = _read(_write(seed_graph, tmp_path))
    assert read.number_of_nodes() == seed_graph.number_of_nodes()
    assert read.number_of_edges() == seed_graph.number_of_edges()
    expected = {node: data["label"] for node, data in seed_graph.nodes(data=True) if data["kind"] == "entity"}
    assert {node: read.nodes[node]["label"] for node in expected} == expected
