"""Mentions from many documents to entities: one node per real-world actor."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable

from newskg.model import Corpus, DocumentExtraction, Entity, EntityType, Mention, Relation, mention_key


def slugify(text: str) -> str:
    """A readable, stable id fragment: lowercase words joined by '-'; unicode letters kept.

    Examples:
        >>> slugify("al-Qaeda in the Indian Subcontinent")
        'al-qaeda-in-the-indian-subcontinent'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", folded).strip("-_")
    return slug or "x"


def entity_id(entity_type: EntityType, label: str) -> str:
    return f"{entity_type.lower()}/{slugify(label)}"


def resolve(extractions: Iterable[DocumentExtraction]) -> Corpus:
    corpus = Corpus()
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    relations: list[Relation] = []
    for extraction in extractions:
        corpus.documents.append(extraction.document)
        for sentence in extraction.sentences:
            corpus.sentences[(sentence.doc_id, sentence.index)] = sentence
        for mention in extraction.mentions:
            groups[(mention.entity_type, (mention.normalized or mention.text).casefold())].append(mention)
        relations.extend(extraction.relations)
    key_to_entity: dict[str, str] = {}
    for (entity_type, _), mentions in sorted(groups.items()):
        surface = Counter(m.normalized or m.text for m in mentions)
        label = sorted(surface, key=lambda s: (-surface[s], s))[0]
        identifier = entity_id(entity_type, label)  # type: ignore[arg-type]
        aliases = tuple(sorted({m.text for m in mentions} - {label}))
        corpus.entities.append(Entity(identifier, entity_type, label, aliases, tuple(mentions)))  # type: ignore[arg-type]
        for mention in mentions:
            key_to_entity[mention_key(mention)] = identifier
    corpus.relations = remap_relations(relations, key_to_entity)
    return corpus


def remap_relations(relations: list[Relation], key_to_entity: dict[str, str]) -> list[Relation]:
    from dataclasses import replace

    resolved = []
    for relation in relations:
        subject = key_to_entity.get(relation.subject, relation.subject)
        obj = key_to_entity.get(relation.object, relation.object)
        if subject != obj:
            resolved.append(replace(relation, subject=subject, object=obj))
    return resolved
