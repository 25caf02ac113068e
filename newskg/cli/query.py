"""``newskg query``: run SPARQL over a build, with values bound to variables, never pasted in."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table
from rich.text import Text

from graph.sparql import RESULT_FORMATS, QueryError, format_result, open_store, parse_bind_options, result_rows
from newskg.cli.app import app, console, fail
from newskg.cli.export import load_build

STORE_HELP = "Where the RDF is queried: 'memory' (rdflib, the default), 'oxigraph' (in memory) or 'oxigraph:PATH' (persistent, for large graphs; loaded once per build)."


@app.command("query")
def query_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    query: Optional[str] = typer.Argument(None, help="The SPARQL query (or use --file). Prefixes nkg, schema, oa, prov, skos, rdfs, rdf, xsd, owl are predeclared."),
    file: Optional[Path] = typer.Option(None, "--file", "-q", help="Read the query from a .rq file."),
    output_format: str = typer.Option("table", "--format", "-f", help=f"Output: {', '.join(RESULT_FORMATS)}."),
    store: str = typer.Option("memory", "--store", help=STORE_HELP),
    bind: Optional[List[str]] = typer.Option(
        None, "--bind", "-b", help="NAME=VALUE binds ?NAME to a string (or to an IRI written <...>); repeat for several. Safe: values never enter the query text."
    ),
) -> None:
    """Run a SPARQL query over the graph of a build.

    Example: newskg query output --file queries/entity.rq --bind name=al-Qaeda
    """
    if (query is None) == (file is None):
        raise fail("give the query either as an argument or with --file, not both")
    if output_format not in RESULT_FORMATS:
        raise fail(f"unknown --format {output_format!r}; known: {', '.join(RESULT_FORMATS)}")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise fail(f"{file}: cannot read the query ({error})")
    else:
        text = query or ""
    graph = load_build(directory)
    try:
        bindings = parse_bind_options(bind or [])
        sparql_store = open_store(graph, store, directory=directory)
        result = sparql_store.query(text, bindings=bindings)
    except (QueryError, ValueError) as error:
        origin = f"{file}: " if file is not None else ""
        raise fail(f"{origin}{error}")
    if output_format == "table":
        columns, rows = result_rows(result)
        table = Table(*columns, show_lines=False)
        for row in rows:
            # Text(), not str: article text is untrusted and must not be read as rich markup.
            table.add_row(*(Text(cell) for cell in row))
        console.print(table, soft_wrap=False)
        return
    if output_format in ("csv", "tsv") and result.type == "ASK":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="," if output_format == "csv" else "\t").writerows([["answer"], ["true" if result.askAnswer else "false"]])
        typer.echo(buffer.getvalue(), nl=False)
        return
    typer.echo(format_result(result, output_format), nl=False)
