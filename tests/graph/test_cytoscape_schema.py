"""Cytoscape.js JSON validated against the elements structure, then read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx

from graph.cytoscape import write_cytoscape
from graph.flatten import utf8_safe

_DATA_VALUE = {"type": ["string", "number", "boolean", "array"], "items": {"type": ["string", "number", "boolean"]}}
_CLASSES = {"type": "string", "pattern": r"^[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*$"}
# The structure Cytoscape.js's `elements` option and Cytoscape desktop's .cyjs reader take.
ELEMENTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["elements"],
    "properties": {
        "data": {"type": "object"},
        "elements": {
            "type": "object",
            "required": ["nodes", "edges"],
            "additionalProperties": False,
            "properties": {
                "nodes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["data"],
                        "additionalProperties": False,
                        "properties": {
                            "data": {
                                "type": "object",
                                "required": ["id", "kind", "type", "label"],
                                "properties": {"id": {"type": "string", "minLength": 1}},
                                "not": {"anyOf": [{"required": ["source"]}, {"required": ["target"]}]},
                                "additionalProperties": _DATA_VALUE,
                            },
                            "classes": _CLASSES,
                        },
                    },
                },
                "edges": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["data"],
                        "additionalProperties": False,
                        "properties": {
                            "data": {
                                "type": "object",
                                "required": ["id", "source", "target", "kind", "label"],
                                "properties": {
                                    "id": {"type": "string", "minLength": 1},
                                    "source": {"type": "string"},
                                    "target": {"type": "string"},
                                },
                                "additionalProperties": _DATA_VALUE,
                            },
                            "classes": _CLASSES,
                        },
                    },
                },
            },
        },
    },
}


def _write_and_load(graph: nx.MultiDiGraph, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "graph.cyjs"
    write_cytoscape(graph, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, ELEMENTS_SCHEMA)
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    node_ids = [node["data"]["id"] for node in nodes]
    assert len(set(node_ids)) == len(node_ids)
    assert len({edge["data"]["id"] for edge in edges}) == len(edges)
    assert all(edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids for edge in edges)
    return document


def _leaders(document: dict[str, Any], organization: str) -> set[str]:
    labels = {node["data"]["id"]: node["data"]["label"] for node in document["elements"]["nodes"]}
    return {
        labels[edge["data"]["source"]]
        for edge in document["elements"]["edges"]
        if edge["data"]["label"] == "leaderOf" and labels[edge["data"]["target"]] == organization
    }


def test_cytoscape_validates_with_same_counts_and_leader(export_leader_graph, tmp_path):
    document = _write_and_load(export_leader_graph, tmp_path)
    assert len(document["elements"]["nodes"]) == export_leader_graph.number_of_nodes()
    assert len(document["elements"]["edges"]) == export_leader_graph.number_of_edges()
    assert _leaders(document, "al-Qaeda") == {"Ayman al-Zawahiri"}


def test_cytoscape_classes_and_data_for_styling(export_leader_graph, tmp_path):
    document = _write_and_load(export_leader_graph, tmp_path)
    nodes = {node["data"]["id"]: node for node in document["elements"]["nodes"]}
    leader = nodes["person/zawahiri"]
    assert leader["classes"] == "entity person"
    assert leader["data"]["aliases"] == ["Zawahiri", "al-Zawahiri"]  # JSON keeps lists
    assert leader["data"]["name"] == "Ayman al-Zawahiri" and leader["data"]["colour"].startswith("#")
    (relation,) = [e for e in document["elements"]["edges"] if e["data"]["label"] == "leaderOf"]
    assert relation["classes"] == "relation leaderOf"
    assert relation["data"]["interaction"] == "leaderOf"
    assert (relation["data"]["first_seen"], relation["data"]["last_seen"]) == ("2021-06-01", "2022-08-02")
    assert len(relation["data"]["evidence"]) == 2
    documents = [n for n in nodes.values() if n["data"]["kind"] == "document"]
    assert documents and all(n["classes"] == "document document" for n in documents)
    assert all("source_file" in n["data"] for n in documents)


def test_cytoscape_hostile_names_survive_exactly(export_adversarial_graph, tmp_path):
    document = _write_and_load(export_adversarial_graph, tmp_path)
    nodes = {node["data"]["id"]: node["data"] for node in document["elements"]["nodes"]}
    for node, data in export_adversarial_graph.nodes(data=True):
        if data["kind"] == "entity":
            # JSON escapes every character, control characters included; only
            # an unpaired surrogate (not encodable in UTF-8) is replaced.
            assert nodes[utf8_safe(node)]["label"] == data["label"]
            assert nodes[utf8_safe(node)]["aliases"] == [utf8_safe(alias) for alias in data["aliases"]]
    leader = 'Ayman "the Doctor" al-Zawahiri <AZ> & co'
    assert _leaders(document, "al-Qa'ida, \"the Base\" & <Sons>") == {leader}


def test_cytoscape_seed_has_same_counts_and_names(seed_graph, tmp_path):
    document = _write_and_load(seed_graph, tmp_path)
    assert len(document["elements"]["nodes"]) == seed_graph.number_of_nodes()
    assert len(document["elements"]["edges"]) == seed_graph.number_of_edges()
    expected = {node: data["label"] for node, data in seed_graph.nodes(data=True) if data["kind"] == "entity"}
    read = {n["data"]["id"]: n["data"]["label"] for n in document["elements"]["nodes"] if n["data"]["kind"] == "entity"}
    assert read == expected
