"""Typed relations between mentions, read off spaCy's parse (see the relations issue).

The rules live in ``extract/relation_rules.py`` and the trigger words in
``extract/relation_lexicon.py``; this module runs them over a document, keeps
only facts whose entity types fit the predicate (``PREDICATE_TYPES``), merges
duplicates, and turns what is left into :class:`~newskg.model.Relation`
objects with their evidence sentence and highlighted trigger words.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from extract.relation_lexicon import (
    COLLECTIVE_NOUNS,
    HOME_NOUNS,
    KILLER_NOUNS,
    KILLING_NOUNS,
    LEADER_ROLES,
    MEMBER_ROLES,
    NOUN_TRIGGERS,
    PART_NOUNS,
    PHRASAL_TRIGGERS,
    PREDICATE_TYPES,
    PRESENCE_NOUNS,
    RESIDENCE_NOUNS,
    VERB_TRIGGERS,
)
from extract.relation_model import METHOD as MODEL_METHOD
from extract.relation_model import load_relation_model, token_table
from extract.relation_rules import (
    AID_NOUNS,
    alias_closure,
    contradicted_by_words,
    employer_place_closure,
    known_containment_rule,
    native_name_rule,
    place_possessive_name_rule,
    place_described_name_rule,
    place_set_off_in_place_rule,
    place_possessive_kind_rule,
    where_clause_rule,
    Argument,
    appositive_rule,
    Candidate,
    convicted_of_killing_rule,
    dated_dateline_rule,
    home_rule,
    ParseIndex,
    name_comma_role_rule,
    name_rules,
    noun_rule,
    origin_rule,
    origin_verb_rule,
    ORIGIN_VERBS,
    place_closure,
    presence_rule,
    role_rule,
    seat_of_office,
    organization_place_rule,
    organization_title_name_rule,
    place_in_place_rule,
    source_line_rule,
    verb_rule,
    victim_killer_name_rule,
    voices_other_clause,
)
from newskg.model import Document, Evidence, Mention, Relation, Sentence, mention_key


def extract_relations(
    spacy_doc: Doc,
    document: Document,
    mentions: list[Mention] | tuple[Mention, ...],
    sentences: tuple[Sentence, ...],
    *,
    use_model: bool = True,
) -> list[Relation]:
    """Relations whose subject and object are mention keys (``doc_id:start:end``).

    The parse rules run first; then the learned pair classifier
    (``extract/relation_model.py``) adds what they missed, unless ``use_model`` is False.
    """
    if not mentions or len(mentions) < 2 or not spacy_doc.has_annotation("DEP"):
        return []
    index = ParseIndex.build(spacy_doc, list(mentions))
    best: dict[tuple[str, str, str, int], tuple[Candidate, float]] = {}
    for candidate in typed(find_candidates(index)):
        subject_key, object_key = mention_key(candidate.subject.mention), mention_key(candidate.object.mention)
        sentence = candidate.triggers[0].sent.start
        key = (subject_key, candidate.predicate, object_key, sentence)
        score = candidate.score
        if key not in best or score > best[key][1]:
            best[key] = (candidate, score)
    relations = [to_relation(candidate, score, document, sentences) for candidate, score in best.values()]
    if use_model:
        relations += model_relations(spacy_doc, document, mentions, sentences, relations, spans=index.spans)
    return sorted(relations, key=lambda r: (r.evidence.start, r.subject, r.predicate, r.object))


def find_candidates(index: ParseIndex) -> Iterator[Candidate]:
    candidates = list(_direct_candidates(index))
    candidates += seat_of_office(candidates)
    candidates += list(alias_closure(candidates, index))
    candidates += list(employer_place_closure(candidates))
    yield from candidates
    yield from place_closure(candidates)


# Lemmas that can start a word rule (a superset of what each rule checks first): most tokens
# start none, and skipping them before spaCy builds a Token object is most of the rules' saving.
_NOUN_RULE_LEMMAS = (
    LEADER_ROLES | MEMBER_ROLES | PART_NOUNS | KILLER_NOUNS | RESIDENCE_NOUNS | {"charge"}  # role_rule
    | KILLING_NOUNS | AID_NOUNS | HOME_NOUNS | NOUN_TRIGGERS.keys() | {"bond"}  # noun_rule
    | PRESENCE_NOUNS | COLLECTIVE_NOUNS  # presence_rule
)
_VERB_RULE_LEMMAS = VERB_TRIGGERS.keys() | {verb for verb, _ in PHRASAL_TRIGGERS}


def _direct_candidates(index: ParseIndex) -> Iterator[Candidate]:
    doc = index.doc
    table = token_table(doc)
    for i, (pos, lemma) in enumerate(zip(table.pos, table.lemma)):
        # The table's lemma is "<num>" for numbers, which the rules read by spaCy's lemma: let them decide.
        if pos in {"NOUN", "PROPN"}:
            if lemma in _NOUN_RULE_LEMMAS or lemma == "<num>":
                token = doc[i]
                yield from role_rule(token, index)
                yield from noun_rule(token, index)
                yield from presence_rule(token, index)
        elif (pos == "ADV" and lemma in HOME_NOUNS) or (pos == "ADJ" and lemma == "native"):
            yield from home_rule(doc[i], index)
            yield from role_rule(doc[i], index)  # "a Fargo native": the adjective used as a noun
        elif pos in {"VERB", "AUX", "ADJ"}:
            if lemma in _VERB_RULE_LEMMAS or lemma == "<num>":
                yield from verb_rule(doc[i], index)
                yield from where_clause_rule(doc[i], index)
            if lemma in ORIGIN_VERBS:
                yield from origin_verb_rule(doc[i], index)
    yield from name_rules(index)
    yield from origin_rule(index)
    yield from appositive_rule(index)
    yield from source_line_rule(index)
    yield from organization_place_rule(index)
    yield from place_in_place_rule(index)
    yield from known_containment_rule(index)
    yield from native_name_rule(index)
    yield from place_possessive_name_rule(index)
    yield from place_described_name_rule(index)
    yield from place_set_off_in_place_rule(index)
    yield from place_possessive_kind_rule(index)
    yield from organization_title_name_rule(index)
    yield from victim_killer_name_rule(index)
    yield from convicted_of_killing_rule(index)
    yield from dated_dateline_rule(index)
    yield from name_comma_role_rule(index)


def typed(candidates: Iterable[Candidate]) -> Iterator[Candidate]:
    """Only facts whose subject and object types fit the predicate's domain and range."""
    for candidate in candidates:
        subject, obj = candidate.subject.mention, candidate.object.mention
        domain, range_ = PREDICATE_TYPES[candidate.predicate]
        if subject.entity_type not in domain or obj.entity_type not in range_:
            continue
        if candidate.predicate == "partOf" and subject.entity_type != obj.entity_type:
            continue  # an organization is part of an organization, a place of a place
        if (subject.normalized or subject.text).casefold() == (obj.normalized or obj.text).casefold():
            continue  # "al-Qaeda ... al-Qaeda": the same name twice is no relation
        yield candidate


def to_relation(candidate: Candidate, score: float, document: Document, sentences: tuple[Sentence, ...]) -> Relation:
    first = candidate.triggers[0]
    sentence = next(
        (s for s in sentences if s.start <= first.idx < max(s.end, s.start + 1)),
        sentences[-1] if sentences else Sentence(document.id, 0, 0, len(document.text), document.text),
    )
    highlights = tuple(sorted({(t.idx, t.idx + len(t.text)) for t in candidate.triggers}))
    evidence = Evidence(document.id, sentence.index, sentence.start, sentence.end, sentence.text, highlights)
    return Relation(
        subject=mention_key(candidate.subject.mention),
        predicate=candidate.predicate,
        object=mention_key(candidate.object.mention),
        confidence=max(0.0, min(1.0, score)),
        evidence=evidence,
        method=candidate.method,
        role=candidate.role,
        former=candidate.former,
        time=candidate.time,
    )


def model_relations(
    spacy_doc: Doc,
    document: Document,
    mentions: list[Mention] | tuple[Mention, ...],
    sentences: tuple[Sentence, ...],
    rule_relations: list[Relation],
    *,
    spans: dict[str, Span] | None = None,
) -> list[Relation]:
    """What the pair classifier finds that no rule did (rules keep precedence). ``spans``: each
    mention key's span, if the caller has them already."""
    model = load_relation_model()
    if model is None:
        return []
    rule_predicates: dict[tuple[str, str], set[str]] = {}
    for relation in rule_relations:
        rule_predicates.setdefault((relation.subject, relation.object), set()).add(relation.predicate)
    added: list[Relation] = []
    for prediction in model.predict(spacy_doc, mentions, rule_predicates, spans=spans):
        subject_key, object_key = mention_key(prediction.subject), mention_key(prediction.object)
        # Where a rule read the pair and chose a predicate ("ties to" is associatedWith),
        # the classifier does not overrule it with another.
        if rule_predicates.get((subject_key, object_key)) or rule_predicates.get((object_key, subject_key)):
            continue
        if voices_other_clause(spacy_doc, prediction.subject, prediction.object):
            continue
        if contradicted_by_words(spacy_doc, prediction.subject, prediction.object, prediction.predicate):
            continue
        candidate = Candidate(
            Argument(prediction.subject), prediction.predicate, Argument(prediction.object),
            prediction.probability, MODEL_METHOD, prediction.triggers,
        )
        added.append(to_relation(candidate, round(prediction.probability, 3), document, sentences))
    return added
