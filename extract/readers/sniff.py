"""Byte-level checks before any reader runs: is it text, and in which encoding.

Binary files are recognised by their content (magic numbers, NUL bytes, control
characters), never by their extension alone: a PDF renamed to ``.txt`` is still a PDF.
Text that is not UTF-8 is decoded with the encoding charset-normalizer detects,
and mojibake ("cafÃ©") is repaired with ftfy.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy

# Enough of a file to recognise its format; read before anything else.
SNIFF_BYTES = 8192

# Leading bytes of common binary formats that end up in article folders.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive (empty)"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
)

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Repair mojibake and nothing else: quotes, ligatures, widths and line breaks stay as
# written, so the text the graph quotes as evidence is the text the author wrote.
_MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization="NFC",
    explain=False,
)

# Mojibake (UTF-8 read as cp1252 or latin-1) always shows two or more characters in a
# row from cp1252's upper half ("Ã©", "â€™"); text without such a pair has none to fix.
_MOJIBAKE_HINT = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)

# More than this share of control characters (other than tab, newline, form feed,
# carriage return) means the bytes decoded "successfully" but are not prose.
_MAX_CONTROL_SHARE = 0.01


class NotTextError(ValueError):
    """The bytes are not readable text; the message is the one-line reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool = False


def binary_kind(head: bytes) -> str | None:
    """The binary format ``head`` (the first bytes of a file) belongs to, or None for text."""
    for magic, kind in _MAGIC_NUMBERS:
        if head.startswith(magic):
            # "MZ"/"ID3"/"BZh" are short; only call it binary if the rest is not text either.
            if len(magic) >= 4 or b"\x00" in head[:SNIFF_BYTES]:
                return kind
    if bom_encoding(head) is None and b"\x00" in head[:SNIFF_BYTES]:
        return "NUL bytes"
    return None


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of ``data``: its byte-order mark, UTF-8 if valid, else charset-normalizer's guess."""
    from_bom = bom_encoding(data)
    if from_bom:
        return from_bom
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of a sample is still UTF-8.
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            return "utf-8"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise NotTextError("not text in any known encoding")
    return _prefer_windows_1252(data, best.encoding)


def _prefer_windows_1252(data: bytes, guess: str) -> str:
    """cp1252 when it reads ``data`` exactly as the guessed single-byte code page does.

    Short Western text often fits several code pages equally well; cp1252 (which
    also covers latin-1's letters) is by far the most common of them in news.
    """
    if guess in {"cp1252", "utf_8", "ascii"} or codecs.lookup(guess).name.startswith(("utf", "cp65")):
        return guess
    try:
        return "cp1252" if data.decode("cp1252") == data.decode(guess) else guess
    except (UnicodeDecodeError, LookupError):
        return guess


def control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    return controls / len(text)


def repair_text(text: str) -> tuple[str, bool]:
    """Repair mojibake, normalise to NFC and newlines to ``\\n``; True if mojibake was fixed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        # Nothing to repair or compose in ASCII, and most English news is ASCII.
        return text, False
    normalized = unicodedata.normalize("NFC", text)
    if not _MOJIBAKE_HINT.search(normalized):
        return normalized, False
    # ftfy is slow (about 2 s per MB); only lines that could hold mojibake go through it.
    lines = normalized.split("\n")
    fixed_lines = [ftfy.fix_text(line, _MOJIBAKE_ONLY) if _MOJIBAKE_HINT.search(line) else line for line in lines]
    fixed = unicodedata.normalize("NFC", "\n".join(fixed_lines))
    return fixed, fixed != normalized


def decode_bytes(data: bytes) -> Decoded:
    """Bytes of a whole (small) file to clean text; raises :class:`NotTextError` with the reason."""
    kind = binary_kind(data[:SNIFF_BYTES])
    if kind:
        raise NotTextError(f"binary file ({kind})")
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    if control_share(text) > _MAX_CONTROL_SHARE:
        raise NotTextError(f"binary data (control characters), not text in {encoding}")
    fixed, repaired = repair_text(text)
    return Decoded(fixed, _display_name(encoding), repaired)


def _display_name(encoding: str) -> str:
    return codecs.lookup(encoding).name
