"""Hand-built graphs for the export round trips.

``export_leader_graph``: a small, clean news corpus in which Ayman al-Zawahiri
leads al-Qaeda, built through the real :func:`graph.build.build_graph`.

``export_adversarial_graph``: the same shape of corpus, but every name, alias,
title and sentence is hostile (``tests/fixtures/adversarial_names/names.json``),
and node ids are raw names rather than slugs, so the id escaping is tested too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.build import build_graph
from newskg.model import Corpus, Document, Entity, Evidence, Mention, Relation, Sentence, content_id

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ADVERSARIAL_NAMES = FIXTURES / "adversarial_names" / "names.json"


def corpus_from_stories(
    actors: dict[str, dict[str, Any]],
    stories: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    *,
    raw_ids: bool = False,
) -> Corpus:
    """A resolved corpus: each story is a document whose sentences name the given actors."""
    ids = {
        key: (f"{actor['type'].lower()}/{actor['label']}" if raw_ids else f"{actor['type'].lower()}/{key}")
        for key, actor in actors.items()
    }
    mentions: dict[str, list[Mention]] = {key: [] for key in actors}
    corpus = Corpus()
    sentence_spans: dict[tuple[int, int], Sentence] = {}
    for story_number, story in enumerate(stories):
        pieces: list[str] = []
        offset = 0
        story_mentions: list[tuple[str, int, int, int]] = []
        sentences: list[tuple[int, int, str]] = []
        for sentence_number, names in enumerate(story["sentences"]):
            sentence_start = offset
            for position, key in enumerate(names):
                if position:
                    pieces.append(" met ")
                    offset += len(" met ")
                label = actors[key]["label"]
                story_mentions.append((key, sentence_number, offset, offset + len(label)))
                pieces.append(label)
                offset += len(label)
            pieces.append(". ")
            offset += 2
            sentences.append((sentence_start, offset - 1, "".join(pieces)[sentence_start : offset - 1]))
        text = "".join(pieces)
        doc_id = content_id(text, str(story_number))
        corpus.documents.append(
            Document(
                id=doc_id,
                text=text,
                source=f"stories/{story_number}.txt",
                title=story.get("title"),
                publisher=story.get("publisher"),
                authors=tuple(story.get("authors", ())),
                date=story.get("date"),
            )
        )
        for index, (start, end, sentence_text) in enumerate(sentences):
            sentence = Sentence(doc_id, index, start, end, sentence_text)
            corpus.sentences[(doc_id, index)] = sentence
            sentence_spans[(story_number, index)] = sentence
        for key, sentence_number, start, end in story_mentions:
            actor = actors[key]
            mentions[key].append(
                Mention(doc_id, sentence_number, start, end, text[start:end], "TEST", actor["type"], actor["label"])
            )
    for key, actor in actors.items():
        corpus.entities.append(
            Entity(ids[key], actor["type"], actor["label"], tuple(actor.get("aliases", ())), tuple(mentions[key]))
        )
    for relation in relations:
        sentence = sentence_spans[(relation["story"], relation["sentence"])]
        evidence = Evidence(sentence.doc_id, sentence.index, sentence.start, sentence.end, sentence.text)
        corpus.relations.append(
            Relation(
                ids[relation["subject"]],
                relation["predicate"],
                ids[relation["object"]],
                relation["confidence"],
                evidence,
                method="hand-built",
            )
        )
    return corpus


@pytest.fixture(scope="session")
def export_leader_graph() -> nx.MultiDiGraph:
    actors = {
        "zawahiri": {"type": "Person", "label": "Ayman al-Zawahiri", "aliases": ["Zawahiri", "al-Zawahiri"]},
        "al-qaeda": {"type": "Organization", "label": "al-Qaeda", "aliases": ["al-Qaida", "AQ"]},
        "hamza": {"type": "Person", "label": "Hamza bin Laden"},
        "kabul": {"type": "Place", "label": "Kabul"},
        "taliban": {"type": "Organization", "label": "Taliban"},
    }
    stories = [
        {
            "title": "Zawahiri still leads al-Qaeda",
            "publisher": "Example News",
            "authors": ["Jane Doe"],
            "date": "2021-06-01",
            "sentences": [["zawahiri", "al-qaeda"], ["hamza", "al-qaeda"], ["taliban", "kabul"]],
        },
        {
            "title": "Strike in Kabul",
            "publisher": "Other Wire",
            "date": "2022-08-02",
            "sentences": [["zawahiri", "kabul"], ["zawahiri", "al-qaeda", "taliban"]],
        },
    ]
    relations = [
        {"subject": "zawahiri", "predicate": "leaderOf", "object": "al-qaeda", "story": 0, "sentence": 0, "confidence": 0.92},
        {"subject": "zawahiri", "predicate": "leaderOf", "object": "al-qaeda", "story": 1, "sentence": 1, "confidence": 0.85},
        {"subject": "hamza", "predicate": "memberOf", "object": "al-qaeda", "story": 0, "sentence": 1, "confidence": 0.7},
        {"subject": "taliban", "predicate": "locatedIn", "object": "kabul", "story": 0, "sentence": 2, "confidence": 0.6},
    ]
    return build_graph(corpus_from_stories(actors, stories, relations))


@pytest.fixture(scope="session")
def export_adversarial_graph() -> nx.MultiDiGraph:
    spec = json.loads(ADVERSARIAL_NAMES.read_text(encoding="utf-8"))
    actors = spec["actors"]
    # An unpaired surrogate cannot be stored in a UTF-8 file; it reaches us from
    # lenient decoders, so it is added here.
    actors["leader"]["aliases"].append("lone \ud800 surrogate")
    return build_graph(corpus_from_stories(actors, spec["stories"], spec["relations"], raw_ids=True))
