"""Name mentions from spaCy's entities: candidates only; the resolver decides."""

from __future__ import annotations

from spacy.tokens import Doc

from newskg.model import Document, EntityType, Mention, Sentence

LABEL_TO_TYPE: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}


def sentence_index(sentences: tuple[Sentence, ...], offset: int) -> int:
    low, high = 0, len(sentences) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if sentences[middle].start <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def find_mentions(spacy_doc: Doc, document: Document, sentences: tuple[Sentence, ...]) -> list[Mention]:
    mentions = []
    for span in spacy_doc.ents:
        entity_type = LABEL_TO_TYPE.get(span.label_)
        if entity_type is None:
            continue
        mentions.append(
            Mention(
                doc_id=document.id,
                sentence=sentence_index(sentences, span.start_char),
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=span.label_,
                entity_type=entity_type,
                normalized=span.text,
            )
        )
    return mentions
