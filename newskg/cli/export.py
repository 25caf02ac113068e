"""``newskg export``: write a build's graph in another format."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape

from graph import writers
from graph.nodelink import read_nodelink
from newskg.cli.app import app, errors, fail


def load_build(directory: Path):
    """The graph of a build folder, or a one-line error naming what is missing."""
    path = Path(directory) / "graph.json"
    if not path.is_file():
        raise fail(f"{path}: no build here; run 'newskg build INPUT --out {directory}' first")
    try:
        return read_nodelink(path)
    except (ValueError, KeyError) as error:
        raise fail(f"{path}: not a newskg graph ({error})")


@app.command("export")
def export_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    formats: List[str] = typer.Option(..., "--format", "-f", help=f"Format to write; repeat for several. Known: {', '.join(writers.FORMATS)}."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder to write to (default: the build folder)."),
    base_iri: Optional[str] = typer.Option(None, "--base-iri", help="Base IRI for RDF formats."),
) -> None:
    """Write the graph of a build in one or more formats."""
    unknown = [name for name in formats if name not in writers.FORMATS]
    if unknown:
        raise fail(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(writers.FORMATS)}")
    graph = load_build(directory)
    if base_iri:
        graph.graph["base_iri"] = base_iri
    target = out or directory
    for name in formats:
        path = writers.write(graph, name, target)
        errors.print(f"wrote {escape(str(path))}", highlight=False)
