"""JSON-LD output with a compact context: short keys (``label``, ``mentionedIn``) for web tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph.rdf import PREFIXES, to_rdf
from newskg.atomic import atomic_write_text

# Prefixes plus the terms people read most; IRI-valued properties are typed "@id"
# so they compact to plain strings.
CONTEXT: dict[str, Any] = {
    **PREFIXES,
    "label": "rdfs:label",
    "altLabel": "skos:altLabel",
    "mentionCount": "nkg:mentionCount",
    "mentionedIn": {"@id": "nkg:mentionedIn", "@type": "@id"},
    "headline": "schema:headline",
    "publisher": {"@id": "schema:publisher", "@type": "@id"},
    "author": {"@id": "schema:author", "@type": "@id"},
    "listedIn": {"@id": "nkg:listedIn", "@type": "@id"},
    "coMentionedWith": {"@id": "nkg:coMentionedWith", "@type": "@id"},
}


def generate_jsonld(graph: nx.MultiDiGraph) -> str:
    text = to_rdf(graph).serialize(format="json-ld", context=CONTEXT, auto_compact=True)
    document = json.loads(text)
    # rdflib emits nodes and values in store order; JSON-LD arrays are unordered sets
    # (we write no @list), so sorting them makes the file deterministic.
    return json.dumps(_sorted_arrays(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sorted_arrays(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_arrays(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_arrays(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    return value


def write_jsonld(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_text(Path(path), generate_jsonld(graph))
