"""The cross-fitting of ``benchmarks/train_relation_model.py``: folds and the swap of learned entity models."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import train_relation_model  # noqa: E402 - scikit-learn is imported only when it trains

import extract.mentions  # noqa: E402
import extract.ner_conll04  # noqa: E402
from extract.entity_typer import EntityTyper, load_entity_typer  # noqa: E402
from extract.ner_conll04 import NameTagger  # noqa: E402


def test_train_relation_model_folds_cover_train_once_and_repeat() -> None:
    folds = train_relation_model.CrossFit(4, seed=0).fold_of(10)
    sizes = numpy.bincount(folds, minlength=4)
    assert sorted(sizes.tolist()) == [2, 2, 3, 3]  # every sentence in exactly one fold, near-equal parts
    assert (train_relation_model.CrossFit(4, seed=0).fold_of(10) == folds).all()  # same seed, same folds
    assert not (train_relation_model.CrossFit(4, seed=1).fold_of(10) == folds).all()


def test_train_relation_model_held_out_models_are_used_then_restored() -> None:
    typer = EntityTyper(classes=("Person", "Organization", "Place", "None"), weights={}, intercepts=[0.0] * 4,
                        thresholds={}, drop_threshold=2.0, info={})
    tagger = NameTagger(("O",), numpy.zeros((3, 1), "float32"), numpy.zeros(1, "float32"), numpy.zeros((1, 1), "float32"),
                        numpy.zeros(1, "float32"))
    shipped_typer = extract.mentions.load_entity_typer()
    with train_relation_model.learned_entity_models(typer, tagger):
        # What find_mentions asks for on each call.
        assert extract.mentions.load_entity_typer() is typer
        assert extract.ner_conll04.load_name_tagger() is tagger
    assert extract.mentions.load_entity_typer() is shipped_typer is load_entity_typer()
    assert extract.ner_conll04.load_name_tagger is not None and extract.ner_conll04.load_name_tagger() is not tagger


def test_train_relation_model_held_out_models_restored_after_an_error() -> None:
    typer = EntityTyper(classes=("None",), weights={}, intercepts=[0.0], thresholds={}, drop_threshold=2.0, info={})
    with pytest.raises(RuntimeError), train_relation_model.learned_entity_models(typer, None):
        raise RuntimeError("featurizing failed")
    assert extract.mentions.load_entity_typer() is load_entity_typer()
