"""End-to-end relation extraction on CoNLL04, scored the strict way.

newskg reads the raw sentences (entities are found by newskg, not given), and
its relations are mapped onto CoNLL04's five types:

    Work_For     memberOf or leaderOf, Person → Organization
    Kill         killed, Person → Person
    OrgBased_In  locatedIn, Organization → Place
    Live_In      locatedIn, Person → Place
    Located_In   locatedIn or partOf, Place → Place

A predicted relation counts only if both entity spans equal the gold spans
(after dropping a leading "the" and a trailing possessive "'s" from newskg's
span, which CoNLL04 never includes) and its type matches.

Usage::

    .venv/bin/python benchmarks/conll04.py --data ../shared/benchmarks/conll04 --split test
    .venv/bin/python benchmarks/conll04.py --data ../shared/benchmarks/conll04 --split dev --errors 40

Tune on train and dev only; test is for reporting. The data is research-only and
is never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.extractor import load_model  # noqa: E402
from extract.mentions import find_mentions  # noqa: E402
from extract.relations import extract_relations  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.model import Document, Mention, Relation, Sentence  # noqa: E402

CONLL_TYPES = ("Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In")


def to_conll(relation: Relation, subject: Mention, obj: Mention) -> str | None:
    """The CoNLL04 type a newskg relation stands for, or None."""
    pair = (subject.entity_type, obj.entity_type)
    if relation.predicate in {"memberOf", "leaderOf"} and pair == ("Person", "Organization"):
        return "Work_For"
    if relation.predicate == "killed" and pair == ("Person", "Person"):
        return "Kill"
    if relation.predicate == "locatedIn" and pair == ("Organization", "Place"):
        return "OrgBased_In"
    if relation.predicate == "locatedIn" and pair == ("Person", "Place"):
        return "Live_In"
    if relation.predicate in {"locatedIn", "partOf"} and pair == ("Place", "Place"):
        return "Located_In"
    return None


def token_offsets(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    offsets, position = [], 0
    for token in tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(tokens), offsets


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """newskg's span without a leading "the " or trailing possessive, as CoNLL04 marks names."""
    if text[start:end].lower().startswith("the "):
        start += 4
    for suffix in (" 's", "'s", " '"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    return untokenized_period(text, start, end)


def untokenized_period(text: str, start: int, end: int) -> tuple[int, int]:
    """CoNLL04 keeps a sentence-final period inside the last token ("Ethiopia."); spaCy splits it
    off. Both sides are compared without it."""
    while end > start and text[end - 1] == ".":
        end -= 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding conll04_<split>.json")
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test", "train_dev"])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--errors", type=int, default=0, help="print up to N false positives and negatives")
    options = parser.parse_args(argv)

    examples = json.loads((options.data / f"conll04_{options.split}.json").read_text(encoding="utf-8"))
    if options.limit:
        examples = examples[: options.limit]
    nlp = load_model(options.model)
    documents, golds = [], []
    for number, example in enumerate(examples):
        text, offsets = token_offsets(example["tokens"])
        spans = [untokenized_period(text, offsets[e["start"]][0], offsets[e["end"] - 1][1]) for e in example["entities"]]
        gold = {(spans[r["head"]], r["type"], spans[r["tail"]]) for r in example["relations"]}
        documents.append(Document(id=f"conll-{number}", text=text, source=f"conll04:{example.get('orig_id')}"))
        golds.append(gold)
    words = sum(len(example["tokens"]) for example in examples)

    started = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in documents), batch_size=64))
    parse_seconds = time.perf_counter() - started

    mention_seconds = relation_seconds = 0.0
    predictions = []
    for spacy_doc, document in zip(parsed, documents):
        started = time.perf_counter()
        sentences = tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spacy_doc.sents))
        mentions = find_mentions(spacy_doc, document, sentences)
        mention_seconds += time.perf_counter() - started
        started = time.perf_counter()
        relations = extract_relations(spacy_doc, document, mentions, sentences)
        relation_seconds += time.perf_counter() - started
        by_key = {f"{m.doc_id}:{m.start}:{m.end}": m for m in mentions}
        predicted = {}
        for relation in relations:
            subject, obj = by_key[relation.subject], by_key[relation.object]
            conll = to_conll(relation, subject, obj)
            if conll is not None:
                key = (trimmed(document.text, subject.start, subject.end), conll, trimmed(document.text, obj.start, obj.end))
                predicted.setdefault(key, relation)
        predictions.append(predicted)

    true_positive, false_positive, false_negative = Counter(), Counter(), Counter()
    error_lines: list[str] = []
    for document, gold, predicted in zip(documents, golds, predictions):
        text = document.text
        for key in predicted:
            if key in gold:
                true_positive[key[1]] += 1
            else:
                false_positive[key[1]] += 1
                error_lines.append(f"FP {key[1]:11} {text[slice(*key[0])]!r} -> {text[slice(*key[2])]!r} [{predicted[key].method}] :: {text}")
        for key in gold - set(predicted):
            false_negative[key[1]] += 1
            error_lines.append(f"FN {key[1]:11} {text[slice(*key[0])]!r} -> {text[slice(*key[2])]!r} :: {text}")

    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    print(f"CoNLL04 {options.split}: {len(examples)} sentences, {words} words, model {options.model}")
    print(f"{'relation':12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for conll in CONLL_TYPES:
        p, r, f = prf(true_positive[conll], false_positive[conll], false_negative[conll])
        print(f"{conll:12} {p:6.3f} {r:6.3f} {f:6.3f} {true_positive[conll]:5} {false_positive[conll]:5} {false_negative[conll]:5}")
    tp, fp, fn = sum(true_positive.values()), sum(false_positive.values()), sum(false_negative.values())
    p, r, f = prf(tp, fp, fn)
    macro = sum(prf(true_positive[c], false_positive[c], false_negative[c])[2] for c in CONLL_TYPES) / len(CONLL_TYPES)
    print(f"{'micro':12} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5} {fp:5} {fn:5}")
    print(f"{'macro F1':12} {macro:20.3f}")
    total = parse_seconds + mention_seconds + relation_seconds
    print(f"spaCy parse {parse_seconds:.2f}s, mentions {mention_seconds:.2f}s, relations {relation_seconds:.2f}s "
          f"({100 * relation_seconds / parse_seconds:.1f}% of parse); {words / total:.0f} words/s end to end")
    if options.errors:
        for line in sorted(error_lines)[: options.errors] if options.errors < 0 else error_lines[: options.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
