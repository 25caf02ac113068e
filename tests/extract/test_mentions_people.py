"""People's names: their spans, on news-like sentences written for these tests, with the real model.

A minister's portfolio left before a name once the title is gone, a sentence's opening verb, and
names the text split at their apostrophe ("O 'Brien").
"""

from __future__ import annotations


def test_mentions_people_a_portfolio_before_a_name_is_no_part_of_it(extractor, typed):
    found = typed(extractor, "Foreign Roland Dumas said the talks would resume in Geneva next week .")
    assert found.get("Roland Dumas") == "Person"
    assert "Foreign Roland Dumas" not in found


def test_mentions_people_a_chamber_before_a_name_is_no_part_of_it(extractor, typed):
    found = typed(extractor, "Senate Bob Dole of Kansas threatened a maneuver on Tuesday .")
    assert found.get("Bob Dole") == "Person"
    assert found.get("Kansas") == "Place"


def test_mentions_people_a_sentences_opening_verb_is_no_first_name(extractor, typed):
    found = typed(extractor, "Evaluating Juppe 's visit , Cetin said the French government was careful .")
    assert found.get("Juppe") == "Person"
    assert "Evaluating Juppe" not in found


def test_mentions_people_a_name_split_at_its_apostrophe_is_one_name(extractor, typed):
    found = typed(extractor, "The winds overturned trucks , said Highway Patrol Officer James O 'Brien .")
    assert found.get("James O 'Brien") == "Person"
    assert "James O" not in found


def test_mentions_people_a_surname_after_the_apostrophe_joins_the_name(extractor, typed):
    found = typed(extractor, "Says Ze 'ev Eytan , a senior researcher at the center .")
    assert found == {"Ze 'ev Eytan": "Person"}


def test_mentions_people_a_contraction_after_a_short_name_stays_out(extractor, typed):
    found = typed(extractor, "She met Jo 'til noon .")
    assert found.get("Jo") == "Person"
    assert not any("'til" in name for name in found)


def test_mentions_people_a_sentences_opening_surname_described_as_an_official(extractor, typed):
    found = typed(extractor, "Tal , a senior Defense Ministry official , has not repeated these views in public .")
    assert found.get("Tal") == "Person"


def test_mentions_people_a_common_word_as_surname_needs_an_age_and_a_person_noun(extractor, typed):
    found = typed(extractor, "Winter , 53 , a former Yale University law professor who took the bench in 1982 , is known .")
    assert found.get("Winter") == "Person"
    assert typed(extractor, "Today , a senior official said no .") == {}


def test_mentions_people_a_profession_in_apposition_makes_a_person(extractor, typed):
    found = typed(extractor, "Imelda Marcos topped the list by Blackwell , a designer and fashion arbiter .")
    assert found.get("Blackwell") == "Person"


def test_mentions_people_a_role_after_a_comma_the_parser_missed(extractor, typed):
    found = typed(
        extractor,
        "The commission will pay special attention to Lazutkin , former first deputy general director of the company .",
    )
    assert found.get("Lazutkin") == "Person"


def test_mentions_people_after_of_the_description_is_of_the_person_before(extractor, typed):
    found = typed(extractor, "said Professor Baruch Arensberg of Tel Aviv University , a member of the team .")
    assert found.get("Tel Aviv University") == "Organization"
    assert any(name.endswith("Baruch Arensberg") and kind == "Person" for name, kind in found.items())
