"""The interactive HTML view: one self-contained page that works offline.

``write_html(graph, path)`` writes a single file with everything inlined: the
vis-network library bundled inside the installed pyvis package, our script and
style, and the graph as JSON. Nothing is fetched when it opens (a Content
Security Policy forbids it), so it works from disk with the network off.

The pyvis ``Network`` is built directly (``from_nx`` mutates the graph, and
``add_node``/``add_edge`` scan every existing item, which is quadratic), with
positions computed in Python by :func:`graph.html_layout.packed_layout`, so the
page opens with physics off and draws at once even for thousands of nodes.

The page carries two JSON blocks: ``newskg-data`` (what drawing, filters and
search need: one small record per node and edge) is parsed on load, and
``newskg-details`` (evidence sentences, sources, authors) only when a details
panel first opens, so the first frame of a big graph waits on neither.

All article text is untrusted. It travels only inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and the
JavaScript line separators escaped, and the page script puts it into the
document with ``textContent``, never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from pyvis.network import Network

from graph.html_layout import packed_layout
from newskg.atomic import atomic_write_text

ASSETS = Path(__file__).parent / "html_assets"
VIS_NETWORK_JS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"

# Above this many nodes the page opens on the best-connected ones, with a way to show more.
DEFAULT_MAX_NODES = 500
RANKINGS = ("degree", "pagerank")
LARGE_GRAPH_EDGES = 3000
LABEL_LENGTH = 48
DOCUMENT_LABEL_LENGTH = 28

TYPE_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#e15759", "shape": "dot"},
    "Organization": {"color": "#4e79a7", "shape": "diamond"},
    "Place": {"color": "#59a14f", "shape": "triangle"},
    "Document": {"color": "#9c9c9c", "shape": "square"},
}
OTHER_TYPE_STYLE = {"color": "#f28e2b", "shape": "star"}
# Colour-blind-friendly palette for predicates, assigned in sorted order so a
# predicate keeps its colour between rebuilds of the same graph.
PREDICATE_COLOURS = ["#b07aa1", "#f28e2b", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#4e79a7", "#e15759", "#59a14f", "#bab0ac"]
CO_MENTION_COLOUR = "#8c8c8c"
MENTION_COLOUR = "#c9c9c9"
# Colours for communities (graph.analytics.assign_communities numbers them largest first).
COMMUNITY_COLOURS = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
]
# Mention edges pull an entity towards each source that names it. A long article names
# dozens of entities; at full strength it drags them all into one knot around itself.
MENTION_PULL = 2.0
# Names in the same sentence are a weak link; drawn at full strength a long article's
# co-mentions, a near-clique, pull its entities into a knot.
CO_MENTION_PULL = 0.3
# Canvas units per layout unit: smaller packs nodes closer, so labels read larger when fitted.
LAYOUT_SCALE = 40.0
ISO_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")

DETAIL_ENTITY_KEYS = ("latitude", "longitude", "country", "feature_class")


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    rank_by: str = "degree",
    title: str = "newskg",
) -> None:
    """Write the interactive view of ``graph`` to ``path`` as one offline HTML file.

    ``max_nodes``: above this many nodes the page opens on the ``max_nodes``
    best-connected ones and offers to show the rest; 0 shows all. ``rank_by``:
    "degree" (distinct neighbours) or "pagerank" decides which are best connected.
    """
    atomic_write_text(Path(path), html_page(graph, max_nodes=max_nodes, rank_by=rank_by, title=title))


def html_page(graph: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, rank_by: str = "degree", title: str = "newskg") -> str:
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {', '.join(RANKINGS)}, not {rank_by!r}")
    network, details = build_network(graph)
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    dates = sorted({day for item in (*nodes, *edges) for day in item.get("dates", ())})
    payload = {
        "title": title,
        "nodes": nodes,
        "edges": edge_columns(edges, nodes),
        "options": json.loads(options),
        "large": graph.number_of_edges() > LARGE_GRAPH_EDGES,
        "typeStyles": {**TYPE_STYLES, "Other": OTHER_TYPE_STYLE},
        "predicateColours": _predicate_colours(graph),
        "communityColours": COMMUNITY_COLOURS,
        "colours": {"coMention": CO_MENTION_COLOUR, "mention": MENTION_COLOUR},
        "maxNodes": max_nodes if max_nodes and len(nodes) > max_nodes else 0,
        "rankBy": rank_by,
        "dateRange": [dates[0], dates[-1]] if dates else None,
        "totals": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
    }
    # Without its source-map comment, vis-network names no file the page could try to fetch.
    vis_network = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", VIS_NETWORK_JS.read_text(encoding="utf-8"))
    scripts = [vis_network, (ASSETS / "view.js").read_text(encoding="utf-8")]
    parts = {
        "TITLE": html.escape(title),
        "CSP": _content_security_policy(scripts),
        "CSS": (ASSETS / "view.css").read_text(encoding="utf-8"),
        "DATA": json_for_script(payload),
        "DETAILS": json_for_script(details),
        "VIS_JS": scripts[0],
        "VIEW_JS": scripts[1],
    }
    template = (ASSETS / "page.html").read_text(encoding="utf-8")
    # One pass, so text inserted for one placeholder is never scanned for another.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda match: parts[match.group(1)], template)


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    Escaping ``<`` ``>`` ``&`` means no text can close the script element or open
    a comment, and U+2028/U+2029 are escaped for older JavaScript parsers.

    Examples:
        >>> json_for_script({"name": "</script><script>alert(1)</script>"})
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(character, escaped)
    return text


def _content_security_policy(scripts: list[str]) -> str:
    # Only our two inline scripts may run (by hash): an injected <script> or an
    # inline event handler such as onerror= is refused even if escaping failed.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'" for script in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def build_network(graph: nx.MultiDiGraph) -> tuple[Network, dict[str, Any]]:
    """The pyvis ``Network`` of ``graph`` (positions computed) and the details panel data.

    The network's nodes and edges are small records the page script turns into
    vis-network items (colours and shapes come from the type, predicate or community
    chosen in the page), so the page stays light and colouring can change.
    """
    node_ids = list(graph.nodes)
    degree = _undirected_degree(graph)
    positions = packed_layout(node_ids, _layout_edges(graph), scale=LAYOUT_SCALE, charges=_layout_charges(graph), min_aspect=1.5)
    degree_rank = _rank(node_ids, degree)
    pagerank_rank = _rank(node_ids, _pagerank(graph))
    day_of_document = {node: _day(data.get("date")) for node, data in graph.nodes(data=True) if data.get("kind") == "document"}
    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    vis_nodes = [
        _vis_node(node, data, degree[node], positions[node], degree_rank[node], pagerank_rank[node], day_of_document)
        for node, data in graph.nodes(data=True)
    ]
    # Set pyvis's lists directly: add_node/add_edge check membership in a list each time.
    network.nodes = vis_nodes
    network.node_ids = node_ids
    network.node_map = {node["id"]: node for node in vis_nodes}
    vis_edges = []
    edge_details: dict[str, Any] = {}
    mentions_by_entity_doc = _mention_offsets(graph)
    # One copy of each evidence sentence: a sentence naming five entities backs ten co-mentions.
    sentences: dict[str, int] = {}
    for number, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        edge_id = f"e{number}"
        vis_edges.append(_vis_edge(edge_id, u, v, key, data, day_of_document))
        edge_details[edge_id] = _edge_details(u, v, key, data, mentions_by_entity_doc, sentences)
    network.edges = vis_edges
    network.options = _vis_options(large=graph.number_of_edges() > LARGE_GRAPH_EDGES)
    details = {
        "nodes": {node: _node_details(data) for node, data in graph.nodes(data=True)},
        "edges": edge_details,
        "sentences": list(sentences),
    }
    return network, details


def _undirected_degree(graph: nx.MultiDiGraph) -> dict[Any, int]:
    neighbours: dict[Any, set] = defaultdict(set)
    for u, v in graph.edges():
        neighbours[u].add(v)
        neighbours[v].add(u)
    return {node: len(neighbours[node]) for node in graph.nodes}


def _pagerank(graph: nx.MultiDiGraph) -> dict[Any, float]:
    """PageRank over every node, undirected, weighted like graph.analytics' entity graph.

    networkx's ``pagerank`` run as sparse matrix products on arrays built straight from
    the edges: converting a networkx graph to a matrix took longer than the iterations.
    """
    index = {node: position for position, node in enumerate(graph.nodes)}
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        kind = data.get("kind")
        weight = max(int(data.get("source_count") or 1), 1) if kind == "relation" else int(data.get("weight") or data.get("count") or 1)
        first, second = index[u], index[v]
        weights[(min(first, second), max(first, second))] += weight
    if not weights:
        return dict.fromkeys(graph.nodes, 0.0)
    return dict(zip(graph.nodes, _pagerank_scores(len(index), weights)))


def _pagerank_scores(count: int, weights: dict[tuple[int, int], float], *, alpha: float = 0.85, tolerance: float = 1e-6) -> list[float]:
    import numpy as np
    import scipy.sparse

    pairs = np.array(list(weights), dtype=np.int64)
    values = np.array(list(weights.values()), dtype=float)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    columns = np.concatenate([pairs[:, 1], pairs[:, 0]])
    matrix = scipy.sparse.csr_array((np.concatenate([values, values]), (rows, columns)), shape=(count, count))
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros_like(out_weight), where=~dangling)
    transition = scipy.sparse.diags_array(inverse) @ matrix
    uniform = np.full(count, 1.0 / count)
    scores = uniform.copy()
    for _ in range(100):
        previous = scores
        scores = alpha * (scores @ transition + scores[dangling].sum() * uniform) + (1 - alpha) * uniform
        if np.abs(scores - previous).sum() < count * tolerance:
            break
    return scores.tolist()


def _rank(node_ids: list[Any], score: dict[Any, float]) -> dict[Any, int]:
    return {node: position for position, node in enumerate(sorted(node_ids, key=lambda n: (-score[n], str(n))))}


def _layout_edges(graph: nx.MultiDiGraph) -> list[tuple[Any, Any, float]]:
    """Edges for the layout, weighted: entity links at full strength, mentions weaker.

    A source's pull on each entity it names is shared out (``MENTION_PULL / √names``), so a
    long article no longer packs all its entities into a tight, unreadable knot while a
    headline naming two entities still sits beside them.
    """
    names_in: Counter = Counter(v for _, v, data in graph.edges(data=True) if data.get("kind") == "mention")
    edges = []
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "mention":
            edges.append((u, v, min(1.0, MENTION_PULL / math.sqrt(names_in[v]))))
        elif data.get("kind") == "co_mention":
            edges.append((u, v, CO_MENTION_PULL))
        else:
            edges.append((u, v, 1.0))
    return edges


def _layout_charges(graph: nx.MultiDiGraph) -> dict[Any, float]:
    """How much room each node claims in the layout: labelled entities more, headlines less."""
    charges = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "document":
            charges[node] = 0.6 if data.get("doc_kind") == "headline" else 1.2
        else:
            label = str(data.get("label") or node)[:LABEL_LENGTH]
            charges[node] = 1.0 + len(label) / 10 + math.sqrt(max(int(data.get("mention_count") or 0), 1)) / 4
    return charges


def _day(value: Any) -> str | None:
    """The ISO date (or year, or year-month) at the start of ``value``, else None."""
    match = ISO_DAY.match(str(value)) if value else None
    return match.group(0) if match else None


def _display_type(data: dict[str, Any]) -> str:
    if data.get("kind") == "document":
        return "Document"
    node_type = data.get("type")
    return node_type if node_type in TYPE_STYLES else "Other"


def _shorten(text: str, length: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _vis_node(
    node: Any,
    data: dict[str, Any],
    degree: int,
    position: tuple[float, float],
    rank: int,
    pagerank_rank: int,
    day_of_document: dict[Any, str | None],
) -> dict[str, Any]:
    display_type = _display_type(data)
    record: dict[str, Any] = {"id": node, "type": display_type}
    if display_type == "Document":
        name = data.get("title") or data.get("source") or str(node)
        # Headlines are many and their titles long: unlabelled squares keep the
        # entity names readable; the panel shows the full title on click.
        label = _shorten(name, DOCUMENT_LABEL_LENGTH) if data.get("doc_kind") != "headline" else ""
        size = min(6 + 2 * math.sqrt(degree), 22)
        dates = [day_of_document[node]] if day_of_document.get(node) else []
    else:
        name = data.get("label") or str(node)
        label = _shorten(name, LABEL_LENGTH)
        size = min(9 + 4 * math.sqrt(max(int(data.get("mention_count") or 0), 1)), 48)
        dates = sorted({day for doc in data.get("doc_ids") or [] if (day := day_of_document.get(doc))})
        if data.get("aliases"):
            record["aliases"] = [str(alias) for alias in data["aliases"]]
        if isinstance(data.get("community"), int):
            record["community"] = data["community"]
    record.update(
        label=label,
        name=str(name),
        size=round(size, 1),
        x=round(position[0], 1),
        y=round(position[1], 1),
        degree=degree,
        rank=rank,
        prRank=pagerank_rank,
        mentions=int(data.get("mention_count") or 0),
    )
    if dates:
        record["dates"] = dates
    if record["name"] == record["label"]:
        del record["name"]  # the page reads a missing name as the label
    return record


def _vis_edge(edge_id: str, u: Any, v: Any, key: Any, data: dict[str, Any], day_of_document: dict[Any, str | None]) -> dict[str, Any]:
    kind = data.get("kind")
    edge: dict[str, Any] = {"id": edge_id, "from": u, "to": v, "kind": kind}
    evidence_docs = {record.get("doc_id") for record in data.get("evidence") or []}
    dates = {day for doc in evidence_docs if (day := day_of_document.get(doc))}
    if kind == "relation":
        confidence = float(data.get("confidence") or 0)
        edge.update(
            predicate=str(data.get("predicate") or key),
            width=round(1.5 + 2.5 * confidence, 2),
            confidence=confidence,
            sources=int(data.get("source_count") or 0),
        )
        if data.get("former"):
            edge["former"] = True
        if not dates:
            # Evidence from undated sources: the build's own first/last seen, if any.
            dates = {day for value in (data.get("first_seen"), data.get("last_seen")) if (day := _day(value))}
    elif kind == "co_mention":
        weight = int(data.get("weight") or 1)
        edge.update(width=min(weight, 12), weight=weight, sources=len(evidence_docs))
    elif day_of_document.get(v):
        dates = {day_of_document[v]}
    if dates:
        edge["dates"] = sorted(dates)
    return edge


def _vis_options(*, large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": False},
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {
            "hover": False,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "tooltipDelay": 3_600_000,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 16, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "font": {"size": 11, "align": "middle", "face": "system-ui, sans-serif", "strokeWidth": 3},
            # Relations take their arrow from here; the page turns it off while a big graph is
            # zoomed out too far to see arrowheads (drawing them costs a sixth of each frame).
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        },
    }


EDGE_KINDS = ("relation", "co_mention", "mention")


def edge_columns(edges: list[dict[str, Any]], nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """Edge records as columns: ends as node positions, kinds and predicates as small numbers.

    A 20,000-edge graph's edges shrink from ~3 MB of objects to well under 1 MB of
    numbers, which the browser reads much faster; the page script rebuilds the records
    (ids ``e0``, ``e1``… in this order). Optional fields are listed only where set.

    Examples:
        >>> columns = edge_columns([{"id": "e0", "from": "a", "to": "b", "kind": "mention"}], [{"id": "a"}, {"id": "b"}])
        >>> columns["from"], columns["to"], columns["kind"]
        ([0], [1], [2])
    """
    position = {node["id"]: number for number, node in enumerate(nodes)}
    predicates = sorted({edge["predicate"] for edge in edges if "predicate" in edge})
    predicate_number = {predicate: number for number, predicate in enumerate(predicates)}
    columns: dict[str, Any] = {
        "count": len(edges),
        "predicates": predicates,
        "from": [position[edge["from"]] for edge in edges],
        "to": [position[edge["to"]] for edge in edges],
        "kind": [EDGE_KINDS.index(edge["kind"]) if edge["kind"] in EDGE_KINDS else 2 for edge in edges],
        "predicate": [predicate_number.get(edge.get("predicate"), -1) for edge in edges],
        "width": [edge.get("width", 0) for edge in edges],
        "confidence": [edge.get("confidence", 0) for edge in edges],
        "sources": [edge.get("sources", 0) for edge in edges],
    }
    # Sparse columns: {edge number: value}, only where present.
    for name in ("weight", "dates", "former"):
        values = {str(number): edge[name] for number, edge in enumerate(edges) if edge.get(name)}
        if values:
            columns[name] = values
    return columns


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` without its ``None`` values: the page reads a missing field as null."""
    return {key: value for key, value in fields.items() if value is not None}


def _predicate_colours(graph: nx.MultiDiGraph) -> dict[str, str]:
    predicates = sorted({str(data.get("predicate")) for _, _, data in graph.edges(data=True) if data.get("kind") == "relation"})
    return {predicate: PREDICATE_COLOURS[i % len(PREDICATE_COLOURS)] for i, predicate in enumerate(predicates)}


def _node_details(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") == "document":
        return _present(
            {
                "kind": "document",
                "title": data.get("title"),
                "docKind": data.get("doc_kind"),
                "publisher": data.get("publisher"),
                "authors": list(data.get("authors") or []),
                "date": data.get("date"),
                "source": data.get("source"),
                "url": data.get("url"),
                "parent": data.get("parent_id"),
            }
        )
    return _present(
        {
            "kind": "entity",
            "label": data.get("label"),
            "type": data.get("type"),
            "mentionCount": int(data.get("mention_count") or 0),
            "docIds": list(data.get("doc_ids") or []),
            "extra": {key: data[key] for key in DETAIL_ENTITY_KEYS if data.get(key) is not None},
        }
    )


def _mention_offsets(graph: nx.MultiDiGraph) -> dict[tuple[Any, str], list[tuple[int, int]]]:
    offsets: dict[tuple[Any, str], list[tuple[int, int]]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "mention":
            offsets[(u, v)] = [(int(m["start"]), int(m["end"])) for m in data.get("mentions", [])]
    return offsets


def _edge_details(
    u: Any,
    v: Any,
    key: Any,
    data: dict[str, Any],
    mention_offsets: dict[tuple[Any, str], list[tuple[int, int]]],
    sentences: dict[str, int],
) -> dict[str, Any]:
    """The panel data of an edge; evidence sentences go into ``sentences`` (text -> number)."""
    kind = data.get("kind")
    if kind == "mention":
        return {"kind": "mention", "count": int(data.get("count") or 0), "forms": sorted({str(m.get("text")) for m in data.get("mentions", [])})}
    evidence = []
    for record in data.get("evidence", []):
        highlights = [tuple(span) for span in record.get("highlights") or []]
        if kind == "co_mention" and not highlights:
            # A co-mention's evidence is the sentence; the supporting words are both names in it.
            start, end = int(record.get("start", 0)), int(record.get("end", 0))
            highlights = [
                span
                for entity in (u, v)
                for span in mention_offsets.get((entity, record.get("doc_id")), [])
                if start <= span[0] and span[1] <= end
            ]
        text = str(record.get("text") or "")
        evidence.append(
            _present(
                {
                    "docId": record.get("doc_id"),
                    "sentence": sentences.setdefault(text, len(sentences)),
                    "spans": highlight_spans(text, int(record.get("start") or 0), highlights),
                    "method": record.get("method"),
                    "confidence": record.get("confidence"),
                    "role": record.get("role"),
                    "time": record.get("time"),
                }
            )
        )
    # Kind, predicate, confidence, source count and weight travel in the edge record already.
    details: dict[str, Any] = {"evidence": evidence}
    if kind == "relation":
        details.update(
            _present(
                {
                    "methods": list(data.get("methods") or []),
                    "role": data.get("role"),
                    "former": True if data.get("former") else None,
                    "time": data.get("time"),
                    "firstSeen": data.get("first_seen"),
                    "lastSeen": data.get("last_seen"),
                }
            )
        )
    return details


def highlight_spans(sentence: str, sentence_start: int, highlights: list[tuple[int, int]]) -> list[list[int]]:
    """The highlighted ``[start, end]`` spans of ``sentence``, in code points from its start.

    Clipped to the sentence, overlaps merged. The page slices the sentence by code
    points (``Array.from``), not UTF-16 units, so an emoji does not shift them.

    Examples:
        >>> highlight_spans("😀 Mullah Omar led the Taliban.", 100, [(121, 128)])
        [[21, 28]]
    """
    clipped = sorted(
        (max(0, int(start) - sentence_start), min(len(sentence), int(end) - sentence_start)) for start, end in highlights
    )
    spans: list[list[int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


def highlight_segments(sentence: str, sentence_start: int, highlights: list[tuple[int, int]]) -> list[list[Any]]:
    """Split ``sentence`` into ``[text, highlighted]`` pieces.

    ``highlights`` are document offsets; ``sentence_start`` is where the sentence
    begins in the document. Done here rather than in the page because Python
    offsets count code points and JavaScript strings count UTF-16 units, which
    differ as soon as a sentence holds an emoji.

    Examples:
        >>> highlight_segments("Mullah Omar led the Taliban.", 100, [(120, 127)])
        [['Mullah Omar led the ', False], ['Taliban', True], ['.', False]]
    """
    spans = sorted(
        (max(0, int(start) - sentence_start), min(len(sentence), int(end) - sentence_start))
        for start, end in highlights
    )
    segments: list[list[Any]] = []
    cursor = 0
    for start, end in spans:
        start = max(start, cursor)
        if end <= start:
            continue
        if start > cursor:
            segments.append([sentence[cursor:start], False])
        segments.append([sentence[start:end], True])
        cursor = end
    if cursor < len(sentence) or not segments:
        segments.append([sentence[cursor:], False])
    return segments


__all__ = ["write_html", "html_page", "build_network", "json_for_script", "highlight_segments", "highlight_spans", "DEFAULT_MAX_NODES"]
