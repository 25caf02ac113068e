"""Plain text (``.txt``, ``.md``): the seed format when it is one, else one article.

Text that is long is split into paragraph-bounded parts (see
:mod:`extract.readers.chunking`); a huge file is read a part at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from extract.readers.chunking import MAX_DOCUMENT_CHARS, iter_file_chunks
from extract.readers.documents import first_line, numbered_parts, split_document, text_document
from extract.seed_format import RelatedHeadline, looks_like_seed, parse_seed
from newskg.model import Document, content_id


def documents_from_text(text: str, source: str) -> list[Document]:
    """The Documents in one file's (already decoded and normalised) text."""
    if looks_like_seed(text):
        documents = documents_from_seed(text, source)
        if documents:
            return documents
    body = text.strip()
    if not body:
        return []
    return split_document(text_document(body, source, title=first_line(body)))


def documents_from_seed(text: str, source: str) -> list[Document]:
    """The seed article as one Document, and each related headline as a Document pointing back to it."""
    seed = parse_seed(text)
    if not seed.body.strip():
        # A marker with no article before it: only the headlines, if any, are documents.
        return [_headline_document(headline, source, parent_id=None) for headline in seed.headlines]
    article = Document(
        id=content_id(seed.title, seed.body),
        text=seed.body,
        source=source,
        kind="article",
        title=seed.title,
        publisher=seed.publisher,
        authors=seed.authors,
    )
    parts = split_document(article)
    documents = list(parts)
    documents.extend(_headline_document(headline, source, parent_id=parts[0].id) for headline in seed.headlines)
    return documents


def _headline_document(headline: RelatedHeadline, source: str, *, parent_id: str | None) -> Document:
    return Document(
        id=content_id(headline.title, headline.outlet, headline.date or ""),
        text=headline.title,
        source=source,
        kind="headline",
        title=headline.title,
        publisher=headline.outlet,
        date=headline.date,
        parent_id=parent_id,
    )


def iter_large_text_documents(path: Path, encoding: str, digest: str, source: str, *, limit: int = MAX_DOCUMENT_CHARS) -> Iterator[Document]:
    """A huge plain-text file as a stream of part Documents, in bounded memory.

    The parts' ids derive from the file's sha256 and the part number, so they are
    stable across runs without holding the file in memory.
    """
    chunks = iter_file_chunks(path, encoding, limit=limit)
    first = next(chunks, None)
    if first is None:
        return
    template = Document(id=content_id(digest, prefix="doc"), text="", source=source, title=first_line(first))

    def all_chunks() -> Iterator[str]:
        yield first
        yield from chunks

    yield from numbered_parts(template, all_chunks())
