"""Turn a resolved :class:`~newskg.model.Corpus` into a networkx ``MultiDiGraph``.

This graph is the contract every output format reads. Its shape:

Graph attributes (``graph.graph``)
    ``name``: "newskg".

Entity nodes (node id = ``Entity.id``, e.g. ``organization/al-qaeda``)
    ``kind="entity"``, ``type`` ("Person" | "Organization" | "Place"), ``label``
    (canonical name), ``aliases`` (list of other surface forms), ``mention_count``
    (int), ``doc_ids`` (sorted list of documents that mention it). Places resolved
    against the gazetteer may add ``latitude``, ``longitude``, ``country``,
    ``feature_class``.

Document nodes (node id = ``Document.id``, e.g. ``doc-1a2b…``)
    ``kind="document"``, ``doc_kind`` ("article" | "headline"), ``title``,
    ``publisher``, ``authors`` (list), ``date`` (ISO 8601 or None), ``source``
    (file path or URL), ``url``, ``parent_id`` (the article that listed a headline),
    ``text``.

Mention edges (entity -> document, key ``"mention"``)
    ``kind="mention"``, ``count``, ``mentions``: list of
    ``{"start", "end", "text", "sentence"}`` with offsets into the document text.

Co-mention edges (entity -> entity, smaller id first, key ``"coMentionedWith"``)
    ``kind="co_mention"``, ``weight`` (number of sentences), ``evidence``: list of
    evidence dicts (below). Never a typed relation.

Relation edges (subject -> object, key = predicate, e.g. ``"leaderOf"``)
    ``kind="relation"``, ``predicate``, ``confidence`` (the best one, 0..1),
    ``source_count`` (distinct documents), ``methods`` (sorted list), ``role``,
    ``former``, ``time``, ``first_seen``/``last_seen`` (publication dates or None),
    ``evidence``: list of evidence dicts.

An evidence dict is ``{"doc_id", "sentence", "start", "end", "text",
"highlights": [[start, end], ...], "method", "confidence", "role", "former",
"time"}``; offsets are into the document's text and ``text`` is the sentence.
Evidence from a reference source rather than an article names it in ``doc_id``
with a ``gazetteer:`` prefix (``gazetteer:geonames`` for place ``partOf`` facts);
such a source is not a document node, and ``text`` is a generated statement.

Every attribute value is JSON-serializable (lists, never sets or tuples).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from newskg.model import Corpus, Document, Entity, Evidence, Relation

MENTION_KEY = "mention"
CO_MENTION_KEY = "coMentionedWith"


def evidence_to_dict(evidence: Evidence, relation: Relation | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "doc_id": evidence.doc_id,
        "sentence": evidence.sentence,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
        "highlights": [list(span) for span in evidence.highlights],
    }
    if relation is not None:
        record.update(
            method=relation.method,
            confidence=relation.confidence,
            role=relation.role,
            former=relation.former,
            time=relation.time,
        )
    return record


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """Build the knowledge graph: entities, documents, mentions, co-mentions, relations."""
    graph = nx.MultiDiGraph(name="newskg")
    documents = {document.id: document for document in corpus.documents}
    for document in sorted(corpus.documents, key=lambda d: d.id):
        _add_document(graph, document)
    for entity in sorted(corpus.entities, key=lambda e: e.id):
        _add_entity(graph, entity)
    _add_co_mentions(graph, corpus)
    _add_relations(graph, corpus.relations, documents)
    return graph


def _add_document(graph: nx.MultiDiGraph, document: Document) -> None:
    graph.add_node(
        document.id,
        kind="document",
        doc_kind=document.kind,
        title=document.title,
        publisher=document.publisher,
        authors=list(document.authors),
        date=document.date,
        source=document.source,
        url=document.url,
        parent_id=document.parent_id,
        text=document.text,
    )


def _add_entity(graph: nx.MultiDiGraph, entity: Entity) -> None:
    graph.add_node(
        entity.id,
        kind="entity",
        type=entity.type,
        label=entity.label,
        aliases=list(entity.aliases),
        mention_count=entity.mention_count,
        doc_ids=list(entity.doc_ids),
        **dict(entity.attributes),
    )
    mentions_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mention in sorted(entity.mentions, key=lambda m: (m.doc_id, m.start)):
        mentions_by_doc[mention.doc_id].append(
            {"start": mention.start, "end": mention.end, "text": mention.text, "sentence": mention.sentence}
        )
    for doc_id, mentions in mentions_by_doc.items():
        if doc_id in graph:
            graph.add_edge(entity.id, doc_id, key=MENTION_KEY, kind="mention", count=len(mentions), mentions=mentions)


def _add_co_mentions(graph: nx.MultiDiGraph, corpus: Corpus) -> None:
    entities_by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for entity in corpus.entities:
        for mention in entity.mentions:
            entities_by_sentence[(mention.doc_id, mention.sentence)].add(entity.id)
    evidence_by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for sentence_key in sorted(entities_by_sentence):
        sentence = corpus.sentences.get(sentence_key)
        if sentence is None:
            continue
        evidence = Evidence(sentence.doc_id, sentence.index, sentence.start, sentence.end, sentence.text)
        for pair in combinations(sorted(entities_by_sentence[sentence_key]), 2):
            evidence_by_pair[pair].append(evidence_to_dict(evidence))
    for (first, second), evidence in sorted(evidence_by_pair.items()):
        graph.add_edge(first, second, key=CO_MENTION_KEY, kind="co_mention", weight=len(evidence), evidence=evidence)


def _add_relations(graph: nx.MultiDiGraph, relations: list[Relation], documents: dict[str, Document]) -> None:
    grouped: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        if relation.subject in graph and relation.object in graph and relation.subject != relation.object:
            grouped[(relation.subject, relation.predicate, relation.object)].append(relation)
    for (subject, predicate, obj), group in sorted(grouped.items()):
        group.sort(key=lambda r: (r.evidence.doc_id, r.evidence.start, r.method))
        evidence = _unique_evidence(group)
        doc_ids = {r.evidence.doc_id for r in group}
        dates = sorted(d for d in (documents[i].date for i in doc_ids if i in documents) if d)
        best = max(group, key=lambda r: r.confidence)
        graph.add_edge(
            subject,
            obj,
            key=predicate,
            kind="relation",
            predicate=predicate,
            confidence=round(max(r.confidence for r in group), 4),
            source_count=len(doc_ids),
            methods=sorted({r.method for r in group}),
            role=next((r.role for r in group if r.role), None),
            former=all(r.former for r in group),
            time=next((r.time for r in group if r.time), None),
            first_seen=dates[0] if dates else None,
            last_seen=dates[-1] if dates else None,
            evidence=evidence,
            best_method=best.method,
        )


def _unique_evidence(group: list[Relation]) -> list[dict[str, Any]]:
    seen: set[tuple[str, int, int]] = set()
    evidence = []
    for relation in group:
        key = (relation.evidence.doc_id, relation.evidence.start, relation.evidence.end)
        if key not in seen:
            seen.add(key)
            evidence.append(evidence_to_dict(relation.evidence, relation))
    return evidence


def entity_nodes(graph: nx.MultiDiGraph) -> list[str]:
    return [node for node, data in graph.nodes(data=True) if data.get("kind") == "entity"]


def document_nodes(graph: nx.MultiDiGraph) -> list[str]:
    return [node for node, data in graph.nodes(data=True) if data.get("kind") == "document"]


def relation_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("kind") == "relation"]
