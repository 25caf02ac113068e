"""``newskg serve``: a read-only SPARQL endpoint over a build, with the HTML view at ``/``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from graph.endpoint import Endpoint, EndpointLimits
from newskg.cli.app import app, errors, fail
from newskg.cli.export import load_build


@app.command("serve")
def serve_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on. Anything but 127.0.0.1/localhost exposes the endpoint to your network."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="TCP port (0 picks a free one)."),
    store: str = typer.Option("memory", "--store", help="'memory' (loaded from the build) or 'oxigraph:PATH' (persistent store, loaded once per build)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds a query may run before it is stopped (503)."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Largest result, in rows or triples; larger results get 400 asking for a LIMIT."),
    max_request_kb: int = typer.Option(64, "--max-request-kb", min=1, help="Largest request body or URL, in KiB (413/414 beyond)."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Query processes: queries answered at once."),
) -> None:
    """Serve the SPARQL 1.1 Protocol at /sparql (read-only) and the graph view at /.

    Example: curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5'
    """
    graph = load_build(directory)
    limits = EndpointLimits(timeout=timeout, max_rows=max_rows, max_request_bytes=max_request_kb * 1024, workers=workers)
    try:
        endpoint = Endpoint(directory, graph, host=host, port=port, store=store, limits=limits).start()
    except (OSError, ValueError, RuntimeError) as error:
        raise fail(f"cannot serve on {host}:{port}: {error}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        errors.print(f"[yellow]warning:[/] listening on {escape(host)}: anyone who can reach this machine can query the graph", highlight=False)
    errors.print(f"SPARQL endpoint {endpoint.url}/sparql, graph view {endpoint.url}/ (Ctrl-C stops)", highlight=False)
    try:
        endpoint.wait()
    except KeyboardInterrupt:
        pass
