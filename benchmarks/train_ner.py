"""Train the learned name tagger (``extract/ner_conll04.py``) on CoNLL04 train, dev choosing the epoch.

Every sentence is parsed by the default pipeline, whose shared tok2vec and NER vectors are
kept (frozen: the same numbers the product computes), and run through newskg's own mention
rules. Each token's input (those vectors, the default NER's entity and the rules' mention,
beside its neighbours') becomes one example labelled with its BILUO tag from CoNLL04's Peop,
Org, Loc and Other entities (tokens where CoNLL04 and spaCy split words differently are
left out). A one-hidden-layer network is fitted with scikit-learn an epoch at a time; after
each epoch the tagger is scored on dev (names only, spans compared as
``benchmarks/conll04.py`` compares them) and the best epoch's weights are written, with
``--patience`` epochs without gain ending training. CPU only, about a minute; reproducible
with ``--seed``.

No CoNLL04 text is stored: the output holds the network's weights and the tag names.

Usage::

    .venv/bin/python benchmarks/train_ner.py --data ../shared/benchmarks/conll04
    .venv/bin/python benchmarks/train_ner.py --data ../shared/benchmarks/conll04 --out /tmp/tagger.npz

Then measure with ``benchmarks/conll04_entities.py --split dev``. Tune on train and dev only.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.neural_network import MLPClassifier  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.training import offsets_to_biluo_tags  # noqa: E402

from benchmarks.conll04 import read_examples, token_offsets, trimmed, untokenized_period  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import rule_spans  # noqa: E402
from extract.ner_conll04 import MODEL_PATH, NAME_LABELS, NameTagger, capture_ner_vectors, input_vectors, tag_names, windowed  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.atomic import atomic_write_bytes  # noqa: E402
from newskg.model import Document  # noqa: E402

CONLL_LABELS = {"Peop": "Person", "Org": "Organization", "Loc": "Place", "Other": "Other"}
Gold = list[tuple[int, int, str]]  # character start, end, label
Parsed = list[tuple[Doc, list[tuple[int, int, str]]]]  # each Doc with the rules' names in it


def read_split(data: Path, split: str) -> list[tuple[str, Gold]]:
    """Each sentence's text and its entities as character spans (final period left out, as spaCy splits it)."""
    sentences = []
    for example in read_examples(data, split):
        text, offsets = token_offsets(example["tokens"])
        entities = []
        for entity in example["entities"]:
            start, end = untokenized_period(text, offsets[entity["start"]][0], offsets[entity["end"] - 1][1])
            entities.append((start, end, CONLL_LABELS[entity["type"]]))
        sentences.append((text, entities))
    return sentences


def parsed_docs(nlp, texts: list[str]) -> Parsed:  # noqa: ANN001 - a spaCy Language
    """Each text parsed by the full default pipeline, with newskg's own names in it (the tagger's input)."""
    parsed = []
    for number, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        document = Document(id=f"conll04-{number}", text=doc.text, source="conll04")
        parsed.append((doc, rule_spans(doc, document)))
    return parsed


def gold_tags(doc: Doc, gold: Gold) -> list[str]:
    """BILUO tags of ``doc``'s tokens; "-" where CoNLL04's words do not fall on spaCy's tokens."""
    entities: list[Span] = []
    for start, end, label in gold:
        # CoNLL04 tokens do not always split where spaCy does ("theater."): whole tokens inside.
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is not None and len(span) and not any(span.start < other.end and other.start < span.end for other in entities):
            entities.append(span)
    return offsets_to_biluo_tags(doc, [(span.start_char, span.end_char, span.label_) for span in entities])


def name_keys(text: str, spans: list[tuple[int, int, str]]) -> set[tuple[tuple[int, int], str]]:
    return {(trimmed(text, start, end, person=label == "Person"), label) for start, end, label in spans if label in NAME_LABELS}


def score(tagger: NameTagger, parsed: Parsed, sentences: list[tuple[str, Gold]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the tagger's names against gold Peop/Org/Loc."""
    true_positive = false_positive = false_negative = 0
    for (doc, spans_by_rules), (text, gold) in zip(parsed, sentences):
        names = tag_names(doc, spans_by_rules, tagger)
        predicted = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label) for start, end, label in names]
        predicted_keys, gold_keys = name_keys(text, predicted), name_keys(text, gold)
        true_positive += len(predicted_keys & gold_keys)
        false_positive += len(predicted_keys - gold_keys)
        false_negative += len(gold_keys - predicted_keys)
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class TrainingSettings:
    epochs: int = 30
    # Stop after this many epochs without a better dev F1.
    patience: int = 5
    hidden_width: int = 64
    alpha: float = 0.03  # L2 penalty
    learn_rate: float = 0.0003
    seed: int = 0
    # Neighbours read on each side, and whether the tagger reads ner_conll04.word_features.
    window: int = 1
    word_features: bool = False


def training_data(parsed: Parsed, golds: list[Gold], settings: TrainingSettings = TrainingSettings()) -> tuple[numpy.ndarray, list[str]]:
    """Each token's windowed input (as ``settings`` says the tagger reads it) and its gold BILUO tag."""
    rows, labels = [], []
    for (doc, spans_by_rules), gold in zip(parsed, golds):
        tags = gold_tags(doc, gold)
        keep = [index for index, tag in enumerate(tags) if tag != "-"]
        vectors = input_vectors(doc, spans_by_rules, with_word_features=settings.word_features)
        rows.append(windowed(vectors, settings.window)[keep])
        labels.extend(tags[index] for index in keep)
    return numpy.vstack(rows), labels


def train_tagger(
    features: numpy.ndarray,
    labels: list[str],
    dev_parsed: list,
    dev: list,
    settings: TrainingSettings,
    *,
    report: Callable[[int, float, float, float, float, bool], None] | None = None,
    last_epoch: bool = False,
) -> tuple[NameTagger, float, int]:
    """The tagger of the epoch with the best dev F1, that F1 and the epoch (one hidden layer,
    shuffled epochs, fixed seed). ``report(epoch, loss, precision, recall, f1, improved)`` each epoch.
    With ``last_epoch``, the tagger after ``settings.epochs`` epochs, dev not consulted."""
    network = MLPClassifier(
        hidden_layer_sizes=(settings.hidden_width,),
        alpha=settings.alpha,
        batch_size=64,
        learning_rate_init=settings.learn_rate,
        random_state=settings.seed,
    )
    shuffler = numpy.random.RandomState(settings.seed)
    tags = sorted(set(labels))
    best_f1, best_epoch, best = -1.0, 0, None
    for epoch in range(1, settings.epochs + 1):
        order = shuffler.permutation(len(labels))
        network.partial_fit(features[order], [labels[index] for index in order], classes=tags)
        tagger = NameTagger(
            tuple(str(tag) for tag in network.classes_),
            network.coefs_[0].astype("float32"),
            network.intercepts_[0].astype("float32"),
            network.coefs_[1].astype("float32"),
            network.intercepts_[1].astype("float32"),
            window=settings.window,
            with_word_features=settings.word_features,
        )
        if last_epoch:
            if epoch == settings.epochs:
                return tagger, -1.0, epoch
            continue
        precision, recall, f1 = score(tagger, dev_parsed, dev)
        improved = f1 > best_f1
        if improved:
            best_f1, best_epoch, best = f1, epoch, tagger
        if report is not None:
            report(epoch, network.loss_, precision, recall, f1, improved)
        if epoch - best_epoch >= settings.patience:
            break
    assert best is not None, "no epoch ran"
    return best, best_f1, best_epoch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding conll04_<split>.json")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the pipeline whose vectors the tagger reads")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=5, help="stop after this many epochs without a better dev F1")
    parser.add_argument("--hidden-width", type=int, default=64)
    parser.add_argument("--alpha", type=float, default=0.03, help="L2 penalty")
    parser.add_argument("--learn-rate", type=float, default=0.0003)
    parser.add_argument("--window", type=int, default=TrainingSettings.window, help="neighbours read on each side of a token")
    parser.add_argument(
        "--word-features",
        action=argparse.BooleanOptionalAction,
        default=TrainingSettings.word_features,
        help="read each token's shape, word class and gazetteer kind (ner_conll04.word_features)",
    )
    parser.add_argument(
        "--train-dev",
        action="store_true",
        help="after choosing the epoch on dev with a train-only fit, fit the written weights on train and dev "
        "together (conll04_train_dev.json) for that many epochs; dev scores are then no longer a measurement",
    )
    options = parser.parse_args(argv)

    started = time.perf_counter()
    nlp = load_model(options.model)
    if not capture_ner_vectors(nlp):
        raise SystemExit(f"{options.model}: its NER is not the shape the tagger reads")
    settings = TrainingSettings(
        epochs=options.epochs,
        patience=options.patience,
        hidden_width=options.hidden_width,
        alpha=options.alpha,
        learn_rate=options.learn_rate,
        seed=options.seed,
        window=options.window,
        word_features=options.word_features,
    )
    train = read_split(options.data, "train")
    dev = read_split(options.data, "dev")
    dev_parsed = parsed_docs(nlp, [text for text, _ in dev])
    train_parsed = parsed_docs(nlp, [text for text, _ in train])
    features, labels = training_data(train_parsed, [gold for _, gold in train], settings)
    print(f"{features.shape[0]} tokens, {features.shape[1]} inputs, {len(set(labels))} tags", flush=True)

    def report(epoch: int, loss: float, precision: float, recall: float, f1: float, improved: bool) -> None:
        print(f"epoch {epoch:2}  loss {loss:.4f}  dev P {precision:.3f} R {recall:.3f} F1 {f1:.3f}{'  *' if improved else ''}", flush=True)

    best, best_f1, best_epoch = train_tagger(features, labels, dev_parsed, dev, settings, report=report)
    if options.train_dev:
        # Dev has chosen the epoch; its sentences now add to what the tagger learns from.
        dev_features, dev_labels = training_data(dev_parsed, [gold for _, gold in dev], settings)
        print(f"refitting on train and dev ({len(labels) + len(dev_labels)} tokens) for {best_epoch} epochs", flush=True)
        best, _, _ = train_tagger(
            numpy.vstack([features, dev_features]),
            labels + dev_labels,
            dev_parsed,
            dev,
            replace(settings, epochs=best_epoch, patience=best_epoch),
            last_epoch=True,
        )
    data = best.to_bytes()
    atomic_write_bytes(options.out, data)
    fitted = "refitted on train and dev for that many epochs" if options.train_dev else "those weights"
    print(f"best dev F1 {best_f1:.3f} at epoch {best_epoch} (train-only fit); wrote {fitted} to {options.out} ({len(data) / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
