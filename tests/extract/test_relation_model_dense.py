"""The vector model of the pair classifier: spaCy's token vectors next to the sparse features,
used only where the Doc carries them, with the sparse-only model as the fallback."""

from __future__ import annotations

import numpy
import pytest

from extract.relation_model import (
    DENSE_MODEL_PATH,
    TYPE_TAGS,
    DenseWeights,
    RelationModel,
    dense_features,
    load_relation_model,
    pair_spans,
    token_table,
    token_vectors,
)
from extract.ner_conll04 import NER_VECTORS_KEY


def test_relation_model_dense_ships_beside_the_sparse_model():
    model = load_relation_model()
    assert model is not None and model.dense is None
    vector_model = model.with_vectors
    assert vector_model is not None, f"no vector model at {DENSE_MODEL_PATH}"
    assert vector_model.dense is not None
    assert vector_model.dense.weights.shape[0] == len(TYPE_TAGS)
    assert set(vector_model.thresholds) == set(model.thresholds)
    assert DENSE_MODEL_PATH.stat().st_size < 2_000_000


def test_relation_model_dense_round_trips_through_npz(tmp_path):
    vector_model = load_relation_model().with_vectors
    path = tmp_path / "model.npz"
    path.write_bytes(vector_model.to_bytes())
    again = RelationModel.from_disk(path)
    assert again == vector_model  # the sparse part
    assert again.dense.blocks == vector_model.dense.blocks and again.dense.source == vector_model.dense.source
    assert numpy.array_equal(again.dense.weights, vector_model.dense.weights)
    assert numpy.array_equal(again.dense.bias, vector_model.dense.bias)


def test_relation_model_dense_score_is_the_features_times_the_weights(nlp):
    # The product scores through one matrix product per Doc; training multiplies the averaged features.
    doc = nlp("Mary Jones , who grew up in Chicago , works for General Motors in Detroit .")
    pair = pair_spans(doc[0:2], doc[11:13])
    rng = numpy.random.default_rng(0)
    blocks = ("subject", "object", "between", "path", "heads")
    dense = DenseWeights(blocks, "ner", rng.normal(size=(len(TYPE_TAGS), 96 * len(blocks))).astype("float32"),
                         rng.normal(size=len(TYPE_TAGS)).astype("float32"))
    features = dense_features(token_vectors(doc), token_table(doc), pair, blocks, source="ner")
    row = TYPE_TAGS.index("Per>Org")
    expected = float(features @ dense.weights[row] + dense.bias[row])
    assert dense.score(doc, pair, ("Person", "Organization")) == pytest.approx(expected, rel=1e-4, abs=1e-4)


def test_relation_model_dense_features_average_each_block(nlp):
    doc = nlp("Mary Jones works for General Motors .")
    table = token_table(doc)
    pair = pair_spans(doc[0:2], doc[4:6])
    vectors = token_vectors(doc)
    ner = doc.user_data[NER_VECTORS_KEY]
    subject, obj, between = numpy.split(dense_features(vectors, table, pair, ("subject", "object", "between"), source="ner"), 3)
    assert numpy.allclose(subject, ner[0:2].mean(axis=0))
    assert numpy.allclose(obj, ner[4:6].mean(axis=0))
    assert numpy.allclose(between, ner[2:4].mean(axis=0))
    adjacent = pair_spans(doc[0:1], doc[1:2])
    assert not dense_features(vectors, table, adjacent, ("between",), source="ner").any()  # nothing between: zeros


def _without_vectors(doc):
    for key in [key for key in doc.user_data if isinstance(key, str) and key.startswith("newskg.")]:
        del doc.user_data[key]
    return doc


def test_relation_model_dense_falls_back_without_vectors(nlp, extractor):
    # Another pipeline (no NER vectors captured) gets the sparse-only model, as before.
    from newskg.model import Document, content_id

    text = "Mary Jones works for General Motors in Detroit ."
    mentions = extractor(Document(id=content_id(text), text=text, source="test")).mentions
    model = load_relation_model()
    sparse_only = RelationModel(model.weights, model.intercept, model.thresholds, model.info)
    doc = _without_vectors(nlp(text))
    assert token_vectors(doc) is None
    judged = [(p.subject.text, p.object.text, p.probability) for p in model.predict(doc, mentions, {})]
    assert judged == [(p.subject.text, p.object.text, p.probability) for p in sparse_only.predict(doc, mentions, {})]
    # A vector model alone never judges a Doc it cannot read.
    assert list(model.with_vectors.predict(_without_vectors(nlp(text)), mentions, {})) == []
    # With the vectors, the vector model judges.
    with_vectors = nlp(text)
    assert token_vectors(with_vectors) is not None
    assert [p.probability for p in model.predict(with_vectors, mentions, {})] == [
        p.probability for p in model.with_vectors.predict(with_vectors, mentions, {})
    ]
