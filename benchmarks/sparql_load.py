"""Load test for ``newskg serve``: concurrent clients on 127.0.0.1, with and without a slow query.

Starts the endpoint over a build, runs a bounded loop (``--clients`` threads x
``--requests`` each) of typical queries, and reports requests/s, p50/p99 latency and
errors. Then runs the same load while one extra client keeps sending a query that
can only end at the time limit, to show that a slow query does not starve the others.

    .venv/bin/newskg build seeds --out /tmp/seed_build
    .venv/bin/python benchmarks/sparql_load.py /tmp/seed_build --clients 8 --requests 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.endpoint import Endpoint, EndpointLimits  # noqa: E402
from graph.nodelink import read_nodelink  # noqa: E402

TYPICAL_QUERIES = [
    "SELECT ?name ?count WHERE { ?e rdfs:label ?name ; nkg:mentionCount ?count } ORDER BY DESC(?count) LIMIT 10",
    "SELECT ?headline ?publisher WHERE { ?d a schema:NewsArticle ; schema:headline ?headline ; schema:publisher/rdfs:label ?publisher } LIMIT 20",
    "SELECT ?other WHERE { ?e rdfs:label \"Taliban\" ; nkg:coMentionedWith|^nkg:coMentionedWith ?o . ?o rdfs:label ?other }",
    "ASK { ?s nkg:leaderOf ?o }",
    "SELECT (COUNT(*) AS ?mentions) WHERE { ?a a oa:Annotation ; oa:motivatedBy oa:identifying }",
]
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def one_request(base: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, float]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(base + "/sparql", data=data, headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def run_load(base: str, clients: int, requests: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(index: int) -> None:
        nonlocal errors
        for number in range(requests):  # bounded: every client sends exactly `requests` queries
            status, elapsed = one_request(base, TYPICAL_QUERIES[(index + number) % len(TYPICAL_QUERIES)])
            with lock:
                latencies.append(elapsed)
                errors += status != 200

    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": len(latencies) / wall,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "wall_s": wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a build folder (graph.json)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="queries per client")
    parser.add_argument("--workers", type=int, default=2, help="endpoint query processes")
    parser.add_argument("--timeout", type=float, default=3.0, help="endpoint query time limit, seconds")
    args = parser.parse_args()

    graph = read_nodelink(args.build / "graph.json")
    limits = EndpointLimits(timeout=args.timeout, workers=args.workers, max_waiting=max(64, args.clients * 2))
    with Endpoint(args.build, graph, port=0, limits=limits) as endpoint:
        base = endpoint.url
        one_request(base, "ASK {}")  # warm up
        print(f"endpoint {base}/sparql, {args.workers} workers, {args.timeout:g} s limit; {args.clients} clients x {args.requests} queries")
        plain = run_load(base, args.clients, args.requests)
        report("typical queries", plain)

        slow_results: list[tuple[int, float]] = []
        stop = threading.Event()

        def slow_client() -> None:
            while not stop.is_set():
                slow_results.append(one_request(base, SLOW_QUERY))

        slow = threading.Thread(target=slow_client)
        slow.start()
        time.sleep(0.2)
        loaded = run_load(base, args.clients, args.requests)
        stop.set()
        slow.join()
        report("typical queries while a slow query runs", loaded)
        statuses = sorted({status for status, _ in slow_results})
        print(f"  slow query: {len(slow_results)} sent, statuses {statuses}, each stopped after "
              f"{statistics.median(elapsed for _, elapsed in slow_results):.2f} s (median)")
        return 0 if plain["errors"] == 0 and loaded["errors"] == 0 else 1


def report(title: str, figures: dict[str, float]) -> None:
    print(
        f"{title}: {figures['requests']:.0f} requests, {figures['errors']:.0f} errors, "
        f"{figures['requests_per_s']:.1f} requests/s, p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
