"""The seed format: title line, body with bylines, and the related headlines after "See original here:"."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from extract.ingest import read_input
from extract.seed_format import parse_date, parse_headline_line, parse_seed, split_title_publisher

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_45bf02ee4dcabb9b.txt"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def seed_documents():
    result = read_input(SEED)
    assert result.status == "read", result.message
    return result.documents


def test_seed_format_article_has_title_publisher_authors_and_source(seed_documents):
    article = seed_documents[0]
    assert article.kind == "article"
    assert article.title == "The Talibans Plan to Rebuild and Legitimize al-Qaeda"
    assert article.publisher == "Geopoliticalmonitor.com"
    assert article.authors == ("Sajjan M. Gohel", "Victoria Jones")
    assert article.source == str(SEED)
    assert article.text.startswith("In addition to plunging the Middle East back into turmoil")
    assert "See original here:" not in article.text
    assert "- Pakistan and Afghanistan agree" not in article.text


def test_seed_format_eighty_headlines_become_dated_documents_linked_to_the_article(seed_documents):
    article, headlines = seed_documents[0], seed_documents[1:]
    assert len(headlines) == 80
    assert all(headline.kind == "headline" for headline in headlines)
    assert all(headline.parent_id == article.id for headline in headlines)
    assert all(ISO_DATE.match(headline.date or "") for headline in headlines)
    assert Counter(headline.date for headline in headlines)["2025-10-19"] > 0
    assert len({headline.id for headline in headlines}) == 80
    first = headlines[0]
    assert first.text == first.title == "Pakistan and Afghanistan agree to immediate ceasefire after peace talks in Doha"
    assert (first.publisher, first.date) == ("Reuters", "2025-10-19")


def test_seed_format_outlets_containing_a_dash_stay_whole(seed_documents):
    outlets = Counter(headline.publisher for headline in seed_documents[1:])
    assert outlets["ABC News - Breaking News, Latest News and Videos"] == 3
    assert outlets["The Sentinel - of this Land, for its People"] == 2
    assert "Breaking News, Latest News and Videos" not in outlets
    iran = next(h for h in seed_documents[1:] if h.title.startswith("Iran says ready"))
    assert iran.title == "Iran says ready to help ease Pakistan-Afghanistan tensions"
    last = seed_documents[-1]
    assert last.publisher == "The Logical Indian" and last.date == "2025-10-11"


def test_seed_format_ids_are_stable_content_hashes(seed_documents):
    again = read_input(SEED).documents
    assert [document.id for document in again] == [document.id for document in seed_documents]
    assert len({document.id for document in seed_documents}) == 81


def test_seed_format_title_line_splits_at_the_last_dash():
    assert split_title_publisher("The Talibans Plan to Rebuild and Legitimize al-Qaeda – Geopoliticalmonitor.com") == (
        "The Talibans Plan to Rebuild and Legitimize al-Qaeda",
        "Geopoliticalmonitor.com",
    )
    assert split_title_publisher("Pakistan - Afghanistan talks – Example.org") == ("Pakistan - Afghanistan talks", "Example.org")
    assert split_title_publisher("A headline without a publisher") == ("A headline without a publisher", None)


def test_seed_format_headline_title_with_a_dash_uses_known_outlets():
    line = "- Live - Pakistan strikes Kabul - Reuters - October 1st, 2025 [October 1st, 2025]"
    parsed = parse_headline_line(line, frozenset({"Reuters"}))
    assert parsed is not None
    assert (parsed.title, parsed.outlet, parsed.date) == ("Live - Pakistan strikes Kabul", "Reuters", "2025-10-01")


def test_seed_format_rejects_lines_that_are_not_headlines():
    assert parse_headline_line("- no outlet and no date") is None
    assert parse_headline_line("- Title - Outlet - not a date [x]") is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [("October 19th, 2025", "2025-10-19"), ("Oct 1st, 2025", "2025-10-01"), ("2 October 2025", "2025-10-02"), ("yesterday", None)],
)
def test_seed_format_dates_become_iso(written, iso):
    assert parse_date(written) == iso


def test_seed_format_bylines_with_two_authors_in_one_line():
    text = (
        "Title – Example.com\nBody text about Kabul.\n"
        "Jane Doe and John Roe are researchers at the Example Institute.\nSee original here:\nTitle\n"
        "- A headline - Example Wire - October 2nd, 2025 [October 2nd, 2025]\n"
    )
    seed = parse_seed(text)
    assert seed.authors == ("Jane Doe", "John Roe")
    assert [(h.title, h.outlet, h.date) for h in seed.headlines] == [("A headline", "Example Wire", "2025-10-02")]
