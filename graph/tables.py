"""Plain tables read off the graph, for the command line and reports."""

from __future__ import annotations

from typing import Any

import networkx as nx


def entity_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One row per entity, most mentioned first."""
    rows = [
        {
            "id": node,
            "name": data["label"],
            "type": data["type"],
            "aliases": list(data.get("aliases", [])),
            "mentions": data.get("mention_count", 0),
            "documents": len(data.get("doc_ids", [])),
        }
        for node, data in graph.nodes(data=True)
        if data.get("kind") == "entity"
    ]
    rows.sort(key=lambda row: (-row["mentions"], row["name"].casefold(), row["id"]))
    return rows
