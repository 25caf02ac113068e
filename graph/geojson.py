"""GeoJSON (RFC 7946): the resolved places of a graph as a FeatureCollection of points.

Only Place entities the gazetteer resolved (those with ``latitude``/``longitude``) are
written; each is a ``Point`` at ``[longitude, latitude]`` with its label, aliases,
gazetteer attributes, corroboration (documents that name it, mentions) and the places
that contain it (its ``partOf`` relations). ``coordinates_from`` says what the point is:
the place itself, the largest place of an area, or a country's capital.

Opens in QGIS, geojson.io, kepler.gl or any web map.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph.build import entity_nodes
from newskg.atomic import atomic_write_text

_COPIED = (
    "country",
    "country_name",
    "feature_class",
    "place_kind",
    "geonames_id",
    "admin1_code",
    "iso_3166_2",
    "coordinates_from",
    "community",
)


def _feature(graph: nx.MultiDiGraph, node: str) -> dict[str, Any] | None:
    data = graph.nodes[node]
    if data.get("type") != "Place" or data.get("latitude") is None or data.get("longitude") is None:
        return None
    properties: dict[str, Any] = {
        "id": node,
        "label": data.get("label", node),
        "aliases": list(data.get("aliases", [])),
        "mention_count": data.get("mention_count", 0),
        "source_count": len(data.get("doc_ids", [])),
        "doc_ids": list(data.get("doc_ids", [])),
    }
    properties.update({key: data[key] for key in _COPIED if data.get(key) is not None})
    properties["part_of"] = sorted(
        graph.nodes[parent].get("label", parent)
        for _, parent, key, edge in graph.out_edges(node, keys=True, data=True)
        if key == "partOf" and edge.get("kind") == "relation"
    )
    return {
        "type": "Feature",
        "id": node,
        "geometry": {"type": "Point", "coordinates": [float(data["longitude"]), float(data["latitude"])]},
        "properties": properties,
    }


def graph_to_geojson(graph: nx.MultiDiGraph) -> dict[str, Any]:
    features = [feature for node in sorted(entity_nodes(graph)) if (feature := _feature(graph, node)) is not None]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"attribution": "Place data: GeoNames (geonames.org), CC-BY 4.0"},
    }


def write_geojson(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the resolved places of ``graph`` as GeoJSON to ``path`` (keys sorted: rebuilds are byte-identical)."""
    text = json.dumps(graph_to_geojson(graph), ensure_ascii=False, sort_keys=True, indent=1)
    atomic_write_text(Path(path), text + "\n")
