"""The timeline: a CSV of dated facts and dated sources (``newskg timeline``).

One row per dated source document (an article or a headline it listed: its date, outlet
and title) and one per typed relation that has a date. A relation carries two kinds of
date, kept apart in their own columns:

* ``first_seen`` / ``last_seen``: the earliest and latest publication dates of the
  documents that state it (corroboration over time);
* ``stated_time``: the date the sentence itself gives for the fact ("killed ... on July
  31, 2022"), as written, with ``stated_date`` its ISO form when it can be read.

``date`` is what the row is sorted by: the publication date for a document, the stated
date for a relation when known, else its first-seen date; ``date_source`` says which.
Relations with no date at all (e.g. ``partOf`` from the gazetteer) are left out.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import networkx as nx

from graph.build import relation_edges
from newskg.atomic import atomic_open

COLUMNS = (
    "date",
    "date_source",
    "record",
    "subject",
    "predicate",
    "object",
    "text",
    "publisher",
    "doc_id",
    "source_count",
    "first_seen",
    "last_seen",
    "stated_time",
    "stated_date",
)

_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %Y", "%b %Y", "%Y")


def parse_stated_date(text: str | None) -> str | None:
    """An ISO date (or year-month, or year) for a date as a sentence writes it, or None.

    Examples:
        >>> parse_stated_date("July 31, 2022")
        '2022-07-31'
        >>> parse_stated_date("in August 2021")
        '2021-08'
        >>> parse_stated_date("last week") is None
        True
    """
    if not text:
        return None
    cleaned = _ORDINAL.sub("", text.strip()).replace(".", "")
    iso = _ISO_PREFIX.match(cleaned)
    if iso:
        return iso.group(0)
    words = cleaned.split()
    # Try the longest run of words that parses, so "on July 31, 2022" and "in August 2021" work.
    for width in range(min(len(words), 3), 0, -1):
        for start in range(len(words) - width + 1):
            candidate = " ".join(words[start : start + width])
            for pattern in _FORMATS:
                try:
                    parsed = datetime.strptime(candidate, pattern)
                except ValueError:
                    continue
                if "%d" in pattern:
                    return parsed.date().isoformat()
                return parsed.strftime("%Y-%m") if "%B" in pattern or "%b" in pattern else parsed.strftime("%Y")
    return None


def _publisher(graph: nx.MultiDiGraph, doc_id: str | None) -> str:
    # Evidence may name a source that is no document node (the gazetteer): no publisher then.
    if doc_id is None or doc_id not in graph:
        return ""
    return graph.nodes[doc_id].get("publisher") or ""


def timeline_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The timeline's rows, oldest first (documents before relations on the same date)."""
    rows: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "document" or not data.get("date"):
            continue
        rows.append(
            {
                "date": data["date"],
                "date_source": "published",
                "record": data.get("doc_kind") or "article",
                "text": data.get("title") or "",
                "publisher": data.get("publisher") or "",
                "doc_id": node,
            }
        )
    for subject, obj, _, data in relation_edges(graph):
        stated_time = data.get("time")
        stated_date = parse_stated_date(stated_time)
        first_seen = data.get("first_seen")
        date, date_source = (stated_date, "stated") if stated_date else (first_seen, "first_seen")
        if not date:
            continue
        evidence = data.get("evidence") or [{}]
        rows.append(
            {
                "date": date,
                "date_source": date_source,
                "record": "relation",
                "subject": graph.nodes[subject].get("label", subject),
                "predicate": data.get("predicate", ""),
                "object": graph.nodes[obj].get("label", obj),
                "text": evidence[0].get("text", ""),
                "publisher": ";".join(sorted({_publisher(graph, record.get("doc_id")) for record in evidence} - {""})),
                "doc_id": ";".join(sorted({record.get("doc_id", "") for record in evidence})),
                "source_count": data.get("source_count", ""),
                "first_seen": first_seen or "",
                "last_seen": data.get("last_seen") or "",
                "stated_time": stated_time or "",
                "stated_date": stated_date or "",
            }
        )
    rows.sort(key=lambda row: (row["date"], row["record"] == "relation", row.get("subject", ""), row.get("predicate", ""), row.get("object", ""), row["text"], row["doc_id"]))
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def write_timeline(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the timeline CSV (UTF-8, header row, RFC 4180 quoting) to ``path``."""
    with atomic_open(Path(path), "w", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(timeline_rows(graph))
