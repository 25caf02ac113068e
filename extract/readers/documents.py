"""Documents from text and its metadata: stable ids, and chunks for long texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Iterable

from extract.readers.chunking import MAX_DOCUMENT_CHARS, split_text
from extract.seed_format import parse_date
from newskg.model import Document, content_id


def first_line(text: str, *, limit: int = 300) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return None


def split_document(document: Document, *, limit: int = MAX_DOCUMENT_CHARS) -> list[Document]:
    """``document`` itself if it is short enough, else its paragraph-bounded parts.

    Each part is a Document of its own (offsets count from the part's first
    character) with an id derived from the whole document's id and the part number,
    so identical paragraphs in different places never collapse into one.
    """
    if len(document.text) <= limit:
        return [document]
    return list(numbered_parts(document, split_text(document.text, limit)))


def numbered_parts(template: Document, chunks: Iterable[str]) -> Iterable[Document]:
    for number, chunk in enumerate(chunks, start=1):
        title = f"{template.title} (part {number})" if template.title else f"part {number}"
        yield replace(template, id=content_id(template.id, f"part {number}"), text=chunk, title=title)


def text_document(
    text: str,
    source: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    authors: tuple[str, ...] = (),
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """An article Document whose id is a hash of its title and text."""
    return Document(
        id=content_id(title or "", text),
        text=text,
        source=source,
        kind="article",
        title=title,
        publisher=publisher,
        authors=authors,
        date=date,
        url=url,
    )


def iso_date(value: object) -> str | None:
    """A date in any common news format as ISO 8601 (``YYYY-MM-DD``, or with its time), else None.

    Examples:
        >>> iso_date("2025-10-19T08:00:00Z")
        '2025-10-19T08:00:00+00:00'
        >>> iso_date("October 19th, 2025")
        '2025-10-19'
        >>> iso_date("Sun, 19 Oct 2025 08:00:00 GMT")
        '2025-10-19T08:00:00+00:00'
        >>> iso_date("last week") is None
        True
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (_from_iso, parse_date, _from_rfc2822):
        try:
            parsed = parse(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        if parsed:
            return parsed
    return None


def _from_iso(text: str) -> str | None:
    parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()


def _from_rfc2822(text: str) -> str | None:
    return parsedate_to_datetime(text).isoformat()
