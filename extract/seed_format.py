"""The seed article format: headline line, body, bylines, "See original here:", related headlines.

    The Talibans Plan to Rebuild and Legitimize al-Qaeda – Geopoliticalmonitor.com
    <body paragraphs, ending with author bylines "X is a Visiting Teacher at Y.">
    See original here:
    <title repeated>
    - TITLE - OUTLET - DATE [DATE]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

SEE_ORIGINAL_MARKER = "See original here:"

# The outlet itself may contain " - " ("ABC News - Breaking News, Latest News and Videos"),
# so anchor on the date at the end and take the title as everything before the *first*
# " - " whose remainder still parses as "OUTLET - DATE [DATE]".
_HEADLINE_LINE = re.compile(r"^- (?P<body>.+?) - (?P<date>[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, \d{4}) \[[^\]]*\]\s*$")
_TITLE_PUBLISHER = re.compile(r"^(?P<title>.+?)\s+[–—-]\s+(?P<publisher>[^–—]+?)\s*$")
_BYLINE = re.compile(
    r"^(?P<name>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]*){1,3}) is (?:a|an|the) [^.]*\b(?:at|of|for|with)\b"
)
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(st|nd|rd|th)")


@dataclass(frozen=True)
class RelatedHeadline:
    title: str
    outlet: str
    date: str | None


@dataclass(frozen=True)
class SeedArticle:
    title: str
    publisher: str | None
    body: str
    body_offset: int
    authors: tuple[str, ...]
    headlines: tuple[RelatedHeadline, ...]


def looks_like_seed(text: str) -> bool:
    return SEE_ORIGINAL_MARKER in text


def parse_date(text: str) -> str | None:
    """'October 19th, 2025' -> '2025-10-19'."""
    cleaned = _ORDINAL_SUFFIX.sub("", text.strip())
    for pattern in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def split_title_publisher(line: str) -> tuple[str, str | None]:
    match = _TITLE_PUBLISHER.match(line.strip())
    if match and ("." in match["publisher"] or len(match["publisher"].split()) <= 4):
        return match["title"].strip(), match["publisher"].strip()
    return line.strip(), None


def parse_headline_line(line: str) -> RelatedHeadline | None:
    match = _HEADLINE_LINE.match(line.strip())
    if not match:
        return None
    title, _, outlet = match["body"].partition(" - ")
    if not outlet:
        return None
    return RelatedHeadline(title=title.strip(), outlet=outlet.strip(), date=parse_date(match["date"]))


def find_authors(body: str) -> tuple[str, ...]:
    """Authors are named in bylines at the end of the body: "X is a Visiting Teacher at Y"."""
    authors: list[str] = []
    for line in body.strip().splitlines()[-6:]:
        match = _BYLINE.match(line.strip())
        if match:
            authors.append(match["name"].strip())
    return tuple(authors)


def parse_seed(text: str) -> SeedArticle:
    head, _, tail = text.partition(SEE_ORIGINAL_MARKER)
    first_line, newline, rest = head.partition("\n")
    title, publisher = split_title_publisher(first_line)
    body_offset = len(first_line) + len(newline)
    body = rest.rstrip()
    headlines = []
    for line in tail.splitlines():
        if line.startswith("- "):
            parsed = parse_headline_line(line)
            if parsed is not None:
                headlines.append(parsed)
    return SeedArticle(
        title=title,
        publisher=publisher,
        body=body,
        body_offset=body_offset,
        authors=find_authors(body),
        headlines=tuple(headlines),
    )
