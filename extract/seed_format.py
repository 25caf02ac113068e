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

# "- TITLE - OUTLET - DATE [DATE]": anchored on the date at the end. Title and outlet
# are split apart afterwards, because either may itself contain " - ".
_HEADLINE_LINE = re.compile(r"^-\s+(?P<body>.+)\s+-\s+(?P<date>[^\[\]]+?)\s*(?:\[[^\]]*\])?\s*$")
_TITLE_SEPARATORS = (" \u2013 ", " \u2014 ", " - ")  # en dash, em dash, hyphen: the publisher follows the last
_BYLINE = re.compile(
    r"^(?P<names>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]*){1,3}(?:,?\s+and\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]*){1,3})?)"
    r"\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?[^.]*?\b(?:at|of|for|with|in)\b"
)
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
# A publisher is a site name ("Geopoliticalmonitor.com") or a short name, not a clause.
_MAX_PUBLISHER_WORDS = 6


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
    """'October 19th, 2025' -> '2025-10-19'; None if it is not a date.

    Examples:
        >>> parse_date("October 19th, 2025")
        '2025-10-19'
        >>> parse_date("Oct 3, 2025")
        '2025-10-03'
        >>> parse_date("2025-10-19")
        '2025-10-19'
    """
    cleaned = " ".join(_ORDINAL_SUFFIX.sub("", text.strip()).split())
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y"):
        try:
            return datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def split_title_publisher(line: str) -> tuple[str, str | None]:
    """'Title – Geopoliticalmonitor.com' -> ('Title', 'Geopoliticalmonitor.com').

    The publisher follows the last dash; an en or em dash wins over a hyphen,
    which titles use more often ("Pakistan - Afghanistan talks").
    """
    line = line.strip()
    for separator in _TITLE_SEPARATORS:
        title, found, publisher = line.rpartition(separator)
        publisher = publisher.strip()
        if found and title.strip() and publisher and (
            "." in publisher or len(publisher.split()) <= _MAX_PUBLISHER_WORDS
        ):
            return title.strip(), publisher
    return line, None


def parse_headline_line(line: str, known_outlets: frozenset[str] = frozenset()) -> RelatedHeadline | None:
    """One related-headline line, or None if it is not one.

    Title and outlet are split at a " - ": at the one that leaves an outlet seen
    elsewhere in the list when there is such a split, else at the first (outlets
    such as "ABC News - Breaking News, Latest News and Videos" contain " - ").
    """
    match = _HEADLINE_LINE.match(line.strip())
    if not match:
        return None
    date = parse_date(match["date"])
    body = match["body"]
    if date is None:
        return None
    pieces = body.split(" - ")
    if len(pieces) < 2:
        return None
    splits = [(" - ".join(pieces[:cut]).strip(), " - ".join(pieces[cut:]).strip()) for cut in range(1, len(pieces))]
    title, outlet = next(((t, o) for t, o in splits if o in known_outlets), splits[0])
    if not title or not outlet:
        return None
    return RelatedHeadline(title=title, outlet=outlet, date=date)


def find_authors(body: str) -> tuple[str, ...]:
    """Authors are named in bylines at the end of the body: "X is a Visiting Teacher at Y"."""
    authors: list[str] = []
    for line in body.strip().splitlines()[-6:]:
        match = _BYLINE.match(line.strip())
        if match:
            for name in re.split(r",?\s+and\s+", match["names"]):
                if name.strip() and name.strip() not in authors:
                    authors.append(name.strip())
    return tuple(authors)


def parse_seed(text: str) -> SeedArticle:
    head, _, tail = text.partition(SEE_ORIGINAL_MARKER)
    first_line, newline, rest = head.partition("\n")
    title, publisher = split_title_publisher(first_line)
    body_offset = len(first_line) + len(newline)
    body = rest.rstrip()
    lines = [line for line in tail.splitlines() if line.lstrip().startswith("- ")]
    # Outlets of lines with a single " - " before the date are certain; they settle the ambiguous ones.
    first_pass = [parse_headline_line(line) for line in lines]
    known_outlets = frozenset(
        parsed.outlet for parsed in first_pass if parsed is not None and " - " not in parsed.outlet
    )
    headlines = [parsed for parsed in (parse_headline_line(line, known_outlets) for line in lines) if parsed]
    return SeedArticle(
        title=title,
        publisher=publisher,
        body=body,
        body_offset=body_offset,
        authors=find_authors(body),
        headlines=tuple(headlines),
    )
