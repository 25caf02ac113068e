from __future__ import annotations

from pathlib import Path

import pytest

from newskg.model import Document, DocumentExtraction, Evidence, Mention, Relation, Sentence
from newskg.serialize import SerializationError, dumps_extraction, loads_extraction

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_45bf02ee4dcabb9b.txt"


def test_serialize_round_trips_real_extractions_of_the_seed(extractor):
    from newskg.pipeline import BuildReport, read_documents

    documents = read_documents([SEED], BuildReport())
    extractions = list(extractor.pipe(documents))
    assert any(extraction.relations for extraction in extractions)
    for extraction in extractions:
        assert loads_extraction(dumps_extraction(extraction)) == extraction


def test_serialize_keeps_every_field_including_nested_tuples_and_foreign_doc_ids():
    document = Document(
        id="doc-1",
        text='He said "no" \u200f to Kabul 🙂',
        source="in/a.jsonl",
        kind="headline",
        title="T",
        publisher="P",
        authors=("A One", "B Two"),
        date="2024-01-02",
        url="https://example.org/a?b=<c>",
        parent_id="doc-0",
    )
    evidence = Evidence("doc-1", 0, 0, 10, "He said", highlights=((0, 2), (3, 7)))
    # Evidence from another document keeps its own doc_id.
    foreign = Evidence("doc-9", 1, 5, 9, "x")
    extraction = DocumentExtraction(
        document=document,
        sentences=(Sentence("doc-1", 0, 0, 10, "He said"),),
        mentions=(Mention("doc-1", 0, 20, 25, "Kabul", "GPE", "Place", normalized="Kabul"),),
        relations=(
            Relation("doc-1:0:2", "locatedIn", "doc-1:20:25", 1.0, evidence, "rule", role="x", former=True, time="2022"),
            Relation("a", "memberOf", "b", 0.5, foreign, "dep"),
        ),
    )
    text = dumps_extraction(extraction)
    assert "\n" not in text
    restored = loads_extraction(text)
    assert restored == extraction
    assert isinstance(restored.relations[0].evidence.highlights[0], tuple)
    assert isinstance(restored.relations[0].confidence, float)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"document": {"text": "x"}}', '{"document": {"id": "d", "text": "t", "source": "s", "bogus": 1}}'])
def test_serialize_rejects_text_that_is_not_an_extraction(text):
    with pytest.raises(SerializationError):
        loads_extraction(text)
