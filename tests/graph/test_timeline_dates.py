"""The timeline CSV: dated sources, and relations with seen dates kept apart from stated dates."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from graph.timeline import COLUMNS, parse_stated_date, timeline_rows, write_timeline


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_timeline_lists_every_dated_source_with_outlet(news_graph, tmp_path):
    write_timeline(news_graph, tmp_path / "timeline.csv")
    rows = _read(tmp_path / "timeline.csv")
    assert list(rows[0]) == list(COLUMNS)
    sources = [(r["date"], r["record"], r["publisher"], r["text"]) for r in rows if r["record"] != "relation"]
    assert sources == [
        ("2022-08-01", "article", "AP News", "US kills al-Qaeda leader in Kabul"),
        ("2022-08-02", "article", "Reuters", "Zawahiri's death and the Taliban"),
        ("2022-08-05", "headline", "BBC", "The Taliban control Kabul"),
    ]


def test_timeline_keeps_stated_date_apart_from_publication(news_graph):
    rows = {(r["subject"], r["predicate"], r["object"]): r for r in timeline_rows(news_graph) if r["record"] == "relation"}
    killed = rows[("Ayman al-Zawahiri", "killedIn", "Kabul")]
    assert (killed["date"], killed["date_source"]) == ("2022-07-31", "stated")
    assert killed["stated_time"] == "July 31, 2022"
    assert killed["first_seen"] == "2022-08-01"  # when a source first reported it
    led = rows[("Ayman al-Zawahiri", "leaderOf", "al-Qaeda")]
    assert (led["date"], led["date_source"], led["source_count"]) == ("2022-08-01", "first_seen", 2)
    assert (led["first_seen"], led["last_seen"]) == ("2022-08-01", "2022-08-02")
    assert led["doc_id"] == "doc-ap;doc-reuters"
    assert led["publisher"] == "AP News;Reuters"
    # partOf from the gazetteer has no date: not a dated fact.
    assert not any(predicate == "partOf" for _, predicate, _ in rows)


def test_timeline_is_sorted_oldest_first(news_graph):
    dates = [row["date"] for row in timeline_rows(news_graph)]
    assert dates == sorted(dates) and dates[0] == "2022-07-31"


def test_timeline_quotes_hostile_text(news_corpus, tmp_path):
    from dataclasses import replace

    from graph.build import build_graph

    document = replace(news_corpus.documents[0], title='Comma, "quote"\nand newline')
    graph = build_graph(replace(news_corpus, documents=[document, *news_corpus.documents[1:]]))
    write_timeline(graph, tmp_path / "t.csv")
    article = next(row for row in _read(tmp_path / "t.csv") if row["doc_id"] == "doc-ap" and row["record"] == "article")
    assert article["text"] == 'Comma, "quote"\nand newline'


def test_timeline_parses_dates_as_sentences_write_them():
    assert parse_stated_date("on July 31, 2022") == "2022-07-31"
    assert parse_stated_date("31 July 2022") == "2022-07-31"
    assert parse_stated_date("Aug. 15th, 2021") == "2021-08-15"
    assert parse_stated_date("in August 2021") == "2021-08"
    assert parse_stated_date("2021") == "2021"
    assert parse_stated_date("2021-08-15T10:00") == "2021-08-15"
    assert parse_stated_date("last Tuesday") is None
    assert parse_stated_date(None) is None


def test_timeline_seed_has_the_80_dated_headlines(seed_graph):
    headlines = [row for row in timeline_rows(seed_graph) if row["record"] == "headline"]
    assert len(headlines) == 80
    assert all(row["date"].startswith("2025-10-") and row["publisher"] and row["text"] for row in headlines)
    assert {
        "date": "2025-10-13",
        "publisher": "AP News",
        "text": "Afghanistan says it has killed 58 Pakistani soldiers in overnight border operations",
    }.items() <= next(r for r in headlines if r["text"].startswith("Afghanistan says it has killed 58")).items()
