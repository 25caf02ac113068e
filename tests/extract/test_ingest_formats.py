"""Reading each input format, and each way an input can be bad, one file at a time."""

from __future__ import annotations

import errno
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from extract import ingest
from extract.ingest import read_input, read_inputs

BAD_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"


def fixture(name: str):
    return read_input(BAD_INPUTS / name)


def test_ingest_plain_text_first_line_is_the_title():
    result = fixture("good_article.txt")
    assert result.status == "read" and result.reason is None
    (document,) = result.documents
    assert document.title == "Kabul talks resume in Doha"
    assert document.text.startswith("Kabul talks resume in Doha\nNegotiators from Pakistan")
    assert document.source == str(BAD_INPUTS / "good_article.txt")


def test_ingest_normalizes_line_endings_and_unicode_but_keeps_text_verbatim(tmp_path):
    decomposed = "Jose\u0301 Mari\u0301a met \u201cofficials\u201d in Kabul \u2013 twice."
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"Title line\r\n{decomposed}\rLast line\r\n".encode("utf-8"))
    (document,) = read_input(path).documents
    assert "\r" not in document.text
    assert document.text == unicodedata.normalize("NFC", f"Title line\n{decomposed}\nLast line")
    # Curly quotes and dashes are the author's, not mojibake: kept.
    assert "\u201cofficials\u201d" in document.text and "\u2013" in document.text


def test_ingest_document_ids_are_stable_and_depend_on_content(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Kabul\nThe same text.\n")
    second.write_text("Kabul\nThe same text.\n")
    assert read_input(first).documents[0].id == read_input(second).documents[0].id
    second.write_text("Kabul\nA different text.\n")
    assert read_input(first).documents[0].id != read_input(second).documents[0].id


@pytest.mark.parametrize("name", ["windows_1252.txt", "latin_1.txt"])
def test_ingest_non_utf8_text_is_detected_and_decoded(name):
    result = fixture(name)
    assert result.status == "read"
    assert result.encoding == "cp1252"
    assert "decoded as cp1252" in result.notes
    text = result.documents[0].text
    assert "\ufffd" not in text
    assert ("Montréal" in text and "François Legault’s plan “will not work”" in text) or (
        "Bürgermeister von München" in text and "Straßenbahn" in text
    )


def test_ingest_mojibake_is_repaired():
    result = fixture("mojibake.txt")
    assert result.status == "read" and "repaired mojibake" in result.notes
    assert result.documents[0].text == "Café de Flore hosted José María Aznar in Paris, the mayor’s office said."


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "empty file (only whitespace)"),
        ("disguised_pdf.txt", "binary file (PDF), not .txt text"),
        ("disguised_png.html", "binary file (PNG), not .html text"),
        ("zip_named.json", "binary file (zip archive), not .json text"),
        ("nul_bytes.txt", "binary file (NUL bytes), not .txt text"),
        ("only_scripts.html", "no visible text in the HTML (only markup, scripts or styles)"),
        ("truncated.json", "invalid JSON: unterminated string starting at line 1 column 24"),
        ("broken_link.txt", "broken symbolic link (its target does not exist)"),
        ("loop_a.txt", "symbolic link loop"),
    ],
)
def test_ingest_bad_file_is_skipped_with_its_reason(name, reason):
    result = fixture(name)
    assert (result.status, result.reason, result.documents) == ("skipped", reason, ())
    assert result.message == f"{BAD_INPUTS / name}: {reason}"


@pytest.mark.parametrize("name", ["report.pdf", "photo.png", "articles.zip", "notes.xyz", "spreadsheet.csv", "no_extension"])
def test_ingest_unknown_extension_is_skipped_and_named(name):
    result = fixture(name)
    assert result.status == "skipped"
    assert result.reason.startswith("unsupported file type")
    assert ".txt" in result.reason  # says what would have been read


def test_ingest_html_keeps_main_text_and_drops_scripts_and_boilerplate():
    result = fixture("scripts_everywhere.html")
    assert result.status == "read"
    (document,) = result.documents
    assert "Fighting resumed on the border between Pakistan and Afghanistan" in document.text
    assert "The United Nations urged both governments" in document.text
    for boilerplate in ("SCRIPT_MARKER", "STYLE_MARKER", "NOSCRIPT_MARKER", "Subscribe now", "Cookie policy", "console.log"):
        assert boilerplate not in document.text
    assert document.title == "Border clashes resume"
    assert document.authors == ("Jane Doe",)
    assert document.date == "2025-10-15"


def test_ingest_jsonl_keeps_good_lines_and_names_bad_ones():
    result = fixture("mixed_records.jsonl")
    assert result.status == "partial"
    assert [document.text for document in result.documents] == [
        "Sirajuddin Haqqani met Qatari mediators in Doha on Monday.",
        "Pakistan and Afghanistan agreed to a ceasefire after talks in Istanbul.",
    ]
    first, second = result.documents
    assert (first.title, first.publisher, first.date, first.url) == (
        "Haqqani in Doha", "Example Wire", "2025-10-13", "https://example.org/a")
    assert first.authors == second.authors == ("Jane Doe", "John Roe")
    assert second.date == "2025-10-19"
    assert [note.split(":")[0] for note in result.notes] == ["line 2", "line 4", "line 5", "line 7"]
    assert result.reason.startswith("dropped 4 of 6 records (line 2: invalid JSON")
    assert "\n" not in result.message


def test_ingest_jsonl_with_no_good_line_is_skipped():
    result = fixture("all_bad.jsonl")
    assert result.status == "skipped" and result.reason.startswith("dropped 2 of 2 records")


def test_ingest_json_records_under_a_list_key():
    result = fixture("records.json")
    assert result.status == "partial" and result.reason == "dropped 1 of 2 records (record 2: empty 'text')"
    (document,) = result.documents
    assert (document.title, document.publisher, document.date) == (
        "New governor in Herat", "Example Wire", "2025-10-19T08:00:00+00:00")


def test_ingest_json_single_record_and_plain_list(tmp_path):
    single, listed = tmp_path / "one.json", tmp_path / "many.json"
    single.write_text(json.dumps({"text": "Kabul is the capital.", "title": "Kabul"}))
    listed.write_text(json.dumps([{"text": "Herat is in the west."}, {"text": "Kandahar is in the south."}]))
    assert [d.title for d in read_input(single).documents] == ["Kabul"]
    assert len(read_input(listed).documents) == 2
    listed.write_text("42")
    assert read_input(listed).reason == "JSON holds a int, not records"


def test_ingest_unreadable_file_is_skipped(tmp_path, monkeypatch):
    # Tests run as root, who can read a chmod 000 file; make the open itself fail.
    path = tmp_path / "secret.txt"
    path.write_text("Kabul\n")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    result = read_input(path)
    assert (result.status, result.reason) == ("skipped", "permission denied")


def test_ingest_folder_named_as_a_file_and_missing_path(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    assert read_input(tmp_path / "folder.txt").reason == "is a folder, not a file"
    assert read_input(tmp_path / "nowhere.txt").reason == "no such file (missing, or vanished during the run)"


def test_ingest_file_that_vanishes_during_the_run_is_skipped(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name}\nText of {name} about Kabul.\n")
    results = []
    for result in read_inputs([tmp_path]):
        results.append(result)
        if result.path.endswith("a.txt"):
            (tmp_path / "b.txt").unlink()
    assert [(Path(r.path).name, r.status) for r in results] == [("a.txt", "read"), ("b.txt", "skipped"), ("c.txt", "read")]
    assert results[1].reason == "no such file (missing, or vanished during the run)"


def test_ingest_folder_symlink_loop_is_reported_not_walked(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("Kabul\nText about Kabul.\n")
    os.symlink("..", folder / "sub" / "back_up")
    os.symlink("sub", folder / "alias")  # a link to a sibling folder is walked, once per path
    results = list(read_inputs([folder]))
    by_name = {Path(r.path).relative_to(folder).as_posix(): r for r in results}
    assert by_name["sub/back_up"].reason.startswith("symbolic link loop")
    assert by_name["sub/a.txt"].status == by_name["alias/a.txt"].status == "read"
    assert len(results) <= 5


def test_ingest_messages_stay_on_one_line_whatever_the_file_name(tmp_path):
    path = tmp_path / "evil\nname\r.xyz"
    path.write_text("text")
    result = read_input(path)
    assert "\n" not in result.message and "\r" not in result.message
    assert "evil\\nname\\r.xyz" in result.message


def test_ingest_discover_inputs_lists_files_in_sorted_order_without_hidden_ones(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in ingest.discover_inputs([tmp_path])] == ["a.txt", "b.txt"]


def test_ingest_corpus_copy_keeps_symlinks(tmp_path):
    # The bad_inputs corpus relies on committed symlinks; a copy must keep them as links.
    copy = tmp_path / "bad"
    shutil.copytree(BAD_INPUTS, copy, symlinks=True)
    assert (copy / "loop_a.txt").is_symlink() and (copy / "broken_link.txt").is_symlink()
