from __future__ import annotations

from hypothesis import given, strategies as st

from extract.normalize import clean_name, matches_acronym, name_key, strip_lost_possessive


def test_normalize_clean_name_drops_article_possessive_and_odd_dashes():
    assert clean_name("the  Haqqani Network's") == "Haqqani Network"
    assert clean_name("al\u2013Qaeda") == "al-Qaeda"
    assert clean_name("U.S.") == "U.S."


def test_normalize_name_key_folds_case_dashes_dots_and_accents():
    assert name_key("Al-Qaeda") == name_key("al Qaeda") == name_key("al-Qaeda")
    assert name_key("U.S.") == name_key("US")
    assert name_key("Kunaṟ") == name_key("Kunar")
    assert name_key("Sirajuddin Haqqani") != name_key("Haqqani Network")


def test_normalize_lost_apostrophe_possessive_only_when_the_short_form_is_known():
    known = {"al qaeda", "taliban", "kabul"}.__contains__
    assert strip_lost_possessive("al-Qaedas", known) == "al-Qaeda"
    assert strip_lost_possessive("Talibans", known) == "Taliban"
    assert strip_lost_possessive("Kabuls", known) == "Kabul"
    assert strip_lost_possessive("Jones", known) == "Jones"


def test_normalize_acronyms_spelled_by_long_names():
    assert matches_acronym("al-Qaeda in the Indian Subcontinent".split(), "AQIS")
    assert matches_acronym("Islamic State Khorasan Province".split(), "IS-KP")
    assert not matches_acronym("Indian Subcontinent".split(), "AQIS")


@given(st.text(max_size=200))
def test_normalize_never_crashes_and_is_idempotent(text):
    cleaned = clean_name(text)
    assert clean_name(cleaned) == clean_name(clean_name(cleaned))
    assert name_key(text) == name_key(text)
    assert "\u200b" not in cleaned and "\u202e" not in cleaned
