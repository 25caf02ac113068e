"""Long texts become paragraph-bounded parts; a huge file is read in bounded memory."""

from __future__ import annotations

import tracemalloc

from extract.ingest import read_input
from extract.readers.chunking import MAX_DOCUMENT_CHARS, iter_file_chunks, sniff_large_file, split_text
from extract.readers.documents import split_document, text_document

PARAGRAPH = ("Negotiators from Pakistan and Afghanistan met in Doha on Sunday, officials said. " * 8).strip()


def write_large_file(path, megabytes: int, paragraph: str = PARAGRAPH) -> int:
    block = (paragraph + "\n\n") * 1000
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < megabytes * 1024 * 1024:
            handle.write(block)
            written += len(block.encode("utf-8"))
    return written


def test_ingest_split_text_cuts_at_paragraph_breaks():
    paragraphs = [f"Paragraph {number}. " + "word " * 30 for number in range(100)]
    text = "\n\n".join(paragraphs)
    chunks = split_text(text, 1000)
    assert all(len(chunk) <= 1000 for chunk in chunks)
    # Every chunk is whole paragraphs: nothing lost, nothing cut mid-paragraph.
    assert [p.strip() for chunk in chunks for p in chunk.split("\n\n")] == [p.strip() for p in paragraphs]


def test_ingest_split_text_without_breaks_still_bounds_chunk_length():
    chunks = split_text("x" * 2500, 1000)
    assert [len(chunk) for chunk in chunks] == [1000, 1000, 500]


def test_ingest_long_document_becomes_parts_with_their_own_ids_and_offsets():
    text = "\n\n".join(f"Kabul paragraph {number}. " + "text " * 50 for number in range(2000))
    document = text_document(text, "long.txt", title="Long article")
    parts = split_document(document)
    assert len(parts) > 1
    assert all(len(part.text) <= MAX_DOCUMENT_CHARS for part in parts)
    assert len({part.id for part in parts}) == len(parts)
    assert [part.title for part in parts[:2]] == ["Long article (part 1)", "Long article (part 2)"]
    # Offsets count from each part's own first character.
    second = parts[1]
    start = second.text.index("Kabul paragraph")
    assert second.text[start : start + 15] == "Kabul paragraph"


def test_ingest_fifty_megabyte_file_is_read_in_parts_within_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    size = write_large_file(path, 50)
    tracemalloc.start()
    try:
        encoding, _ = sniff_large_file(path)
        parts = 0
        characters = 0
        for chunk in iter_file_chunks(path, encoding):
            assert 0 < len(chunk) <= MAX_DOCUMENT_CHARS
            assert chunk.startswith("Negotiators") and chunk.endswith("officials said.")
            parts += 1
            characters += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parts > 500
    assert characters > size * 0.99  # only the blank lines between parts are dropped
    assert peak < 16 * 1024 * 1024, f"reading used {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


def test_ingest_large_file_becomes_part_documents_with_stable_distinct_ids(tmp_path):
    path = tmp_path / "big.txt"
    write_large_file(path, 5)
    result = read_input(path)
    assert result.status == "read"
    documents = result.documents
    assert len(documents) > 50
    # Every part repeats the same paragraphs, yet each keeps its own id.
    assert len({document.id for document in documents}) == len(documents)
    assert documents[0].title.startswith("Negotiators from Pakistan") and documents[0].title.endswith("(part 1)")
    assert [d.id for d in read_input(path).documents] == [d.id for d in documents]
    assert any(note.startswith("large file read in") for note in result.notes)


def test_ingest_large_non_utf8_file_is_decoded_in_parts(tmp_path):
    path = tmp_path / "big_cp1252.txt"
    paragraph = "Le maire de Montréal a rencontré François Legault à Québec, a dit l’agence."
    with open(path, "w", encoding="cp1252") as handle:
        for _ in range(70_000):
            handle.write(paragraph + "\r\n\r\n")
    result = read_input(path)
    assert result.status == "read" and result.encoding == "cp1252"
    assert all("\r" not in d.text and "\ufffd" not in d.text for d in result.documents)
    assert result.documents[0].text.startswith(paragraph)
