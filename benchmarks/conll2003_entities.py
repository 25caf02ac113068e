"""Entity quality on CoNLL-2003 (Reuters news, 1996): a check that entity-layer changes help real news.

CoNLL04 is small and old; CoNLL-2003's validation split is 216 whole Reuters articles
with PER, ORG and LOC names (MISC is not a newskg type and counts as neither right nor
wrong). Each article is run as one document, sentences on their own lines, so the
document-level rules see what they would see in production. Prints precision, recall
and F1 per type (span and type must match, with the span normalization of
``benchmarks/conll04.py``), with and without the learned entity typer.

Usage::

    .venv/bin/python benchmarks/conll2003_entities.py --data ../shared/benchmarks/conll2003 --split valid --limit 100

Only for checking; nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.conll04 import prf, trimmed  # noqa: E402
from extract import mentions as mentions_module  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import find_mentions  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.model import Document, Sentence  # noqa: E402

TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Other"}


def load(path: Path, *, limit: int = 0) -> list[tuple[str, list[tuple[tuple[int, int], str]]]]:
    """Articles as (text, [(gold span, type)]): tokens joined by spaces, sentences by newlines."""
    articles: list[tuple[str, list]] = []
    text_parts: list[str] = []
    gold: list = []
    position = 0
    open_entity: tuple[int, int, str] | None = None

    def close() -> None:
        nonlocal open_entity
        if open_entity is not None:
            gold.append(((open_entity[0], open_entity[1]), TYPES[open_entity[2]]))
            open_entity = None

    def flush() -> None:
        nonlocal text_parts, gold, position
        close()
        if text_parts:
            articles.append(("".join(text_parts).rstrip(), gold))
        text_parts, gold, position = [], [], 0

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            continue
        if not line.strip():
            close()
            if text_parts and not text_parts[-1].endswith("\n"):
                text_parts[-1] = text_parts[-1].rstrip(" ") + "\n"
            continue
        word, *_, tag = line.split(" ")
        start = position
        text_parts.append(word + " ")
        position += len(word) + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (open_entity is None or open_entity[2] != tag[2:])):
            close()
            open_entity = (start, start + len(word), tag[2:])
        elif tag.startswith("I-") and open_entity is not None:
            open_entity = (open_entity[0], start + len(word), open_entity[2])
        else:
            close()
    flush()
    return articles[:limit] if limit else articles


def score(nlp, articles, parsed) -> Counter:
    counts: Counter = Counter()
    for number, (spacy_doc, (text, gold)) in enumerate(zip(parsed, articles)):
        document = Document(id=f"conll2003-{number}", text=text, source="conll2003")
        spans = tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spacy_doc.sents))
        predicted = {
            (trimmed(text, m.start, m.end, person=m.entity_type == "Person"), m.entity_type)
            for m in find_mentions(spacy_doc, document, spans)
        }
        gold_keys = {(trimmed(text, *span, person=kind == "Person"), kind) for span, kind in gold if kind != "Other"}
        other_spans = {trimmed(text, *span) for span, kind in gold if kind == "Other"}
        for key in predicted:
            if key in gold_keys:
                counts["tp", key[1]] += 1
            elif key[0] not in other_spans:
                counts["fp", key[1]] += 1
        for key in gold_keys - predicted:
            counts["fn", key[1]] += 1
    return counts


def report(title: str, counts: Counter) -> None:
    print(title)
    print(f"{'type':13} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in ("Person", "Organization", "Place"):
        p, r, f = prf(counts["tp", kind], counts["fp", kind], counts["fn", kind])
        print(f"{kind:13} {p:6.3f} {r:6.3f} {f:6.3f}")
    total = [sum(v for (side, _), v in counts.items() if side == name) for name in ("tp", "fp", "fn")]
    p, r, f = prf(*total)
    print(f"{'all':13} {p:6.3f} {r:6.3f} {f:6.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding train.txt, valid.txt, test.txt")
    parser.add_argument("--split", default="valid", choices=["train", "valid", "test"])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    options = parser.parse_args(argv)

    articles = load(options.data / f"{options.split}.txt", limit=options.limit)
    nlp = load_model(options.model)
    parsed = list(nlp.pipe((text for text, _ in articles), batch_size=16))
    report(f"CoNLL-2003 {options.split}: {len(articles)} articles, with the learned typer", score(nlp, articles, parsed))
    shipped = mentions_module.load_entity_typer
    mentions_module.load_entity_typer = lambda: None
    try:
        report("rules only (no learned typer)", score(nlp, articles, parsed))
    finally:
        mentions_module.load_entity_typer = shipped
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
