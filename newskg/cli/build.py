"""``newskg build``: read inputs, extract, resolve, and write the graph and its outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from graph.writers import DEFAULT_BUILD_FORMATS, FORMATS
from newskg import DEFAULT_MODEL
from newskg.cli.app import app, errors, fail, is_terminal

# spaCy and Dask are imported by the build itself, not at start-up: every other
# command (query, serve, stats…) would otherwise pay seconds for them.


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
    inputs: Optional[List[Path]] = typer.Argument(None, help="Files or folders of articles (.txt, .html, .json, .jsonl)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder the graph and its outputs are written to. Default: output."),
    update: Optional[Path] = typer.Option(
        None,
        "--update",
        help="Add INPUTS to the build already in this folder, without re-parsing its documents; an input read again replaces its old documents. Alone, rebuilds that folder.",
    ),
    model: Optional[str] = typer.Option(
        None, "--model", "-m", help=f"Any installed spaCy pipeline (package name or path). Default: {DEFAULT_MODEL}, or the model of the build given to --update."
    ),
    formats: Optional[List[str]] = typer.Option(
        None, "--format", "-f", help=f"Output format to write; repeat for several. Default: {', '.join(DEFAULT_BUILD_FORMATS)}. Known: {', '.join(FORMATS)}."
    ),
    base_iri: Optional[str] = typer.Option(None, "--base-iri", help="Base IRI for entity and document IRIs in RDF."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first input that cannot be read."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="spaCy processes for parsing."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per spaCy batch (and per Dask task)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Parse on a Dask distributed cluster at this scheduler address, e.g. tcp://HOST:8786."
    ),
    use_cache: bool = typer.Option(
        True, "--cache/--no-cache", help="Reuse per-document extractions stored in OUT/cache (keyed by content, model and extractor version)."
    ),
    rules: Optional[Path] = typer.Option(
        None, "--rules", help="Pinned entity-resolution decisions (YAML or CSV: aliases, same, different, types)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Build the knowledge graph from INPUTS into --out.

    Exit codes: 0 when every input was read, 2 when some input was skipped
    (each is named on stderr and in report.json), 1 on a fatal error.
    """
    from extract.extractor import ModelNotFoundError
    from newskg.distributed import SchedulerUnavailableError
    from newskg.pipeline import EXIT_FATAL, BuildOptions, RulesFileError, StrictModeError, UpdateError, build, read_manifest

    if update is not None and out is not None and out.resolve() != update.resolve():
        raise fail("--update DIR writes into DIR; leave out --out or give the same folder")
    if not inputs and update is None:
        raise fail("give at least one input file or folder (or --update DIR to rebuild DIR)")
    out = update if update is not None else (out or Path("output"))
    if model is None:
        model = DEFAULT_MODEL
        if update is not None:
            try:
                model = read_manifest(update).model
            except UpdateError as error:
                raise fail(escape(str(error)), EXIT_FATAL)
    chosen = list(formats) if formats else list(DEFAULT_BUILD_FORMATS)
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise fail(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    if "nodelink" not in chosen:
        chosen.insert(0, "nodelink")
    options = BuildOptions(
        model=model,
        formats=chosen,
        base_iri=base_iri,
        strict=strict,
        workers=workers,
        batch_size=batch_size,
        update=update is not None,
        cache=use_cache,
        scheduler=scheduler,
        rules=rules,
    )
    try:
        report = build(
            inputs or [],
            out,
            options,
            warn=lambda message: errors.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True),
            progress=_progress_bar if is_terminal() and not quiet else None,
        )
    except (ModelNotFoundError, StrictModeError, UpdateError, SchedulerUnavailableError, RulesFileError) as error:
        raise fail(escape(str(error)), EXIT_FATAL)
    if not quiet:
        counts = ", ".join(f"{value} {name}" for name, value in report.counts.items())
        errors.print(f"built {escape(str(out))}: {counts} in {report.timings.get('total', 0):.1f}s", highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)
