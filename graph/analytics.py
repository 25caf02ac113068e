"""Read-only analytics over a built graph: counts, centrality, neighbours, paths, communities.

Everything here reads the graph contract of :mod:`graph.build` and nothing else, so it
works on a fresh build or on ``graph.json`` read back. Results are deterministic: ties are
broken by label and id, and the randomised algorithms (Louvain, sampled betweenness) are
seeded.

The *entity graph* used for centrality and communities is undirected and weighted: two
entities are joined when a typed relation links them (weight: its number of distinct
sources, ``source_count``) or when they are named in the same sentence (weight: the number
of such sentences). ``relations_only=True`` leaves the co-mentions out. Paths never use
co-mentions: a chain is made of typed relations only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from graph.build import entity_nodes, relation_edges

COMMUNITY_ATTRIBUTE = "community"
DEFAULT_SEED = 0
# Exact betweenness is O(V·E); past this many nodes it is estimated from a seeded sample.
BETWEENNESS_SAMPLE = 500


class EntityNotFoundError(LookupError):
    """No entity matches the name; ``suggestions`` are the closest labels or aliases."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {query!r}{hint}")


class AmbiguousEntityError(LookupError):
    """More than one entity has the name; ``candidates`` are their ids."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(f"{query!r} names {len(candidates)} entities: {', '.join(candidates)}; give the id instead")


@dataclass(frozen=True)
class RankedEntity:
    id: str
    label: str
    type: str
    score: float


@dataclass(frozen=True)
class GraphStats:
    documents_by_kind: dict[str, int]
    entities_by_type: dict[str, int]
    relations_by_predicate: dict[str, int]
    relations_by_source_count: dict[int, int]
    mentions: int
    co_mention_pairs: int
    first_date: str | None
    last_date: str | None
    top_by_sources: list[RankedEntity]
    top_by_degree: list[RankedEntity]
    top_by_pagerank: list[RankedEntity]
    top_by_betweenness: list[RankedEntity]
    most_corroborated: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Neighbor:
    id: str
    label: str
    type: str
    # "out": entity -predicate-> neighbor; "in": neighbor -predicate-> entity; "co-mention": same sentence.
    direction: str
    predicate: str
    source_count: int
    first_seen: str | None = None
    last_seen: str | None = None
    time: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Hop:
    """One step of a chain: ``subject predicate object`` as stated, walked forwards or backwards."""

    subject: str
    predicate: str
    object: str
    forward: bool
    source_count: int
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Community:
    id: int
    members: list[str]


# ---------------------------------------------------------------------------- finding entities


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", node)


def find_entity(graph: nx.MultiDiGraph, query: str, *, suggestions: int = 5) -> str:
    """The id of the entity whose id, label or alias is ``query`` (case-insensitive).

    A label match wins over an alias match. Raises :class:`EntityNotFoundError` with the
    closest names when nothing matches, :class:`AmbiguousEntityError` when several do.
    """
    wanted = query.strip().casefold()
    entities = sorted(entity_nodes(graph))
    if query in entities:
        return query
    for field_name in ("label", "aliases"):
        matches = []
        for node in entities:
            data = graph.nodes[node]
            names = [data.get("label", "")] if field_name == "label" else list(data.get("aliases", []))
            if any(name.casefold() == wanted for name in names):
                matches.append(node)
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousEntityError(query, matches)
    # One suggestion per spelling: "al-Zawahiri" and "Al-Zawahiri" are the same hint.
    names: dict[str, str] = {}
    for node in entities:
        data = graph.nodes[node]
        for name in [data.get("label", ""), *data.get("aliases", [])]:
            names.setdefault(name.casefold(), name)
    found = process.extract(query.casefold(), names, scorer=fuzz.WRatio, limit=suggestions, score_cutoff=60)
    raise EntityNotFoundError(query, [names[key] for _, _, key in found])


# ---------------------------------------------------------------------------- the entity graph


def entity_graph(graph: nx.MultiDiGraph, *, relations_only: bool = False) -> nx.Graph:
    """The undirected, weighted graph of entities (see the module docstring)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(entity_nodes(graph)))
    # Summed first, then added in the order each pair first appears, as adding them one by
    # one did: the insertion order is what seeded community detection walks.
    weights: dict[frozenset, list] = {}
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate") or "")):
        kind = data.get("kind")
        if kind == "relation":
            weight = max(int(data.get("source_count", 1)), 1)
        elif kind == "co_mention" and not relations_only:
            weight = int(data.get("weight", 1))
        else:
            continue
        if u == v or u not in simple or v not in simple:
            continue
        pair = frozenset((u, v))
        entry = weights.get(pair)
        if entry is None:
            weights[pair] = [u, v, weight]
        else:
            entry[2] += weight
    simple.add_weighted_edges_from(weights.values())
    return simple


def _ranked(graph: nx.MultiDiGraph, scores: dict[str, float], top: int) -> list[RankedEntity]:
    order = sorted(scores, key=lambda node: (-scores[node], _label(graph, node).casefold(), node))
    return [
        RankedEntity(node, _label(graph, node), graph.nodes[node].get("type", ""), round(float(scores[node]), 6))
        for node in order[:top]
        if scores[node] > 0
    ]


def _pagerank(simple: nx.Graph, *, alpha: float = 0.85, tolerance: float = 1.0e-10, max_iterations: int = 200) -> dict[str, float]:
    """Weighted PageRank of the entity graph (``networkx.pagerank``, scipy-backed)."""
    return nx.pagerank(simple, alpha=alpha, weight="weight", tol=tolerance, max_iter=max_iterations)


def centrality(graph: nx.MultiDiGraph, *, top: int = 10, relations_only: bool = False) -> dict[str, list[RankedEntity]]:
    """Top entities by weighted degree, PageRank and betweenness over the entity graph."""
    simple = entity_graph(graph, relations_only=relations_only)
    if simple.number_of_edges() == 0:
        return {"degree": [], "pagerank": [], "betweenness": []}
    degree = dict(simple.degree(weight="weight"))
    pagerank = _pagerank(simple)
    sample = min(BETWEENNESS_SAMPLE, simple.number_of_nodes())
    # Betweenness counts hops, not weights: a co-mention seen ten times is not "shorter".
    betweenness = nx.betweenness_centrality(
        simple, k=sample if sample < simple.number_of_nodes() else None, seed=DEFAULT_SEED
    )
    return {
        "degree": _ranked(graph, degree, top),
        "pagerank": _ranked(graph, pagerank, top),
        "betweenness": _ranked(graph, betweenness, top),
    }


def stats(graph: nx.MultiDiGraph, *, top: int = 10, relations_only: bool = False) -> GraphStats:
    """Counts by type and predicate, corroboration, dates, and the most central entities."""
    documents = Counter(
        data.get("doc_kind") or "article" for _, data in graph.nodes(data=True) if data.get("kind") == "document"
    )
    entities = Counter(graph.nodes[node].get("type", "") for node in entity_nodes(graph))
    relations = relation_edges(graph)
    predicates = Counter(data["predicate"] for _, _, _, data in relations)
    corroboration = Counter(int(data.get("source_count", 0)) for _, _, _, data in relations)
    mentions = sum(
        int(data.get("count", 0)) for _, _, data in graph.edges(data=True) if data.get("kind") == "mention"
    )
    co_mentions = sum(1 for _, _, data in graph.edges(data=True) if data.get("kind") == "co_mention")
    dates = sorted(
        data["date"] for _, data in graph.nodes(data=True) if data.get("kind") == "document" and data.get("date")
    )
    sources = {node: float(len(graph.nodes[node].get("doc_ids", []))) for node in entity_nodes(graph)}
    ranked = centrality(graph, top=top, relations_only=relations_only)
    most_corroborated = [
        {
            "subject": _label(graph, u),
            "predicate": data["predicate"],
            "object": _label(graph, v),
            "source_count": int(data.get("source_count", 0)),
            "first_seen": data.get("first_seen"),
            "last_seen": data.get("last_seen"),
        }
        for u, v, _, data in sorted(
            relations, key=lambda r: (-int(r[3].get("source_count", 0)), _label(graph, r[0]), r[2], _label(graph, r[1]))
        )[:top]
    ]
    return GraphStats(
        documents_by_kind=dict(sorted(documents.items())),
        entities_by_type=dict(sorted(entities.items())),
        relations_by_predicate=dict(sorted(predicates.items(), key=lambda item: (-item[1], item[0]))),
        relations_by_source_count=dict(sorted(corroboration.items())),
        mentions=mentions,
        co_mention_pairs=co_mentions,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        top_by_sources=_ranked(graph, sources, top),
        top_by_degree=ranked["degree"],
        top_by_pagerank=ranked["pagerank"],
        top_by_betweenness=ranked["betweenness"],
        most_corroborated=most_corroborated,
    )


# ---------------------------------------------------------------------------- neighbours and paths


def neighbors(graph: nx.MultiDiGraph, entity: str, *, co_mentions: bool = True) -> list[Neighbor]:
    """What ``entity`` is linked to: typed relations first (best supported first), then co-mentions."""
    found: list[Neighbor] = []
    edges = [(u, v, data, "out") for u, v, data in graph.out_edges(entity, data=True)]
    edges += [(u, v, data, "in") for u, v, data in graph.in_edges(entity, data=True)]
    for u, v, data, direction in edges:
        other = v if direction == "out" else u
        if graph.nodes[other].get("kind") != "entity" or other == entity:
            continue
        kind = data.get("kind")
        evidence = (data.get("evidence") or [{}])[0].get("text")
        if kind == "relation":
            found.append(
                Neighbor(
                    other,
                    _label(graph, other),
                    graph.nodes[other].get("type", ""),
                    direction,
                    data["predicate"],
                    int(data.get("source_count", 0)),
                    data.get("first_seen"),
                    data.get("last_seen"),
                    data.get("time"),
                    evidence,
                )
            )
        elif kind == "co_mention" and co_mentions:
            sources = len({record.get("doc_id") for record in data.get("evidence", [])})
            found.append(
                Neighbor(other, _label(graph, other), graph.nodes[other].get("type", ""), "co-mention", "coMentionedWith", sources, evidence=evidence)
            )
    found.sort(key=lambda n: (n.direction == "co-mention", -n.source_count, n.predicate, n.label.casefold(), n.id))
    return found


def _relation_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities joined when any typed relation links them, in either direction."""
    simple = nx.Graph()
    for u, v, _, _ in relation_edges(graph):
        if u != v:
            simple.add_edge(u, v)
    return simple


def _best_hop(graph: nx.MultiDiGraph, start: str, end: str) -> Hop:
    """The best supported relation between two adjacent entities, either way round."""
    candidates = []
    for subject, obj, forward in ((start, end, True), (end, start, False)):
        for predicate, data in (graph.get_edge_data(subject, obj) or {}).items():
            if data.get("kind") == "relation":
                candidates.append((subject, obj, forward, predicate, data))
    subject, obj, forward, predicate, data = min(
        candidates, key=lambda c: (-int(c[4].get("source_count", 0)), -float(c[4].get("confidence", 0)), not c[2], c[3])
    )
    evidence = dict((data.get("evidence") or [{}])[0])
    document = graph.nodes.get(evidence.get("doc_id"), {}) if evidence.get("doc_id") in graph else {}
    if document:
        evidence.update(title=document.get("title"), date=document.get("date"), publisher=document.get("publisher"))
    return Hop(subject, predicate, obj, forward, int(data.get("source_count", 0)), evidence)


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, *, limit: int = 3) -> list[list[Hop]]:
    """Up to ``limit`` shortest chains of typed relations from ``source`` to ``target``.

    Relations may be walked against their direction (al-Qaeda alliedWith Taliban, Taliban
    controls Kabul links al-Qaeda to Kabul); each hop keeps its direction and its evidence
    sentence. Chains through better supported relations come first. Empty when none exists.
    """
    simple = _relation_graph(graph)
    if source not in simple or target not in simple or source == target:
        return []
    try:
        node_paths = list(islice(nx.all_shortest_paths(simple, source, target), 200))
    except nx.NetworkXNoPath:
        return []
    chains = [[_best_hop(graph, a, b) for a, b in zip(path, path[1:])] for path in node_paths]
    # Best supported first: by the weakest hop, then by all hops together.
    chains.sort(
        key=lambda chain: (
            -min(hop.source_count for hop in chain),
            -sum(hop.source_count for hop in chain),
            [(_label(graph, hop.subject), hop.predicate, _label(graph, hop.object)) for hop in chain],
        )
    )
    return chains[:limit]


# ---------------------------------------------------------------------------- communities


def communities(graph: nx.MultiDiGraph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0, relations_only: bool = False) -> list[Community]:
    """Louvain communities of the entity graph, largest first, numbered from 0.

    Seeded, and the graph is built in sorted order, so the same build gives the same
    communities. Entities linked to nothing each form their own community.
    """
    simple = entity_graph(graph, relations_only=relations_only)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(members) for members in found), key=lambda members: (-len(members), members[0]))
    return [Community(index, members) for index, members in enumerate(ordered)]


def assign_communities(graph: nx.MultiDiGraph, *, seed: int = DEFAULT_SEED) -> None:
    """Write each entity's community number onto its node as ``community`` (int), in place.

    The pipeline calls this after ``build_graph`` so the HTML view can colour by it.
    """
    for community in communities(graph, seed=seed):
        for member in community.members:
            graph.nodes[member][COMMUNITY_ATTRIBUTE] = community.id
