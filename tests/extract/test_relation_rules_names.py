"""Relations the names imply: an organization named by a country's adjective is based in the
country the sentence names ("the Haitian Parliament ... Haiti"), with the real model."""

from __future__ import annotations

from extract.relation_rules import names_the_people_of
from newskg.model import Document, content_id


def facts(extractor, text: str) -> set[tuple[str, str, str, str]]:
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    by_key = {f"{m.doc_id}:{m.start}:{m.end}": m.text for m in extraction.mentions}
    return {(by_key[r.subject], r.predicate, by_key[r.object], r.method) for r in extraction.relations}


def test_relation_rules_names_national_adjective_places_the_organization(extractor):
    found = facts(extractor, "Today the two main political forces in Bulgaria , the Bulgarian Socialist Party and "
                             "the Union of Democratic Forces , announced their stand .")
    assert ("Bulgarian Socialist Party", "locatedIn", "Bulgaria", "name:national-adjective") in found
    # The other party's name says nothing of where it is.
    assert not any(s == "Union of Democratic Forces" and m == "name:national-adjective" for s, _, _, m in found)


def test_relation_rules_names_adjective_must_spell_out_the_place():
    assert names_the_people_of("Haitian", "Haiti") and names_the_people_of("Chinese", "China")
    assert names_the_people_of("Afghan", "Afghanistan") and names_the_people_of("Pakistani", "Pakistan")
    assert not names_the_people_of("Southeast", "South")  # no country or province
    assert not names_the_people_of("Indian", "Indiana")  # a state "India" does not spell out
    assert not names_the_people_of("Austrian", "Australia")
