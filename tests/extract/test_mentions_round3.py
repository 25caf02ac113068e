"""Round 3 of the entity rules: who is killed is read more freely than who kills."""

from __future__ import annotations

from newskg.model import Document, content_id


def _types(extractor, text: str) -> dict[str, str]:
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    return {m.text: m.entity_type for m in extraction.mentions}


def test_mentions_victim_named_like_a_small_town_is_a_person(extractor):
    # "Mendes" is also a Brazilian town of 18,000 people; a town is not shot.
    found = _types(extractor, "The rancher 's son admitted he shot Mendes on Dec. 22 , 1988 , outside his home .")
    assert found.get("Mendes") == "Person"


def test_mentions_victim_named_by_a_lone_title_word_is_a_person(extractor):
    found = _types(extractor, "King was shot by James Earl Ray on April 4 , 1968 , as he stood on the balcony .")
    assert found.get("King") == "Person"
    assert found.get("James Earl Ray") == "Person"


def test_mentions_victim_ner_called_a_place_is_a_person(extractor):
    found = _types(extractor, "Ray is serving a long sentence for the 1968 slaying of King in Memphis .")
    assert found.get("King") == "Person"
    assert found.get("Memphis") == "Place"


def test_mentions_killer_named_by_a_passive_is_a_person(extractor):
    found = _types(extractor, "The Dallas policeman was killed by Oswald about 45 minutes after the assassination .")
    assert found.get("Oswald") == "Person"
    assert found.get("Dallas") == "Place"


def test_mentions_places_and_titles_stay_what_they_are_around_killing(extractor):
    found = _types(extractor, "The attack killed Kabul residents , and the last Incan King of Peru was murdered by the invaders .")
    assert found.get("Kabul") == "Place"
    assert "King" not in found
    found = _types(extractor, "Israeli troops killed Hamas militants near Gaza on Monday .")
    assert found.get("Hamas") == "Organization"


def test_mentions_one_rare_word_after_a_person_and_of_is_their_town(extractor):
    found = _types(extractor, "During the long rescue , diver Brian Michaud of Millinocket hooked the men to harnesses .")
    assert found.get("Brian Michaud") == "Person"
    assert found.get("Millinocket") == "Place"


def test_mentions_a_company_after_a_person_and_of_stays_a_company(extractor):
    found = _types(extractor, "Chief executive Steve Jobs of Apple said the phone sold well .")
    assert found.get("Apple") == "Organization"
    found = _types(extractor, "Professor Baruch Arensberg of Tel Aviv University said the bone was human .")
    assert found.get("Tel Aviv University") == "Organization"
