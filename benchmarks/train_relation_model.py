"""Train newskg's relation pair classifier on CoNLL04 and write its weights.

Every ordered same-sentence pair of newskg mentions whose types fit a CoNLL04
relation becomes one example (features from ``extract/relation_model.py``),
labelled positive when CoNLL04 has that relation between the same spans (the
span comparison of ``benchmarks/conll04.py``). A logistic regression is fitted
on the train split; its regularization and each relation's decision threshold
are chosen by end-to-end micro-F1 on dev (rules + classifier, as the product runs
them). With ``--final-fit train_dev`` the chosen settings are refitted on
train+dev before the weights are written. Test is never read.

newskg's learned entity models were trained on CoNLL04 train too: the entity typer
(``extract/entity_typer.py``, always on) and the name tagger (``extract/ner_conll04.py``,
on with ``--learned-tagger``, as ``find_mentions(learned_tagger=True)``). On train
their names are nearly perfect, so a classifier trained there never sees the entity
errors it meets on new text. ``--cross-fit K`` trains it on realistic names instead:
train is cut into K folds (fixed ``--seed``); for each fold a typer (and, with
``--learned-tagger``, a tagger) is trained on the other folds with its own training
script's code and settings (``benchmarks/train_entity_typer.py``; ``benchmarks/train_ner.py``,
its dev choosing the epoch), and the fold's mentions come from those models, which
never saw it. Dev always runs with the shipped models, as the product does.
``--fold-taggers DIR`` keeps the fold taggers, so a second run skips their training.

One run writes two models: the sparse-only one (``extract/data/relation_model.json``,
for pipelines without spaCy's token vectors) and the vector model
(``extract/data/relation_model_dense.npz``: the same binary features plus each pair's
mean token vectors, see ``extract.relation_model.dense_features``), each with its own
C (and, for the vector model, dense scale) and thresholds chosen on dev. ``--no-dense``
writes the first alone.

Only the weights leave this script (feature string → weight, a JSON file; the dense
weights as arrays); no CoNLL04 text is written anywhere. Needs the ``train`` extra (scikit-learn)::

    .venv/bin/pip install -c constraints.txt -e '.[train]'
    .venv/bin/python benchmarks/train_relation_model.py --data ../shared/benchmarks/conll04
    .venv/bin/python benchmarks/train_relation_model.py --data ../shared/benchmarks/conll04 --cross-fit 4
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from conll04 import Key, conll_predictions, count, load_gold_entities, load_split, mention_span, prf  # noqa: E402
from scipy.sparse import csr_matrix  # noqa: E402

import extract.mentions  # noqa: E402
import extract.ner_conll04  # noqa: E402
from extract.entity_typer import EntityTyper, load_entity_typer  # noqa: E402
from extract.extractor import load_model  # noqa: E402
from extract.mentions import find_mentions  # noqa: E402
from extract.ner_conll04 import NameTagger, capture_ner_vectors  # noqa: E402
from extract.relation_model import (  # noqa: E402
    DENSE_BLOCKS,
    DENSE_MODEL_PATH,
    DENSE_SOURCE,
    VECTOR_SOURCES,
    MIN_PROBABILITY,
    MODEL_PATH,
    PAIR_TASKS,
    TYPE_TAGS,
    DenseWeights,
    RelationModel,
    candidate_pairs,
    dense_features,
    is_judged,
    passes_guards,
    token_table,
    token_vectors,
    type_tag,
)

if TYPE_CHECKING:
    from sklearn.linear_model import LogisticRegression
from extract.relation_rules import voices_other_clause  # noqa: E402
from extract.relations import extract_relations  # noqa: E402
from newskg import DEFAULT_MODEL  # noqa: E402
from newskg.atomic import atomic_write_bytes, atomic_write_text  # noqa: E402
from newskg.model import Mention, Sentence  # noqa: E402

TASKS = tuple(PAIR_TASKS.values())


@dataclass
class Pair:
    features: list[str]
    task: str
    key: Key
    label: bool
    judged: bool  # extraction time would ask the classifier about this pair (see RelationModel.predict)
    between_gold_entities: bool = False  # an extra pair of gold entities (see featurize)
    tag: str = ""  # the type pair's tag (rows of the dense weights)
    dense: np.ndarray | None = None  # the dense features, when featurize was asked for them


@dataclass
class SplitExamples:
    pairs: list[list[Pair]]  # per sentence
    rule_keys: list[set[Key]]  # per sentence: what the rules alone predict, as CoNLL04 keys
    golds: list[set[Key]]


@contextmanager
def learned_entity_models(typer: EntityTyper | None, tagger: NameTagger | None) -> Iterator[None]:
    """Make ``find_mentions`` use these entity typer and name tagger instead of the shipped ones
    while inside (None keeps the shipped one).

    ``extract/mentions.py`` asks ``load_entity_typer`` (imported into it) and
    ``extract.ner_conll04.load_name_tagger`` for them on every call, so swapping those two
    functions is enough; both are restored on the way out."""
    shipped_typer, shipped_tagger = extract.mentions.load_entity_typer, extract.ner_conll04.load_name_tagger
    if typer is not None:
        extract.mentions.load_entity_typer = lambda *_, **__: typer
    if tagger is not None:
        extract.ner_conll04.load_name_tagger = lambda *_, **__: tagger
    try:
        yield
    finally:
        extract.mentions.load_entity_typer, extract.ner_conll04.load_name_tagger = shipped_typer, shipped_tagger


def featurize(
    data: Path, split: str, nlp, *, lenient: bool, gold_pairs: bool = False, cross_fit: "CrossFit | None" = None,
    learned_tagger: bool = False, dense_blocks: tuple[str, ...] = (), dense_source: str = DENSE_SOURCE,
) -> SplitExamples:
    """One example per candidate pair of newskg mentions; with ``gold_pairs``, also one per pair of
    gold entities newskg did not find with the same spans. Those extra pairs teach the classifier
    relations whose names newskg's entity layer misses, so it learns from every gold relation
    rather than only the ones the entity layer happens to get right (they are never "judged":
    they do not count in the end-to-end dev score). With ``cross_fit``, each sentence's mentions
    come from the learned entity models trained without its fold (:func:`held_out_typers`,
    :func:`held_out_taggers`); ``learned_tagger`` runs the shipped name tagger as
    ``find_mentions(learned_tagger=True)`` does. ``dense_blocks`` adds each pair's dense features
    (``extract.relation_model.dense_features``)."""
    documents, golds, _ = load_split(data, split, lenient=lenient)
    gold_entities = load_gold_entities(data, split, lenient=lenient) if gold_pairs else [{} for _ in documents]
    result = SplitExamples([], [], golds)
    parsed = list(nlp.pipe((d.text for d in documents), batch_size=64))
    typers: list[EntityTyper | None] = [None] * len(documents)
    taggers: list[NameTagger | None] = [None] * len(documents)
    if cross_fit:
        typers = held_out_typers(nlp, data, documents, cross_fit)
        if cross_fit.learned_tagger:
            taggers = held_out_taggers(nlp, data, parsed, documents, cross_fit)
    learned_tagger = learned_tagger or (cross_fit is not None and cross_fit.learned_tagger)
    for spacy_doc, document, gold, entities, typer, tagger in zip(parsed, documents, golds, gold_entities, typers, taggers):
        sentences = tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spacy_doc.sents))
        with learned_entity_models(typer, tagger):
            mentions = find_mentions(spacy_doc, document, sentences, learned_tagger=learned_tagger)
        relations = extract_relations(spacy_doc, document, mentions, sentences, use_model=False)
        result.rule_keys.append(set(conll_predictions(document.text, mentions, relations, lenient=lenient)))
        rule_predicates: dict[tuple[str, str], set[str]] = {}
        for relation in relations:
            rule_predicates.setdefault((relation.subject, relation.object), set()).add(relation.predicate)
        vectors = token_vectors(spacy_doc) if dense_blocks else None
        if dense_blocks and vectors is None:
            raise SystemExit("dense features need the pipeline's token vectors (doc.tensor and the NER's, see load_model)")

        def dense_of(spans) -> np.ndarray | None:  # noqa: ANN001 - PairSpans
            return dense_features(vectors, token_table(spacy_doc), spans, dense_blocks, source=dense_source) if dense_blocks else None

        pairs = []
        for subject, obj, task, features, spans in candidate_pairs(spacy_doc, mentions, rule_predicates):
            key = (mention_span(document.text, subject, lenient=lenient), task, mention_span(document.text, obj, lenient=lenient))
            # What extraction time asks the classifier, and keeps (extract/relations.py's model_relations).
            judged = (
                is_judged(subject, obj, spans, rule_predicates) and passes_guards(task, spans)
                and not voices_other_clause(spacy_doc, subject, obj)
            )
            tag = type_tag((subject.entity_type, obj.entity_type))
            pairs.append(Pair(features, task, key, key in gold, judged, tag=tag, dense=dense_of(spans)))
        seen = {pair.key for pair in pairs}
        gold_mentions = [
            Mention(document.id, 0, start, end, document.text[start:end], "gold", entity_type)
            for (start, end), entity_type in entities.items()
            if entity_type != "Other"
        ]
        for subject, obj, task, features, spans in candidate_pairs(spacy_doc, gold_mentions, rule_predicates):
            key = ((subject.start, subject.end), task, (obj.start, obj.end))
            if key not in seen:
                tag = type_tag((subject.entity_type, obj.entity_type))
                pairs.append(Pair(features, task, key, key in gold, judged=False, between_gold_entities=True, tag=tag,
                                  dense=dense_of(spans)))
        result.pairs.append(pairs)
    return result


@dataclass(frozen=True)
class CrossFit:
    """How train is cut into folds and the held-out entity models are trained (each with its own
    training script's settings)."""

    folds: int
    seed: int = 0
    learned_tagger: bool = False  # also cross-fit the name tagger, and run it (find_mentions(learned_tagger=True))
    epochs: int = 30
    patience: int = 5
    cache: Path | None = None  # a folder keeping each fold's tagger between runs

    def fold_of(self, count: int) -> np.ndarray:
        """Each sentence's fold: a seeded shuffle cut into ``folds`` near-equal parts."""
        order = np.random.RandomState(self.seed).permutation(count)
        folds = np.empty(count, dtype=int)
        for fold, members in enumerate(np.array_split(order, self.folds)):
            folds[members] = fold
        return folds


def held_out_typers(nlp, data: Path, documents: list, cross_fit: CrossFit) -> list[EntityTyper]:  # noqa: ANN001
    """For each train sentence, an entity typer trained on the other folds of train.

    Fitted by ``benchmarks/train_entity_typer.py``'s own ``fit`` with its default settings; the
    retyping thresholds are the shipped typer's (chosen on dev and news, not on train)."""
    import train_entity_typer

    shipped = load_entity_typer()
    if shipped is None:
        raise SystemExit("no shipped entity typer to cross-fit (extract/data/entity_typer.json)")
    articles = train_entity_typer.conll04_articles(data, "train")
    if [text for text, _ in articles] != [document.text for document in documents]:
        raise SystemExit("train_entity_typer and conll04.load_split disagree on train's sentences")
    examples = train_entity_typer.examples_of(nlp, articles)
    folds = cross_fit.fold_of(len(documents))
    typers = []
    for fold in range(cross_fit.folds):
        fitted = train_entity_typer.fit(
            [example for example in examples if folds[example.article] != fold],
            regularization=shipped.info.get("regularization_C", 1.0),
            min_count=shipped.info.get("min_feature_count", 2),
        )
        typers.append(replace(fitted, thresholds=shipped.thresholds, drop_threshold=shipped.drop_threshold))
    print(f"cross-fit: {cross_fit.folds} entity typers, each trained without its fold", flush=True)
    return [typers[fold] for fold in folds]


def held_out_taggers(nlp, data: Path, parsed: list, documents: list, cross_fit: CrossFit) -> list[NameTagger]:  # noqa: ANN001
    """For each train sentence, a name tagger trained on the other folds of train.

    The tagger is trained the way ``benchmarks/train_ner.py`` trains the shipped one (same
    inputs, network, settings, dev choosing the epoch), over the Docs already parsed here."""
    import train_ner

    from extract.mentions import rule_spans

    sentences = train_ner.read_split(data, "train")
    if len(sentences) != len(parsed) or any(text != doc.text for (text, _), doc in zip(sentences, parsed)):
        raise SystemExit("train_ner.read_split and conll04.load_split disagree on train's sentences")
    with_rules = [(doc, rule_spans(doc, document)) for doc, document in zip(parsed, documents)]
    dev = train_ner.read_split(data, "dev")
    dev_parsed = train_ner.parsed_docs(nlp, [text for text, _ in dev])
    folds = cross_fit.fold_of(len(parsed))
    taggers: list[NameTagger] = []
    for fold in range(cross_fit.folds):
        cached = cross_fit.cache / f"tagger_k{cross_fit.folds}_seed{cross_fit.seed}_fold{fold}.npz" if cross_fit.cache else None
        if cached is not None and cached.is_file():
            taggers.append(NameTagger.from_disk(cached))
            print(f"fold {fold}: tagger from {cached}", flush=True)
            continue
        started = time.perf_counter()
        kept = [index for index in range(len(parsed)) if folds[index] != fold]
        features, labels = train_ner.training_data([with_rules[i] for i in kept], [sentences[i][1] for i in kept])
        settings = train_ner.TrainingSettings(epochs=cross_fit.epochs, patience=cross_fit.patience, seed=cross_fit.seed)
        best, best_f1, best_epoch = train_ner.train_tagger(features, labels, dev_parsed, dev, settings)
        held_out = [i for i in range(len(parsed)) if folds[i] == fold]
        held_out_f1 = train_ner.score(best, [with_rules[i] for i in held_out], [sentences[i] for i in held_out])[2]
        print(f"fold {fold}: tagger on {len(kept)} sentences, epoch {best_epoch}, dev name F1 {best_f1:.3f}, "
              f"held-out fold name F1 {held_out_f1:.3f} ({time.perf_counter() - started:.0f}s)", flush=True)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(cached, best.to_bytes())
        taggers.append(best)
    return [taggers[fold] for fold in folds]


@dataclass(frozen=True)
class DenseLayout:
    """How the dense features enter the regression: centred and scaled by the training pairs' mean
    and standard deviation, times ``scale`` (how strongly the shared regularization holds them
    back against the binary features), once per type pair and once shared by all."""

    blocks: tuple[str, ...]
    source: str
    center: np.ndarray
    spread: np.ndarray
    scale: float

    @classmethod
    def of(cls, pairs: list[Pair], blocks: tuple[str, ...], source: str, scale: float) -> "DenseLayout":
        stacked = np.vstack([pair.dense for pair in pairs]).astype(np.float64)
        return cls(blocks, source, stacked.mean(axis=0), stacked.std(axis=0) + 1e-6, scale)

    @property
    def width(self) -> int:
        return self.center.shape[0]

    def columns(self, pairs: list[Pair]) -> csr_matrix:
        """One block of columns per type pair (only the pair's own is filled) and one shared block."""
        standardized = (np.vstack([pair.dense for pair in pairs]).astype(np.float64) - self.center) / self.spread * self.scale
        width, offsets = self.width, np.arange(self.width)
        own = np.array([TYPE_TAGS.index(pair.tag) for pair in pairs])[:, None] * width + offsets
        shared = np.broadcast_to(len(TYPE_TAGS) * width + offsets, own.shape)
        columns = np.hstack([own, shared])
        rows = np.repeat(np.arange(len(pairs)), 2 * width)
        values = np.hstack([standardized, standardized])
        return csr_matrix((values.ravel(), (rows, columns.ravel())), shape=(len(pairs), (len(TYPE_TAGS) + 1) * width))

    def weights(self, coefficients: np.ndarray) -> DenseWeights:
        """The product's dense weights: each type pair's coefficients plus the shared ones, with the
        centring and scaling folded in, so the product multiplies raw features."""
        by_block = coefficients.reshape(len(TYPE_TAGS) + 1, self.width)
        per_tag = (by_block[:-1] + by_block[-1]) * self.scale / self.spread
        bias = -(per_tag @ self.center)
        return DenseWeights(self.blocks, self.source, per_tag.astype(np.float32), bias.astype(np.float32))


def matrix(pairs: list[Pair], vocabulary: dict[str, int], layout: DenseLayout | None = None) -> csr_matrix:
    rows, columns = [], []
    for row, pair in enumerate(pairs):
        for feature in pair.features:
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                columns.append(column)
    sparse = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(pairs), len(vocabulary)))
    if layout is None:
        return sparse
    from scipy.sparse import hstack

    return hstack([sparse, layout.columns(pairs)], format="csr")


def fit(
    pairs: list[Pair], *, regularization: float, min_count: int, positive_weights: dict[str, float] | None = None,
    dense: tuple[tuple[str, ...], str, float] | None = None,
) -> tuple["LogisticRegression", dict[str, int], DenseLayout | None]:
    """A logistic regression on binary features and, with ``dense`` (blocks, vector source, scale),
    the pairs' dense features; a positive pair of task T weighs ``positive_weights[T]`` (default 1) in the loss."""
    counts = Counter(feature for pair in pairs for feature in pair.features)
    vocabulary = {feature: n for n, feature in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    layout = DenseLayout.of(pairs, *dense) if dense else None
    # Imported here: the rest of this script (folds, pairs, scoring) runs without the train extra.
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=regularization, max_iter=2000, solver="liblinear", random_state=0)
    weights = positive_weights or {}
    sample_weight = np.array([weights.get(pair.task, 1.0) if pair.label else 1.0 for pair in pairs])
    classifier.fit(matrix(pairs, vocabulary, layout), np.array([pair.label for pair in pairs]), sample_weight=sample_weight)
    return classifier, vocabulary, layout


def end_to_end(examples: SplitExamples, probabilities: list[np.ndarray], thresholds: dict[str, float]) -> list[set[Key]]:
    """Rules plus the classifier's pairs above threshold, as the product combines them."""
    predictions = []
    for pairs, rule_keys, scores in zip(examples.pairs, examples.rule_keys, probabilities):
        predicted = set(rule_keys)
        for pair, probability in zip(pairs, scores):
            if pair.judged and probability >= thresholds[pair.task]:
                predicted.add(pair.key)
        predictions.append(predicted)
    return predictions


def micro(golds: list[set[Key]], predictions: list[set[Key]]) -> tuple[float, float, float]:
    tp, fp, fn = (sum(c.values()) for c in count(golds, predictions))
    return prf(tp, fp, fn)


def tune_thresholds(examples: SplitExamples, probabilities: list[np.ndarray]) -> tuple[dict[str, float], float]:
    """Per-relation thresholds by coordinate ascent on micro-F1 (two sweeps). None is below the
    product's floor (``MIN_PROBABILITY``), so the dev figures here are the benchmark's."""
    grid = [round(MIN_PROBABILITY + 0.05 * n, 2) for n in range(int((0.95 - MIN_PROBABILITY) / 0.05) + 1)]
    thresholds = {task: MIN_PROBABILITY for task in TASKS}
    best = micro(examples.golds, end_to_end(examples, probabilities, thresholds))[2]
    for _ in range(2):
        for task in TASKS:
            for value in grid:
                trial = {**thresholds, task: value}
                score = micro(examples.golds, end_to_end(examples, probabilities, trial))[2]
                if score > best + 1e-9:
                    best, thresholds = score, trial
    return thresholds, best


def report(name: str, examples: SplitExamples, predictions: list[set[Key]]) -> None:
    true_positive, false_positive, false_negative = count(examples.golds, predictions)
    for task in TASKS:
        p, r, f = prf(true_positive[task], false_positive[task], false_negative[task])
        print(f"  {name} {task:12} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = micro(examples.golds, predictions)
    print(f"  {name} {'micro':12} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding conll04_<split>.json")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--final-fit", choices=["train", "train_dev"], default="train", help="split the written weights are fitted on")
    # Weaker regularization (C 1 to 3) scores about 0.01 higher on dev, within its noise, but the
    # classifier then fires on twice as many pairs of the seed article, mostly loose ones: CoNLL04
    # sentences nearly always state a relation, news sentences mostly do not.
    parser.add_argument("--regularization", type=float, nargs="+", default=[0.1, 0.3], help="values of C to try")
    parser.add_argument("--min-count", type=int, default=5, help="keep features seen in at least this many training pairs")
    # Dropping weights below 0.05 halved the file but cost 0.006 dev micro-F1 (0.009 for the vector
    # model): many small weights add up near the threshold. 0.001 scores as the unpruned regression.
    parser.add_argument("--min-weight", type=float, default=0.001, help="drop weights smaller than this from the file")
    parser.add_argument("--positive-weight", nargs="+", default=[], metavar="TASK=W",
                        help="weight of a task's positive pairs in the loss, e.g. Kill=2 (above 1 raises that task's "
                        "probabilities, so its recall at the product's 0.5 floor)")
    parser.add_argument("--no-gold-pairs", action="store_true", help="train on pairs of newskg mentions only")
    parser.add_argument("--strict", action="store_true", help="label with strict person spans (see benchmarks/conll04.py)")
    parser.add_argument("--cross-fit", type=int, default=0, metavar="K",
                        help="take train's mentions from learned entity models trained without their fold (K folds; "
                        "0: the shipped ones, which were trained on train)")
    parser.add_argument("--learned-tagger", action="store_true",
                        help="run the learned name tagger, as find_mentions(learned_tagger=True) does (with --cross-fit, "
                        "cross-fitted too)")
    parser.add_argument("--seed", type=int, default=0, help="shuffles train into the --cross-fit folds and seeds their taggers")
    parser.add_argument("--fold-epochs", type=int, default=30, help="most epochs of each fold's tagger (train_ner.py's default)")
    parser.add_argument("--fold-taggers", type=Path, help="folder keeping the fold taggers between runs")
    parser.add_argument("--dense-out", type=Path, default=DENSE_MODEL_PATH,
                        help="where the vector model goes (used where the Doc carries spaCy's token vectors)")
    parser.add_argument("--no-dense", action="store_true", help="train the sparse-only model alone")
    parser.add_argument("--dense-blocks", nargs="+", default=list(DENSE_BLOCKS),
                        help="what a pair's dense features are: mean token vectors of subject, object, between, path, heads")
    parser.add_argument("--dense-vectors", choices=sorted(VECTOR_SOURCES), default=DENSE_SOURCE,
                        help="which token vectors: doc.tensor (spaCy's shared tok2vec), the default NER's own, or both")
    parser.add_argument("--dense-scale", type=float, nargs="+", default=[0.1, 0.15],
                        help="multipliers of the standardized dense features to try (larger: less regularized)")
    parser.add_argument("--dense-regularization", type=float, nargs="+",
                        help="values of C to try for the vector model (default: --regularization's)")
    options = parser.parse_args(argv)
    if options.cross_fit == 1 or options.cross_fit < 0:
        parser.error("--cross-fit takes 0 (off) or at least 2 folds")
    lenient = not options.strict
    if malformed := [item for item in options.positive_weight if "=" not in item]:
        parser.error(f"--positive-weight takes TASK=WEIGHT, got {malformed}")
    positive_weights = {task: float(weight) for task, weight in (item.split("=", 1) for item in options.positive_weight)}
    if unknown := set(positive_weights) - set(TASKS):
        parser.error(f"unknown task in --positive-weight: {sorted(unknown)}; known: {list(TASKS)}")

    started = time.perf_counter()
    nlp = load_model(options.model)
    if options.learned_tagger and not capture_ner_vectors(nlp):
        parser.error(f"{options.model}: its NER is not the shape the learned name tagger reads")
    cross_fit = (
        CrossFit(options.cross_fit, seed=options.seed, learned_tagger=options.learned_tagger, epochs=options.fold_epochs,
                 cache=options.fold_taggers)
        if options.cross_fit
        else None
    )
    dense_blocks = () if options.no_dense else tuple(options.dense_blocks)
    train = featurize(options.data, "train", nlp, lenient=lenient, gold_pairs=not options.no_gold_pairs, cross_fit=cross_fit,
                      learned_tagger=options.learned_tagger, dense_blocks=dense_blocks, dense_source=options.dense_vectors)
    dev = featurize(options.data, "dev", nlp, lenient=lenient, gold_pairs=options.final_fit == "train_dev" and not options.no_gold_pairs,
                    learned_tagger=options.learned_tagger, dense_blocks=dense_blocks, dense_source=options.dense_vectors)
    train_pairs = [pair for pairs in train.pairs for pair in pairs]
    print(f"featurized in {time.perf_counter() - started:.0f}s: {len(train_pairs)} train pairs "
          f"({sum(p.label for p in train_pairs)} positive), {sum(map(len, dev.pairs))} dev pairs")
    reachable = sum(len({p.key for p in pairs if p.label and not p.between_gold_entities}) for pairs in dev.pairs)
    print(f"dev: {reachable} of {sum(map(len, dev.golds))} gold relations join two newskg mentions with matching spans and types "
          "(the recall ceiling of any pair classifier)")
    print("rules only: dev micro P {:.3f} R {:.3f} F1 {:.3f}".format(*micro(dev.golds, dev.rule_keys)))

    settings = TrainingSettings(options.min_count, options.min_weight, positive_weights, options.final_fit)
    info = {
        "trained_on": f"CoNLL04 {options.final_fit} (SpERT split); C and thresholds chosen on dev"
        + (f"; train's mentions cross-fitted ({options.cross_fit} folds, each fold's names typed"
           + (" and tagged" if options.learned_tagger else "") + " by models trained without it)"
           if options.cross_fit else ""),
        "command": "benchmarks/train_relation_model.py --data ../shared/benchmarks/conll04" + command_options(options),
        "positive_weights": positive_weights,
        "spacy_model": options.model,
    }
    sparse_grid = [(regularization, None) for regularization in options.regularization]
    model = train_and_choose("sparse-only model", train_pairs, dev, sparse_grid, settings)
    model = replace(model, info={**info, **model.info, "classifier": "logistic regression (scikit-learn liblinear), binary features"})
    atomic_write_text(options.out, model.to_json() + "\n")
    print(f"wrote {options.out} ({len(model.weights)} weights, {options.out.stat().st_size // 1024} KB)")
    if dense_blocks:
        dense_grid = [
            (regularization, (dense_blocks, options.dense_vectors, scale))
            for regularization in options.dense_regularization or options.regularization
            for scale in options.dense_scale
        ]
        dense_model = train_and_choose("vector model", train_pairs, dev, dense_grid, settings)
        dense_model = replace(dense_model, info={
            **info, **dense_model.info,
            "classifier": "logistic regression (scikit-learn liblinear), binary features and the mean token vectors "
            f"({options.dense_vectors}) of {', '.join(dense_blocks)}, standardized",
        })
        atomic_write_bytes(options.dense_out, dense_model.to_bytes())
        print(f"wrote {options.dense_out} ({len(dense_model.weights)} sparse weights, "
              f"{dense_model.dense.weights.size} dense, {options.dense_out.stat().st_size // 1024} KB)")
    return 0


def command_options(options: argparse.Namespace) -> str:
    """The options that shaped the written weights, as they would be typed again."""
    return (
        f" --regularization {' '.join(map(str, options.regularization))}"
        + (f" --positive-weight {' '.join(options.positive_weight)}" if options.positive_weight else "")
        + (f" --min-weight {options.min_weight}" if options.min_weight != 0.001 else "")
        + (f" --final-fit {options.final_fit}" if options.final_fit != "train" else "")
        + (f" --cross-fit {options.cross_fit} --seed {options.seed}" if options.cross_fit else "")
        + (" --learned-tagger" if options.learned_tagger else "")
        + (f" --fold-epochs {options.fold_epochs}" if options.cross_fit and options.fold_epochs != 30 else "")
        + (" --no-dense" if options.no_dense else
           f" --dense-blocks {' '.join(options.dense_blocks)} --dense-vectors {options.dense_vectors}"
           f" --dense-scale {' '.join(map(str, options.dense_scale))}"
           + (f" --dense-regularization {' '.join(map(str, options.dense_regularization))}" if options.dense_regularization else ""))
    )


@dataclass(frozen=True)
class TrainingSettings:
    min_count: int
    min_weight: float
    positive_weights: dict[str, float]
    final_fit: str


def train_and_choose(
    name: str, train_pairs: list[Pair], dev: SplitExamples,
    grid: list[tuple[float, tuple[tuple[str, ...], str, float] | None]], settings: TrainingSettings,
) -> RelationModel:
    """Fit one model per (C, dense blocks and scale) of ``grid`` on train, keep the one with the best
    end-to-end dev micro-F1 (thresholds tuned on dev too), refit it on train+dev if asked, and
    return it as the product loads it."""
    best: tuple[float, float, tuple | None, dict[str, float]] | None = None
    for regularization, dense in grid:
        classifier, vocabulary, layout = fit(
            train_pairs, regularization=regularization, min_count=settings.min_count,
            positive_weights=settings.positive_weights, dense=dense,
        )
        probabilities = dev_probabilities(classifier, vocabulary, layout, dev)
        thresholds, score = tune_thresholds(dev, probabilities)
        described = f"C={regularization}" + (f" dense scale {dense[2]}" if dense else "")
        print(f"{name} {described}: dev micro-F1 {score:.4f} with thresholds {thresholds}", flush=True)
        if best is None or score > best[0]:
            best = (score, regularization, dense, thresholds)
    assert best is not None
    score, regularization, dense, thresholds = best
    classifier, vocabulary, layout = fit(
        train_pairs, regularization=regularization, min_count=settings.min_count,
        positive_weights=settings.positive_weights, dense=dense,
    )
    print(f"{name}: chosen C={regularization}" + (f", dense scale {dense[2]}" if dense else "") + "; dev, fitted on train only:")
    report("dev", dev, end_to_end(dev, dev_probabilities(classifier, vocabulary, layout, dev), thresholds))
    if settings.final_fit == "train_dev":
        classifier, vocabulary, layout = fit(
            train_pairs + [p for pairs in dev.pairs for p in pairs], regularization=regularization,
            min_count=settings.min_count, positive_weights=settings.positive_weights, dense=dense,
        )
    coefficients = classifier.coef_[0]
    weights = {feature: round(float(coefficients[column]), 3) for feature, column in vocabulary.items()}
    weights = {feature: weight for feature, weight in weights.items() if abs(weight) >= settings.min_weight}
    info: dict = {"regularization_C": regularization, "dev_micro_f1_train_only_fit": round(score, 4)}
    if layout is not None:
        info["dense_scale"] = layout.scale
    return RelationModel(
        weights=weights,
        intercept=round(float(classifier.intercept_[0]), 4),
        thresholds=thresholds,
        info=info,
        dense=layout.weights(coefficients[len(vocabulary):]) if layout is not None else None,
    )


def dev_probabilities(
    classifier: "LogisticRegression", vocabulary: dict[str, int], layout: DenseLayout | None, dev: SplitExamples
) -> list[np.ndarray]:
    return [classifier.predict_proba(matrix(pairs, vocabulary, layout))[:, 1] if pairs else np.zeros(0) for pairs in dev.pairs]


if __name__ == "__main__":
    raise SystemExit(main())
