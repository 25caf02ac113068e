"""`newskg export` writes every graph-tool format, and each gives the same answers."""

from __future__ import annotations

import csv
import json

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from graph import writers
from graph.flatten import edge_record, join_list, node_record, split_list
from graph.nodelink import read_nodelink, write_nodelink
from newskg.cli import app

EXPORT_FORMATS = ("graphml", "gexf", "cytoscape", "neo4j", "nodelink")


def _leaders_in_every_format(out) -> dict[str, set[str]]:
    answers: dict[str, set[str]] = {}
    for name, graph in (
        ("graphml", nx.read_graphml(out / "graph.graphml", force_multigraph=True)),
        ("gexf", nx.MultiDiGraph(nx.read_gexf(out / "graph.gexf"))),
    ):
        answers[name] = {
            graph.nodes[u]["label"]
            for u, v, d in graph.edges(data=True)
            if d.get("label") == "leaderOf" and graph.nodes[v]["label"] == "al-Qaeda"
        }
    cyjs = json.loads((out / "graph.cyjs").read_text(encoding="utf-8"))["elements"]
    labels = {n["data"]["id"]: n["data"]["label"] for n in cyjs["nodes"]}
    answers["cytoscape"] = {
        labels[e["data"]["source"]]
        for e in cyjs["edges"]
        if e["data"]["label"] == "leaderOf" and labels[e["data"]["target"]] == "al-Qaeda"
    }
    with (out / "neo4j" / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["id:ID"]: row["label"] for row in csv.DictReader(handle)}
    with (out / "neo4j" / "relationships.csv").open(encoding="utf-8", newline="") as handle:
        answers["neo4j"] = {
            names[row[":START_ID"]]
            for row in csv.DictReader(handle)
            if row[":TYPE"] == "leaderOf" and names[row[":END_ID"]] == "al-Qaeda"
        }
    graph = read_nodelink(out / "graph.json")
    answers["nodelink"] = {
        graph.nodes[u]["label"]
        for u, v, k in graph.edges(keys=True)
        if k == "leaderOf" and graph.nodes[v]["label"] == "al-Qaeda"
    }
    return answers


def test_exports_cli_writes_every_format_and_all_agree_on_the_leader(export_leader_graph, tmp_path):
    build = tmp_path / "build"
    write_nodelink(export_leader_graph, build / "graph.json")
    arguments = ["export", str(build), "--out", str(tmp_path / "out")]
    for name in EXPORT_FORMATS:
        arguments += ["--format", name]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    for name in ("graph.graphml", "graph.gexf", "graph.cyjs", "graph.json", "neo4j/nodes.csv",
                 "neo4j/relationships.csv", "neo4j/load.cypher"):
        assert (out / name).is_file(), name
    answers = _leaders_in_every_format(out)
    assert answers == {name: {"Ayman al-Zawahiri"} for name in EXPORT_FORMATS}


def test_exports_cli_registry_names_files_and_build_default():
    assert {name: writers.FORMATS[name].filename for name in EXPORT_FORMATS} == {
        "graphml": "graph.graphml",
        "gexf": "graph.gexf",
        "cytoscape": "graph.cyjs",
        "neo4j": "neo4j",
        "nodelink": "graph.json",
    }
    assert writers.DEFAULT_BUILD_FORMATS[0] == "nodelink" and "graphml" in writers.DEFAULT_BUILD_FORMATS


def test_exports_flatten_records_have_the_shared_columns(export_leader_graph):
    for _, data in export_leader_graph.nodes(data=True):
        record = node_record(data)
        assert {"kind", "type", "label"} <= set(record) and "text" not in record
        assert all(isinstance(value, (str, int, float, bool)) for value in record.values())
    for _, _, data in export_leader_graph.edges(data=True):
        record = edge_record(data)
        assert {"kind", "label", "weight"} <= set(record)
        assert all(isinstance(value, (str, int, float, bool)) for value in record.values())


@given(st.lists(st.text()))
def test_exports_flatten_join_and_split_are_inverse(items):
    assume_nonempty = items or [""]
    assert split_list(join_list(assume_nonempty)) == assume_nonempty


def test_exports_cli_seed_formats_agree_with_the_graph(seed_build, seed_graph, tmp_path):
    build, _ = seed_build
    arguments = ["export", str(build), "--out", str(tmp_path)]
    for name in EXPORT_FORMATS:
        arguments += ["--format", name]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    # Whatever today's model extracts, every format must give the graph's own answer.
    qaeda = [n for n, d in seed_graph.nodes(data=True) if d.get("label") == "al-Qaeda"]
    expected = {seed_graph.nodes[u]["label"] for u, _, k in seed_graph.in_edges(qaeda, keys=True) if k == "leaderOf"}
    assert _leaders_in_every_format(tmp_path) == {name: expected for name in EXPORT_FORMATS}
