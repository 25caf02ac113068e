"""Property tests: whatever bytes a file holds, reading it never raises."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.ingest import SUPPORTED_SUFFIXES, read_input

SUFFIXES = sorted(SUPPORTED_SUFFIXES) + [".bin", ""]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_result(result) -> None:
    assert result.status in {"read", "partial", "skipped"}
    if result.status == "skipped":
        assert result.reason and result.documents == ()
    else:
        assert result.documents
    if result.reason:
        assert "\n" not in result.message and "\r" not in result.message
    for document in result.documents:
        assert document.text.strip() == document.text and document.text
        assert "\r" not in document.text
        assert unicodedata.is_normalized("NFC", document.text)


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_ingest_arbitrary_bytes_never_crash(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    check_result(read_input(path))


@SETTINGS
@given(text=st.text(max_size=2000), suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_ingest_arbitrary_text_in_any_encoding_never_crashes(tmp_path, text, suffix, encoding):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    check_result(read_input(path))


records = st.dictionaries(
    st.sampled_from(["text", "title", "url", "date", "publisher", "authors", "other"]),
    st.one_of(st.text(max_size=200), st.none(), st.integers(), st.lists(st.text(max_size=20), max_size=3)),
)


# No lone surrogates ("Cs"): a UTF-8 file cannot hold them, so no input line can.
@SETTINGS
@given(lines=st.lists(st.one_of(records.map(json.dumps), st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=100)), max_size=20))
def test_ingest_jsonl_lines_are_each_kept_or_reported(tmp_path, lines):
    path = tmp_path / "input.jsonl"
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_input(path)
    check_result(result)
    # Every non-blank line is accounted for: a document, or a note naming its line number.
    non_blank = sum(1 for line in lines if line.encode("utf-8").strip())
    dropped = sum(1 for note in result.notes if note.startswith("line "))
    assert len(result.documents) + dropped == non_blank
