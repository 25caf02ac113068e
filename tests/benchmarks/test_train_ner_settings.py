"""``benchmarks/train_ner.py``: the settings a tagger is trained with travel with its weights,
and the train-and-dev refit runs the epochs it is given without consulting dev."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
pytest.importorskip("sklearn")  # the train extra
import train_ner  # noqa: E402

from extract.ner_conll04 import INPUT_WIDTH, WORD_FEATURE_WIDTH  # noqa: E402


def separable_tokens(width: int, count: int = 192) -> tuple[numpy.ndarray, list[str]]:
    rng = numpy.random.default_rng(0)
    labels = [("O", "U-Person", "U-Place")[index % 3] for index in range(count)]
    features = rng.normal(scale=0.1, size=(count, width)).astype("float32")
    for row, label in enumerate(labels):
        features[row, ("O", "U-Person", "U-Place").index(label)] += 3.0
    return features, labels


def test_train_ner_refit_runs_the_given_epochs_without_dev() -> None:
    settings = train_ner.TrainingSettings(epochs=3, patience=3, hidden_width=8, learn_rate=0.01, window=2, word_features=True)
    features, labels = separable_tokens(5 * (INPUT_WIDTH + WORD_FEATURE_WIDTH))
    # Dev is never scored: the parsed dev here would fail if it were.
    tagger, f1, epoch = train_ner.train_tagger(features, labels, None, None, settings, last_epoch=True)  # type: ignore[arg-type]
    assert (epoch, f1) == (3, -1.0)
    assert (tagger.window, tagger.with_word_features, tagger.input_width) == (2, True, INPUT_WIDTH + WORD_FEATURE_WIDTH)
    assert set(tagger.tags) == {"O", "U-Person", "U-Place"}


def test_train_ner_default_settings_match_the_shipped_tagger() -> None:
    # The relation trainer's cross-fitting trains taggers with the defaults: they must read what the shipped one reads.
    from extract.ner_conll04 import load_name_tagger

    shipped, defaults = load_name_tagger(), train_ner.TrainingSettings()
    assert (shipped.window, shipped.with_word_features) == (defaults.window, defaults.word_features)
    assert shipped.hidden_bias.shape[0] == defaults.hidden_width
