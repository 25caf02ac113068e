"""Words that deny a fact: neither a rule nor the learned pair classifier may state it."""

from __future__ import annotations

from newskg.model import Document, content_id


def triples(extractor, text: str) -> set[tuple[str, str, str]]:
    """Every relation the extractor states, the pair classifier's included."""
    document = Document(id=content_id(text), text=text, source="test")
    extraction = extractor(document)
    names = {f"{m.doc_id}:{m.start}:{m.end}": m.text for m in extraction.mentions}
    return {(names[r.subject], r.predicate, names[r.object]) for r in extraction.relations}


def test_relations_guards_acquittal_states_no_killing(extractor):
    assert ("Mark Hollis", "killed", "Peter Grant") not in triples(
        extractor, "Mark Hollis was acquitted of the murder of Peter Grant in 1987 ."
    )
    assert ("Mark Hollis", "killed", "Peter Grant") not in triples(
        extractor, "Mark Hollis was found not guilty of the murder of Peter Grant in 1987 ."
    )
    # The conviction still states it.
    assert ("Mark Hollis", "killed", "Peter Grant") in triples(
        extractor, "Mark Hollis was found guilty of the murder of Peter Grant in 1987 ."
    )


def test_relations_guards_far_from_locates_nothing(extractor):
    found = triples(extractor, "Mark Hollis grew up in Sweetwater , far from Abilene .")
    assert ("Mark Hollis", "locatedIn", "Sweetwater") in found
    assert ("Mark Hollis", "locatedIn", "Abilene") not in found
    # "far from" his family, not from the place he lives in.
    assert ("Mark Hollis", "locatedIn", "Abilene") in triples(extractor, "Mark Hollis lives in Abilene , far from his family .")


def test_relations_guards_words_directly(nlp):
    from extract.relation_rules import contradicted_by_words
    from newskg.model import Mention

    text = "Mark Hollis grew up in Sweetwater , far away from Abilene ."
    doc = nlp(text)

    def mention(name: str, kind: str) -> Mention:
        start = text.index(name)
        return Mention(doc_id="d", sentence=0, start=start, end=start + len(name), text=name, label="test", entity_type=kind)

    person, far_place, near_place = mention("Mark Hollis", "Person"), mention("Abilene", "Place"), mention("Sweetwater", "Place")
    assert contradicted_by_words(doc, person, far_place, "locatedIn")
    assert not contradicted_by_words(doc, person, near_place, "locatedIn")
    assert not contradicted_by_words(doc, person, far_place, "memberOf")
