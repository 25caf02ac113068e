"""A birthplace written with its state or country, and "Washington, D.C.", are one place."""

from __future__ import annotations

from newskg.model import Document, content_id


def test_a_birthplace_with_its_state_is_one_place_filed_under_the_full_state_name(extractor, named):
    found = named(extractor, "Elvis Presley was born in Tupelo , Miss. , in 1935 .")
    assert found.get("Tupelo , Miss") == ("Place", "Tupelo, Mississippi")
    assert "Miss" not in found


def test_a_birthplace_further_up_the_sentence_is_one_place(extractor, named):
    found = named(extractor, "Lincoln was born on Feb. 12 , 1809 , in a log cabin in Hodgenville , Ky. , in rolling hills .")
    assert found.get("Hodgenville , Ky", ("", ""))[0] == "Place"


def test_a_native_of_a_city_and_country_is_one_place(extractor, named):
    found = named(extractor, "An Wang , a native of Shanghai , China , developed the device .")
    assert found.get("Shanghai , China") == ("Place", "Shanghai, China")


def test_washington_dc_is_one_place_anywhere(extractor, named):
    found = named(extractor, "The agency in Washington , D.C. , reported the figures on Monday .")
    assert found.get("Washington , D.C") == ("Place", "Washington, D.C.")


def test_a_town_and_its_state_elsewhere_stay_two_places(extractor, named, rule_triples):
    text = "The company is based in Huntsville , Ala. , and employs 300 people ."
    found = named(extractor, text)
    assert found.get("Huntsville", ("", ""))[0] == "Place"
    assert found.get("Ala", ("", ""))[0] == "Place"
    assert ("Huntsville", "partOf", "Ala.") in rule_triples(extractor, text)


def test_a_list_of_cities_after_born_stays_a_list(extractor, named):
    found = named(extractor, "Their children were born in Kabul , Herat and Kandahar .")
    assert {"Kabul", "Herat", "Kandahar"} <= set(found)


def test_the_person_born_there_is_located_in_the_whole_place(extractor, rule_triples):
    assert ("Elvis Presley", "locatedIn", "Tupelo , Miss.") in rule_triples(extractor, "Elvis Presley was born in Tupelo , Miss. , in 1935 .")


def test_born_near_a_town_places_the_person(extractor, rule_triples):
    triples = rule_triples(extractor, "The scout William Cody was born near Davenport , Iowa , in 1846 .")
    assert ("William Cody", "locatedIn", "Davenport , Iowa") in triples


def test_a_later_bare_mention_of_the_town_is_the_same_place(extractor):
    text = "Elvis Presley was born in Tupelo , Miss. , in 1935 . His family left Tupelo in 1948 ."
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    names = {m.normalized for m in extraction.mentions if m.entity_type == "Place"}
    assert names == {"Tupelo, Mississippi"}


def test_a_state_abbreviation_after_a_town_is_filed_under_the_states_name(extractor, named):
    found = named(extractor, "The company is based in Memphis , Tenn. , and employs 300 people .")
    assert found.get("Tenn") == ("Place", "Tennessee")


def test_a_bare_town_ner_took_for_a_person_is_the_qualified_place(extractor):
    text = "Elvis Presley was born in Tupelo , Miss. , in 1935 . His family left Tupelo for Memphis , Tenn. , in 1948 ."
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    bare = [m for m in extraction.mentions if m.text == "Tupelo"]
    assert [(m.entity_type, m.normalized) for m in bare] == [("Place", "Tupelo, Mississippi")]


def test_a_birthplace_after_the_birth_date_is_one_place(extractor, named):
    found = named(extractor, "Norton Simon was born on Feb. 5 , 1907 , in Portland , Ore. , and spent his youth in San Francisco .")
    assert found.get("Portland , Ore") == ("Place", "Portland, Oregon")
    assert found.get("San Francisco", ("", ""))[0] == "Place"


def test_a_place_after_another_verb_than_born_stays_two_places(extractor, named):
    found = named(extractor, "He was born in 1950 and later worked in Memphis , Tenn. , for a bank .")
    assert found.get("Memphis", ("", ""))[0] == "Place"
    assert found.get("Tenn") == ("Place", "Tennessee")


def test_washington_dc_closing_a_sentence_is_one_place(extractor, named):
    found = named(extractor, "Robin Woods spoke for the agency in Washington , D.C. It will print a brochure .")
    assert found.get("Washington , D.C") == ("Place", "Washington, D.C.")
