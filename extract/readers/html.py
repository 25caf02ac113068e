"""HTML pages: the main text only, by trafilatura, with the title, date and authors it finds.

Scripts, styles, navigation, footers and cookie banners are dropped by trafilatura's
boilerplate removal. Pages too short for its article heuristics fall back to all
visible text, still without scripts and styles.
"""

from __future__ import annotations

import logging
import re

import trafilatura

from extract.readers.documents import iso_date, split_document, text_document
from extract.readers.sniff import repair_text
from newskg.model import Document

# trafilatura logs every page it finds no article in; newskg reports that itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\band\b|&)\s*")


class NoMainTextError(ValueError):
    pass


def documents_from_html(html: str, source: str) -> list[Document]:
    """The article in ``html`` as Documents (one unless it is very long).

    Raises :class:`NoMainTextError` when the page has no visible text at all.
    """
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # <noscript> holds "enable JavaScript" notices, never the article.
        prune_xpath="//noscript",
    )
    fields = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else (extracted or {})
    text = (fields.get("text") or "").strip()
    if not text:
        text = (trafilatura.html2txt(html) or "").strip()
    if not text:
        raise NoMainTextError("no visible text in the HTML (only markup, scripts or styles)")
    text, _ = repair_text(text)
    title = _clean(fields.get("title"))
    document = text_document(
        text,
        source,
        title=title,
        publisher=_clean(fields.get("sitename")),
        authors=split_authors(fields.get("author")),
        date=iso_date(fields.get("date")),
        url=_clean(fields.get("url")),
    )
    return split_document(document)


def split_authors(value: object) -> tuple[str, ...]:
    """'Jane Doe; John Roe' or 'Jane Doe and John Roe' -> ('Jane Doe', 'John Roe')."""
    if isinstance(value, (list, tuple)):
        names = [str(name) for name in value]
    elif isinstance(value, str):
        names = _AUTHOR_SEPARATORS.split(value)
    else:
        return ()
    cleaned = (_clean(name) for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if name))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text, _ = repair_text(" ".join(value.split()))
    return text or None
