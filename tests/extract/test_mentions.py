"""The entity layer on real seed sentences with the real model."""

from __future__ import annotations

from newskg.model import Document, content_id


def extract(extractor, text: str, kind: str = "article"):
    document = Document(id=content_id(text), text=text, source="test", kind=kind)  # type: ignore[arg-type]
    return extractor(document)


def names(extraction) -> dict[str, str]:
    return {m.normalized: m.entity_type for m in extraction.mentions}


def test_mentions_places_listed_with_places_are_places(extractor):
    found = names(extract(extractor, "Al-Qaeda has also established safe houses in Kabul, Helmand, Farah, and Herat, where a new al-Qaeda media apparatus has been set up."))
    for place in ("Kabul", "Helmand", "Farah", "Herat"):
        assert found.get(place) == "Place", (place, found)


def test_mentions_provinces_named_before_provinces_are_places(extractor):
    found = names(extract(extractor, "AQIS fighters are located in Kandahar, Helmand, Herat, Farah, and Nimruz provinces."))
    assert found.get("Nimruz") == "Place" and found.get("Farah") == "Place"


def test_mentions_organization_words_override_person_label(extractor):
    found = names(extract(extractor, "With the support of the proscribed Haqqani Network, who are responsible for killing thousands of Afghans, al-Qaedas members have sought employment."))
    assert found.get("Haqqani Network") == "Organization"
    assert "Afghans" not in found  # a nationality, not an organized group


def test_mentions_lost_apostrophe_possessive_resolves_to_the_name(extractor):
    extraction = extract(extractor, "The Talibans supreme leader, Hibatullah Akhundzada, has called for continued protection of al-Qaedas members. The Taliban and al-Qaeda agree.")
    by_text = {m.text: m.normalized for m in extraction.mentions}
    assert by_text.get("Talibans") == "Taliban"
    assert by_text.get("al-Qaedas") == "al-Qaeda"
    assert "Talibans" in {m.text for m in extraction.mentions}  # the surface form is kept


def test_mentions_truncated_person_name_is_repaired_and_short_name_resolves(extractor):
    text = (
        "An example of this co-dependent dynamic in action involves Taj Mir Jawad, a senior Taliban commander and member of the Haqqani Network. "
        "Jawad is now the Deputy Director of the Taliban General Directorate of Intelligence."
    )
    extraction = extract(extractor, text)
    people = [m for m in extraction.mentions if m.entity_type == "Person"]
    assert {m.normalized for m in people} == {"Taj Mir Jawad"}
    assert {m.text for m in people} == {"Taj Mir Jawad", "Jawad"}


def test_mentions_acronym_extends_truncated_name_and_becomes_alias(extractor):
    text = "The claim that there is a clear distinction between the Taliban, al-Qaeda, and Islamic State Khorasan Province (IS-KP) too, is debatable."
    extraction = extract(extractor, text)
    by_text = {m.text: m.normalized for m in extraction.mentions}
    assert by_text.get("Islamic State Khorasan Province") == "Islamic State Khorasan Province"
    assert by_text.get("IS-KP") == "Islamic State Khorasan Province"
    assert "Khorasan Province" not in by_text and "State" not in by_text


def test_mentions_acronym_covers_the_indian_subcontinent(extractor):
    text = "In addition to the Afghan Taliban, al-Qaeda is supported by al-Qaeda in the Indian Subcontinent (AQIS), which is made up predominantly of jihadists from Pakistan."
    extraction = extract(extractor, text)
    by_text = {m.text: (m.normalized, m.entity_type) for m in extraction.mentions}
    assert by_text["al-Qaeda in the Indian Subcontinent"][1] == "Organization"
    assert by_text["AQIS"][0] == "al-Qaeda in the Indian Subcontinent"
    assert "Indian Subcontinent" not in by_text
    assert by_text["Afghan Taliban"][0] == "Taliban"


def test_mentions_names_of_works_are_not_entities(extractor):
    text = "In September 2013, al-Zawahiri issued his seminal General Guidelines for the Work of Jihad, in which he emphasized the need for self-discipline."
    found = names(extract(extractor, text))
    assert not any("Guidelines" in name for name in found)
    assert found.get("al-Zawahiri") == "Person"


def test_mentions_title_case_headline_words_are_not_names(extractor):
    extraction = extract(extractor, "'Pak Attacked Afghanistan': What Trump Said On Brokering Peace", kind="headline")
    texts = {m.text for m in extraction.mentions}
    assert "Trump Said" not in texts and "Pak Attacked" not in texts
    assert "Afghanistan" in texts


def test_mentions_lost_dash_run_on_keeps_the_place(extractor):
    extraction = extract(extractor, "Border clashes erupt between Pakistan and Afghanistanagain", kind="headline")
    assert "Afghanistan" in {m.text for m in extraction.mentions}


def test_mentions_a_place_ending_in_s_is_not_a_possessive_of_a_town(extractor):
    extraction = extract(extractor, "Zelensky met Macron in Paris on Monday. Paris has pledged more air defence.")
    assert {m.normalized for m in extraction.mentions if m.text == "Paris"} == {"Paris"}


def test_mentions_titles_are_not_part_of_a_name(extractor):
    extraction = extract(extractor, "NATO Secretary General Mark Rutte, speaking in Brussels, said the alliance would keep supporting Kyiv.")
    assert "Mark Rutte" in {m.normalized for m in extraction.mentions if m.entity_type == "Person"}


def test_mentions_a_topic_of_something_is_not_an_organization(extractor):
    extraction = extract(extractor, "Future of India-Afghanistan ties hinges on trade, says the Bank of America and the Times of India.")
    organizations = {m.normalized for m in extraction.mentions if m.entity_type == "Organization"}
    assert not any(name.startswith("Future") for name in organizations)
    assert {"Bank of America", "Times of India"} <= organizations


def test_mentions_an_organization_does_not_run_on_into_a_place(extractor):
    extraction = extract(extractor, "Operation Slipper and Australias involvement in the War in Afghanistan", kind="headline")
    texts = {m.text for m in extraction.mentions}
    assert not any(text.endswith("Australias") for text in texts)
    assert "War" not in texts and "Afghanistan" in texts
