"""Train the CoNLL04 NER (``extract/ner_conll04.py``) on CoNLL04 train, stopping early on dev.

Every sentence is run once through the default pipeline's shared ``tok2vec`` (frozen: its
vectors are the same ones the product computes), then a transition-based NER reading those
vectors is trained on CoNLL04's Peop, Org, Loc and Other entities. After each epoch the
component is scored on dev (names only, spans compared as ``benchmarks/conll04.py`` compares
them); the best epoch's weights are written, with ``--patience`` epochs without gain ending
training. Training is CPU only and reproducible: the shuffling and the initial weights come
from ``--seed``.

No CoNLL04 text is stored: the output holds the network's weights and the label names.

Usage::

    .venv/bin/python benchmarks/train_ner.py --data ../shared/benchmarks/conll04
    .venv/bin/python benchmarks/train_ner.py --data ../shared/benchmarks/conll04 --out /tmp/ner.bin --epochs 5

Then measure with ``benchmarks/conll04_entities.py --split dev``. Tune on train and dev only.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.tokens import Doc, Span  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed, minibatch  # noqa: E402
from thinc.api import Adam  # noqa: E402

from benchmarks.conll04 import read_examples, token_offsets, trimmed, untokenized_period  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import rule_spans  # noqa: E402
from extract.ner_conll04 import HIDDEN_WIDTH, LABELS, MODEL_PATH, NAME_LABELS, capture_ner_vectors, create_component, input_vectors, predict_names  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.atomic import atomic_write_bytes  # noqa: E402
from newskg.model import Document  # noqa: E402

CONLL_LABELS = {"Peop": "Person", "Org": "Organization", "Loc": "Place", "Other": "Other"}
Gold = list[tuple[int, int, str]]  # character start, end, label


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


def parsed_docs(nlp, texts: list[str]) -> list[tuple[Doc, list[tuple[int, int, str]]]]:  # noqa: ANN001 - a spaCy Language
    """Each text parsed by the full default pipeline, with newskg's own names in it (the NER's input)."""
    parsed = []
    for number, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        document = Document(id=f"conll04-{number}", text=doc.text, source="conll04")
        parsed.append((doc, rule_spans(doc, document)))
    return parsed


def training_examples(parsed: list[tuple[Doc, list[tuple[int, int, str]]]], golds: list[Gold]) -> list[Example]:
    examples = []
    for (doc, spans_by_rules), gold in zip(parsed, golds):
        reference = Doc(doc.vocab, words=[token.text for token in doc], spaces=[bool(token.whitespace_) for token in doc])
        spans: list[Span] = []
        for start, end, label in gold:
            # CoNLL04 tokens do not always split where spaCy does ("theater."); contract to whole tokens.
            span = reference.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span) and not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
        reference.set_ents(spans, default="outside")
        # The training Doc is used for nothing else: it keeps the NER's input in place of its vectors.
        doc.tensor = input_vectors(doc, spans_by_rules)
        doc.set_ents([], default="missing")
        examples.append(Example(doc, reference))
    return examples


def name_keys(text: str, spans: list[tuple[int, int, str]]) -> set[tuple[tuple[int, int], str]]:
    return {(trimmed(text, start, end, person=label == "Person"), label) for start, end, label in spans if label in NAME_LABELS}


def score(component, parsed: list[tuple[Doc, list[tuple[int, int, str]]]], sentences: list[tuple[str, Gold]]) -> tuple[float, float, float]:  # noqa: ANN001
    """Precision, recall and F1 of the component's names against gold Peop/Org/Loc."""
    true_positive = false_positive = false_negative = 0
    for (doc, spans_by_rules), (text, gold) in zip(parsed, sentences):
        names = predict_names(doc, spans_by_rules, component)
        predicted = {(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label) for start, end, label in names}
        predicted_keys, gold_keys = name_keys(text, list(predicted)), name_keys(text, gold)
        true_positive += len(predicted_keys & gold_keys)
        false_positive += len(predicted_keys - gold_keys)
        false_negative += len(gold_keys - predicted_keys)
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding conll04_<split>.json")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the pipeline whose tok2vec the NER reads")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--patience", type=int, default=8, help="stop after this many epochs without a better dev F1")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--hidden-width", type=int, default=HIDDEN_WIDTH)
    parser.add_argument("--no-upper", action="store_true", help="score actions straight from the token features (faster)")
    parser.add_argument("--learn-rate", type=float, default=0.001)
    options = parser.parse_args(argv)

    started = time.perf_counter()
    fix_random_seed(options.seed)
    nlp = load_model(options.model)
    if not capture_ner_vectors(nlp):
        raise SystemExit(f"{options.model}: its NER is not the shape the learned NER reads")
    train = read_split(options.data, "train")
    dev = read_split(options.data, "dev")
    dev_parsed = parsed_docs(nlp, [text for text, _ in dev])
    examples = training_examples(parsed_docs(nlp, [text for text, _ in train]), [gold for _, gold in train])

    component = create_component(nlp.vocab, hidden_width=options.hidden_width, use_upper=not options.no_upper)
    for label in LABELS:
        component.add_label(label)
    component.initialize(lambda: examples)
    optimizer = Adam(options.learn_rate)
    shuffler = random.Random(options.seed)
    best_f1, best_epoch, best_weights = -1.0, 0, b""
    for epoch in range(1, options.epochs + 1):
        shuffler.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=options.batch_size):
            component.update(batch, sgd=optimizer, losses=losses)
        with component.model.use_params(optimizer.averages) if optimizer.averages else _no_change():
            precision, recall, f1 = score(component, dev_parsed, dev)
            improved = f1 > best_f1
            if improved:
                best_f1, best_epoch, best_weights = f1, epoch, component.to_bytes(exclude=["vocab"])
        print(f"epoch {epoch:2}  loss {losses.get(component.name, 0.0):8.1f}  dev P {precision:.3f} R {recall:.3f} F1 {f1:.3f}{'  *' if improved else ''}", flush=True)
        if epoch - best_epoch >= options.patience:
            break
    atomic_write_bytes(options.out, best_weights)
    print(f"best dev F1 {best_f1:.3f} at epoch {best_epoch}; wrote {options.out} ({len(best_weights) / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s")
    return 0


class _no_change:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
