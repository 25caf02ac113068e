"""Round 3 of the entity rules: who is killed is read more freely than who kills."""

from __future__ import annotations


def test_mentions_victim_named_like_a_small_town_is_a_person(extractor, typed):
    # "Mendes" is also a Brazilian town of 18,000 people; a town is not shot.
    found = typed(extractor, "The rancher 's son admitted he shot Mendes on Dec. 22 , 1988 , outside his home .")
    assert found.get("Mendes") == "Person"


def test_mentions_victim_named_by_a_lone_title_word_is_a_person(extractor, typed):
    found = typed(extractor, "King was shot by James Earl Ray on April 4 , 1968 , as he stood on the balcony .")
    assert found.get("King") == "Person"
    assert found.get("James Earl Ray") == "Person"


def test_mentions_victim_ner_called_a_place_is_a_person(extractor, typed):
    found = typed(extractor, "Ray is serving a long sentence for the 1968 slaying of King in Memphis .")
    assert found.get("King") == "Person"
    assert found.get("Memphis") == "Place"


def test_mentions_killer_named_by_a_passive_is_a_person(extractor, typed):
    found = typed(extractor, "The Dallas policeman was killed by Oswald about 45 minutes after the assassination .")
    assert found.get("Oswald") == "Person"
    assert found.get("Dallas") == "Place"


def test_mentions_places_and_titles_stay_what_they_are_around_killing(extractor, typed):
    found = typed(extractor, "The attack killed Kabul residents , and the last Incan King of Peru was murdered by the invaders .")
    assert found.get("Kabul") == "Place"
    assert "King" not in found
    found = typed(extractor, "Israeli troops killed Hamas militants near Gaza on Monday .")
    assert found.get("Hamas") == "Organization"


def test_mentions_one_rare_word_after_a_person_and_of_is_their_town(extractor, typed):
    found = typed(extractor, "During the long rescue , diver Brian Michaud of Millinocket hooked the men to harnesses .")
    assert found.get("Brian Michaud") == "Person"
    assert found.get("Millinocket") == "Place"


def test_mentions_a_company_after_a_person_and_of_stays_a_company(extractor, typed):
    found = typed(extractor, "Chief executive Steve Jobs of Apple said the phone sold well .")
    assert found.get("Apple") == "Organization"
    found = typed(extractor, "Professor Baruch Arensberg of Tel Aviv University said the bone was human .")
    assert found.get("Tel Aviv University") == "Organization"


def test_mentions_a_birthplace_named_by_its_county_is_one_place(extractor, named):
    found = named(extractor, "The sharpshooter was born Phoebe Ann Moses in Willowdell , Darke County , in 1860 .")
    assert found.get("Willowdell , Darke County") == ("Place", "Willowdell, Darke County")


def test_mentions_a_biography_line_born_date_then_place_is_one_place(extractor, named):
    found = named(extractor, "Dwight D. Eisenhower ( 34th President ) : Born Oct. 14 , 1890 , Denison , Tex. , in a frame house .")
    assert found.get("Denison , Tex") == ("Place", "Denison, Texas")


def test_mentions_a_town_and_its_county_elsewhere_stay_two_places(extractor, named):
    found = named(extractor, "The plant in Springfield , Sangamon County , closed last year .")
    assert found.get("Springfield", ("", ""))[0] == "Place"
    assert found.get("Sangamon County", ("", ""))[0] == "Place"


def test_mentions_who_kills_in_a_gerund_without_a_subject_is_a_person(extractor, typed):
    found = typed(extractor, "Booth used a network of agents for his escape after shooting Lincoln during a play .")
    assert found.get("Booth") == "Person"
    found = typed(extractor, "Booth thought he could save the South by killing Lincoln , the historian said .")
    assert found.get("Booth") == "Person"


def test_mentions_a_generational_suffix_is_part_of_the_name(extractor, typed):
    found = typed(extractor, "Madison County Judge William O 'Brien III set a hearing date for the case .")
    assert found.get("William O 'Brien III") == "Person"


def test_mentions_a_name_after_a_lowercase_kind_of_place_and_of_is_that_place(extractor, typed):
    found = typed(extractor, "The children were found in a home in the northwestern department of Solola .")
    assert found.get("Solola") == "Place"
    found = typed(extractor, "In Djibouti , a demonstration in the Afar district of Arhiba was repressed by the police .")
    assert found.get("Arhiba") == "Place"


def test_mentions_a_capitalized_kind_stays_part_of_an_organization(extractor, typed):
    found = typed(extractor, "The Department of Defense and the state of Texas signed the contract .")
    assert found.get("Department of Defense") == "Organization"
    assert found.get("Texas") == "Place"


def test_mentions_a_family_whose_children_the_sentence_names_is_people(extractor, typed):
    found = typed(extractor, "The Quayles ' children live on the top floor of the building .")
    assert found.get("Quayles") == "Person"
    found = typed(extractor, "Smith 's children live in Ohio .")
    assert found.get("Smith") == "Person"
    assert found.get("Ohio") == "Place"


def test_mentions_a_relative_sharing_a_found_surname_is_a_person(extractor, typed):
    text = "Leroy Ivy of Oxford and his brother John Henry Ivy of Tupelo were indicted this month ."
    found = typed(extractor, text)
    assert found.get("Leroy Ivy") == "Person"
    assert found.get("John Henry Ivy") == "Person"
