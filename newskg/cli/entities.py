"""``newskg entities``: the entity table of a build."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from graph.tables import entity_rows
from newskg.cli.app import app, console
from newskg.cli.export import load_build


@app.command("entities")
def entities_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    tsv: bool = typer.Option(False, "--tsv", help="Tab-separated output instead of a table."),
) -> None:
    """Print the entity table: name, type, aliases, mentions and documents."""
    rows = entity_rows(load_build(directory))
    if tsv:
        print("name\ttype\taliases\tmentions\tdocuments")
        for row in rows:
            print(f"{row['name']}\t{row['type']}\t{'; '.join(row['aliases'])}\t{row['mentions']}\t{row['documents']}")
        return
    table = Table("name", "type", "aliases", "mentions", "documents")
    for row in rows:
        table.add_row(row["name"], row["type"], "; ".join(row["aliases"]), str(row["mentions"]), str(row["documents"]))
    console.print(table)
