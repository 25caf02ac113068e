"""RDF/XML output, for tools that read nothing else (Protégé, older triple stores).

Text that XML cannot carry (control characters) was already replaced one for one by
U+FFFD when the RDF was made, so the file is always well-formed XML.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.rdf import to_rdf
from newskg.atomic import atomic_write_text


def generate_rdfxml(graph: nx.MultiDiGraph) -> str:
    return to_rdf(graph).serialize(format="xml")


def write_rdfxml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    atomic_write_text(Path(path), generate_rdfxml(graph))
