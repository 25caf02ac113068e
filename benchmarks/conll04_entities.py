"""Entity quality on CoNLL04: how many of the names relations need does newskg find?

A relation on CoNLL04 counts only when both of its arguments are found with the gold span
and the gold type, so the entity layer caps relation recall. This script scores newskg's
mentions against CoNLL04's Peop, Org and Loc entities (Other is not a newskg type) with the
same span normalization as ``benchmarks/conll04.py`` (leading "the", possessive, final
period, person titles), and prints:

- precision, recall and F1 per type (span and type must both match);
- the relation ceiling: how many gold relations have both arguments found;
- which gold relation arguments were lost, by error category;
- with ``--errors N``, a categorized list of N errors of each category (``LOST``: relation arguments).

Error categories, for a gold entity newskg did not match (``FN``) or a mention no gold
entity matches (``FP``):

    missed      no mention overlaps the gold entity
    type        same span, wrong type
    boundary    overlapping span (same type), different boundaries
    both        overlapping span, different boundaries and type
    other       a mention over what CoNLL04 calls Other (dates, nationalities, titles)
    spurious    a mention overlapping no gold entity at all

Usage::

    .venv/bin/python benchmarks/conll04_entities.py --data ../shared/benchmarks/conll04 --split dev
    .venv/bin/python benchmarks/conll04_entities.py --data ../shared/benchmarks/conll04 --split train --errors 30
    .venv/bin/python benchmarks/conll04_entities.py --data ../shared/benchmarks/conll04 --split dev --no-learned-tagger
    .venv/bin/python benchmarks/conll04_entities.py --data ../shared/benchmarks/conll04 --split dev --tagger-cost

Tune on train and dev only; test is for reporting.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.conll04 import gold_entities, mention_span, prf, read_examples, warm_up  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import find_mentions  # noqa: E402
from extract.ner_conll04 import capture_ner_vectors  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.model import Document, Sentence  # noqa: E402

ENTITY_TYPES = ("Person", "Organization", "Place")
Span = tuple[int, int]


@dataclass(frozen=True)
class Labelled:
    span: Span
    entity_type: str  # Person, Organization, Place or Other (gold only)
    label: str = ""  # the spaCy label or rule that proposed a mention


@dataclass
class Sentence04:
    text: str
    gold: list[Labelled]
    relations: list[tuple[int, int, str]]  # head index, tail index, CoNLL04 type
    predicted: list[Labelled]


def load(data: Path, split: str, *, limit: int = 0) -> list[tuple[str, list[Labelled], list[tuple[int, int, str]]]]:
    loaded = []
    for example in read_examples(data, split, limit=limit):
        text, entities = gold_entities(example)
        relations = [(r["head"], r["tail"], r["type"]) for r in example["relations"]]
        loaded.append((text, [Labelled(span, entity_type) for span, entity_type in entities], relations))
    return loaded


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_error(gold: Labelled, predicted: list[Labelled]) -> str:
    touching = [p for p in predicted if overlaps(p.span, gold.span)]
    if not touching:
        return "missed"
    if any(p.span == gold.span for p in touching):
        return "type"
    if any(p.entity_type == gold.entity_type for p in touching):
        return "boundary"
    return "both"


def predicted_error(mention: Labelled, gold: list[Labelled]) -> str:
    touching = [g for g in gold if overlaps(g.span, mention.span)]
    if not touching:
        return "spurious"
    if all(g.entity_type == "Other" for g in touching):
        return "other"
    if any(g.span == mention.span for g in touching):
        return "type"
    if any(g.entity_type == mention.entity_type for g in touching):
        return "boundary"
    return "both"


def describe(text: str, labelled: list[Labelled]) -> str:
    return ", ".join(f"{text[slice(*item.span)]!r}/{item.entity_type}{'/' + item.label if item.label else ''}" for item in labelled)


def tagger_cost(nlp, texts: list[str]) -> str:  # noqa: ANN001 - a spaCy Language
    """What the learned tagger adds to finding mentions, as a share of spaCy's parse time;
    best of several runs each, so another process's load counts as little as it can."""

    def parse() -> float:
        started = time.perf_counter()
        list(nlp.pipe(texts, batch_size=64))
        return time.perf_counter() - started

    inputs = []
    for number, spacy_doc in enumerate(nlp.pipe(texts, batch_size=64)):
        document = Document(id=f"conll-{number}", text=spacy_doc.text, source="conll04")
        inputs.append((spacy_doc, document, tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spacy_doc.sents))))

    def mentions(learned_tagger: bool) -> float:
        started = time.perf_counter()
        for spacy_doc, document, sentences in inputs:
            find_mentions(spacy_doc, document, sentences, learned_tagger=learned_tagger)
        return time.perf_counter() - started

    mentions(True)
    parse_seconds = min(parse() for _ in range(3))
    with_tagger = min(mentions(True) for _ in range(5))
    without_tagger = min(mentions(False) for _ in range(5))
    added = with_tagger - without_tagger
    return (
        f"tagger cost: spaCy parse {parse_seconds:.3f}s; mentions without the tagger {without_tagger:.3f}s, with it "
        f"{with_tagger:.3f}s; the tagger adds {added:.3f}s = {100 * added / parse_seconds:.1f}% of parse"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding conll04_<split>.json")
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test", "train_dev"])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each category")
    parser.add_argument(
        "--learned-tagger",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the learned tagger's second opinion (extract/ner_conll04.py), as in the product; --no-learned-tagger leaves it out",
    )
    parser.add_argument("--tagger-cost", action="store_true", help="also time mentions with and without the learned tagger (best of 5) against spaCy's parse (best of 3)")
    options = parser.parse_args(argv)

    loaded = load(options.data, options.split, limit=options.limit)
    nlp = load_model(options.model)
    if options.learned_tagger or options.tagger_cost:
        capture_ner_vectors(nlp)
    warm_up(nlp, relations=False)

    started = time.perf_counter()
    parsed = list(nlp.pipe((text for text, _, _ in loaded), batch_size=64))
    parse_seconds = time.perf_counter() - started
    mention_seconds = 0.0
    sentences: list[Sentence04] = []
    for number, (spacy_doc, (text, gold, relations)) in enumerate(zip(parsed, loaded)):
        document = Document(id=f"conll-{number}", text=text, source="conll04")
        started = time.perf_counter()
        spans = tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spacy_doc.sents))
        mentions = find_mentions(spacy_doc, document, spans, learned_tagger=options.learned_tagger)
        mention_seconds += time.perf_counter() - started
        predicted = [
            Labelled(mention_span(text, m), m.entity_type, m.label) for m in mentions
        ]
        sentences.append(Sentence04(text, gold, relations, predicted))

    true_positive, false_positive, false_negative = Counter(), Counter(), Counter()
    gold_errors: dict[str, list[str]] = {}
    predicted_errors: dict[str, list[str]] = {}
    relations_total = relations_reachable = 0
    reachable_by_type: Counter = Counter()
    total_by_type: Counter = Counter()
    # Why each gold relation argument that was not found was lost (a relation may lose two).
    lost_arguments: dict[str, list[str]] = {}
    for sentence in sentences:
        text = sentence.text
        predicted_keys = {(p.span, p.entity_type) for p in sentence.predicted}
        gold_keys = {(g.span, g.entity_type) for g in sentence.gold if g.entity_type != "Other"}
        for key in predicted_keys:
            (true_positive if key in gold_keys else false_positive)[key[1]] += 1
        for key in gold_keys - predicted_keys:
            false_negative[key[1]] += 1
        for gold in sentence.gold:
            if gold.entity_type != "Other" and (gold.span, gold.entity_type) not in predicted_keys:
                category = gold_error(gold, sentence.predicted)
                gold_errors.setdefault(f"{category} {gold.entity_type}", []).append(
                    f"{text[slice(*gold.span)]!r} :: newskg: {describe(text, [p for p in sentence.predicted if overlaps(p.span, gold.span)])} :: {text}"
                )
        for mention in sentence.predicted:
            if (mention.span, mention.entity_type) not in gold_keys:
                category = predicted_error(mention, sentence.gold)
                predicted_errors.setdefault(f"{category} {mention.entity_type}", []).append(
                    f"{text[slice(*mention.span)]!r}/{mention.label} :: gold: {describe(text, [g for g in sentence.gold if overlaps(g.span, mention.span)])} :: {text}"
                )
        for head, tail, conll in sentence.relations:
            relations_total += 1
            total_by_type[conll] += 1
            if all((sentence.gold[i].span, sentence.gold[i].entity_type) in predicted_keys for i in (head, tail)):
                relations_reachable += 1
                reachable_by_type[conll] += 1
            for index in (head, tail):
                gold = sentence.gold[index]
                if (gold.span, gold.entity_type) not in predicted_keys:
                    category = gold_error(gold, sentence.predicted)
                    lost_arguments.setdefault(f"{category} {gold.entity_type}", []).append(
                        f"{conll}: {text[slice(*gold.span)]!r} :: newskg: {describe(text, [p for p in sentence.predicted if overlaps(p.span, gold.span)])} :: {text}"
                    )

    tagger = "with" if options.learned_tagger else "without"
    print(f"CoNLL04 {options.split} entities: {len(sentences)} sentences, model {options.model} {tagger} the learned tagger, spans compared without person titles")
    print(f"{'type':13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for entity_type in ENTITY_TYPES:
        p, r, f = prf(true_positive[entity_type], false_positive[entity_type], false_negative[entity_type])
        print(f"{entity_type:13} {p:6.3f} {r:6.3f} {f:6.3f} {true_positive[entity_type]:5} {false_positive[entity_type]:5} {false_negative[entity_type]:5}")
    tp, fp, fn = sum(true_positive.values()), sum(false_positive.values()), sum(false_negative.values())
    p, r, f = prf(tp, fp, fn)
    print(f"{'all':13} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5} {fp:5} {fn:5}")
    share = relations_reachable / relations_total if relations_total else 0.0
    print(f"relation ceiling: {relations_reachable}/{relations_total} gold relations ({share:.3f}) have both arguments found")
    print("  " + ", ".join(f"{conll} {reachable_by_type[conll]}/{total_by_type[conll]}" for conll in sorted(total_by_type)))
    print("  arguments lost: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(lost_arguments.items(), key=lambda kv: -len(kv[1]))))
    print(f"spaCy parse {parse_seconds:.2f}s, mentions {mention_seconds:.2f}s ({100 * mention_seconds / parse_seconds:.1f}% of parse)")
    print("errors (gold not found):  " + ", ".join(f"{k} {len(v)}" for k, v in sorted(gold_errors.items(), key=lambda kv: -len(kv[1]))))
    print("errors (mention not gold): " + ", ".join(f"{k} {len(v)}" for k, v in sorted(predicted_errors.items(), key=lambda kv: -len(kv[1]))))
    if options.tagger_cost:
        print(tagger_cost(nlp, [text for text, _, _ in loaded]))
    if options.errors:
        for side, errors in (("FN", gold_errors), ("FP", predicted_errors), ("LOST", lost_arguments)):
            for category, lines in sorted(errors.items(), key=lambda kv: -len(kv[1])):
                print(f"\n== {side} {category} ({len(lines)})")
                for line in lines[: options.errors]:
                    print(f"{side} {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
