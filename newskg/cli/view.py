"""``newskg view``: the interactive HTML view of a build, and screenshots of it."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from graph.html import DEFAULT_MAX_NODES, RANKINGS, write_html
from newskg.cli.app import app, console, errors, fail
from newskg.cli.export import load_build


@app.command("view")
def view_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    png: Optional[Path] = typer.Option(None, "--png", help="Save a screenshot of the view to this PNG file (headless Chromium)."),
    width: int = typer.Option(1280, "--width", min=320, help="Screenshot width in pixels."),
    height: int = typer.Option(800, "--height", min=240, help="Screenshot height in pixels."),
    max_nodes: Optional[int] = typer.Option(
        None, "--max-nodes", min=0, help=f"Rewrite graph.html opening on this many best-connected nodes (0: all; build default {DEFAULT_MAX_NODES})."
    ),
    rank_by: Optional[str] = typer.Option(
        None, "--rank-by", help="With --max-nodes: open on the best connected by 'degree' (default) or 'pagerank'."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
) -> None:
    """Print the path of a build's graph.html, open it, or screenshot it with --png.

    The page is rewritten from graph.json when it is missing or --max-nodes or --rank-by is given.
    """
    page = Path(directory) / "graph.html"
    if rank_by is not None and rank_by not in RANKINGS:
        raise fail(f"--rank-by must be one of {', '.join(RANKINGS)}, not {rank_by!r}")
    if max_nodes is not None or rank_by is not None or not page.is_file():
        options = {key: value for key, value in (("max_nodes", max_nodes), ("rank_by", rank_by)) if value is not None}
        write_html(load_build(directory), page, **options)
        errors.print(f"wrote {escape(str(page))}", highlight=False)
    if png is not None:
        from graph.html_browser import BrowserNotFoundError, screenshot_html

        try:
            problems = screenshot_html(page, png, width=width, height=height)
        except BrowserNotFoundError as error:
            raise fail(str(error))
        for problem in problems:
            errors.print(f"[yellow]warning:[/] page problem: {escape(problem)}", highlight=False)
        errors.print(f"wrote {escape(str(png))}", highlight=False)
    if open_browser:
        webbrowser.open(page.resolve().as_uri())
    if png is None:
        console.print(str(page.resolve()), highlight=False, soft_wrap=True)
