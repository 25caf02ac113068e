"""A learned pair classifier that adds relations the parse rules miss.

For every ordered pair of mentions in one sentence whose entity types fit one of
five relations, the classifier reads sparse features off spaCy's parse (the
dependency path between the two names, the words between them, trigger words,
which rule fired) and gives the probability that the sentence states the
relation. It is a logistic regression trained on CoNLL04's training split by
``benchmarks/train_relation_model.py``; its weights ship as a small JSON file
(``extract/data/relation_model.json``: feature string → weight), applied here
with plain Python so loading costs milliseconds and nothing needs scikit-learn
at run time.

Where the Doc carries the vectors spaCy already computed (``doc.tensor``, the
shared tok2vec, and the default NER's own token vectors kept by
``extract.ner_conll04.capture_ner_vectors``), a second logistic regression is used
instead: the same sparse features plus dense ones, the mean vector of the subject,
of the object, of the words between them and of the words on the dependency path
(``dense_features``). Its weights ship as ``extract/data/relation_model_dense.npz``;
any other pipeline keeps the sparse-only model. Both are trained by one command.

The rules keep precedence: ``extract/relations.py`` keeps every rule relation
and adds a model relation only for a pair and predicate no rule produced.

Type pair → predicate (the domain/range of ``PREDICATE_TYPES`` holds for each):

    Person → Organization   memberOf (leaderOf when a leader word links them)
    Person → Person         killed
    Organization → Place    locatedIn
    Person → Place          locatedIn
    Place → Place           partOf
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Iterator

import numpy
from spacy.attrs import DEP, ENT_IOB, HEAD, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS, SENT_START
from spacy.tokens import Doc, Span, Token
from thinc.api import NumpyOps

from extract import gazetteer
from extract.relation_lexicon import (
    KILLER_NOUNS,
    KILLING_NOUNS,
    LEADER_ROLES,
    MEMBER_ROLES,
    PREDICATE_TYPES,
    REGION_NAMES,
    RESIDENCE_NOUNS,
    TRANSIT_VERBS,
    VERB_TRIGGERS,
)
from extract.ner_conll04 import NER_VECTORS_KEY, has_input
from extract.relation_rules import COPULAS, SUBJECT_DEPS, VIEW_VERBS
from newskg.model import Mention, mention_key

MODEL_PATH = Path(__file__).resolve().parent / "data" / "relation_model.json"
DENSE_MODEL_PATH = Path(__file__).resolve().parent / "data" / "relation_model_dense.npz"
METHOD = "model:pair-logreg"

# The relation the classifier judges for each (subject type, object type), and the predicate it emits.
PAIR_TASKS: dict[tuple[str, str], str] = {
    ("Person", "Organization"): "Work_For",
    ("Person", "Person"): "Kill",
    ("Organization", "Place"): "OrgBased_In",
    ("Person", "Place"): "Live_In",
    ("Place", "Place"): "Located_In",
}
TASK_PREDICATES: dict[str, str] = {
    "Work_For": "memberOf",
    "Kill": "killed",
    "OrgBased_In": "locatedIn",
    "Live_In": "locatedIn",
    "Located_In": "partOf",
}
# Trigger classes: a lemma's class is a feature that generalizes past the training vocabulary.
_KILL_LEMMAS = frozenset({lemma for lemma, (predicate, _) in VERB_TRIGGERS.items() if predicate == "killed"}) | KILLING_NOUNS | KILLER_NOUNS
_LOCATION_LEMMAS = frozenset({lemma for lemma, (predicate, _) in VERB_TRIGGERS.items() if predicate in {"locatedIn", "diedIn"}}) | RESIDENCE_NOUNS
_TRIGGER_CLASSES: dict[str, str] = {
    **{lemma: "member" for lemma in MEMBER_ROLES},
    **{lemma: "leader" for lemma in LEADER_ROLES},
    **{lemma: "kill" for lemma in _KILL_LEMMAS},
    **{lemma: "location" for lemma in _LOCATION_LEMMAS},
}


@dataclass(frozen=True)
class PairPrediction:
    """The classifier's verdict on one ordered pair of mentions."""

    subject: Mention
    object: Mention
    task: str
    predicate: str
    probability: float
    triggers: tuple[Token, ...]


# Thresholds tuned on CoNLL04 are low because every CoNLL04 sentence states a relation;
# general news mostly does not, so the product asks for at least an even chance.
MIN_PROBABILITY = 0.5
# In a "sentence" with more names than this (a results table, a list of headlines) the classifier
# judges no pair: CoNLL04 has few such sentences to learn from, and news has many.
MAX_NAMES_IN_SENTENCE = 12
# Pairs further apart than this many tokens are not judged at extraction time.
MAX_TOKEN_DISTANCE = 25


# The type-pair tags the dense weights are indexed by (one row each).
TYPE_TAGS: tuple[str, ...] = tuple(dict.fromkeys(f"{s[:3]}>{o[:3]}" for s, o in PAIR_TASKS))
# What a pair's dense vector is made of, in order; each block is one token vector wide.
DENSE_BLOCKS = ("subject", "object", "between", "path")
# Which token vectors: spaCy's shared tok2vec ("tensor", doc.tensor), the default NER's own ("ner"),
# or both side by side. The NER's scored higher on CoNLL04 dev than the shared ones or both.
VECTOR_SOURCES: dict[str, slice] = {"tensor": slice(0, 96), "ner": slice(96, 192), "both": slice(0, 192)}
DENSE_SOURCE = "ner"


@dataclass(frozen=True, eq=False)
class DenseWeights:
    """The dense half of the vector model: per type pair, one weight per dense feature and a bias
    (the training set's centring and scaling already folded in)."""

    blocks: tuple[str, ...]
    source: str  # a key of VECTOR_SOURCES
    weights: numpy.ndarray  # (len(TYPE_TAGS), dense width), float32
    bias: numpy.ndarray  # (len(TYPE_TAGS),)
    # Per token vector dimension, one column per (block, type pair): what one product per Doc needs.
    _by_block: numpy.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        width = self.weights.shape[1] // len(self.blocks)
        columns = [self.weights[row, block * width : (block + 1) * width] for block in range(len(self.blocks)) for row in range(len(TYPE_TAGS))]
        object.__setattr__(self, "_by_block", numpy.ascontiguousarray(numpy.stack(columns, axis=1), dtype="float32"))

    def score(self, doc: Doc, pair: "PairSpans", types: tuple[str, str]) -> float:
        """The dense part's log-odds: ``dense_features(...) · weights[type pair] + bias``, computed as
        the mean of each block's tokens' own products, which one matrix product per Doc gives (a
        mean of vectors times a weight vector is the mean of the products)."""
        row = _TAG_ROWS.get(type_tag(types))
        if row is None:
            return 0.0
        products = self._token_products(doc)
        if products is None:
            return 0.0
        score = float(self.bias[row])
        table = token_table(doc)
        for block, name in enumerate(self.blocks):
            tokens = _block_tokens(table, pair, name)
            if tokens:
                column = block * len(TYPE_TAGS) + row
                score += sum(products[i][column] for i in tokens) / len(tokens)
        return score

    def _token_products(self, doc: Doc) -> list[list[float]] | None:
        """Each token's vector times every (block, type pair) weight column, once per Doc."""
        cached = doc.user_data.get(_PRODUCTS)
        if cached is not None and cached[0] is self:
            return cached[1]
        vectors = token_vectors(doc)
        if vectors is None:
            return None
        products = _OPS.gemm(numpy.ascontiguousarray(vectors[:, VECTOR_SOURCES[self.source]]), self._by_block).tolist()
        doc.user_data[_PRODUCTS] = (self, products)
        return products


_TAG_ROWS = {tag: row for row, tag in enumerate(TYPE_TAGS)}
_PRODUCTS = "newskg.relation_model.dense_products"
# Small matrix products through thinc's single-threaded blis (see extract/ner_conll04.py: numpy's
# OpenBLAS wakes its threads for them).
_OPS = NumpyOps()


_TAG_ROWS = {tag: row for row, tag in enumerate(TYPE_TAGS)}


@dataclass(frozen=True)
class RelationModel:
    """Weights of the pair classifier and the decision threshold of each task.

    ``dense`` is set on a model that also reads spaCy's token vectors; ``with_vectors`` is the
    model ``predict`` hands a Doc that carries them (the shipped sparse model carries the shipped
    vector model there)."""

    weights: dict[str, float]
    intercept: float
    thresholds: dict[str, float]
    info: dict
    dense: DenseWeights | None = field(default=None, compare=False, repr=False)
    with_vectors: "RelationModel | None" = field(default=None, compare=False, repr=False)

    @classmethod
    def from_disk(cls, path: Path) -> "RelationModel":
        """A sparse model from its JSON file, or a vector model from its ``.npz`` file."""
        if Path(path).suffix == ".npz":
            with numpy.load(path, allow_pickle=False) as arrays:
                data = json.loads(arrays["model_json"].tobytes().decode("utf-8"))
                dense = DenseWeights(
                    tuple(data["dense_blocks"]), data["dense_source"], arrays["dense_weights"].astype("float32"),
                    arrays["dense_bias"].astype("float32"),
                )
            if tuple(data["type_tags"]) != TYPE_TAGS:
                raise ValueError(f"{path}: dense weights for type pairs {data['type_tags']}, expected {list(TYPE_TAGS)}")
            return cls(weights=data["weights"], intercept=data["intercept"], thresholds=data["thresholds"], info=data.get("info", {}), dense=dense)
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(weights=data["weights"], intercept=data["intercept"], thresholds=data["thresholds"], info=data.get("info", {}))

    def to_bytes(self) -> bytes:
        """A vector model as the ``.npz`` file ``from_disk`` reads (the sparse part as JSON inside)."""
        if self.dense is None:
            raise ValueError("a sparse-only model is written with to_json")
        data = {
            "info": self.info, "intercept": self.intercept, "thresholds": self.thresholds, "weights": self.weights,
            "dense_blocks": list(self.dense.blocks), "dense_source": self.dense.source, "type_tags": list(TYPE_TAGS),
        }
        buffer = io.BytesIO()
        numpy.savez_compressed(
            buffer,
            model_json=numpy.frombuffer(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"), dtype=numpy.uint8),
            dense_weights=self.dense.weights.astype("float32"),
            dense_bias=self.dense.bias.astype("float32"),
        )
        return buffer.getvalue()

    def to_json(self) -> str:
        data = {"info": self.info, "intercept": self.intercept, "thresholds": self.thresholds, "weights": self.weights}
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    def probability(self, features: list[str]) -> float:
        """The probability of a pair from its tagged features (as ``pair_features`` gives them)."""
        score = self.intercept + sum(self.weights.get(feature, 0.0) for feature in features)
        return _logistic(score)

    def pair_probability(self, features: list[str], types: tuple[str, str]) -> float:
        """The same as ``probability(tag_features(features, types))``, without building the tagged
        strings: the weights are looked up per type-pair tag, in the same order, so the sum is the same."""
        return _logistic(self.pair_score(features, types))

    def pair_score(self, features: list[str], types: tuple[str, str]) -> float:
        """The sparse part's log-odds (see ``pair_probability``)."""
        by_tag = self._weights_by_tag
        tagged, shared = by_tag.get(type_tag(types), _NO_WEIGHTS), by_tag.get("*", _NO_WEIGHTS)
        unique = list(dict.fromkeys(features))
        # A feature without a weight adds 0.0, which leaves a float sum exactly as it was.
        addends = chain(map(tagged.get, unique, repeat(0.0)), map(shared.get, unique, repeat(0.0)))
        return self.intercept + sum(addends)

    def pair_probability_with_vectors(self, features: list[str], doc: Doc, pair: "PairSpans", types: tuple[str, str]) -> float:
        """The probability from the sparse features plus, for a vector model, the dense ones."""
        if self.dense is None:
            return self.pair_probability(features, types)
        return _logistic(self.pair_score(features, types) + self.dense.score(doc, pair, types))

    @cached_property
    def _weights_by_tag(self) -> dict[str, dict[str, float]]:
        by_tag: dict[str, dict[str, float]] = {}
        for key, weight in self.weights.items():
            tag, _, feature = key.partition("|")
            if tag == "*" and feature.startswith("obj_text"):
                continue  # never a shared feature (see tag_features)
            by_tag.setdefault(tag, {})[feature] = weight
        return by_tag

    def predict(
        self,
        doc: Doc,
        mentions: list[Mention] | tuple[Mention, ...],
        rule_predicates: dict[tuple[str, str], set[str]],
        *,
        spans: dict[str, Span] | None = None,
    ) -> Iterator[PairPrediction]:
        """Pairs whose probability reaches their task's threshold. ``spans`` (mention key → span, as
        ``Doc.char_span(..., alignment_mode="expand")`` gives them) saves finding them again.

        A Doc that carries spaCy's token vectors goes to ``with_vectors`` when there is one; a vector
        model given a Doc without them judges nothing (its sparse weights alone were never tuned)."""
        if self.with_vectors is not None and token_vectors(doc) is not None:
            yield from self.with_vectors.predict(doc, mentions, rule_predicates, spans=spans)
            return
        if self.dense is not None and token_vectors(doc) is None:
            return
        pairs = _pairs(
            doc, mentions, rule_predicates, skip_pairs_the_rules_read=True, max_token_distance=MAX_TOKEN_DISTANCE,
            known_spans=spans, skip_crowded_sentences=True,
        )
        for subject, obj, task, spans, _, _ in pairs:
            # The guards come before the features: a pair they reject is never featurized.
            if not passes_guards(task, spans):
                continue
            types = (subject.entity_type, obj.entity_type)
            probability = self.pair_probability_with_vectors(untagged_features(doc, spans, types, set(), set()), doc, spans, types)
            if probability >= max(self.thresholds.get(task, 1.0), MIN_PROBABILITY):
                yield PairPrediction(subject, obj, task, predicate_for(task, spans, doc), probability, trigger_tokens(spans, doc))


_NO_WEIGHTS: dict[str, float] = {}


def _logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def load_relation_model(path: Path = MODEL_PATH, dense_path: Path | None = DENSE_MODEL_PATH) -> RelationModel | None:
    """The shipped model, loaded once, carrying the vector model when its file exists; None if the
    sparse weights file is missing (rules only)."""
    if not Path(path).is_file():
        return None
    model = RelationModel.from_disk(path)
    if dense_path is not None and Path(dense_path).is_file():
        model = replace(model, with_vectors=RelationModel.from_disk(dense_path))
    return model


# --- dense features ---------------------------------------------------------------------------------
_VECTORS = "newskg.relation_model.vectors"
_NO_VECTORS = numpy.zeros((0, 0), dtype="float32")


def token_vectors(doc: Doc) -> numpy.ndarray | None:
    """Per token, spaCy's shared tok2vec output next to the default NER's own token vector (what
    ``extract/ner_conll04.py`` reads too); None when the Doc does not carry both."""
    vectors = doc.user_data.get(_VECTORS)
    if vectors is None:
        if has_input(doc):
            vectors = numpy.hstack([doc.tensor.astype("float32", copy=False), doc.user_data[NER_VECTORS_KEY]]).astype("float32", copy=False)
        else:
            vectors = _NO_VECTORS
        doc.user_data[_VECTORS] = vectors
    return None if vectors is _NO_VECTORS or vectors.size == 0 else vectors


def dense_features(
    vectors: numpy.ndarray, table: "TokenTable", pair: "PairSpans", blocks: tuple[str, ...], *, source: str = DENSE_SOURCE
) -> numpy.ndarray:
    """A pair's dense features: for each block, the mean token vector (of ``source``, see
    ``VECTOR_SOURCES``) of the subject, the object, the words between them, the words on the
    dependency path inside it, or the two names' syntactic heads (zeros where there are none)."""
    vectors = vectors[:, VECTOR_SOURCES[source]]
    width = vectors.shape[1]
    parts = []
    for block in blocks:
        rows = vectors[_block_tokens(table, pair, block)]
        parts.append(rows.mean(axis=0) if len(rows) else numpy.zeros(width, dtype="float32"))
    return numpy.concatenate(parts).astype("float32", copy=False)


def _block_tokens(table: "TokenTable", pair: "PairSpans", block: str) -> list[int]:
    """The tokens whose vectors one dense block averages."""
    if block == "subject":
        return list(range(pair.subject.start, pair.subject.end))
    if block == "object":
        return list(range(pair.object.start, pair.object.end))
    if block == "between":
        return [i for i in _between(pair) if not table.space[i]]
    if block == "path":
        return list(pair.path[1:-1])
    if block == "heads":
        return [table.head[pair.subject.root.i], table.head[pair.object.root.i]]
    raise ValueError(f"unknown dense block {block!r}; known: subject, object, between, path, heads")


# --- per-Doc token table ---------------------------------------------------------------------------
# Every pair of a sentence reads the same tokens' lemmas, dependencies, heads and sentence
# bounds. Reading them off spaCy's Token objects pair after pair cost more than the classifier
# itself, so they are read once per Doc, in bulk with ``Doc.to_array``, into plain lists.

_TABLE = "newskg.relation_model.table"
_TABLE_ATTRS = [LEMMA, LOWER, DEP, POS, HEAD, SENT_START, ENT_IOB, LIKE_NUM, IS_SPACE]
_ENT_IOB_BEGIN = 3  # Doc.to_array's code for ent_iob_ == "B"
_STRINGS: dict[int, str] = {}  # hash or symbol id → string; the same for every vocabulary


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of one Doc, indexed by ``token.i``."""

    lemma: list[str]  # lowercased lemma, "<num>" for numbers (the classifier's word)
    spacy_lemma: list[str]  # spaCy's lemma as it is
    lower: list[str]
    dep: list[str]
    pos: list[str]
    head: list[int]
    names_begin: list[bool]  # the token begins a named entity (ent_iob_ "B")
    space: list[bool]
    sentence_start: list[int]  # first token of the token's sentence
    sentence_end: list[int]  # one past the last token of the token's sentence
    negated: list[bool]  # the token has a child with dependency "neg"
    sentence_triggers: dict[int, set[str]]  # sentence start → trigger classes in that sentence
    sentence_names: dict[int, int]  # sentence start → how many named entities spaCy found in it


def token_table(doc: Doc) -> TokenTable:
    """The Doc's token table, built on first use and kept in ``doc.user_data``."""
    table = doc.user_data.get(_TABLE)
    if table is None:
        table = doc.user_data[_TABLE] = _build_table(doc)
    return table


def _strings_of(keys: list[int], strings) -> list[str]:  # noqa: ANN001 - spaCy's StringStore
    for key in set(keys).difference(_STRINGS):
        _STRINGS[key] = strings[key] if key else ""
    return list(map(_STRINGS.__getitem__, keys))


def _build_table(doc: Doc) -> TokenTable:
    strings = doc.vocab.strings
    array = doc.to_array(_TABLE_ATTRS)  # unsigned: string hashes stay positive, offsets wrap around
    lemma_ids, lower_ids, dep_ids, pos_ids, _, _, ent_iob, like_num, is_space = array.T.tolist()
    head_offsets, sent_starts = array[:, 4:6].astype(numpy.int64).T.tolist()
    spacy_lemma = _strings_of(lemma_ids, strings)
    lower = _strings_of(lower_ids, strings)
    lemma = [
        "<num>" if number else (spacy_word.lower() or lower_word)
        for spacy_word, lower_word, number in zip(spacy_lemma, lower, like_num)
    ]
    head = [i + offset for i, offset in enumerate(head_offsets)]
    negated = [False] * len(doc)
    dep = _strings_of(dep_ids, strings)
    for i, (label, governor) in enumerate(zip(dep, head)):
        if label == "neg" and governor != i:
            negated[governor] = True
    sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
    starts = [i for i, value in enumerate(sent_starts) if value == 1 or i == 0]
    triggers: dict[int, set[str]] = {}
    names: dict[int, int] = {}
    for start, end in zip(starts, starts[1:] + [len(doc)]):
        names[start] = sum(1 for code in ent_iob[start:end] if code == _ENT_IOB_BEGIN)
        sentence_start[start:end] = [start] * (end - start)
        sentence_end[start:end] = [end] * (end - start)
        triggers[start] = {trigger_class for word in lemma[start:end] if (trigger_class := _TRIGGER_CLASSES.get(word))}
    return TokenTable(
        lemma=lemma, spacy_lemma=spacy_lemma, lower=lower, dep=dep,
        pos=_strings_of(pos_ids, strings), head=head,
        names_begin=[code == _ENT_IOB_BEGIN for code in ent_iob], space=[bool(flag) for flag in is_space],
        sentence_start=sentence_start, sentence_end=sentence_end, negated=negated, sentence_triggers=triggers,
        sentence_names=names,
    )


def _lemma(token: Token) -> str:
    return token_table(token.doc).lemma[token.i]


@dataclass(frozen=True)
class PairSpans:
    subject: Span
    object: Span
    path: tuple[int, ...]  # indices of the tokens on the dependency path, both heads included

    @property
    def doc(self) -> Doc:
        return self.subject.doc


def pair_spans(subject: Span, obj: Span) -> PairSpans:
    """The pair of spans with the dependency path between their heads."""
    return PairSpans(subject, obj, dependency_path(subject.root, obj.root))


def _pairs(
    doc: Doc,
    mentions: list[Mention] | tuple[Mention, ...],
    rule_predicates: dict[tuple[str, str], set[str]],
    *,
    skip_pairs_the_rules_read: bool = False,
    max_token_distance: int | None = None,
    known_spans: dict[str, Span] | None = None,
    skip_crowded_sentences: bool = False,
) -> Iterator[tuple[Mention, Mention, str, PairSpans, str, str]]:
    """Every ordered same-sentence pair of mentions the classifier judges, with their spans and keys.

    ``skip_crowded_sentences`` leaves out sentences the crowded-sentence guard of ``passes_guards``
    would reject whole, before any path is traced."""
    spans: dict[str, Span] = {}
    roots: dict[str, int] = {}
    keys: dict[int, str] = {}
    by_sentence: dict[int, list[Mention]] = {}
    table: TokenTable | None = None
    for mention in mentions:
        key = mention_key(mention)
        if known_spans is not None:
            span = known_spans.get(key)
        else:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if table is None:
            table = token_table(doc)
        keys[id(mention)] = key
        spans[key] = span
        roots[key] = span.root.i
        by_sentence.setdefault(table.sentence_start[span.start], []).append(mention)
    if table is None:
        return
    for sentence_start, group in by_sentence.items():
        if skip_crowded_sentences and table.sentence_names[sentence_start] > MAX_NAMES_IN_SENTENCE:
            continue
        group.sort(key=lambda m: (m.start, m.end))
        for subject in group:
            subject_key = keys[id(subject)]
            subject_name = (subject.normalized or subject.text).casefold()
            for obj in group:
                task = PAIR_TASKS.get((subject.entity_type, obj.entity_type))
                if task is None or subject is obj or _overlaps(subject, obj):
                    continue
                if subject_name == (obj.normalized or obj.text).casefold():
                    continue
                if task == "Located_In" and not could_contain(obj, subject):
                    continue
                object_key = keys[id(obj)]
                if skip_pairs_the_rules_read and (
                    (subject_key, object_key) in rule_predicates or (object_key, subject_key) in rule_predicates
                ):
                    continue
                subject_span, object_span = spans[subject_key], spans[object_key]
                if max_token_distance is not None and _token_distance(subject_span, object_span) > max_token_distance:
                    continue
                path = _path(table.head, roots[subject_key], roots[object_key])
                yield subject, obj, task, PairSpans(subject_span, object_span, path), subject_key, object_key


def candidate_pairs(
    doc: Doc,
    mentions: list[Mention] | tuple[Mention, ...],
    rule_predicates: dict[tuple[str, str], set[str]],
    *,
    skip_pairs_the_rules_read: bool = False,
    max_token_distance: int | None = None,
) -> Iterator[tuple[Mention, Mention, str, list[str], PairSpans]]:
    """Every ordered same-sentence pair of mentions the classifier judges, with its tagged features.

    ``rule_predicates`` maps (subject key, object key) to the predicates the rules gave that pair.
    At extraction time pairs the rules already read, and pairs too far apart, are not even
    featurized: features are most of the classifier's cost. Training sees every pair.
    """
    pairs = _pairs(
        doc, mentions, rule_predicates, skip_pairs_the_rules_read=skip_pairs_the_rules_read, max_token_distance=max_token_distance
    )
    for subject, obj, task, pair, subject_key, object_key in pairs:
        rules = rule_predicates.get((subject_key, object_key), set())
        reverse = rule_predicates.get((object_key, subject_key), set())
        yield subject, obj, task, pair_features(doc, pair, (subject.entity_type, obj.entity_type), rules, reverse), pair


def is_judged(
    subject: Mention, obj: Mention, spans: PairSpans, rule_predicates: dict[tuple[str, str], set[str]]
) -> bool:
    """Would extraction time judge this pair at all? (What ``candidate_pairs`` skips when asked to.)"""
    subject_key, object_key = mention_key(subject), mention_key(obj)
    if (subject_key, object_key) in rule_predicates or (object_key, subject_key) in rule_predicates:
        return False
    return _token_distance(spans.subject, spans.object) <= MAX_TOKEN_DISTANCE


def passes_guards(task: str, spans: PairSpans) -> bool:
    """Checks no probability overrides: a line break between the names, a negated path, a place reached
    by a non-locative preposition, a path through a verb of visiting or meeting, a role noun that names
    someone else."""
    table = token_table(spans.doc)
    if any(table.space[i] and "\n" in table.lower[i] for i in _between(spans)):
        return False  # a line break inside one parsed "sentence": table rows or stacked headlines, not one statement
    if table.sentence_names[table.sentence_start[spans.subject.start]] > MAX_NAMES_IN_SENTENCE:
        return False  # results tables and lists of names: pairs there are guesses (the rules still read them)
    if is_negated(spans):
        return False  # "did not support al-Qaeda in Kabul": the rules give nothing for a negated verb either
    if TASK_PREDICATES[task] in {"locatedIn", "partOf"} and not reached_as_a_location(spans.object):
        return False  # "sanctions against the U.S." puts nothing in the U.S.
    if task in {"Live_In", "OrgBased_In", "Work_For"} and any(table.lemma[i] in TRANSIT_VERBS for i in spans.path[1:-1]):
        return False  # "visited Paris", "met the Taliban envoy": a passing contact, not a home or an employer
    if task == "Work_For" and _role_of_someone_else(spans):
        return False
    if task in {"Live_In", "OrgBased_In"} and _place_in_what_the_subject_says(table, spans):
        return False  # "Pakistan and Afghanistan begin talks in Qatar, says Taliban" places no Taliban
    if task in {"Live_In", "OrgBased_In"} and acts_as_a_subject(spans.object):
        return False  # "Is Pakistan stoking clashes that Trump wants to solve?": the place acts; it houses no one
    return True


def acts_as_a_subject(place: Span) -> bool:
    """Is the place's noun phrase the subject of a verb of action ("Pakistan and Afghanistan begin talks")?"""
    table = token_table(place.doc)
    token = place.root.i
    while table.dep[token] in _NOUN_PHRASE_DEPS - {"poss", "compound", "nmod", "amod"} and table.head[token] != token:
        token = table.head[token]
    # A copula only names the place ("South Carolina being Jackson 's home state"), and "Illinois
    # born Charlton Heston" is often parsed with the place as the subject of "born".
    return table.dep[token] == "nsubj" and table.lemma[table.head[token]] not in {"be", "become", "remain", "bear", "born"}


def _place_in_what_the_subject_says(table: TokenTable, pair: PairSpans) -> bool:
    """Is the subject the speaker of a verb of saying or thinking, and the place inside the clause
    it says? ("X said in Paris" places X; "X said talks begin in Qatar" does not.)"""
    path = pair.path
    top = _top(table.head, path)
    if top == 0 or top + 1 >= len(path) or table.lemma[path[top]] not in VIEW_VERBS:
        return False
    return table.dep[path[top - 1]] in SUBJECT_DEPS and table.dep[path[top + 1]] in {"ccomp", "parataxis"}


def _role_of_someone_else(pair: PairSpans) -> bool:
    """"X met the Taliban envoy": the role noun on the path is the object of X's verb, so it names
    another person. The role belongs to X only through a copula ("X is the Taliban envoy")."""
    table = token_table(pair.doc)
    path = pair.path  # from the subject's head up to the common ancestor, then down to the object's
    top = _top(table.head, path)
    if table.pos[path[top]] not in {"VERB", "AUX"} or table.spacy_lemma[path[top]] in COPULAS:
        return False
    role_words = LEADER_ROLES | MEMBER_ROLES
    return any(table.lemma[i] in role_words and table.pos[i] == "NOUN" for i in path[top + 1 : -1])


# Prepositions that put something in a place; "against the U.S." does not.
LOCATIVE_PREPOSITIONS = frozenset("in at inside near from of across throughout within outside around on into".split())
_NOUN_PHRASE_DEPS = frozenset({"nmod", "compound", "amod", "conj", "poss", "appos"})


def reached_as_a_location(place: Span) -> bool:
    """A place object governed by a preposition must be governed by a locative one."""
    table = token_table(place.doc)
    # Climb from the name to the head of its noun phrase: in "against the U.S. and allied
    # forces" the preposition governs "forces", not "U.S.".
    token = place.root.i
    while table.dep[token] in _NOUN_PHRASE_DEPS and table.head[token] != token:
        token = table.head[token]
    head = table.head[token]
    return table.pos[head] != "ADP" or table.lower[head] in LOCATIVE_PREPOSITIONS


def _token_distance(first: Span, second: Span) -> int:
    return max(first.start, second.start) - min(first.end, second.end)


# Words that deny the clause below them as surely as "not" does.
NEGATING_WORDS = frozenset({"unlikely", "unable", "fail", "refuse", "deny", "never"})


def is_negated(pair: PairSpans) -> bool:
    """Is the path between the two names, or the verb governing it, negated ("did not support")?"""
    table = token_table(pair.doc)
    if any(table.negated[i] for i in pair.path):
        return True
    if any(table.lemma[i] in NEGATING_WORDS for i in pair.path[1:-1]):
        return True  # "al-Qaeda is unlikely to reconstitute in Afghanistan" says it is not there
    top = pair.path[_top(table.head, pair.path)]
    while table.pos[top] not in {"VERB", "AUX"} and table.head[top] != top:
        top = table.head[top]
        if table.negated[top]:
            return True
    return False


def could_contain(outer: Mention, inner: Mention) -> bool:
    """Can place ``outer`` contain place ``inner``, as far as the gazetteer knows? A country is part of
    no other place ("Afghanistan, Pakistan agree…"), and places in two different countries are not nested."""
    inner_name = inner.normalized or inner.text
    if inner_name.casefold().removeprefix("the ") in REGION_NAMES:
        return False
    inner_kind, outer_kind = _kind_word(inner_name), _kind_word(outer.normalized or outer.text)
    if inner_kind is not None and inner_kind == outer_kind:
        return False  # "Loei Province", "Phitsanulok Province": two of a kind sit side by side
    inner_place = gazetteer.best_match(inner_name)
    if inner_place is not None and inner_place.kind == "country":
        return False
    # "Jericho, Vt.": a state abbreviation is only ever written after a town of its own, which may
    # be too small for the gazetteer while a bigger namesake abroad is in it.
    if gazetteer.us_state_for_abbreviation(outer.text):
        return True
    outer_place = gazetteer.best_match(outer.normalized or outer.text)
    if inner_place is None or outer_place is None:
        return True
    # Two provinces in a list ("Helmand, Zabul, and Nangarhar") are side by side, not nested.
    if _PLACE_RANK[outer_place.kind] <= _PLACE_RANK[inner_place.kind]:
        return False
    return inner_place.country == outer_place.country


_PLACE_RANK = {"city": 0, "admin1": 1, "country": 2}
# Words that end a place's name and say its level.
_KIND_WORDS = frozenset({
    "province", "provinces", "state", "county", "counties", "district", "department", "prefecture", "oblast",
    "region", "parish", "municipality", "governorate", "canton", "borough",
})


def _kind_word(name: str) -> str | None:
    last = name.rsplit(" ", 1)[-1].casefold()
    return last.rstrip("s") if last in _KIND_WORDS and " " in name.strip() else None


def _overlaps(first: Mention, second: Mention) -> bool:
    return first.start < second.end and second.start < first.end


def dependency_path(source: Token, target: Token) -> tuple[int, ...]:
    """Indices of the tokens from ``source`` up to the lowest common ancestor and down to ``target``."""
    return _path(token_table(source.doc).head, source.i, target.i)


def _path(head: list[int], source: int, target: int) -> tuple[int, ...]:
    up = [source]
    while head[up[-1]] != up[-1]:
        up.append(head[up[-1]])
    positions = {token: n for n, token in enumerate(up)}
    down = [target]
    while down[-1] not in positions and head[down[-1]] != down[-1]:
        down.append(head[down[-1]])
    if down[-1] not in positions:
        return tuple(up) + tuple(reversed(down))  # different trees: no common ancestor
    return tuple(up[: positions[down[-1]] + 1]) + tuple(reversed(down[:-1]))


def type_tag(types: tuple[str, str]) -> str:
    return f"{types[0][:3]}>{types[1][:3]}"


def pair_features(
    doc: Doc, pair: PairSpans, types: tuple[str, str], rules: set[str], reverse_rules: set[str]
) -> list[str]:
    """Sparse binary features of one ordered pair, each prefixed with its type pair."""
    return tag_features(untagged_features(doc, pair, types, rules, reverse_rules), types)


def tag_features(features: list[str], types: tuple[str, str]) -> list[str]:
    """Each feature once for its type pair and once shared by all ("*"), the object's own text only per type pair."""
    tag = type_tag(types)
    tagged = [f"{tag}|{feature}" for feature in features] + [f"*|{feature}" for feature in features if not feature.startswith("obj_text")]
    return list(dict.fromkeys(tagged))  # binary features: each counts once


def untagged_features(
    doc: Doc, pair: PairSpans, types: tuple[str, str], rules: set[str], reverse_rules: set[str]
) -> list[str]:
    """The features of one ordered pair before tagging (duplicates possible)."""
    table = token_table(doc)
    lemma, dep, head = table.lemma, table.dep, table.head
    subject, obj = pair.subject, pair.object
    forward = subject.start < obj.start
    first, second = (subject, obj) if forward else (obj, subject)
    between = [i for i in range(first.end, second.start) if not table.space[i]]
    order = "fwd" if forward else "rev"
    features = ["bias", f"order={order}", f"dist={_bucket(len(between))}"]
    between_lemmas = [lemma[i] for i in between]
    unique_between = set(between_lemmas)
    features += [f"{order}:bw={word}" for word in unique_between]
    features += [f"{order}:bw2={a}_{b}" for a, b in set(zip(between_lemmas, between_lemmas[1:]))]
    if len(between) <= 4:
        features.append(f"{order}:bwseq={' '.join(between_lemmas)}")
    if between:
        features += [f"{order}:bw0={between_lemmas[0]}", f"{order}:bw-1={between_lemmas[-1]}"]
    else:
        features.append(f"{order}:adjacent")
    names_between = sum(1 for i in between if table.names_begin[i])
    features.append(f"names_between={min(names_between, 3)}")
    # Two words of context on each side of the pair ("NASA 's administrator", "born in X").
    sentence_start, sentence_end = table.sentence_start[first.start], table.sentence_end[first.end - 1]
    for offset in (1, 2):
        before, after = first.start - offset, second.end + offset - 1
        features.append(f"{order}:left{offset}={lemma[before] if before >= sentence_start else '<s>'}")
        features.append(f"{order}:right{offset}={lemma[after] if after < sentence_end else '</s>'}")
    # The dependency path, in both a lexical and an unlexicalized form.
    path = pair.path
    steps, shape = [], []
    top = _top(head, path)
    last = len(path) - 1
    for n, token in enumerate(path):
        arrow = "^" if n < top else ("v" if n > top else "")
        label = dep[token]
        shape.append(f"{arrow}{label}")
        if 0 < n < last:
            word = lemma[token]
            steps.append(f"{arrow}{label}[{word}]")
            features.append(f"path_lemma={word}")
            features.append(f"path_step={arrow}{label}/{word}")
            trigger_class = _TRIGGER_CLASSES.get(word)
            if trigger_class:
                features.append(f"path_trigger={trigger_class}")
        else:
            steps.append(f"{arrow}{label}")
    features.append(f"path={' '.join(steps)}")
    features.append(f"path_shape={' '.join(shape)}")
    features.append(f"path_len={_bucket(len(path))}")
    features.append(f"lca={lemma[path[top]]}/{table.pos[path[top]]}")
    for word in unique_between:
        trigger_class = _TRIGGER_CLASSES.get(word)
        if trigger_class:
            features.append(f"bw_trigger={trigger_class}")
    # A trigger anywhere in the sentence: "the assassin X ... Y's death" has none between the names.
    features += [f"sent_trigger={trigger_class}" for trigger_class in table.sentence_triggers[sentence_start]]
    subject_root, object_root = subject.root.i, obj.root.i
    subject_head, object_head = head[subject_root], head[object_root]
    features += [f"subj_dep={dep[subject_root]}", f"obj_dep={dep[object_root]}", f"subj_head={lemma[subject_head]}", f"obj_head={lemma[object_head]}"]
    features += [f"subj_dep_head={dep[subject_root]}/{lemma[subject_head]}", f"obj_dep_head={dep[object_root]}/{lemma[object_head]}"]
    if dep[object_head] == "prep":
        features.append(f"obj_prep={table.lower[object_head]}/{lemma[head[object_head]]}")
    if dep[subject_head] == "prep":
        features.append(f"subj_prep={table.lower[subject_head]}/{lemma[head[subject_head]]}")
    features += [f"rule={predicate}" for predicate in sorted(rules)] or ["rule=none"]
    features += [f"reverse_rule={predicate}" for predicate in sorted(reverse_rules)]
    features.append(f"obj_text={obj.text.lower()}" if types[1] == "Place" else "obj_text=<name>")
    # What kind of place (country, state or province, city): a city is in a state, not the reverse.
    # Only between two places: for people and organizations "the object is a country" taught the
    # classifier to put any actor in any country the sentence names.
    if types[0] == "Place":
        features.append(f"kinds={place_kind(subject.text)}>{place_kind(obj.text)}")
    return features


@lru_cache(maxsize=4096)
def place_kind(name: str) -> str:
    """"country", "admin1" (a state or province), "city", or "unknown" to the gazetteer."""
    if gazetteer.us_state_for_abbreviation(name):
        return "admin1"
    place = gazetteer.best_match(name)
    return place.kind if place is not None else "unknown"


def _top(head: list[int], path: tuple[int, ...]) -> int:
    """Position of the common ancestor on a path (the token every other path token descends to)."""
    for n in range(len(path) - 1):
        if head[path[n + 1]] == path[n]:
            return n
    return len(path) - 1


def _bucket(number: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12):
        if number <= limit:
            return str(limit)
    return "13+"


def predicate_for(task: str, pair: PairSpans, doc: Doc) -> str:
    if task == "Work_For":
        table = token_table(doc)
        words = {table.lemma[i] for i in pair.path[1:-1]} | {table.lemma[i] for i in _between(pair)}
        if words & LEADER_ROLES and not words & {"deputy", "vice", "assistant"}:
            return "leaderOf"
    return TASK_PREDICATES[task]


def trigger_tokens(pair: PairSpans, doc: Doc) -> tuple[Token, ...]:
    """Words on the path that carry the relation, for highlighting; the path itself if none."""
    lemma = token_table(doc).lemma
    inner = pair.path[1:-1]
    triggers = tuple(doc[i] for i in inner if lemma[i] in _TRIGGER_CLASSES)
    return triggers or tuple(doc[i] for i in inner) or (pair.subject.root,)


def _between(pair: PairSpans) -> range:
    subject, obj = pair.subject, pair.object
    return range(subject.end, obj.start) if subject.start <= obj.start else range(obj.end, subject.start)


assert all(
    subject in PREDICATE_TYPES[TASK_PREDICATES[task]][0] and obj in PREDICATE_TYPES[TASK_PREDICATES[task]][1]
    for (subject, obj), task in PAIR_TASKS.items()
), "every task's predicate must fit the schema's domain and range"
