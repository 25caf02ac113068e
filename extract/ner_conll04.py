"""A second NER trained on CoNLL04's people, organizations and places, reading the default
model's own token vectors.

The default pipeline's NER was trained on OntoNotes, whose idea of a name differs from news
analysts' in ways that cost relations: it splits "Hong Kong construction firm" names, calls
small towns organizations, and misses names of agencies in lowercase context. This component
is a spaCy transition-based NER (``spacy.TransitionBasedParser.v2``, the same architecture as
the default NER) whose token-to-vector layer is a *listener*: it reads ``doc.tensor``, the
vectors the default pipeline's shared ``tok2vec`` already computed for the tagger and parser.
So it adds only the transition model's cost, not a second embedding and CNN.

It is trained by ``benchmarks/train_ner.py`` on CoNLL04 train (dev for early stopping) and
ships as ``extract/data/ner_conll04.bin`` (spaCy's ``to_bytes`` of the component, without the
vocabulary). It only fits the pipeline it was trained on: :func:`load_conll04_ner` returns
None when the weights are missing, and :func:`predict_names` returns nothing when a Doc's
tensor has another width (another model).

Its predictions never change ``doc.ents``: the default NER's entities are put back after it
runs, and callers get plain ``(start token, end token, label)`` triples.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Model

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ner_conll04.bin"
# The width of en_core_web_sm's shared tok2vec output, which the listener reads.
TENSOR_WIDTH = 96
# What the default NER said about each token: begins or continues a name, and the name's label.
DEFAULT_NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
# What newskg's own rules said: begins or continues a mention, and its type.
RULE_TYPES = ("Person", "Organization", "Place")
FEATURE_WIDTH = 2 + len(DEFAULT_NER_LABELS) + 1 + 2 + len(RULE_TYPES)
# The default NER's own tok2vec output, kept by :func:`capture_ner_vectors` (same width in en_core_web_sm).
NER_VECTORS_KEY = "newskg.ner_vectors"
NER_VECTOR_WIDTH = 96
INPUT_WIDTH = TENSOR_WIDTH + NER_VECTOR_WIDTH + FEATURE_WIDTH
# Labels the component predicts; "Other" (dates, nationalities, titles) is learned so those
# words are not taken for names, and is never returned as a name.
LABELS = ("Person", "Organization", "Place", "Other")
NAME_LABELS = frozenset({"Person", "Organization", "Place"})

# The shipped component's size: hidden units of the transition model, and whether a hidden
# layer sits between the token features and the action scores (slower, usually more accurate).
HIDDEN_WIDTH = 64
USE_UPPER = False


def ner_config(*, hidden_width: int = HIDDEN_WIDTH, use_upper: bool = USE_UPPER) -> dict[str, Any]:
    """The component's config: a transition-based NER over the listener's input vectors."""
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": hidden_width,
            "maxout_pieces": 2,
            "use_upper": use_upper,
            "nO": None,
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": INPUT_WIDTH, "upstream": "tok2vec"},
        },
        "update_with_oracle_cut_size": 100,
        "incorrect_spans_key": None,
    }


_ENTITY_ATTRIBUTES = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]


def create_component(
    vocab: Vocab, *, name: str = "ner_conll04", hidden_width: int = HIDDEN_WIDTH, use_upper: bool = USE_UPPER
) -> EntityRecognizer:
    """An untrained component with the shipped architecture, on ``vocab`` (not added to any pipeline)."""
    nlp = spacy.blank("en", vocab=vocab)
    return nlp.create_pipe("ner", name=name, config=ner_config(hidden_width=hidden_width, use_upper=use_upper))


@lru_cache(maxsize=4)
def load_conll04_ner(
    vocab: Vocab, path: Path = MODEL_PATH, *, hidden_width: int = HIDDEN_WIDTH, use_upper: bool = USE_UPPER
) -> EntityRecognizer | None:
    """The shipped component for ``vocab``'s pipeline, loaded once; None if the weights are missing."""
    if not Path(path).is_file():
        return None
    component = create_component(vocab, hidden_width=hidden_width, use_upper=use_upper)
    component.from_bytes(Path(path).read_bytes(), exclude=["vocab"])
    return component


def capture_ner_vectors(nlp: Language) -> bool:
    """Make the pipeline's NER keep its token vectors on each Doc (``doc.user_data``), so the
    learned NER can read them without computing them again. False if the pipeline has no NER
    of the expected shape."""
    if "ner" not in nlp.pipe_names:
        return False
    model = nlp.get_pipe("ner").model
    if not model.layers or not model.layers[0].layers:
        return False
    embedding = model.layers[0].layers[0]
    if embedding.attrs.get("newskg_capture", False) or not embedding.has_dim("nO") or embedding.get_dim("nO") != NER_VECTOR_WIDTH:
        return embedding.has_dim("nO") and embedding.attrs.get("newskg_capture", False)
    forward = embedding._func

    def forward_keeping_vectors(layer: Model, docs: list[Doc], is_train: bool) -> tuple[Any, Any]:
        vectors, backprop = forward(layer, docs, is_train)
        if not is_train:
            for doc, doc_vectors in zip(docs, vectors):
                doc.user_data[NER_VECTORS_KEY] = doc_vectors
        return vectors, backprop

    embedding._func = forward_keeping_vectors
    embedding.attrs["newskg_capture"] = True
    return True


def has_input(doc: Doc) -> bool:
    """Whether ``doc`` carries the vectors of the pipeline the component was trained on."""
    ner_vectors = doc.user_data.get(NER_VECTORS_KEY)
    return (
        len(doc) > 0
        and doc.tensor.ndim == 2
        and doc.tensor.shape == (len(doc), TENSOR_WIDTH)
        and ner_vectors is not None
        and ner_vectors.shape == (len(doc), NER_VECTOR_WIDTH)
    )


def input_vectors(doc: Doc, rule_spans: list[tuple[int, int, str]]) -> numpy.ndarray:
    """Per token: the shared tok2vec's vector, then one-hot flags for the default NER's entity
    (begin, inside, label) and for newskg's own mention over it (begin, inside, type)."""
    flags = numpy.zeros((len(doc), FEATURE_WIDTH), dtype="float32")
    for span in doc.ents:
        flags[span.start, 0] = 1.0
        flags[span.start + 1 : span.end, 1] = 1.0
        label_column = DEFAULT_NER_LABELS.index(span.label_) if span.label_ in DEFAULT_NER_LABELS else len(DEFAULT_NER_LABELS)
        flags[span.start : span.end, 2 + label_column] = 1.0
    offset = 2 + len(DEFAULT_NER_LABELS) + 1
    for start, end, entity_type in rule_spans:
        flags[start, offset] = 1.0
        flags[start + 1 : end, offset + 1] = 1.0
        flags[start:end, offset + 2 + RULE_TYPES.index(entity_type)] = 1.0
    return numpy.hstack([doc.tensor.astype("float32", copy=False), doc.user_data[NER_VECTORS_KEY], flags])


def predict_names(
    doc: Doc, rule_spans: list[tuple[int, int, str]], component: EntityRecognizer | None = None
) -> list[tuple[int, int, str]]:
    """The component's names in ``doc`` as (start token, end token, label) with label Person,
    Organization or Place, given newskg's own mentions as (start token, end token, type);
    ``doc.ents`` and ``doc.tensor`` are left as they were."""
    if component is None:
        component = load_conll04_ner(doc.vocab)
    if component is None or not has_input(doc):
        return []
    saved_entities, saved_tensor = doc.to_array(_ENTITY_ATTRIBUTES), doc.tensor
    doc.tensor = input_vectors(doc, rule_spans)
    # Entities already set constrain a transition-based NER; it must start from a blank slate.
    doc.set_ents([], default="missing")
    try:
        states = component.predict([doc])
        component.set_annotations([doc], states)
        names = [(span.start, span.end, span.label_) for span in doc.ents if span.label_ in NAME_LABELS]
    finally:
        doc.from_array(_ENTITY_ATTRIBUTES, saved_entities)
        doc.tensor = saved_tensor
    return names
