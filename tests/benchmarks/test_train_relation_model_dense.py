"""The relation trainer's dense features: the product's folded weights score as the fitted regression does."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import train_relation_model  # noqa: E402 - scikit-learn is imported only when it trains

from extract.relation_model import TYPE_TAGS  # noqa: E402


def _pair(tag: str, dense: numpy.ndarray) -> train_relation_model.Pair:
    return train_relation_model.Pair(["bias"], "Work_For", ((0, 1), "Work_For", (2, 3)), False, True, tag=tag, dense=dense)


def test_train_relation_model_dense_weights_fold_in_the_standardization() -> None:
    rng = numpy.random.default_rng(0)
    pairs = [_pair(TYPE_TAGS[n % len(TYPE_TAGS)], rng.normal(2.0, 3.0, size=4).astype("float32")) for n in range(20)]
    layout = train_relation_model.DenseLayout.of(pairs, ("subject", "object"), "ner", 0.5)
    columns = layout.columns(pairs).toarray()
    assert columns.shape == (20, (len(TYPE_TAGS) + 1) * 4)
    # Each pair fills its own type pair's block and the shared block, nothing else.
    assert all(numpy.count_nonzero(row) == 8 for row in columns)
    coefficients = rng.normal(size=columns.shape[1])
    dense = layout.weights(coefficients)
    for pair, row in zip(pairs, columns):
        tag = TYPE_TAGS.index(pair.tag)
        folded = float(pair.dense @ dense.weights[tag] + dense.bias[tag])
        assert numpy.isclose(folded, row @ coefficients, rtol=1e-4, atol=1e-4)
