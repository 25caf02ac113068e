"""How fast the HTML view opens on a large graph, in headless Chromium.

Builds a synthetic graph following the contract in graph/build.py (entities of
the three types in 40 communities, preferential-attachment relation and co-mention
edges, each with its own evidence sentence from one or two of 52 weekly sources), writes
the page, opens it from disk with the network blocked, and reports:

- write: seconds to lay out and write the page in Python;
- interactive: milliseconds from navigation start until the first frame is drawn
  with every control wired (the page sets <body data-ready>);
- filter / dates / colour / search: milliseconds for a type-filter round trip, a
  date-range round trip, colouring by community and back, and a search that selects
  and focuses a node, as a check that the page stays responsive.

Run: .venv/bin/python benchmarks/html_scale.py [--nodes 5000] [--edges 20000] [--max-nodes 500] [--rank-by pagerank]
"""

from __future__ import annotations

import argparse
import datetime
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph.html import DEFAULT_MAX_NODES, write_html
from graph.html_browser import launch_browser, open_offline

TYPES = ("Person", "Organization", "Place")
PREDICATES = ("leaderOf", "memberOf", "locatedIn", "alliedWith", "fundedBy")
DOCUMENTS = 52


def synthetic_graph(nodes: int, edges: int, *, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name="newskg")
    # Sources over a year, one a week, so the date filter has something to do.
    documents = [f"doc-{week}" for week in range(DOCUMENTS)]
    for week, doc in enumerate(documents):
        date = (datetime.date(2024, 1, 1) + datetime.timedelta(weeks=week)).isoformat()
        graph.add_node(doc, kind="document", doc_kind="article", title=f"Synthetic {week}", publisher="Bench", authors=[],
                       date=date, source="bench", url=None, parent_id=None, text="A sentence.")
    ids = [f"{TYPES[i % 3].lower()}/entity-{i}" for i in range(nodes)]
    for i, node in enumerate(ids):
        graph.add_node(node, kind="entity", type=TYPES[i % 3], label=f"Entity {i}", aliases=[], mention_count=1 + rng.randrange(30),
                       doc_ids=sorted(rng.sample(documents, 2)), community=i % 40)
    # Preferential attachment: a few hubs and a long tail, as in real news graphs.
    targets = ids[:10]
    for number in range(edges):
        u = ids[rng.randrange(nodes)]
        v = rng.choice(targets)
        if u == v:
            v = ids[(ids.index(u) + 1) % nodes]
        targets.append(u)
        # Each edge has its own sentence, as in real news, from one or two sources.
        text = f"Entity {u.rsplit('-', 1)[1]} and Entity {v.rsplit('-', 1)[1]} were named together in sentence {number}."
        sources = rng.sample(documents, 1 + rng.randrange(2))
        evidence = [{"doc_id": doc, "sentence": number, "start": 0, "end": len(text), "text": text, "highlights": [[0, 10]]} for doc in sources]
        dates = sorted(graph.nodes[doc]["date"] for doc in sources)
        if number % 2:
            predicate = PREDICATES[number % len(PREDICATES)]
            graph.add_edge(u, v, key=f"{predicate}-{number}", kind="relation", predicate=predicate, confidence=round(rng.random(), 2),
                           source_count=len(sources), methods=["bench"], role=None, former=False, time=None,
                           first_seen=dates[0], last_seen=dates[-1],
                           evidence=[dict(record, method="bench", confidence=0.5) for record in evidence])
        else:
            graph.add_edge(min(u, v), max(u, v), key=f"co-{number}", kind="co_mention", weight=1 + rng.randrange(4), evidence=evidence)
    return graph


def measure(path: Path) -> dict[str, float]:
    with launch_browser() as browser:
        page, problems = open_offline(browser, path, width=1280, height=800)
        interactive = page.evaluate("() => newskg.readyAt")
        shown = page.evaluate("() => [newskg.shown().nodes.length, newskg.shown().edges.length]")
        filter_ms = page.evaluate(
            """() => { const t = performance.now();
                document.getElementById('type-Place').click(); document.getElementById('type-Place').click();
                return performance.now() - t; }"""
        )
        dates_ms = page.evaluate(
            """() => { const t = performance.now(), from = document.getElementById('date-from');
                if (!from) return null;
                from.value = '2024-06-01'; from.dispatchEvent(new Event('change'));
                from.value = ''; from.dispatchEvent(new Event('change'));
                return performance.now() - t; }"""
        )
        colour_ms = page.evaluate(
            """() => { if (!newskg.setColourBy) return null;
                const t = performance.now(); newskg.setColourBy('community'); newskg.setColourBy('type');
                return performance.now() - t; }"""
        )
        start = time.perf_counter()
        page.fill("#search", "Entity 4321")
        page.keyboard.press("Enter")
        page.wait_for_function("() => newskg.focused !== null")
        search_ms = (time.perf_counter() - start) * 1000
        page.context.close()
    return {"interactive_ms": interactive, "nodes_shown": shown[0], "edges_shown": shown[1], "filter_ms": filter_ms,
            "dates_ms": dates_ms, "colour_ms": colour_ms,
            "search_ms": search_ms, "problems": len(problems.all())}


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, help="page's opening limit; 0 opens on every node")
    parser.add_argument("--rank-by", choices=("degree", "pagerank"), default="degree")
    parser.add_argument("--runs", type=int, default=2)
    arguments = parser.parse_args()
    graph = synthetic_graph(arguments.nodes, arguments.edges)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        start = time.perf_counter()
        # rank_by only when asked, so the script also measures pages from before it existed.
        write_html(graph, path, max_nodes=arguments.max_nodes, **({"rank_by": arguments.rank_by} if arguments.rank_by != "degree" else {}))
        written = time.perf_counter() - start
        print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; max_nodes={arguments.max_nodes}, rank_by={arguments.rank_by}")
        print(f"write (layout + page): {written:.2f} s, page {path.stat().st_size / 1e6:.1f} MB")
        for run in range(arguments.runs):
            result = measure(path)
            print(
                f"run {run + 1}: interactive {result['interactive_ms']:.0f} ms "
                f"(showing {result['nodes_shown']} nodes, {result['edges_shown']} edges); "
                f"type filter round trip {result['filter_ms']:.0f} ms; date range round trip {_ms(result['dates_ms'])}; "
                f"colour by community and back {_ms(result['colour_ms'])}; search+focus {result['search_ms']:.0f} ms; "
                f"page problems {result['problems']}"
            )


if __name__ == "__main__":
    main()
