"""JSON and JSON Lines records: ``text`` plus optional ``title``, ``url``, ``date``, ``publisher``, ``authors``.

A ``.json`` file holds one record, a list of records, or an object with the list
under ``articles``, ``documents``, ``records`` or ``items``. A ``.jsonl`` file holds
one record per line and is read line by line, so its size does not matter; a
malformed line is reported by its number and the other lines are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from extract.readers.documents import iso_date, split_document, text_document
from extract.readers.html import split_authors
from extract.readers.sniff import NotTextError, decode_bytes, repair_text
from newskg.model import Document

_LIST_KEYS = ("articles", "documents", "records", "items")


@dataclass
class RecordsRead:
    """What came out of a records file: its documents, and one problem per record it dropped."""

    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    records: int = 0
    encoding: str = "utf-8"


class NotRecordsError(ValueError):
    pass


def document_from_record(record: Any, source: str) -> list[Document]:
    """The Documents of one record; raises ValueError with the reason it cannot be used."""
    if not isinstance(record, dict):
        raise ValueError(f"expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("no 'text' string")
    text, _ = repair_text(text)
    text = text.strip()
    if not text:
        raise ValueError("empty 'text'")
    document = text_document(
        text,
        source,
        title=_string(record.get("title")),
        publisher=_string(record.get("publisher")),
        authors=split_authors(record.get("authors", record.get("author"))),
        date=iso_date(record.get("date")),
        url=_string(record.get("url")),
    )
    return split_document(document)


def read_json(text: str, source: str) -> RecordsRead:
    """A ``.json`` file's records; raises :class:`NotRecordsError` if it is not valid JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotRecordsError(f"invalid JSON: {_where(error, f'line {error.lineno} column {error.colno}')}") from None
    except RecursionError:
        raise NotRecordsError("invalid JSON: nested too deeply") from None
    if isinstance(data, dict):
        listed = next((data[key] for key in _LIST_KEYS if isinstance(data.get(key), list)), None)
        records = listed if listed is not None else [data]
    elif isinstance(data, list):
        records = data
    else:
        raise NotRecordsError(f"JSON holds a {type(data).__name__}, not records")
    result = RecordsRead(records=len(records))
    for index, record in enumerate(records, start=1):
        try:
            result.documents.extend(document_from_record(record, source))
        except ValueError as error:
            result.problems.append(f"record {index}: {error}")
    return result


def read_jsonl(path: Path, source: str) -> RecordsRead:
    """A ``.jsonl`` file's records, one line at a time; bad lines become problems."""
    result = RecordsRead()
    encodings: set[str] = set()
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            result.records += 1
            try:
                decoded = decode_bytes(raw)
            except NotTextError as error:
                result.problems.append(f"line {number}: {error}")
                continue
            encodings.add(decoded.encoding)
            try:
                record = json.loads(decoded.text.rstrip("\n"))
            except json.JSONDecodeError as error:
                result.problems.append(f"line {number}: invalid JSON ({_where(error, f'column {error.colno}')})")
                continue
            except RecursionError:
                result.problems.append(f"line {number}: invalid JSON (nested too deeply)")
                continue
            try:
                result.documents.extend(document_from_record(record, source))
            except ValueError as error:
                result.problems.append(f"line {number}: {error}")
    result.encoding = ", ".join(sorted(encodings)) or "utf-8"
    return result


def summarize_problems(problems: Iterable[str], *, total: int, limit: int = 3) -> str:
    """One line: how many records were dropped, and the first few reasons."""
    problems = list(problems)
    shown = "; ".join(problems[:limit])
    more = f"; and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"dropped {len(problems)} of {total} records ({shown}{more})"


def _where(error: json.JSONDecodeError, position: str) -> str:
    """'Expecting value at column 1'; json's own messages sometimes already end in 'at'."""
    message = error.msg[0].lower() + error.msg[1:]
    return f"{message} {position}" if message.endswith(" at") else f"{message} at {position}"


def _string(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text, _ = repair_text(" ".join(value.split()))
    return text or None
