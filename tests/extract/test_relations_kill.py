"""Killings a court, a plea or a sentence attributes, with the real model."""

from __future__ import annotations


def test_relations_kill_convicted_of_the_murder(extractor, rule_triples):
    found = rule_triples(extractor, "Daniel Corbett was convicted of the murder of Helen Price in 1991 .")
    assert ("Daniel Corbett", "killed", "Helen Price") in found


def test_relations_kill_sentence_for_a_possessed_murder(extractor, rule_triples):
    found = rule_triples(extractor, "Daniel Corbett is serving a life sentence for Helen Price 's murder .")
    assert ("Daniel Corbett", "killed", "Helen Price") in found


def test_relations_kill_pleaded_guilty_to_killing(extractor, rule_triples):
    found = rule_triples(extractor, "Tom Riley pleaded guilty to killing Ann Moss outside her home .")
    assert ("Tom Riley", "killed", "Ann Moss") in found


def test_relations_kill_acquittal_and_arrest_after_are_no_killing(extractor, rule_triples):
    assert ("Daniel Corbett", "killed", "Helen Price") not in rule_triples(
        extractor, "Daniel Corbett was acquitted of the murder of Helen Price ."
    )
    assert ("Tom Riley", "killed", "Ann Moss") not in rule_triples(
        extractor, "Police arrested Tom Riley after the murder of Ann Moss ."
    )


def test_relations_kill_the_gunman_who_killed(extractor, rule_triples):
    found = rule_triples(extractor, "Investigators say Carl Hobbs was the gunman who killed Dan Reyes last May .")
    assert ("Carl Hobbs", "killed", "Dan Reyes") in found
    assert ("Carl Hobbs", "killed", "Dan Reyes") not in rule_triples(
        extractor, "Carl Hobbs was not the gunman who killed Dan Reyes , his lawyer said ."
    )


def test_relations_kill_fired_the_shots_that_killed(extractor, rule_triples):
    found = rule_triples(extractor, "Witnesses said Carl Hobbs fired the shots that killed Dan Reyes .")
    assert ("Carl Hobbs", "killed", "Dan Reyes") in found


def test_relations_kill_object_of_the_second_coordinated_verb(extractor, rule_triples):
    found = rule_triples(extractor, "Tom Riley pleaded guilty to shooting and killing Ann Moss in 1989 .")
    assert ("Tom Riley", "killed", "Ann Moss") in found


def test_relations_kill_object_pronoun_is_not_its_clauses_subject(extractor, rule_triples):
    found = rule_triples(extractor, "Dan Reyes had just left the bar when Tom Riley shot him .")
    assert ("Tom Riley", "killed", "Dan Reyes") in found
