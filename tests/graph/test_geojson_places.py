"""GeoJSON export of resolved places."""

from __future__ import annotations

import json

import pytest

from graph import writers
from graph.geojson import write_geojson


def test_geojson_writes_resolved_places_as_points(news_graph, tmp_path):
    write_geojson(news_graph, tmp_path / "places.geojson")
    collection = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    assert set(features) == {"place/afghanistan", "place/kabul", "place/kunar"}
    kunar = features["place/kunar"]
    assert kunar["geometry"]["type"] == "Point"
    longitude, latitude = kunar["geometry"]["coordinates"]  # GeoJSON order: longitude first
    assert longitude == pytest.approx(71.15, abs=0.05) and latitude == pytest.approx(34.87, abs=0.05)
    properties = kunar["properties"]
    assert properties["label"] == "Kunar" and properties["country"] == "AF"
    assert properties["feature_class"] == "A.ADM1" and properties["part_of"] == ["Afghanistan"]
    assert properties["source_count"] == 1 and isinstance(properties["community"], int)
    assert "GeoNames" in collection["properties"]["attribution"]


def test_geojson_is_a_registered_export_format(news_graph, tmp_path):
    path = writers.write(news_graph, "geojson", tmp_path)
    assert path.name == "graph.geojson"
    first = path.read_bytes()
    writers.write(news_graph, "geojson", tmp_path)
    assert path.read_bytes() == first


def test_geojson_of_a_graph_without_places_is_empty(news_corpus, tmp_path):
    from dataclasses import replace

    from graph.build import build_graph

    graph = build_graph(replace(news_corpus, entities=[e for e in news_corpus.entities if e.type != "Place"]))
    write_geojson(graph, tmp_path / "none.geojson")
    assert json.loads((tmp_path / "none.geojson").read_text())["features"] == []
