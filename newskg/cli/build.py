"""``newskg build``: read inputs, extract, resolve, and write the graph and its outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extract.extractor import ModelNotFoundError
from graph.writers import DEFAULT_BUILD_FORMATS, FORMATS
from newskg import DEFAULT_MODEL
from newskg.cli.app import app, errors, fail, is_terminal
from newskg.pipeline import EXIT_FATAL, BuildOptions, StrictModeError, build


def _progress_bar(items: Iterator, total: int) -> Iterator:
    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=errors, transient=True
    ) as progress:
        task = progress.add_task("extract", total=total)
        for item in items:
            yield item
            progress.advance(task)


@app.command("build")
def build_command(
    inputs: List[Path] = typer.Argument(..., help="Files or folders of articles (.txt, .html, .json, .jsonl)."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder the graph and its outputs are written to."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Any installed spaCy pipeline (package name or path)."),
    formats: Optional[List[str]] = typer.Option(
        None, "--format", "-f", help=f"Output format to write; repeat for several. Default: {', '.join(DEFAULT_BUILD_FORMATS)}. Known: {', '.join(FORMATS)}."
    ),
    base_iri: Optional[str] = typer.Option(None, "--base-iri", help="Base IRI for entity and document IRIs in RDF."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first input that cannot be read."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="spaCy processes for parsing."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per spaCy batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Build the knowledge graph from INPUTS into --out.

    Exit codes: 0 when every input was read, 2 when some input was skipped
    (each is named on stderr and in report.json), 1 on a fatal error.
    """
    chosen = list(formats) if formats else list(DEFAULT_BUILD_FORMATS)
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise fail(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    if "nodelink" not in chosen:
        chosen.insert(0, "nodelink")
    options = BuildOptions(model=model, formats=chosen, base_iri=base_iri, strict=strict, workers=workers, batch_size=batch_size)
    try:
        report = build(
            inputs,
            out,
            options,
            warn=lambda message: errors.print(f"[yellow]warning:[/] {escape(message)}", highlight=False),
            progress=_progress_bar if is_terminal() and not quiet else None,
        )
    except (ModelNotFoundError, StrictModeError) as error:
        raise fail(str(error), EXIT_FATAL)
    if not quiet:
        counts = ", ".join(f"{value} {name}" for name, value in report.counts.items())
        errors.print(f"built {escape(str(out))}: {counts} in {report.timings.get('total', 0):.1f}s", highlight=False)
    raise typer.Exit(report.exit_code)
