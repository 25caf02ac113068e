"""A read-only SPARQL 1.1 Protocol endpoint over a build, and the HTML view at ``/``.

``GET /sparql?query=…`` and ``POST /sparql`` (form-encoded ``query=…`` or a raw
``application/sparql-query`` body) answer in JSON, XML, CSV or TSV (SELECT, ASK) or
Turtle, N-Triples, RDF/XML or JSON-LD (CONSTRUCT, DESCRIBE), chosen by ``Accept``.

Safety, because the endpoint may face untrusted clients:

* it binds to 127.0.0.1 unless told otherwise;
* it is read-only: any SPARQL Update (``update=``, ``application/sparql-update``, or an
  update sent as a query) gets 403;
* requests larger than ``max_request_bytes`` get 413 (body) or 414 (URL), unread;
* each query runs in a worker *process* with a time limit: a query that overruns is
  killed (the worker is replaced) and the client gets 503. Processes, not threads,
  because a Python thread cannot be stopped and would hold the GIL;
* results are capped at ``max_rows`` rows (or triples); a larger result gets 400
  asking for a LIMIT, never a silent truncation;
* a slow query occupies one worker only; the other workers keep answering.
"""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx

log = logging.getLogger("newskg.endpoint")

SELECT_TYPES: dict[str, tuple[str, str]] = {
    # media type -> (rdflib result format, content type sent back)
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml"),
    "application/xml": ("xml", "application/sparql-results+xml"),
    "text/xml": ("xml", "application/sparql-results+xml"),
    "text/csv": ("csv", "text/csv"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values"),
}
GRAPH_TYPES: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "text/turtle"),
    "application/n-triples": ("nt11", "application/n-triples"),
    "application/rdf+xml": ("xml", "application/rdf+xml"),
    "application/ld+json": ("json-ld", "application/ld+json"),
    "application/json": ("json-ld", "application/ld+json"),
}
FORMAT_SHORTCUTS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv", "tsv": "text/tab-separated-values"}


@dataclass(frozen=True)
class EndpointLimits:
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000  # rows (or triples) a result may have
    max_request_bytes: int = 64 * 1024  # a request body or URL longer than this is refused
    workers: int = 2  # query processes: how many queries run at once
    max_waiting: int = 64  # requests waiting for a worker beyond this get 503 at once


class QueryRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- worker processes


def _worker_main(receiver: Connection, sender: Connection, source: tuple[str, str]) -> None:
    """A query process: opens the store once, then answers queries until told to stop."""
    from graph.sparql import OxigraphStore, QueryError, ResultTooLarge, UpdateNotAllowed

    kind, path = source
    if kind == "nquads":
        import pyoxigraph

        store = pyoxigraph.Store()
        store.load(path=path, format=pyoxigraph.RdfFormat.N_QUADS)
        sparql = OxigraphStore(store)
    else:
        sparql = OxigraphStore.open_read_only(path)
    sender.send(("ready",))
    while True:
        try:
            message = receiver.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        text, accept, max_rows = message
        try:
            result = sparql.query(text, max_rows=max_rows)
            sender.send(("ok", *_serialize(result, accept)))
        except UpdateNotAllowed as error:
            sender.send(("error", int(HTTPStatus.FORBIDDEN), str(error)))
        except ResultTooLarge as error:
            sender.send(("error", int(HTTPStatus.BAD_REQUEST), str(error)))
        except QueryError as error:
            sender.send(("error", int(HTTPStatus.BAD_REQUEST), str(error)))
        except Exception as error:  # noqa: BLE001 - the worker must outlive any one query
            sender.send(("error", int(HTTPStatus.INTERNAL_SERVER_ERROR), f"query failed: {type(error).__name__}: {error}"))


def _negotiate(accept: str, table: dict[str, tuple[str, str]], default: str) -> tuple[str, str] | None:
    """The best media type of ``table`` that ``accept`` allows (q-values honoured), or None."""
    if not accept.strip():
        return table[default]
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media, *parameters = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for parameter in parameters:
            if parameter.startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        choices.append((-quality, order, media.lower()))
    for negative_quality, _, media in sorted(choices):
        if negative_quality >= 0:
            continue
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return table[default]
    return None


def _serialize(result, accept: str) -> tuple[int, str, bytes]:  # noqa: ANN001 - rdflib Result
    from graph.sparql import results_tsv

    if result.type in ("CONSTRUCT", "DESCRIBE"):
        chosen = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        if chosen is None:
            return int(HTTPStatus.NOT_ACCEPTABLE), "text/plain; charset=utf-8", b"no acceptable RDF format; try text/turtle\n"
        data = result.graph.serialize(format=chosen[0])
    else:
        chosen = _negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
        if chosen is None:
            return (
                int(HTTPStatus.NOT_ACCEPTABLE),
                "text/plain; charset=utf-8",
                b"no acceptable results format; try application/sparql-results+json, +xml, text/csv or text/tab-separated-values\n",
            )
        data = results_tsv(result) if chosen[0] == "tsv" else result.serialize(format=chosen[0])
    body = data if isinstance(data, bytes) else str(data).encode("utf-8")
    return int(HTTPStatus.OK), f"{chosen[1]}; charset=utf-8", body


class _Worker:
    """One query process, started as ``python -m graph.endpoint`` (not multiprocessing's spawn,
    which would re-import the ``newskg`` script and with it spaCy, in every worker)."""

    def __init__(self, source: tuple[str, str]) -> None:
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.endpoint", str(to_child_read), str(from_child_write), *source],
            pass_fds=(to_child_read, from_child_write),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self.sender = Connection(to_child_write, readable=False)
        self.receiver = Connection(from_child_read, writable=False)

    def send(self, message: object) -> None:
        self.sender.send(message)

    def poll(self, timeout: float) -> bool:
        return self.receiver.poll(timeout)

    def recv(self) -> object:
        return self.receiver.recv()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.poll(timeout) and self.recv() == ("ready",)
        except (EOFError, OSError):
            return False

    def _close_pipes(self) -> None:
        for connection in (self.sender, self.receiver):
            try:
                connection.close()
            except OSError:
                pass

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self._close_pipes()

    def stop(self) -> None:
        try:
            self.send(None)
        except (OSError, ValueError):
            pass
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=2)
        self._close_pipes()


class QueryPool:
    """A fixed number of query processes; a query that overruns its time is killed with its process."""

    def __init__(self, source: tuple[str, str], limits: EndpointLimits) -> None:
        self.source, self.limits = source, limits
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._waiting = threading.BoundedSemaphore(limits.max_waiting)
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        workers = [self._spawn() for _ in range(limits.workers)]
        for worker in workers:
            if not worker.wait_ready(120):
                raise RuntimeError("a SPARQL worker process failed to start")
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.source)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if self._closed:
            return
        worker = self._spawn()
        if worker.wait_ready(120) and not self._closed:
            self._idle.put(worker)
        else:
            worker.kill()

    def run(self, text: str, accept: str) -> tuple[int, str, bytes]:
        if not self._waiting.acquire(blocking=False):
            raise QueryRejected(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries waiting; try again later")
        try:
            deadline = time.monotonic() + self.limits.timeout
            try:
                worker = self._idle.get(timeout=self.limits.timeout)
            except queue.Empty:
                raise QueryRejected(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again later") from None
            try:
                worker.send((text, accept, self.limits.max_rows))
                remaining = max(deadline - time.monotonic(), 0.0) + 0.05
                if not worker.poll(max(remaining, self.limits.timeout * 0.5)):
                    threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                    worker = None
                    raise QueryRejected(
                        HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than the {self.limits.timeout:g} s limit and was stopped"
                    )
                reply = worker.recv()
            except (EOFError, OSError):
                if worker is not None:
                    threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                    worker = None
                raise QueryRejected(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; try again") from None
            finally:
                if worker is not None:
                    self._idle.put(worker)
        finally:
            self._waiting.release()
        if reply[0] == "ok":
            return reply[1], reply[2], reply[3]
        raise QueryRejected(reply[1], reply[2])

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------- HTTP


class SparqlRequestHandler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    server_version = "newskg-sparql/1.0"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request (slow clients are dropped)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    # -- helpers

    def _send(self, status: int, content_type: str, body: bytes, *, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(int(status), "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))

    def _answer(self, params: dict[str, list[str]], raw_query: str | None = None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        queries = params.get("query", []) if raw_query is None else [raw_query]
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query, e.g. /sparql?query=ASK%7B%7D")
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported; use FROM / GRAPH in the query")
            return
        accept = self.headers.get("Accept", "")
        if params.get("format"):
            accept = FORMAT_SHORTCUTS.get(params["format"][0], params["format"][0])
        try:
            status, content_type, body = self.server.pool.run(queries[0], accept)
        except QueryRejected as rejected:
            self._error(rejected.status, str(rejected))
            return
        self._send(status, content_type, body, extra={"Vary": "Accept"})

    def _path_allowed(self) -> bool:
        if len(self.path) > self.server.limits.max_request_bytes:
            self._error(HTTPStatus.REQUEST_URI_TOO_LONG, f"request URL longer than {self.server.limits.max_request_bytes} bytes")
            return False
        return True

    # -- verbs

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if not self._path_allowed():
            return
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._answer(parse_qs(url.query, keep_blank_values=True))
        elif url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.index_page())
        elif url.path == "/ontology.ttl":
            from graph.ontology import ONTOLOGY_PATH

            self._send(HTTPStatus.OK, "text/turtle; charset=utf-8", ONTOLOGY_PATH.read_bytes())
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found: the SPARQL endpoint is /sparql, the graph view is /")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if not self._path_allowed():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, "not found: POST queries to /sparql")
            return
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            self.close_connection = True
            return
        try:
            length = int(length_header)
        except ValueError:
            length = -1
        if length < 0 or length > self.server.limits.max_request_bytes:
            # Refused unread; the connection is closed so the unread body does not linger.
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body larger than {self.server.limits.max_request_bytes} bytes")
            return
        body = self.rfile.read(length)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
            return
        if content_type == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        elif content_type == "application/sparql-query":
            self._answer(params, raw_query=text)
        elif content_type == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
            self._answer(params)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST application/x-www-form-urlencoded (query=...) or application/sparql-query")

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"read-only endpoint: use GET or POST\n", extra={"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pool: QueryPool, limits: EndpointLimits, html_path: Path | None) -> None:
        self.pool, self.limits, self.html_path = pool, limits, html_path
        super().__init__(address, SparqlRequestHandler)

    def index_page(self) -> bytes:
        if self.html_path is not None and self.html_path.is_file():
            return self.html_path.read_bytes()
        return (
            b"<!doctype html><meta charset=utf-8><title>newskg</title>"
            b"<p>This build has no graph.html. The SPARQL endpoint is <a href=/sparql?query=ASK%7B%7D>/sparql</a>.</p>"
        )


class Endpoint:
    """A running endpoint: ``Endpoint(directory, graph).start()``, then ``url``; ``close()`` when done.

    Examples:
        >>> import networkx as nx
        >>> endpoint = Endpoint(".", nx.MultiDiGraph(), port=0, limits=EndpointLimits(workers=1)).start()
        >>> endpoint.url.startswith("http://127.0.0.1:")
        True
        >>> endpoint.close()
    """

    def __init__(
        self,
        directory: str | Path,
        graph: nx.MultiDiGraph,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        store: str = "memory",
        limits: EndpointLimits = EndpointLimits(),
    ) -> None:
        self.directory, self.graph, self.host, self.port, self.store, self.limits = Path(directory), graph, host, port, store, limits
        self._temporary: tempfile.TemporaryDirectory | None = None
        self.server: SparqlServer | None = None
        self.pool: QueryPool | None = None
        self._thread: threading.Thread | None = None

    def _source(self) -> tuple[str, str]:
        from graph.sparql import OxigraphStore, build_fingerprint

        if self.store.startswith("oxigraph:"):
            path = str(Path(self.store[len("oxigraph:") :]).resolve())
            fingerprint = build_fingerprint(self.directory) if (self.directory / "graph.json").is_file() else ""
            loaded = OxigraphStore.open(path, self.graph, fingerprint=fingerprint)
            del loaded  # workers open it read-only
            return "oxigraph", path
        if self.store not in ("memory", "oxigraph"):
            raise ValueError(f"unknown store {self.store!r}: use 'memory' or 'oxigraph:PATH'")
        import pyoxigraph

        memory = OxigraphStore.in_memory(self.graph)
        self._temporary = tempfile.TemporaryDirectory(prefix="newskg-sparql-")
        path = str(Path(self._temporary.name) / "graph.nq")
        memory.store.dump(path, format=pyoxigraph.RdfFormat.N_QUADS)
        return "nquads", path

    def start(self) -> "Endpoint":
        self.pool = QueryPool(self._source(), self.limits)
        try:
            self.server = SparqlServer((self.host, self.port), self.pool, self.limits, self.directory / "graph.html")
        except OSError:
            self.pool.close()
            raise
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="newskg-sparql", daemon=True)
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def wait(self) -> None:
        """Block until interrupted (Ctrl-C), then shut down cleanly."""
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.5)
        finally:
            self.close()

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> "Endpoint":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    # A query worker: python -m graph.endpoint READ_FD WRITE_FD KIND PATH
    _worker_main(
        Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False), (sys.argv[3], sys.argv[4])
    )
