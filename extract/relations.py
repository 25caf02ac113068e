"""Typed relations between mentions, read off spaCy's parse (see the relations issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from newskg.model import Document, Mention, Relation, Sentence


def extract_relations(
    spacy_doc: Doc, document: Document, mentions: list[Mention] | tuple[Mention, ...], sentences: tuple[Sentence, ...]
) -> list[Relation]:
    """Relations whose subject and object are mention keys (``doc_id:start:end``)."""
    return []
