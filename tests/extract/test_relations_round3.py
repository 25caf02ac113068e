"""Round-3 rules read off the words where the parse goes astray, with the real model: ranks between an
organization and a name, a victim before a killer noun, a conviction for a killing, a dated dateline."""

from __future__ import annotations


def test_relations_round3_rank_between_organization_and_name(extractor, rule_triples):
    found = rule_triples(extractor, "The boat sank quickly , said Coast Guard Lt. Steve Hardy , but nobody was hurt .")
    assert ("Steve Hardy", "memberOf", "Coast Guard") in found


def test_relations_round3_name_after_a_comma_is_no_title(extractor, rule_triples):
    found = rule_triples(extractor, "The fire was set near the Coast Guard , Lt. Steve Hardy said .")
    assert ("Steve Hardy", "memberOf", "Coast Guard") not in found


def test_relations_round3_victim_killer_noun_killer(extractor, rule_triples):
    found = rule_triples(extractor, "Anna Berg , a lawyer who defended Walter Lang assassin Karl Holm , has died .")
    assert ("Karl Holm", "killed", "Walter Lang") in found


def test_relations_round3_would_be_assassin_kills_nobody(extractor, rule_triples):
    found = rule_triples(extractor, "Reagan would-be assassin John Hinckley was in court on Monday .")
    assert ("John Hinckley", "killed", "Reagan") not in found


def test_relations_round3_name_convicted_of_murdering(extractor, rule_triples):
    found = rule_triples(
        extractor,
        "The court refused to reinstate the death sentence of John Harvey Adamson , convicted of murdering reporter Don Bolles in 1976 .",
    )
    assert ("John Harvey Adamson", "killed", "Don Bolles") in found


def test_relations_round3_jury_convicted_name_of_killing(extractor, rule_triples):
    found = rule_triples(extractor, "A Placerville jury convicted sniper Kenneth Earl Millikan of killing Peter J. Martinelli .")
    assert ("Kenneth Earl Millikan", "killed", "Peter J. Martinelli") in found


def test_relations_round3_not_convicted_of_killing(extractor, rule_triples):
    found = rule_triples(extractor, "A jury has not convicted sniper Kenneth Earl Millikan of killing Peter J. Martinelli .")
    assert ("Kenneth Earl Millikan", "killed", "Peter J. Martinelli") not in found


def test_relations_round3_dated_dateline_places_the_agency(extractor, rule_triples):
    found = rule_triples(extractor, "( Text ) Hefei , February 11 ( XINHUA ) -- Farmers from the province work on building sites .")
    assert ("XINHUA", "locatedIn", "Hefei") in found


def test_relations_round3_undated_parentheses_place_no_agency(extractor, rule_triples):
    found = rule_triples(extractor, "Hefei , a city of farmers ( XINHUA reports ) , grows fast .")
    assert ("XINHUA", "locatedIn", "Hefei") not in found


def test_relations_round3_name_of_a_named_company(extractor, rule_triples):
    found = rule_triples(extractor, "Spokesman Dietmar Kanzer of the smaller Rollei company said sales had doubled .")
    assert ("Dietmar Kanzer", "memberOf", "Rollei") in found


def test_relations_round3_list_of_names_of_a_school_and_its_owner(extractor, rule_triples):
    found = rule_triples(
        extractor, "James G. Blight and David A. Welch of Harvard University 's John F. Kennedy School of Government say war was near ."
    )
    for person in ("James G. Blight", "David A. Welch"):
        assert (person, "memberOf", "John F. Kennedy School of Government") in found
        assert (person, "memberOf", "Harvard University") in found


def test_relations_round3_earlier_name_with_its_own_employer_keeps_it(extractor, rule_triples):
    found = rule_triples(
        extractor, "Fang Kaitai at the Institute of Applied Mathematics and Wang Yuan at the Institute of Mathematics won praise ."
    )
    assert ("Fang Kaitai", "memberOf", "Institute of Mathematics") not in found


def test_relations_round3_assistant_at(extractor, rule_triples):
    found = rule_triples(extractor, "Dr. James O. Mason , assistant for health at the Department of Health and Human Services , said so .")
    assert ("James O. Mason", "memberOf", "Department of Health and Human Services") in found


def test_relations_round3_source_line_with_the_and_a_section(extractor, rule_triples):
    assert ("ANP", "locatedIn", "Hague") in rule_triples(extractor, "The Hague ANP")
    found = rule_triples(extractor, "40101006B Beijing CHINA DAILY ( SCIENCE MEDICINE ) in English 13 Apr 94 p 5")
    assert ("CHINA DAILY", "locatedIn", "Beijing") in found


def test_relations_round3_source_line_not_before_ordinary_parentheses(extractor, rule_triples):
    found = rule_triples(extractor, "40101006B Beijing CHINA DAILY ( which readers trust ) reported the news .")
    assert ("CHINA DAILY", "locatedIn", "Beijing") not in found


def test_relations_round3_name_age_serving_years_for_killing(extractor, rule_triples):
    found = rule_triples(extractor, "The hearing was set for Carl Hobbs , 60 , serving 99 years for killing Dan Reyes in Memphis .")
    assert ("Carl Hobbs", "killed", "Dan Reyes") in found


def test_relations_round3_sentenced_to_years_for_the_murder_of(extractor, rule_triples):
    found = rule_triples(extractor, "Mark David Chapman , sentenced to 20 years to life for the murder of John Lennon , staged a hunger strike .")
    assert ("Mark David Chapman", "killed", "John Lennon") in found


def test_relations_round3_sentenced_for_an_attempted_murder_kills_nobody(extractor, rule_triples):
    found = rule_triples(extractor, "Tom Hale , sentenced to 10 years for the attempted murder of Jim Lowe , appealed .")
    assert ("Tom Hale", "killed", "Jim Lowe") not in found


def test_relations_round3_tried_and_convicted_for_an_assassination(extractor, rule_triples):
    found = rule_triples(extractor, "Sirhan was tried and convicted for the 1968 assassination of Sen. Robert Kennedy .")
    assert ("Sirhan", "killed", "Robert Kennedy") in found


def test_relations_round3_spokeswoman_for_the_agency_named_before(extractor, rule_triples):
    found = rule_triples(
        extractor, "The Environmental Protection Agency is writing a brochure , said Robin Woods , a spokeswoman for the agency ."
    )
    assert ("Robin Woods", "memberOf", "Environmental Protection Agency") in found


def test_relations_round3_company_official_after_a_company_name(extractor, rule_triples):
    found = rule_triples(extractor, "Waste Disposal Co. will offer a pickup service , said Debra Bornstein , a company official .")
    assert ("Debra Bornstein", "memberOf", "Waste Disposal Co.") in found


def test_relations_round3_the_agency_needs_an_agency_named_before(extractor, rule_triples):
    found = rule_triples(extractor, "IBM sued Apple on Monday , said Jane Doe , a spokeswoman for the agency .")
    assert not any(subject == "Jane Doe" and predicate == "memberOf" for subject, predicate, _ in found)


def test_relations_round3_an_organization_s_bureau_in_a_city(extractor, rule_triples):
    found = rule_triples(extractor, "The statement was translated by The Associated Press bureau in Beirut .")
    assert ("Associated Press", "locatedIn", "Beirut") in found


def test_relations_round3_convicted_described_name_of_killing(extractor, rule_triples):
    found = rule_triples(
        extractor, "A jury Wednesday convicted Highway 50 sniper Kenneth Earl Millikan of killing transit employee Peter J. Martinelli ."
    )
    assert ("Kenneth Earl Millikan", "killed", "Peter J. Martinelli") in found


def test_relations_round3_name_comma_role_of_organization(extractor, rule_triples):
    found = rule_triples(
        extractor,
        "Polls put Diego Ramos ahead of Ernesto Zedillo , candidate of the Institutional Revolutionary Party ( PRI ) by only 5 percent .",
    )
    assert ("Ernesto Zedillo", "memberOf", "Institutional Revolutionary Party") in found


def test_relations_round3_possible_candidate_is_no_member(extractor, rule_triples):
    found = rule_triples(extractor, "He met John Smith , a possible candidate of the Green Party , on Monday .")
    assert ("John Smith", "memberOf", "Green Party") not in found
