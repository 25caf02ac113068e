"""Relations the seed article states, read with the real model through the public extractor.

Each case is a real sentence (or short passage) from the seed article. "Must find"
cases name the relation an analyst would expect; "must not find" cases are
sentences where a careless rule would invent one.
"""

from __future__ import annotations

import pytest

from newskg.model import Document, Relation, content_id


def extract(extractor, text: str, *, needs: tuple[str, ...] = ()) -> list[tuple[str, str, str, Relation]]:
    """The relations found in ``text`` as (subject name, predicate, object name, relation).

    ``needs`` names mentions the entity layer (not this one) must find for the case
    to be meaningful; while it misses one, the test is reported as an expected
    failure naming it, instead of blaming relation extraction.
    """
    document = Document(id=content_id(text), text=text, source="test")
    extraction = extractor(document)
    surfaces = [m.text.casefold() for m in extraction.mentions]
    for name in needs:
        if not any(name.casefold() in surface for surface in surfaces):
            pytest.xfail(f"entity layer found no mention of {name!r}")
    by_key = {f"{m.doc_id}:{m.start}:{m.end}": m for m in extraction.mentions}
    found = []
    for relation in extraction.relations:
        subject, obj = by_key[relation.subject], by_key[relation.object]
        found.append((subject.normalized or subject.text, relation.predicate, obj.normalized or obj.text, relation))
    return found


def matching(found, subject: str, predicate: str, obj: str) -> list[Relation]:
    """Relations whose names contain the expected names (robust to "the", possessive "s")."""
    return [
        relation
        for s, p, o, relation in found
        if p == predicate and subject.casefold() in s.casefold() and obj.casefold() in o.casefold()
    ]


def test_relations_apposition_chain_leader(extractor):
    text = (
        "This approach can be traced back to one man in particular: al-Qaeda's recently killed leader, "
        "the Egyptian doctor, Ayman al-Zawahiri."
    )
    found = extract(extractor, text)
    assert matching(found, "Zawahiri", "leaderOf", "Qaeda")
    # "recently killed" describes the leader; al-Qaeda did not kill him.
    assert not matching(found, "Qaeda", "killed", "Zawahiri")


def test_relations_role_noun_with_apposition(extractor):
    text = (
        "The head of the Ministry of the Interior, Sirajuddin Haqqani, retains deep ties to al-Qaeda, and, "
        "accordingly, his office has been handing out identity documents to al-Qaeda members across Afghanistan."
    )
    found = extract(extractor, text)
    [relation] = matching(found, "Sirajuddin Haqqani", "leaderOf", "Ministry of the Interior")
    assert relation.role == "head"
    assert relation.method == "dep:appos-role"
    assert 0 < relation.confidence <= 1
    # the evidence is the sentence, and the highlight is the trigger word "head"
    assert relation.evidence.text == text
    assert [text[a:b] for a, b in relation.evidence.highlights] == ["head"]
    assert matching(found, "Sirajuddin Haqqani", "associatedWith", "Qaeda")


def test_relations_copula_member_with_role_and_pronoun(extractor):
    text = (
        "Victoria Jones is a Senior Research Fellow at the Asia-Pacific Foundation. Additionally, she is the "
        "chief editor of INTERZINE, a digital media platform that uses history to contextualize contemporary global issues."
    )
    found = extract(extractor, text)
    [fellow] = matching(found, "Victoria Jones", "memberOf", "Asia-Pacific Foundation")
    assert fellow.role == "Senior Research Fellow"
    # "she" is Victoria Jones, the subject of the sentence before
    [editor] = matching(found, "Victoria Jones", "leaderOf", "INTERZINE")
    assert editor.role == "chief editor"
    assert editor.confidence < fellow.confidence  # a resolved pronoun counts for less


def test_relations_passive_supported_by(extractor):
    text = (
        "In addition to the Afghan Taliban, al-Qaeda is supported by al-Qaeda in the Indian Subcontinent (AQIS), "
        "which is made up predominantly of jihadists from Pakistan."
    )
    found = extract(extractor, text)
    # One reading of the sentence; "(AQIS)" repeats it for the same group's other name (method "+alias").
    [relation] = [r for r in matching(found, "Indian Subcontinent", "alliedWith", "al-Qaeda") if not r.method.endswith("+alias")]
    assert relation.method.startswith("dep:passive-supported")
    # the supporter is the subject: al-Qaeda does not support AQIS here
    assert not [r for s, p, o, r in found if p == "alliedWith" and s.casefold() == "al-qaeda" and "Subcontinent" in o]


def test_relations_coordinated_places_give_one_relation_each(extractor):
    text = (
        "According to a June 2023 UN report, senior al-Qaeda leaders in Afghanistan are primarily located in "
        "Kabul, Kunar, Kandahar, and Helmand, and number in the dozens."
    )
    found = extract(extractor, text)
    for place in ("Kabul", "Kunar", "Kandahar", "Helmand"):
        assert matching(found, "Qaeda", "locatedIn", place), place
    assert not [r for s, p, o, r in found if s == "UN"]


def test_relations_safe_houses_in_places(extractor):
    text = "Al-Qaeda has also established safe houses in Kabul, Helmand, and Herat."
    found = extract(extractor, text)
    for place in ("Kabul", "Helmand", "Herat"):
        assert matching(found, "Qaeda", "locatedIn", place), place


def test_relations_respectively_pairs_in_order(extractor):
    text = (
        "The Taliban governors of Kapisa and Nuristan, Qari Ehsanullah Baryal and Hafiz Muhammad Agha Hakeem "
        "respectively, are also linked to al-Qaeda."
    )
    found = extract(extractor, text, needs=("Baryal", "Hakeem", "Kapisa", "Nuristan"))
    assert matching(found, "Baryal", "leaderOf", "Kapisa")
    assert matching(found, "Hakeem", "leaderOf", "Nuristan")
    assert not matching(found, "Baryal", "leaderOf", "Nuristan")
    assert not matching(found, "Hakeem", "leaderOf", "Kapisa")
    [governor] = matching(found, "Baryal", "leaderOf", "Kapisa")
    assert governor.role == "governor"
    # the Taliban is their affiliation, not what they lead
    assert matching(found, "Baryal", "memberOf", "Taliban")
    assert not matching(found, "Baryal", "leaderOf", "Taliban")


def test_relations_passive_linked_to_for_each_appositive(extractor):
    text = (
        "The Taliban governors of Kapisa and Nuristan, Qari Ehsanullah Baryal and Hafiz Muhammad Agha Hakeem "
        "respectively, are also linked to al-Qaeda."
    )
    found = extract(extractor, text, needs=("Baryal", "Hakeem", "al-Qaeda"))
    assert matching(found, "Baryal", "associatedWith", "Qaeda")
    assert matching(found, "Hakeem", "associatedWith", "Qaeda")


def test_relations_member_and_former_leader_through_pronoun(extractor):
    text = (
        "An example of this co-dependent dynamic in action involves Taj Mir Jawad, a senior Taliban commander "
        "and member of the Haqqani Network. He was also a former leader of the Kabul Network, a group comprising "
        "Taliban and al-Qaeda elements that coordinated suicide attacks against the U.S. and other coalition troops."
    )
    found = extract(extractor, text, needs=("Taj Mir Jawad", "Haqqani Network", "Kabul Network"))
    assert matching(found, "Taj Mir Jawad", "memberOf", "Haqqani Network")
    [leader] = matching(found, "Taj Mir Jawad", "leaderOf", "Kabul Network")
    assert leader.former is True
    assert "pronoun" not in leader.method  # the method names the rule; the pronoun lowers confidence
    assert leader.confidence < 0.9


def test_relations_name_implies_part_of(extractor):
    text = (
        "The Taliban gives al-Qaeda members monthly welfare payments. Jawad is now the Deputy Director of the "
        "Taliban General Directorate of Intelligence."
    )
    found = extract(extractor, text)
    assert matching(found, "General Directorate of Intelligence", "partOf", "Taliban")
    [deputy] = matching(found, "Jawad", "memberOf", "General Directorate of Intelligence")
    assert deputy.role == "Deputy Director"  # a deputy is a member, not the leader
    assert not matching(found, "Jawad", "leaderOf", "General Directorate")


def test_relations_killed_in_place_with_time(extractor):
    text = (
        "So close was the bond between the Taliban and al-Qaeda that al-Zawahiri himself was discovered living "
        "in a palatial villa in Kabul's embassy quarter when he was killed in an American drone strike on July 31, 2022."
    )
    found = extract(extractor, text)
    [died] = matching(found, "Zawahiri", "diedIn", "Kabul")
    assert died.time == "July 31, 2022"
    assert matching(found, "Zawahiri", "locatedIn", "Kabul")
    assert matching(found, "Taliban", "associatedWith", "Qaeda")


def test_relations_verb_with_preposition(extractor):
    found = extract(extractor, "Al-Zawahiri also collaborated with the Haqqani Network to assist them in consolidating their power.")
    assert matching(found, "Zawahiri", "associatedWith", "Haqqani Network")


def test_relations_took_over_as_leader(extractor):
    text = "Upon taking over as al-Qaeda leader after bin Laden's death in 2011, al-Zawahiri initially linked ideology with tactics."
    found = extract(extractor, text)
    assert matching(found, "Zawahiri", "leaderOf", "Qaeda")
    assert not matching(found, "bin Laden", "leaderOf", "Qaeda")


def test_relations_helped_with_subject_after_fronted_phrase(extractor):
    # the parser puts al-Qaeda inside the "under ..." phrase; "helped" has coordinated objects
    text = (
        "First under bin Laden and then al-Zawahiri, al-Qaeda helped the Taliban and Haqqani Network establish "
        "a solid resistance base in Pakistan against the U.S. and allied forces, which led to a Taliban resurgence."
    )
    found = extract(extractor, text, needs=("Qaeda", "Taliban", "Haqqani Network"))
    assert matching(found, "Qaeda", "alliedWith", "Taliban")
    assert matching(found, "Qaeda", "alliedWith", "Haqqani Network")
    # the leaders in the fronted phrase did not help anyone themselves
    assert not matching(found, "bin Laden", "alliedWith", "Taliban")
    assert not matching(found, "Zawahiri", "alliedWith", "Taliban")


def test_relations_unit_known_as_is_part_and_led(extractor):
    text = (
        "Hakeem is closely tied to Qari Zakir, who was in charge of the Haqqani Networks suicide operations as well as "
        "the Talibans special forces unit known as the Badri 313 battalion, which was created with the help of al-Qaeda."
    )
    found = extract(extractor, text, needs=("Qari Zakir", "Taliban", "Badri 313"))
    [part] = matching(found, "Badri 313", "partOf", "Taliban")
    assert [text[a:b] for a, b in part.evidence.highlights] == ["unit"]
    assert matching(found, "Qari Zakir", "leaderOf", "Badri 313")
    assert not matching(found, "Taliban", "partOf", "Badri 313")
    # "created with the help of al-Qaeda": the helper is allied with what it helped create
    assert matching(found, "Qaeda", "alliedWith", "Badri 313")


@pytest.mark.parametrize(
    "text",
    [
        # co-mention without any relation word
        "There is even a perception that al-Qaeda is unlikely to reconstitute in Afghanistan.",
        "Those who lobby to recognize the Taliban make the case that they have changed and acknowledged their missteps.",
        # negation
        "The Taliban did not support al-Qaeda in Kabul.",
        # two groups coordinated are not one part of the other
        "Pakistan and Afghanistan agree to immediate ceasefire after peace talks in Doha.",
        # a book's publisher is not an employer
        "He is the author of the forthcoming book Doctor, Teacher, Terrorist by Oxford University Press.",
        # the views belong to the authors, not to the publication
        "The views expressed in this article belong to the authors alone and do not necessarily reflect those of Geopoliticalmonitor.com.",
        # the person only envisioned it; the place belongs to another clause
        "As al-Zawahiri envisioned, al-Qaedas cultivation of infrastructure and personnel in Afghanistan is designed to offer the terrorist group safety and connectivity.",
        # seed headlines: two countries side by side are not one inside the other
        "Afghanistan, Pakistan Agree to Ceasefire Mediated by Qatar and Turkey",
        "Decoding Durand Line: the recurring source of clashes between Pakistan, Afghanistan",
    ],
)
def test_relations_none_where_the_text_states_none(extractor, text):
    assert extract(extractor, text) == []


def test_relations_person_of_place_and_place_within_place(extractor):
    # the kind of news sentence CoNLL04 is made of (written here, not copied from it)
    text = "Diver Brian Michaud of Millinocket, Maine, hooked the men to harnesses."
    found = extract(extractor, text, needs=("Michaud", "Millinocket", "Maine"))
    assert matching(found, "Michaud", "locatedIn", "Millinocket")
    assert matching(found, "Millinocket", "partOf", "Maine")
    [closure] = matching(found, "Michaud", "locatedIn", "Maine")
    assert closure.method.endswith("+partOf")
