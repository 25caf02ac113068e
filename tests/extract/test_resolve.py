"""Cross-document resolution: hand-built mentions where the behaviour is ours,
the seed article with the real model where it is the whole entity layer's."""

from __future__ import annotations

from collections import Counter

import pytest

from extract.normalize import name_key
from extract.resolve import ResolutionRules, resolve
from newskg.model import Document, DocumentExtraction, Mention


def doc_with(doc_id: str, *names: tuple[str, str]) -> DocumentExtraction:
    text = ". ".join(name for name, _ in names) + "."
    mentions, offset = [], 0
    for name, entity_type in names:
        mentions.append(Mention(doc_id, 0, offset, offset + len(name), name, "TEST", entity_type, normalized=name))  # type: ignore[arg-type]
        offset += len(name) + 2
    return DocumentExtraction(Document(doc_id, text, source=f"{doc_id}.txt"), mentions=tuple(mentions))


def labels(corpus) -> dict[str, str]:
    return {entity.label: entity.type for entity in corpus.entities}


def test_resolve_spelling_variants_across_documents_are_one_entity():
    corpus = resolve([doc_with("d1", ("al-Qaeda", "Organization")), doc_with("d2", ("al-Qaida", "Organization")), doc_with("d3", ("al Qaeda", "Organization"))])
    assert len(corpus.entities) == 1
    assert sorted(corpus.entities[0].doc_ids) == ["d1", "d2", "d3"]
    assert any(m.reason == "spelling-variant" for m in corpus.merges)


def test_resolve_surname_joins_the_only_full_name():
    corpus = resolve([doc_with("d1", ("Hibatullah Akhundzada", "Person")), doc_with("d2", ("Akhundzada", "Person"))])
    assert labels(corpus) == {"Hibatullah Akhundzada": "Person"}
    merge = next(m for m in corpus.merges if m.reason == "surname")
    assert merge.merged == "akhundzada" and merge.documents == ("d2",)


def test_resolve_shared_surname_is_not_merged_without_evidence():
    corpus = resolve(
        [
            doc_with("d1", ("Sirajuddin Haqqani", "Person"), ("Haqqani Network", "Organization")),
            doc_with("d2", ("Jalaluddin Haqqani", "Person")),
            doc_with("d3", ("Haqqani", "Person")),
        ]
    )
    assert set(labels(corpus)) == {"Sirajuddin Haqqani", "Haqqani Network", "Jalaluddin Haqqani", "Haqqani"}


def test_resolve_types_must_be_compatible_to_merge():
    corpus = resolve([doc_with("d1", ("Georgia", "Place")), doc_with("d2", ("Georgia Smith", "Person"))])
    assert labels(corpus) == {"Georgia": "Place", "Georgia Smith": "Person"}


def test_resolve_rules_pin_different_same_alias_and_type(tmp_path):
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        "aliases:\n  al-Qaeda: [AQ]\nsame:\n  - [Mullah Omar, Mohammed Omar]\ndifferent:\n  - [al-Qaeda, al-Qaida]\ntypes:\n  Farah: Place\n"
    )
    rules = ResolutionRules.from_file(rules_file)
    corpus = resolve(
        [
            doc_with("d1", ("al-Qaeda", "Organization"), ("Mullah Omar", "Person"), ("Farah", "Person")),
            doc_with("d2", ("al-Qaida", "Organization"), ("AQ", "Organization"), ("Mohammed Omar", "Person")),
        ],
        rules,
    )
    found = labels(corpus)
    assert found["al-Qaeda"] == "Organization" and "al-Qaida" in found  # pinned apart
    assert "AQ" not in found  # pinned alias
    assert len([e for e in corpus.entities if e.type == "Person"]) == 1
    assert found["Farah"] == "Place"


def test_resolve_rules_csv_and_bad_type_gives_clear_error(tmp_path):
    good = tmp_path / "rules.csv"
    good.write_text("rule,name,other\ndifferent,Sirajuddin Haqqani,Haqqani\n")
    assert frozenset(("sirajuddin haqqani", "haqqani")) in ResolutionRules.from_file(good).different
    bad = tmp_path / "bad.yaml"
    bad.write_text("types:\n  Farah: City\n")
    with pytest.raises(ValueError, match="bad.yaml"):
        ResolutionRules.from_file(bad)


def test_resolve_entity_ids_are_stable_whatever_the_input_order():
    docs = [doc_with("d1", ("Kabul", "Place"), ("Taliban", "Organization")), doc_with("d2", ("Taliban", "Organization"))]
    first = resolve(docs)
    second = resolve(list(reversed(docs)))
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    assert "organization/taliban" in {e.id for e in first.entities}


# --- the seed article, whole ---------------------------------------------------------------------

SEED_PLACES = ("Kabul", "Kunar", "Kandahar", "Helmand", "Farah", "Herat", "Nuristan", "Nimruz", "Zabul", "Nangarhar", "Kapisa", "Afghanistan", "Pakistan")
JUNK = ("Rebuild", "General Guidelines", "Legitimize al-Qaeda", "Afghans", "American", "jihadist", "Islamic", "State", "Trump Said", "Ceasefire Mediated")


def entity_table(seed_graph):
    return {data["label"]: data for _, data in seed_graph.nodes(data=True) if data.get("kind") == "entity"}


def test_resolve_seed_no_real_world_entity_twice(seed_graph):
    table = entity_table(seed_graph)
    keys = Counter((name_key(label), data["type"]) for label, data in table.items())
    assert [key for key, count in keys.items() if count > 1] == []
    # Spellings of one actor are aliases of one node, never separate nodes.
    for alias_of, name in [("al-Qaedas", "al-Qaeda"), ("Talibans", "Taliban"), ("Kabuls", "Kabul"), ("Jawad", "Taj Mir Jawad"), ("al-Zawahiri", "Ayman al-Zawahiri"), ("AQIS", "al-Qaeda in the Indian Subcontinent"), ("IS-KP", "Islamic State Khorasan Province"), ("Haqqani Networks", "Haqqani Network")]:
        assert alias_of not in table, alias_of
        assert alias_of in table[name]["aliases"], (alias_of, name)


def test_resolve_seed_types_and_no_junk(seed_graph):
    table = entity_table(seed_graph)
    for place in SEED_PLACES:
        assert table[place]["type"] == "Place", place
    for junk in JUNK:
        assert junk not in table, junk
    assert table["Haqqani Network"]["type"] == "Organization"
    assert table["Sirajuddin Haqqani"]["type"] == "Person"
    assert table["Taliban"]["type"] == "Organization"
    for person in ("Taj Mir Jawad", "Ayman al-Zawahiri", "Qari Ehsanullah Baryal", "Hafiz Muhammad Agha Hakeem", "Hibatullah Akhundzada", "Sajjan M. Gohel", "Victoria Jones"):
        assert table[person]["type"] == "Person", person


def test_resolve_seed_headlines_are_dated_documents_with_outlets(seed_graph):
    headlines = [data for _, data in seed_graph.nodes(data=True) if data.get("kind") == "document" and data["doc_kind"] == "headline"]
    assert len(headlines) == 80
    assert all(data["date"] and len(data["date"]) == 10 for data in headlines)
    outlets = Counter(data["publisher"] for data in headlines)
    assert outlets["ABC News - Breaking News, Latest News and Videos"] >= 3
    assert "The Sentinel - of this Land, for its People" in outlets
    article = next(data for _, data in seed_graph.nodes(data=True) if data.get("doc_kind") == "article")
    assert article["publisher"] == "Geopoliticalmonitor.com"
    assert article["authors"] == ["Sajjan M. Gohel", "Victoria Jones"]


def test_resolve_one_name_typed_differently_across_documents_is_one_entity():
    corpus = resolve([doc_with("d1", ("Trump", "Person")), doc_with("d2", ("Trump", "Organization")), doc_with("d3", ("Trump", "Person"))])
    assert labels(corpus) == {"Trump": "Person"}
    assert any(m.reason == "type-vote:Organization" for m in corpus.merges)


def test_resolve_a_name_the_gazetteer_knows_keeps_its_types_apart():
    # "Pari" is a small town: two mentions as a person outvote it in d1; d2 names the town.
    corpus = resolve([doc_with("d1", ("Pari", "Person"), ("Pari", "Person")), doc_with("d2", ("Pari", "Place"))])
    assert sorted(e.type for e in corpus.entities) == ["Person", "Place"]


def test_resolve_a_capital_ner_called_a_person_is_a_place():
    corpus = resolve([doc_with("d1", ("Kyiv", "Person"), ("Kyiv", "Person"), ("Zelensky", "Person"))])
    assert labels(corpus)["Kyiv"] == "Place"


def test_resolve_lone_surname_mistyped_as_place_joins_the_only_person_with_it():
    corpus = resolve([doc_with("d1", ("Amir Khan Muttaqi", "Person")), doc_with("d2", ("Muttaqi", "Place"))])
    assert labels(corpus) == {"Amir Khan Muttaqi": "Person"}
