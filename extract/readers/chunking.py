"""Split long texts into paragraph-bounded chunks, and read huge files a chunk at a time.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and needs
about 1 GB of memory per 100,000 characters of parse, so every document newskg
extracts from is at most :data:`MAX_DOCUMENT_CHARS` long. A chunk ends at a
paragraph break where there is one, else at a line break, else at a space,
so no sentence is cut unless a single paragraph is longer than a chunk.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Iterator

from extract.readers.sniff import SNIFF_BYTES, NotTextError, binary_kind, bom_encoding, detect_encoding, repair_text

MAX_DOCUMENT_CHARS = 100_000

# Files larger than this are read as a stream of chunks instead of all at once.
STREAMING_THRESHOLD_BYTES = 4 * 1024 * 1024

_BLOCK_BYTES = 1024 * 1024
# How much of a non-UTF-8 file charset-normalizer sees to name its encoding.
_ENCODING_SAMPLE_BYTES = 1024 * 1024


def cut_point(text: str, limit: int) -> int:
    """Where to end a chunk of ``text`` that must be at most ``limit`` characters."""
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    # Never cut so early that chunks become tiny: prefer a break in the back half.
    floor = limit // 2
    for separator in ("\n\n", "\n", " "):
        position = window.rfind(separator, floor)
        if position != -1:
            return position + len(separator)
    return limit


def split_text(text: str, limit: int = MAX_DOCUMENT_CHARS) -> list[str]:
    """``text`` as non-blank chunks of at most ``limit`` characters, each stripped at its edges."""
    chunks: list[str] = []
    while text:
        cut = cut_point(text, limit)
        chunk = text[:cut].strip()
        if chunk:
            chunks.append(chunk)
        text = text[cut:]
    return chunks


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK_BYTES), b""):
            digest.update(block)
    return digest.hexdigest()


def sniff_large_file(path: Path) -> tuple[str, str]:
    """One streaming pass over a large file: its encoding and sha256, in bounded memory.

    Raises :class:`NotTextError` for binary content.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    sample = b""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        kind = binary_kind(head)
        if kind:
            raise NotTextError(f"binary file ({kind})")
        handle.seek(0)
        for block in iter(lambda: handle.read(_BLOCK_BYTES), b""):
            digest.update(block)
            if len(sample) < _ENCODING_SAMPLE_BYTES:
                sample += block[: _ENCODING_SAMPLE_BYTES - len(sample)]
            if is_utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    is_utf8 = False
    if is_utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    encoding = (bom_encoding(sample) or "utf-8") if is_utf8 else detect_encoding(sample)
    return encoding, digest.hexdigest()


def iter_file_chunks(path: Path, encoding: str, *, limit: int = MAX_DOCUMENT_CHARS) -> Iterator[str]:
    """The text of a file as repaired, NFC-normalised chunks of at most ``limit`` characters.

    Holds at most one block and one chunk in memory, whatever the size of the file.
    """
    buffer = ""
    # newline=None turns \\r\\n and \\r into \\n, even across block boundaries.
    with open(path, encoding=encoding, errors="replace", newline=None) as handle:
        for block in iter(lambda: handle.read(limit), ""):
            buffer += block
            while len(buffer) > limit:
                cut = cut_point(buffer, limit)
                chunk, buffer = buffer[:cut], buffer[cut:]
                yield from _clean_chunk(chunk, limit)
    yield from _clean_chunk(buffer, limit)


def _clean_chunk(chunk: str, limit: int) -> Iterator[str]:
    text, _ = repair_text(chunk)
    # Repair can lengthen text slightly (NFC rarely does); re-split to keep the bound.
    yield from split_text(text, limit)
