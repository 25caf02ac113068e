"""RDF N-Triples output: one triple a line, sorted, for line-oriented tools and bulk loaders."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import to_rdf
from newskg.atomic import atomic_write_text


def generate_ntriples(graph: nx.MultiDiGraph) -> str:
    # split("\n"), not splitlines(): literals may hold U+0085 or U+2028, which splitlines() breaks on.
    lines = to_rdf(graph).serialize(format="nt11").split("\n")
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def write_ntriples(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_text(Path(path), generate_ntriples(graph))
