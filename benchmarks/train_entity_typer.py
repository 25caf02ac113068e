"""Train the learned entity typer (``extract/entity_typer.py``) on CoNLL04.

Runs newskg's own mention rules on the raw sentences of a training split; every name the
rules typed without strong evidence and whose span matches a gold entity becomes an
example labelled with the gold type (Peop, Org, Loc; Other and names over no gold entity
are "None"). Names whose boundaries differ from gold teach nothing about type and are
left out. A multinomial logistic regression on binary features is fitted with
scikit-learn; only its weights are written, as JSON, so nothing needs scikit-learn at run
time. Per change of type (organization to person, ...) a threshold is chosen on CoNLL04 dev
and, with ``--news-check``, on CoNLL-2003's validation split (real Reuters news), by net
right-minus-wrong changes; a change that does not gain is never made.

No CoNLL04 text is stored: features are names' shapes and suffixes, NER labels, the
gazetteer's kind and lowercase context words.

Usage::

    .venv/bin/python benchmarks/train_entity_typer.py --data ../shared/benchmarks/conll04
    .venv/bin/python benchmarks/train_entity_typer.py --data ../shared/benchmarks/conll04 --out /tmp/typer.json

Then measure with ``benchmarks/conll04_entities.py --split dev``. Tune on train and dev only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scipy.sparse import csr_matrix  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from benchmarks.conll04 import trimmed  # noqa: E402
from benchmarks.conll04_entities import load  # noqa: E402
from extract.entity_typer import CLASSES, MODEL_PATH, EntityTyper  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import typing_examples  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.atomic import atomic_write_text  # noqa: E402
from newskg.model import Document  # noqa: E402


@dataclass
class Example:
    features: list[str]
    rule_type: str
    label: str  # gold class, or "" when the span's boundaries differ from gold (not trained on)
    article: int
    span: tuple[int, int]


def examples_of(nlp, articles: list[tuple[str, list[tuple[tuple[int, int], str]]]]) -> list[Example]:
    """Typing examples from (text, [(gold span, gold type)]) pairs, gold spans already trimmed."""
    examples: list[Example] = []
    for number, (spacy_doc, (text, gold)) in enumerate(zip(nlp.pipe((t for t, _ in articles), batch_size=32), articles)):
        document = Document(id=f"example-{number}", text=text, source="benchmark")
        gold_types = dict(gold)
        for start, end, rule_type, features in typing_examples(spacy_doc, document):
            span = trimmed(text, start, end, person=rule_type == "Person")
            # Person titles are trimmed only for people: try the other reading too.
            other = trimmed(text, start, end, person=rule_type != "Person")
            if span in gold_types:
                label = gold_types[span]
            elif other in gold_types:
                label, span = gold_types[other], other
            elif not any(s[0] < end and start < s[1] for s in gold_types):
                label = "Other"
            else:
                label = ""
            label = "None" if label == "Other" else label
            examples.append(Example(features, rule_type, label, number, span))
    return examples


def conll04_articles(data: Path, split: str) -> list[tuple[str, list[tuple[tuple[int, int], str]]]]:
    return [(text, [(g.span, g.entity_type) for g in gold]) for text, gold, _ in load(data, split)]


def conll2003_articles(path: Path) -> list[tuple[str, list[tuple[tuple[int, int], str]]]]:
    from benchmarks.conll2003_entities import load as load_conll2003

    return [
        (text, [(trimmed(text, *span, person=kind == "Person"), kind) for span, kind in gold]) for text, gold in load_conll2003(path)
    ]


def fit(examples: list[Example], *, regularization: float, min_count: int) -> EntityTyper:
    trained = [e for e in examples if e.label]
    counts = Counter(feature for e in trained for feature in set(e.features))
    vocabulary = {feature: n for n, feature in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    rows, columns = [], []
    for row, example in enumerate(trained):
        for column in sorted({vocabulary[f] for f in example.features if f in vocabulary}):
            rows.append(row)
            columns.append(column)
    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(trained), len(vocabulary)))
    classifier = LogisticRegression(C=regularization, max_iter=3000)
    classifier.fit(matrix, np.array([CLASSES.index(e.label) for e in trained]))
    order = [list(classifier.classes_).index(index) if index in classifier.classes_ else None for index in range(len(CLASSES))]

    def per_class(values) -> list[float]:
        return [round(float(values[i]), 4) if i is not None else -30.0 for i in order]

    weights = {}
    for feature, column in vocabulary.items():
        vector = per_class(classifier.coef_[:, column])
        if any(abs(w) >= 0.005 for w in vector):
            weights[feature] = vector
    return EntityTyper(
        classes=CLASSES,
        weights=weights,
        intercepts=per_class(classifier.intercept_),
        thresholds={},
        drop_threshold=2.0,
        info={
            "classifier": "multinomial logistic regression (scikit-learn lbfgs), binary features",
            "regularization_C": regularization,
            "min_feature_count": min_count,
            "trained_examples": len(trained),
        },
    )


GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
TYPES = ("Person", "Organization", "Place")


def choose_thresholds(typer: EntityTyper, examples: list[Example]) -> tuple[dict[str, float], float, int]:
    """Per change of type, the threshold with the largest net gain (right minus wrong changes)
    on the examples; a change that never gains is left out (never made). Dropping likewise."""
    scored = [(e, typer.probabilities(e.features)) for e in examples if e.label]
    thresholds: dict[str, float] = {}
    total = 0
    for source in TYPES:
        for target in TYPES:
            if source == target:
                continue
            best_gain, best_threshold = 0, None
            for threshold in GRID:
                changed = [e for e, p in scored if e.rule_type == source and p[target] >= threshold and max(TYPES, key=p.__getitem__) == target]
                gain = sum(e.label == target for e in changed) - sum(e.label == source for e in changed)
                if gain > best_gain:
                    best_gain, best_threshold = gain, threshold
            if best_threshold is not None:
                thresholds[f"{source}>{target}"] = best_threshold
                total += 2 * best_gain  # a fixed type removes a false positive and a false negative
    best_gain, drop_threshold = 0, 2.0
    for threshold in GRID:
        dropped = [e for e, p in scored if p["None"] >= threshold]
        gain = sum(e.label == "None" for e in dropped) - sum(e.label == e.rule_type for e in dropped)
        if gain > best_gain:
            best_gain, drop_threshold = gain, threshold
    return thresholds, drop_threshold, total + best_gain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the CoNLL04 folder")
    parser.add_argument("--train", default="train")
    parser.add_argument("--evaluate", default="dev", help="CoNLL04 split the thresholds are chosen on")
    parser.add_argument(
        "--news-check",
        type=Path,
        default=None,
        help="CoNLL-2003 valid.txt: real Reuters news whose examples join the threshold choice, "
        "so the typer only makes changes that also help there",
    )
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--regularization", type=float, default=1.0)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    options = parser.parse_args(argv)

    nlp = load_model(options.model)
    # typing_examples reads the rules' own decisions, never the shipped typer's.
    train = examples_of(nlp, conll04_articles(options.data, options.train))
    evaluation = examples_of(nlp, conll04_articles(options.data, options.evaluate))
    news = examples_of(nlp, conll2003_articles(options.news_check)) if options.news_check else []
    print(f"examples: train {sum(1 for e in train if e.label)} labelled, {options.evaluate} {sum(1 for e in evaluation if e.label)}, news {sum(1 for e in news if e.label)}")
    print("train labels:", Counter(e.label for e in train if e.label))
    fitted = fit(train, regularization=options.regularization, min_count=options.min_count)
    thresholds, drop_threshold, gain = choose_thresholds(fitted, evaluation + news)
    typer = EntityTyper(
        classes=fitted.classes,
        weights=fitted.weights,
        intercepts=fitted.intercepts,
        thresholds=thresholds,
        drop_threshold=drop_threshold,
        info={
            **fitted.info,
            "trained_on": f"CoNLL04 {options.train} (SpERT split)",
            "thresholds_chosen_on": f"CoNLL04 {options.evaluate}" + (" and CoNLL-2003 valid" if news else ""),
            "spacy_model": options.model,
            "command": f"benchmarks/train_entity_typer.py --data <conll04> --evaluate {options.evaluate}"
            + (" --news-check <conll2003>/valid.txt" if news else ""),
        },
    )
    atomic_write_text(options.out, typer.to_json())
    print(f"thresholds {thresholds}, drop {drop_threshold} (net gain {gain:+d} on the threshold examples); {len(typer.weights)} features -> {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
