"""Appositions that describe a name ("Yerevan, the capital of Armenia") and killer nouns with the
victim as modifier ("Kennedy assassin Lee Harvey Oswald"), with the real model."""

from __future__ import annotations

from newskg.model import Document, content_id


def facts(extractor, text: str) -> set[tuple[str, str, str, str]]:
    document = Document(id=content_id(text), text=text, source="test")
    extraction = extractor(document)
    by_key = {f"{m.doc_id}:{m.start}:{m.end}": m.text for m in extraction.mentions}
    return {(by_key[r.subject], r.predicate, by_key[r.object], r.method) for r in extraction.relations}


def triples(extractor, text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, _ in facts(extractor, text)}


def test_relation_rules_appositive_capital_of_a_place(extractor):
    found = triples(extractor, "The agency said in a report from Yerevan , the capital of Armenia , that six men were found .")
    assert ("Yerevan", "partOf", "Armenia") in found


def test_relation_rules_appositive_firm_modified_by_a_place(extractor):
    found = triples(extractor, "Sun Hung Kai Properties , a Hong Kong construction firm , said it would bid for the site .")
    assert ("Sun Hung Kai Properties", "locatedIn", "Hong Kong") in found


def test_relation_rules_appositive_person_modified_by_a_place(extractor):
    found = triples(extractor, "Richard Taylor , an Atlanta architect , led the expedition .")
    assert ("Richard Taylor", "locatedIn", "Atlanta") in found


def test_relation_rules_appositive_needs_a_comma(extractor):
    # Results tables parse into false appositions: no comma, no appositive fact.
    found = facts(extractor, "Joseph Keter ( Kenya ) 8 minutes 10.02 seconds")
    assert not [fact for fact in found if fact[3].startswith("dep:appos-place")]


def test_relation_rules_appositive_describing_no_place_gives_nothing(extractor):
    found = facts(extractor, "Louise Siebens , a 76-year-old woman , died on Tuesday .")
    assert not [fact for fact in found if fact[3].startswith("dep:appos-place")]


def test_relation_rules_killer_noun_with_the_victim_as_modifier(extractor):
    found = triples(extractor, "Jack Ruby , who killed John F. Kennedy assassin Lee Harvey Oswald , died in 1967 .")
    assert ("Lee Harvey Oswald", "killed", "John F. Kennedy") in found
    assert ("Jack Ruby", "killed", "Lee Harvey Oswald") in found


def test_relation_rules_relative_clause_on_a_describing_noun(extractor):
    # "who" hangs off "Republican", which describes Derwinski.
    found = triples(extractor, "Derwinski , a Republican from Chicago who served 24 years in Congress , denied the allegations .")
    assert ("Derwinski", "memberOf", "Congress") in found


def test_relation_rules_second_role_hung_on_the_first_roles_object(extractor):
    # The parser attaches "president" to "Queens College"; it is the professor's second role.
    text = (
        "Harrington , a professor of political science at Queens College and honorary president of the "
        "Socialist International , died Monday ."
    )
    found = triples(extractor, text)
    assert ("Harrington", "memberOf", "Queens College") in found
    assert ("Harrington", "leaderOf", "Socialist International") in found


def test_relation_rules_describing_noun_does_not_take_a_parse_error_verb(extractor):
    # "based" attaches to "spokeswoman" in the parse, but K mart is what is based in Troy.
    found = triples(extractor, "Leslie Kota , a spokeswoman for K mart based in Troy , Mich. , said the company would appeal .")
    assert ("Leslie Kota", "locatedIn", "Troy") not in found


def test_relation_rules_killing_noun_with_of_hung_on_its_date(extractor):
    # The parser hangs "of Archduke Franz Ferdinand" on "1914", not on "assassination".
    text = (
        "Sarajevo is best known as the site of the assassination in 1914 of Archduke Franz Ferdinand "
        "by the nationalist Gavrilo Princip ."
    )
    assert ("Gavrilo Princip", "killed", "Archduke Franz Ferdinand") in triples(extractor, text)
