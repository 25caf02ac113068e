"""Output formats by name: one module per format, looked up here (like rdflib's plugins).

Each entry names the module and its ``write_*(graph, path)`` function, and the
file name a build gives it. A format is added by adding a module and a line here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import networkx as nx


@dataclass(frozen=True)
class OutputFormat:
    name: str
    module: str
    function: str
    filename: str
    description: str

    @property
    def writer(self) -> Callable[[nx.MultiDiGraph, Path], None]:
        return getattr(importlib.import_module(self.module), self.function)


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat("nodelink", "graph.nodelink", "write_nodelink", "graph.json", "networkx node-link JSON (the build's own copy)"),
        OutputFormat("turtle", "graph.turtle", "write_turtle", "graph.ttl", "RDF Turtle"),
        OutputFormat("nt", "graph.ntriples", "write_ntriples", "graph.nt", "RDF N-Triples, sorted"),
        OutputFormat("jsonld", "graph.jsonld", "write_jsonld", "graph.jsonld", "RDF JSON-LD with a compact context"),
        OutputFormat("trig", "graph.trig", "write_trig", "graph.trig", "RDF TriG, one named graph per source document"),
        OutputFormat("rdfxml", "graph.rdfxml", "write_rdfxml", "graph.rdf", "RDF/XML"),
        OutputFormat("ontology", "graph.ontology", "write_ontology", "ontology.ttl", "the newskg ontology (OWL/RDFS)"),
        OutputFormat("html", "graph.html", "write_html", "graph.html", "interactive offline HTML view"),
        OutputFormat("graphml", "graph.graphml", "write_graphml", "graph.graphml", "GraphML for Gephi, yEd, Cytoscape desktop, networkx, igraph"),
        OutputFormat("gexf", "graph.gexf", "write_gexf", "graph.gexf", "GEXF 1.3 for Gephi, with colours, sizes and time spans"),
        OutputFormat("cytoscape", "graph.cytoscape", "write_cytoscape", "graph.cyjs", "Cytoscape.js JSON (elements), opens in Cytoscape desktop too"),
        OutputFormat("neo4j", "graph.neo4j", "write_neo4j", "neo4j", "folder of Neo4j import CSVs and a LOAD CSV script"),
        OutputFormat("geojson", "graph.geojson", "write_geojson", "graph.geojson", "GeoJSON points of the resolved places"),
    )
}

# What `newskg build` writes unless told otherwise; graph.json must stay first:
# every other command reads the build back from it.
DEFAULT_BUILD_FORMATS: tuple[str, ...] = ("nodelink", "turtle", "ontology", "html", "graphml")


def write(graph: nx.MultiDiGraph, format_name: str, directory: Path) -> Path:
    output = FORMATS[format_name]
    path = Path(directory) / output.filename
    output.writer(graph, path)
    return path
