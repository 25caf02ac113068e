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

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc, Span, Token

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
from extract.relation_rules import COPULAS
from newskg.model import Mention, mention_key

MODEL_PATH = Path(__file__).resolve().parent / "data" / "relation_model.json"
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
# Pairs further apart than this many tokens are not judged at extraction time.
MAX_TOKEN_DISTANCE = 25


@dataclass(frozen=True)
class RelationModel:
    """Weights of the pair classifier and the decision threshold of each task."""

    weights: dict[str, float]
    intercept: float
    thresholds: dict[str, float]
    info: dict

    @classmethod
    def from_disk(cls, path: Path) -> "RelationModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(weights=data["weights"], intercept=data["intercept"], thresholds=data["thresholds"], info=data.get("info", {}))

    def to_json(self) -> str:
        data = {"info": self.info, "intercept": self.intercept, "thresholds": self.thresholds, "weights": self.weights}
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    def probability(self, features: list[str]) -> float:
        score = self.intercept + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def predict(
        self, doc: Doc, mentions: list[Mention] | tuple[Mention, ...], rule_predicates: dict[tuple[str, str], set[str]]
    ) -> Iterator[PairPrediction]:
        """Pairs whose probability reaches their task's threshold."""
        pairs = candidate_pairs(
            doc, mentions, rule_predicates, skip_pairs_the_rules_read=True, max_token_distance=MAX_TOKEN_DISTANCE
        )
        for subject, obj, task, features, spans in pairs:
            if not passes_guards(task, spans):
                continue
            probability = self.probability(features)
            if probability >= max(self.thresholds.get(task, 1.0), MIN_PROBABILITY):
                yield PairPrediction(subject, obj, task, predicate_for(task, spans, doc), probability, trigger_tokens(spans, doc))


@lru_cache(maxsize=1)
def load_relation_model(path: Path = MODEL_PATH) -> RelationModel | None:
    """The shipped model, loaded once; None if the weights file is missing (rules only)."""
    if not Path(path).is_file():
        return None
    return RelationModel.from_disk(path)


@dataclass(frozen=True)
class PairSpans:
    subject: Span
    object: Span
    path: tuple[Token, ...]  # tokens on the dependency path, both heads included


def candidate_pairs(
    doc: Doc,
    mentions: list[Mention] | tuple[Mention, ...],
    rule_predicates: dict[tuple[str, str], set[str]],
    *,
    skip_pairs_the_rules_read: bool = False,
    max_token_distance: int | None = None,
) -> Iterator[tuple[Mention, Mention, str, list[str], PairSpans]]:
    """Every ordered same-sentence pair of mentions the classifier judges, with its features.

    ``rule_predicates`` maps (subject key, object key) to the predicates the rules gave that pair.
    At extraction time pairs the rules already read, and pairs too far apart, are not even
    featurized: features are most of the classifier's cost. Training sees every pair.
    """
    spans: dict[str, Span] = {}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        spans[mention_key(mention)] = span
        by_sentence.setdefault(span[0].sent.start, []).append(mention)
    for group in by_sentence.values():
        group.sort(key=lambda m: (m.start, m.end))
        for subject in group:
            for obj in group:
                task = PAIR_TASKS.get((subject.entity_type, obj.entity_type))
                if task is None or subject is obj or _overlaps(subject, obj):
                    continue
                if (subject.normalized or subject.text).casefold() == (obj.normalized or obj.text).casefold():
                    continue
                if task == "Located_In" and not could_contain(obj, subject):
                    continue
                subject_key, object_key = mention_key(subject), mention_key(obj)
                if skip_pairs_the_rules_read and (
                    (subject_key, object_key) in rule_predicates or (object_key, subject_key) in rule_predicates
                ):
                    continue
                if max_token_distance is not None and _token_distance(spans[subject_key], spans[object_key]) > max_token_distance:
                    continue
                pair = PairSpans(spans[subject_key], spans[object_key], dependency_path(spans[subject_key].root, spans[object_key].root))
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
    """Checks no probability overrides: a negated path, a place reached by a non-locative preposition,
    a path through a verb of visiting or meeting, a role noun that names someone else."""
    if is_negated(spans):
        return False  # "did not support al-Qaeda in Kabul": the rules give nothing for a negated verb either
    if TASK_PREDICATES[task] in {"locatedIn", "partOf"} and not reached_as_a_location(spans.object):
        return False  # "sanctions against the U.S." puts nothing in the U.S.
    if task in {"Live_In", "OrgBased_In", "Work_For"} and any(_lemma(t) in TRANSIT_VERBS for t in spans.path[1:-1]):
        return False  # "visited Paris", "met the Taliban envoy": a passing contact, not a home or an employer
    if task == "Work_For" and _role_of_someone_else(spans):
        return False
    return True


def _role_of_someone_else(pair: PairSpans) -> bool:
    """"X met the Taliban envoy": the role noun on the path is the object of X's verb, so it names
    another person. The role belongs to X only through a copula ("X is the Taliban envoy")."""
    path = pair.path  # from the subject's head up to the common ancestor, then down to the object's
    top = _top(path)
    if path[top].pos_ not in {"VERB", "AUX"} or path[top].lemma_ in COPULAS:
        return False
    role_words = LEADER_ROLES | MEMBER_ROLES
    return any(_lemma(token) in role_words and token.pos_ == "NOUN" for token in path[top + 1 : -1])


# Prepositions that put something in a place; "against the U.S." does not.
LOCATIVE_PREPOSITIONS = frozenset("in at inside near from of across throughout within outside around on into".split())


def reached_as_a_location(place: Span) -> bool:
    """A place object governed by a preposition must be governed by a locative one."""
    # Climb from the name to the head of its noun phrase: in "against the U.S. and allied
    # forces" the preposition governs "forces", not "U.S.".
    token = place.root
    while token.dep_ in {"nmod", "compound", "amod", "conj", "poss", "appos"} and token.head is not token:
        token = token.head
    head = token.head
    return head.pos_ != "ADP" or head.lower_ in LOCATIVE_PREPOSITIONS


def _token_distance(first: Span, second: Span) -> int:
    return max(first.start, second.start) - min(first.end, second.end)


def is_negated(pair: PairSpans) -> bool:
    """Is the path between the two names, or the verb governing it, negated ("did not support")?"""
    tokens = list(pair.path)
    top = pair.path[_top(pair.path)]
    while top.pos_ not in {"VERB", "AUX"} and top.head.i != top.i:
        top = top.head
        tokens.append(top)
    return any(child.dep_ == "neg" for token in tokens for child in token.children)


def could_contain(outer: Mention, inner: Mention) -> bool:
    """Can place ``outer`` contain place ``inner``, as far as the gazetteer knows? A country is part of
    no other place ("Afghanistan, Pakistan agree…"), and places in two different countries are not nested."""
    inner_name = inner.normalized or inner.text
    if inner_name.casefold().removeprefix("the ") in REGION_NAMES:
        return False
    inner_place = gazetteer.best_match(inner_name)
    outer_place = gazetteer.best_match(outer.normalized or outer.text)
    if inner_place is not None and inner_place.kind == "country":
        return False
    if inner_place is None or outer_place is None:
        return True
    # Two provinces in a list ("Helmand, Zabul, and Nangarhar") are side by side, not nested.
    if _PLACE_RANK[outer_place.kind] <= _PLACE_RANK[inner_place.kind]:
        return False
    return inner_place.country == outer_place.country


_PLACE_RANK = {"city": 0, "admin1": 1, "country": 2}


def _overlaps(first: Mention, second: Mention) -> bool:
    return first.start < second.end and second.start < first.end


def dependency_path(source: Token, target: Token) -> tuple[Token, ...]:
    """Tokens from ``source`` up to the lowest common ancestor and down to ``target``."""
    up = [source]
    while up[-1].head.i != up[-1].i:
        up.append(up[-1].head)
    positions = {token.i: n for n, token in enumerate(up)}
    down = [target]
    while down[-1].i not in positions and down[-1].head.i != down[-1].i:
        down.append(down[-1].head)
    if down[-1].i not in positions:
        return tuple(up) + tuple(reversed(down))  # different trees: no common ancestor
    return tuple(up[: positions[down[-1].i] + 1]) + tuple(reversed(down[:-1]))


# Per-Doc tables in ``doc.user_data``: every pair of a sentence reads the same tokens'
# lemmas and the same sentence triggers, and reading them off spaCy's tokens each time
# cost more than the classifier itself.
_LEMMAS = "newskg.relation_model.lemmas"
_SENTENCE_TRIGGERS = "newskg.relation_model.sentence_triggers"


def _lemma(token: Token) -> str:
    lemmas = token.doc.user_data.get(_LEMMAS)
    if lemmas is None:
        lemmas = token.doc.user_data[_LEMMAS] = [_token_lemma(t) for t in token.doc]
    return lemmas[token.i]


def _token_lemma(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower() or token.lower_


def pair_features(
    doc: Doc, pair: PairSpans, types: tuple[str, str], rules: set[str], reverse_rules: set[str]
) -> list[str]:
    """Sparse binary features of one ordered pair, each prefixed with its type pair."""
    subject, obj = pair.subject, pair.object
    forward = subject.start < obj.start
    first, second = (subject, obj) if forward else (obj, subject)
    between = [t for t in doc[first.end : second.start] if not t.is_space]
    order = "fwd" if forward else "rev"
    features = ["bias", f"order={order}", f"dist={_bucket(len(between))}"]
    between_lemmas = [_lemma(t) for t in between]
    features += [f"{order}:bw={lemma}" for lemma in set(between_lemmas)]
    features += [f"{order}:bw2={a}_{b}" for a, b in set(zip(between_lemmas, between_lemmas[1:]))]
    if len(between) <= 4:
        features.append(f"{order}:bwseq={' '.join(between_lemmas)}")
    if between:
        features += [f"{order}:bw0={between_lemmas[0]}", f"{order}:bw-1={between_lemmas[-1]}"]
    else:
        features.append(f"{order}:adjacent")
    names_between = sum(1 for t in between if t.ent_iob_ == "B")
    features.append(f"names_between={min(names_between, 3)}")
    # Two words of context on each side of the pair ("NASA 's administrator", "born in X").
    sentence = first.sent
    for offset in (1, 2):
        before = doc[first.start - offset] if first.start - offset >= sentence.start else None
        after = doc[second.end + offset - 1] if second.end + offset - 1 < sentence.end else None
        features.append(f"{order}:left{offset}={_lemma(before) if before is not None else '<s>'}")
        features.append(f"{order}:right{offset}={_lemma(after) if after is not None else '</s>'}")
    # The dependency path, in both a lexical and an unlexicalized form.
    path = pair.path
    steps, shape = [], []
    top = _top(path)
    for n, token in enumerate(path):
        arrow = "^" if n < top else ("v" if n > top else "")
        inner = 0 < n < len(path) - 1
        steps.append(f"{arrow}{token.dep_}" + (f"[{_lemma(token)}]" if inner else ""))
        shape.append(f"{arrow}{token.dep_}")
        if inner:
            features.append(f"path_lemma={_lemma(token)}")
            features.append(f"path_step={arrow}{token.dep_}/{_lemma(token)}")
            trigger_class = _TRIGGER_CLASSES.get(_lemma(token))
            if trigger_class:
                features.append(f"path_trigger={trigger_class}")
    features.append(f"path={' '.join(steps)}")
    features.append(f"path_shape={' '.join(shape)}")
    features.append(f"path_len={_bucket(len(path))}")
    features.append(f"lca={_lemma(path[top])}/{path[top].pos_}")
    for lemma in set(between_lemmas):
        trigger_class = _TRIGGER_CLASSES.get(lemma)
        if trigger_class:
            features.append(f"bw_trigger={trigger_class}")
    # A trigger anywhere in the sentence: "the assassin X ... Y's death" has none between the names.
    features += [f"sent_trigger={trigger_class}" for trigger_class in _sentence_triggers(sentence)]
    features += [f"subj_dep={subject.root.dep_}", f"obj_dep={obj.root.dep_}", f"subj_head={_lemma(subject.root.head)}", f"obj_head={_lemma(obj.root.head)}"]
    features += [f"subj_dep_head={subject.root.dep_}/{_lemma(subject.root.head)}", f"obj_dep_head={obj.root.dep_}/{_lemma(obj.root.head)}"]
    if obj.root.head.dep_ == "prep":
        features.append(f"obj_prep={obj.root.head.lower_}/{_lemma(obj.root.head.head)}")
    if subject.root.head.dep_ == "prep":
        features.append(f"subj_prep={subject.root.head.lower_}/{_lemma(subject.root.head.head)}")
    features += [f"rule={predicate}" for predicate in sorted(rules)] or ["rule=none"]
    features += [f"reverse_rule={predicate}" for predicate in sorted(reverse_rules)]
    features.append(f"obj_text={obj.text.lower()}" if types[1] == "Place" else "obj_text=<name>")
    # What kind of place (country, state or province, city): a city is in a state, not the reverse.
    # Only between two places: for people and organizations "the object is a country" taught the
    # classifier to put any actor in any country the sentence names.
    if types[0] == "Place":
        features.append(f"kinds={place_kind(subject.text)}>{place_kind(obj.text)}")
    tag = f"{types[0][:3]}>{types[1][:3]}"
    tagged = [f"{tag}|{feature}" for feature in features] + [f"*|{feature}" for feature in features if not feature.startswith("obj_text")]
    return list(dict.fromkeys(tagged))  # binary features: each counts once


def _sentence_triggers(sentence: Span) -> set[str]:
    by_sentence = sentence.doc.user_data.setdefault(_SENTENCE_TRIGGERS, {})
    triggers = by_sentence.get(sentence.start)
    if triggers is None:
        triggers = by_sentence[sentence.start] = {
            trigger_class for token in sentence if (trigger_class := _TRIGGER_CLASSES.get(_lemma(token)))
        }
    return triggers


@lru_cache(maxsize=4096)
def place_kind(name: str) -> str:
    """"country", "admin1" (a state or province), "city", or "unknown" to the gazetteer."""
    if gazetteer.us_state_for_abbreviation(name):
        return "admin1"
    place = gazetteer.best_match(name)
    return place.kind if place is not None else "unknown"


def _top(path: tuple[Token, ...]) -> int:
    """Index of the common ancestor on a path (the token every other path token descends to)."""
    for n, token in enumerate(path):
        if n + 1 < len(path) and path[n + 1].head.i == token.i:
            return n
    return len(path) - 1


def _bucket(number: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12):
        if number <= limit:
            return str(limit)
    return "13+"


def predicate_for(task: str, pair: PairSpans, doc: Doc) -> str:
    if task == "Work_For":
        words = {_lemma(t) for t in pair.path[1:-1]} | {_lemma(t) for t in _between(pair, doc)}
        if words & LEADER_ROLES and not words & {"deputy", "vice", "assistant"}:
            return "leaderOf"
    return TASK_PREDICATES[task]


def trigger_tokens(pair: PairSpans, doc: Doc) -> tuple[Token, ...]:
    """Words on the path that carry the relation, for highlighting; the path itself if none."""
    inner = pair.path[1:-1]
    triggers = tuple(t for t in inner if _lemma(t) in _TRIGGER_CLASSES)
    return triggers or inner or (pair.subject.root,)


def _between(pair: PairSpans, doc: Doc) -> list[Token]:
    first, second = sorted((pair.subject, pair.object), key=lambda s: s.start)
    return list(doc[first.end : second.start])


assert all(
    subject in PREDICATE_TYPES[TASK_PREDICATES[task]][0] and obj in PREDICATE_TYPES[TASK_PREDICATES[task]][1]
    for (subject, obj), task in PAIR_TASKS.items()
), "every task's predicate must fit the schema's domain and range"
