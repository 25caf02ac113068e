"""Surface forms of names to clean display names and comparison keys.

News text loses apostrophes and dashes ("al-Qaedas" for "al-Qaeda's", "Talibans"),
varies case ("Al-Qaeda") and spelling ("al Qaeda"). Two functions carry the rules:
:func:`clean_name` gives the name as it should be displayed, :func:`name_key` the
key two spellings of one name share. The original text is always kept on the
mention; these only decide which mentions name the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u2032\uff07`´"), "'")
# Invisible characters that only break matching: zero-width space/joiners, BOM,
# bidirectional marks and embeddings.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None
)
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+(?=\S)")
_POSSESSIVE = re.compile(r"(?:'s|'S|s'|')$")
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?*_|/\\"


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """A display name: NFKC, one kind of dash and apostrophe, single spaces, no "the", no "'s".

    Examples:
        >>> clean_name("the  Haqqani Network's")
        'Haqqani Network'
        >>> clean_name("al\u2013Qaeda")
        'al-Qaeda'
    """
    name = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_DASHES).translate(_APOSTROPHES)
    name = " ".join(name.split())
    name = _LEADING_ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    # Keep a final period that belongs to an abbreviation ("U.S.", "Inc.").
    keep_period = bool(re.search(r"(?:\b\w\.\w\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr)\.)$", name))
    stripped = name.strip(_EDGE_PUNCTUATION + " -")
    if keep_period and not stripped.endswith("."):
        stripped += "."
    return stripped


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The comparison key: case, accents, dashes, dots and spacing folded away.

    Examples:
        >>> name_key("Al-Qaeda") == name_key("al Qaeda") == name_key("the al-Qaeda")
        True
        >>> name_key("U.S.") == name_key("US")
        True
    """
    name = clean_name(text)
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    folded = re.sub(r"(?<=\w)\.(?=\w|$)", "", folded)
    folded = re.sub(r"[-'\s_.]+", " ", folded)
    return folded.strip()


def strip_lost_possessive(name: str, is_known: Callable[[str], bool]) -> str:
    """Undo a possessive whose apostrophe was lost: "al-Qaedas" -> "al-Qaeda".

    Only when the name without its final "s" is known (elsewhere in the document,
    the corpus or the gazetteer): "Talibans" becomes "Taliban", but "Jones" stays.

    Examples:
        >>> strip_lost_possessive("Kabuls", lambda key: key == "kabul")
        'Kabul'
        >>> strip_lost_possessive("Jones", lambda key: False)
        'Jones'
    """
    if len(name) > 3 and name.endswith("s") and not name.endswith("ss"):
        shorter = name[:-1]
        if is_known(name_key(shorter)):
            return shorter
    return name


def initials(words: list[str]) -> list[str]:
    """The letters a word may give an acronym: "al-Qaeda" gives "A" or "AQ"."""
    options = []
    for word in words:
        parts = [part for part in re.split(r"[-']", word) if part]
        letters = {word[:1].upper()}
        if len(parts) > 1:
            letters.add("".join(part[:1] for part in parts).upper())
        options.append(sorted(letters, key=len, reverse=True))
    return options


def acronym_letters(acronym: str) -> str:
    """ "IS-KP" -> "ISKP"; "FTFs" -> "FTF"."""
    letters = re.sub(r"[^A-Za-z]", "", acronym)
    if len(letters) > 2 and letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    return letters.upper()


def matches_acronym(words: list[str], acronym: str) -> bool:
    """True when the capitalized words spell the acronym, skipping "of", "in", "the"…

    Examples:
        >>> matches_acronym("al-Qaeda in the Indian Subcontinent".split(), "AQIS")
        True
        >>> matches_acronym("Islamic State Khorasan Province".split(), "IS-KP")
        True
    """
    target = acronym_letters(acronym)
    content = [word for word in words if word.lower() not in {"of", "in", "the", "for", "and", "on", "&"}]
    if not content or not target:
        return False

    def spell(index: int, position: int) -> bool:
        if index == len(content):
            return position == len(target)
        return any(
            target.startswith(letters, position) and spell(index + 1, position + len(letters))
            for letters in initials([content[index]])[0]
        )

    return spell(0, 0)
