"""The learned pair classifier, with the weights shipped in the repository and the real model."""

from __future__ import annotations

from extract.relation_lexicon import PREDICATE_TYPES
from extract.relation_model import METHOD, MIN_PROBABILITY, MODEL_PATH, PAIR_TASKS, RelationModel, load_relation_model
from newskg.model import Document, content_id


def relations_of(extractor, text: str):
    document = Document(id=content_id(text), text=text, source="test")
    extraction = extractor(document)
    by_key = {f"{m.doc_id}:{m.start}:{m.end}": m for m in extraction.mentions}
    return [(by_key[r.subject], r.predicate, by_key[r.object], r) for r in extraction.relations]


def test_relation_model_loads_shipped_weights():
    model = load_relation_model()
    assert model is not None, f"no weights at {MODEL_PATH}"
    assert set(model.thresholds) == set(PAIR_TASKS.values())
    assert all(0.0 < threshold < 1.0 for threshold in model.thresholds.values())
    assert len(model.weights) > 1000
    # Small enough to ship in the repository.
    assert MODEL_PATH.stat().st_size < 600_000


def test_relation_model_round_trips_through_json(tmp_path):
    model = load_relation_model()
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert RelationModel.from_disk(path) == model


def test_relation_model_finds_an_organization_base_the_rules_miss(extractor):
    found = relations_of(extractor, "Mary Jones works for General Motors in Detroit .")
    model_facts = [(s.text, p, o.text, r) for s, p, o, r in found if r.method == METHOD]
    assert ("General Motors", "locatedIn", "Detroit") in [fact[:3] for fact in model_facts]
    relation = next(fact[3] for fact in model_facts if fact[:3] == ("General Motors", "locatedIn", "Detroit"))
    assert MIN_PROBABILITY <= relation.confidence <= 1.0
    assert "Detroit" in relation.evidence.text
    # The rules keep their own reading of the sentence.
    assert ("Mary Jones", "memberOf", "General Motors") in [(s.text, p, o.text) for s, p, o, _ in found]


def test_relation_model_stays_below_its_floor_on_weak_evidence(extractor):
    # The CoNLL04-tuned threshold would accept this (0.33); the product's floor does not.
    found = relations_of(extractor, "Mary Jones , who grew up in Chicago , is a lawyer .")
    assert not [r for _, _, _, r in found if r.method == METHOD]


def test_relation_model_adds_nothing_without_a_relation(extractor):
    found = relations_of(extractor, "Mary Jones said on Monday that the weather in Chicago had been unusually warm .")
    assert not [r for _, _, _, r in found if r.method == METHOD]


def test_relation_model_respects_the_predicate_schema(extractor):
    text = "Mary Jones , who grew up in Chicago , works for General Motors in Detroit ."
    for subject, predicate, obj, _ in relations_of(extractor, text):
        domain, range_ = PREDICATE_TYPES[predicate]
        assert subject.entity_type in domain and obj.entity_type in range_


def test_relation_model_is_deterministic(extractor):
    text = "Mary Jones , who grew up in Chicago , works for General Motors in Detroit ."
    first = [(s.text, p, o.text, r.confidence, r.method) for s, p, o, r in relations_of(extractor, text)]
    second = [(s.text, p, o.text, r.confidence, r.method) for s, p, o, r in relations_of(extractor, text)]
    assert first == second
