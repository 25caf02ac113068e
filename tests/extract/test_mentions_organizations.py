"""Organization names: their spans and types, on news-like sentences written for these tests, with the real model.

Wire-service source lines (the city, then the paper or broadcaster), and the dates, times and
catalogue numbers of those lines, which are no actors.
"""

from __future__ import annotations


def test_mentions_organizations_source_line_splits_city_from_paper(extractor, typed):
    found = typed(extractor, "KB1207110395 Mexico City EL DIARIO in Spanish 11 Jul 95 p 4")
    assert found.get("Mexico City") == "Place"
    assert found.get("EL DIARIO") == "Organization"


def test_mentions_organizations_source_line_finds_a_paper_ner_missed(extractor, typed):
    found = typed(extractor, "Athens TA NEA")
    assert found == {"Athens": "Place", "TA NEA": "Organization"}


def test_mentions_organizations_source_line_of_a_broadcaster(extractor, typed):
    found = typed(extractor, "LD1103190095 Helsinki Kotimaa Radio Network in Finnish 1700 GMT 11 Mar 95")
    assert found.get("Helsinki") == "Place"
    assert found.get("Kotimaa Radio Network") == "Organization"


def test_mentions_organizations_source_line_dates_times_and_codes_are_no_names(extractor, typed):
    found = typed(extractor, "LD1103190095 Helsinki Kotimaa Radio Network in Finnish 1700 GMT 11 Mar 95")
    assert not {"GMT", "Mar", "LD1103190095"} & set(found)


def test_mentions_organizations_a_date_after_in_is_no_source_line(extractor, typed):
    found = typed(extractor, "He joined Boston Dynamics in March 2021 .")
    assert found == {"Boston Dynamics": "Organization"}


def test_mentions_organizations_name_alone_in_ordinary_case_is_no_source_line(extractor, typed):
    found = typed(extractor, "Paris Hilton")
    assert "Paris" not in found and "Hilton" not in found


def test_mentions_organizations_title_of_the_person_named_next_is_cut_off(extractor, typed):
    found = typed(extractor, "The ferry was towed to port on Sunday , said Harbor Patrol Sgt. Maria Okafor , who led the search .")
    assert found.get("Harbor Patrol") == "Organization"
    assert found.get("Maria Okafor") == "Person"


def test_mentions_organizations_agency_before_its_administrator(extractor, typed):
    found = typed(extractor, "NASA Administrator Helen Marsh said the launch would be delayed by a week .")
    assert found.get("NASA") == "Organization"
    assert found.get("Helen Marsh") == "Person"


def test_mentions_organizations_profession_before_a_name_is_no_part_of_it(extractor, typed):
    found = typed(extractor, "Historian Carla Benning of Oberlin College said the letters were genuine .")
    assert found.get("Carla Benning") == "Person"
    assert found.get("Oberlin College") == "Organization"


def test_mentions_organizations_source_line_city_the_gazetteer_may_not_know(extractor, typed):
    found = typed(extractor, "95AS0112B Tiruchirappalli THE DAILY THANTHI in English 4 Jan 95 p 9")
    assert found.get("Tiruchirappalli") == "Place"
    assert found.get("DAILY THANTHI") == "Organization"


def test_mentions_organizations_agency_credited_after_a_dateline(extractor, typed):
    found = typed(extractor, "( Text ) Hanoi , June 3 ( VNAFAX ) -- The cabinet approved the new port budget on Friday .")
    assert found.get("Hanoi") == "Place"
    assert found.get("VNAFAX") == "Organization"


def test_mentions_organizations_company_named_after_a_person(extractor, typed):
    found = typed(extractor, "His sons founded the Kessler company in Hamburg in 1949 .")
    assert found.get("Kessler company") == "Organization"
    assert found.get("Hamburg") == "Place"


def test_mentions_organizations_a_citys_government_is_an_organization(extractor, typed):
    found = typed(extractor, "Talks between the Vientiane government and the rebels resumed on Monday .")
    assert found.get("Vientiane government") == "Organization"


def test_mentions_organizations_a_firm_in_a_city_leaves_the_city_a_place(extractor, typed):
    found = typed(extractor, "The contract went to a Singapore engineering firm with offices in Jakarta .")
    assert found.get("Singapore") == "Place"


def test_mentions_organizations_an_organizations_government_keeps_its_name(extractor, typed):
    found = typed(extractor, "The Taliban government banned music in public places .")
    assert found.get("Taliban") == "Organization"


def test_mentions_organizations_broadcaster_with_a_number_in_its_name(extractor, typed):
    found = typed(extractor, "Kiev Kanal-5 Television")
    assert found == {"Kiev": "Place", "Kanal-5 Television": "Organization"}


def test_mentions_organizations_company_of_its_town_is_two_names(extractor, typed):
    found = typed(extractor, "The barge was leased from Delmont Marine Corp. of Baton Rouge last spring .")
    assert found.get("Delmont Marine Corp") == "Organization"
    assert found.get("Baton Rouge") == "Place"


def test_mentions_organizations_name_before_its_spokesman_is_an_organization(extractor, typed):
    found = typed(extractor, "Output will recover by June , Trelco spokeswoman Dana Whitfield said on Tuesday .")
    assert found.get("Trelco") == "Organization"
    assert found.get("Dana Whitfield") == "Person"


def test_mentions_organizations_country_before_its_president_stays_a_place(extractor, typed):
    found = typed(extractor, "The Brazilian delegation met the U.S. president on Monday .")
    assert found.get("U.S") == "Place"


def test_mentions_organizations_fleet_run_on_into_its_commander_is_split(extractor, typed):
    found = typed(extractor, "The deputy commander of the Baltic Fleet Oleg Vorontsov flew to the base on Friday .")
    assert found.get("Oleg Vorontsov") == "Person"
    assert any(name.endswith("Baltic Fleet") and kind == "Organization" for name, kind in found.items())


def test_mentions_organizations_name_of_english_words_after_an_organization_word_is_not_a_person(extractor, typed):
    found = typed(extractor, "Tourists still visit the Texas School Book Depository every day .")
    assert not any(kind == "Person" for kind in found.values())


def test_mentions_organizations_tech_ends_a_university_name(extractor, typed):
    found = typed(extractor, "She studied physics at Georgia Tech before moving to Denver .")
    assert found.get("Georgia Tech") == "Organization"


def test_mentions_organizations_source_line_section_in_parentheses(extractor, typed):
    found = typed(extractor, "40203007B Shanghai JIEFANG RIBAO ( ECONOMY ) in Chinese 2 Mar 94 p 3")
    assert found.get("Shanghai") == "Place"
    assert found.get("JIEFANG RIBAO") == "Organization"


def test_mentions_organizations_university_and_its_center_are_two_names(extractor, typed):
    found = typed(extractor, "Dina Rosen , who studied the missile for Haifa University 's Center for Security Studies , disagreed .")
    assert found.get("Haifa University") == "Organization"
    assert found.get("Center for Security Studies") == "Organization"


def test_mentions_organizations_founder_named_after_a_company_word_stays_a_person(extractor, typed):
    found = typed(extractor, "Pioneering automaker Ransom Olds retired to Florida in 1936 .")
    assert found.get("Ransom Olds") == "Person"


def test_mentions_organizations_bare_names_that_shoot_or_are_shot_are_people(extractor, typed):
    found = typed(extractor, "Kessling calmly shot Varga outside the courthouse , witnesses said .")
    assert found.get("Kessling") == "Person"
    assert found.get("Varga") == "Person"


def test_mentions_organizations_heading_before_a_colon_is_no_killer(extractor, typed):
    found = typed(extractor, "This week 's Snapshot from the Archives : In 1865 , President Abraham Lincoln was assassinated .")
    assert [name for name, kind in found.items() if kind == "Person"] == ["Abraham Lincoln"]


def test_mentions_organizations_name_run_on_over_a_comma_into_its_province(nlp):
    from extract.mentions import _Candidate, _split_company_from_its_town

    doc = nlp("Northern Lakes Air of Kenora , Manitoba , which owned the plane , said the pilots were safe .")
    # NER's span as it sometimes comes: over the comma into the province.
    run_on = _Candidate(0, 7, "ORG", "Organization")
    pieces = [(doc[c.start : c.end].text, c.entity_type) for c in _split_company_from_its_town(doc, [run_on])]
    assert pieces == [("Northern Lakes Air of Kenora", "Organization"), ("Manitoba", "Place")]
