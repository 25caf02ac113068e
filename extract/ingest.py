"""Input files to :class:`~newskg.model.Document` objects.

Every input gets an :class:`InputResult`: ``read``, ``partial`` (some records
dropped) or ``skipped``, with a one-line reason naming what was wrong, so a bad
file never stops the rest of the build. Nothing here raises for a bad file.

Formats, chosen by extension after the bytes are checked to be text:

- ``.txt``, ``.text``, ``.md``: one article (its first line is the title), or the
  seed format (see :mod:`extract.seed_format`) when the text has a "See original here:" line;
- ``.html``, ``.htm``: the main text, by trafilatura (:mod:`extract.readers.html`);
- ``.json``, ``.jsonl``: records with ``text`` (:mod:`extract.readers.records`).

Text is decoded (UTF-8, else the encoding charset-normalizer detects), mojibake
is repaired with ftfy, and it is normalised to NFC with ``\\n`` line ends; beyond
that it is kept as written. Long texts become several paragraph-bounded Documents.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Literal

from extract.readers.chunking import STREAMING_THRESHOLD_BYTES, sniff_large_file
from extract.readers.html import NoMainTextError, documents_from_html
from extract.readers.plain import documents_from_seed, documents_from_text, iter_large_text_documents
from extract.readers.records import NotRecordsError, read_json, read_jsonl, summarize_problems
from extract.readers.sniff import SNIFF_BYTES, NotTextError, binary_kind, decode_bytes
from newskg.model import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "InputResult",
    "discover_inputs",
    "documents_from_seed",
    "documents_from_text",
    "read_input",
    "read_inputs",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

InputStatus = Literal["read", "partial", "skipped"]

# Control characters (including newlines) in a file name or reason would break the one-line message.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class InputResult:
    """What became of one input: its status, why (if not plainly read), and its documents."""

    path: str
    status: InputStatus
    reason: str | None = None
    documents: tuple[Document, ...] = field(default=())
    encoding: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """One line naming the file and the reason, safe to print whatever the file is called."""
        path = one_line(self.path)
        return f"{path}: {one_line(self.reason)}" if self.reason else path

    def to_report(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "documents": len(self.documents),
            "encoding": self.encoding,
            "notes": list(self.notes),
        }


def one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def skipped(path: Path | str, reason: str) -> InputResult:
    return InputResult(str(path), "skipped", reason)


def discover_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and every file below a named folder, in sorted order."""
    for item in scan_inputs(paths):
        if isinstance(item, Path):
            yield item


def scan_inputs(paths: Iterable[str | Path]) -> Iterator[Path | InputResult]:
    """Every file to read, or a skipped result for a path that cannot even be listed.

    Folders are walked in sorted order, hidden entries left out. Symbolic links to
    folders are followed, but a link back to a folder already being walked (a loop)
    is reported instead of walked forever.
    """
    for raw in paths:
        path = Path(raw)
        try:
            is_folder = path.is_dir()
        except OSError as error:
            yield skipped(path, describe_os_error(error))
            continue
        if is_folder:
            yield from _walk(path, ancestors=frozenset())
        else:
            yield path


def _walk(folder: Path, *, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | InputResult]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield skipped(folder, f"cannot list folder: {describe_os_error(error)}")
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield skipped(folder, "symbolic link loop (links back to a folder already being read)")
        return
    inside = ancestors | {identity}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(path, ancestors=inside)
        else:
            yield path


def describe_os_error(error: OSError) -> str:
    """A short, user-facing reason for an OS error (no Python class names)."""
    reasons = {
        errno.ENOENT: "no such file (missing, or vanished during the run)",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "is a folder, not a file",
        errno.ENAMETOOLONG: "file name too long",
        errno.EIO: "input/output error",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


def read_inputs(paths: Iterable[str | Path]) -> Iterator[InputResult]:
    """Discover and read every input, one result per file, in order."""
    for item in scan_inputs(paths):
        yield item if isinstance(item, InputResult) else read_input(item)


def read_input(path: Path | str) -> InputResult:
    """Read one file into documents; never raises for a bad file."""
    path = Path(path)
    try:
        return _read(path)
    except OSError as error:
        # Covers files that vanish or change permission between discovery and reading.
        return skipped(path, describe_os_error(error))
    except MemoryError:
        return skipped(path, "too large to read into memory")


def _read(path: Path) -> InputResult:
    source = str(path)
    if path.is_symlink() and not path.exists():
        try:
            os.stat(path)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return skipped(path, "symbolic link loop")
        return skipped(path, "broken symbolic link (its target does not exist)")
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        return skipped(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return skipped(path, "not a regular file (device, pipe or socket)")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return skipped(path, f"unsupported file type '{suffix or '(no extension)'}' (newskg reads .txt, .md, .html, .json, .jsonl)")
    if info.st_size == 0:
        return skipped(path, "empty file")
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    kind = binary_kind(head)
    if kind:
        return skipped(path, f"binary file ({kind}), not {suffix} text")
    if suffix in JSONL_SUFFIXES:
        return _from_records(path, read_jsonl(path, source))
    if suffix in TEXT_SUFFIXES and info.st_size > STREAMING_THRESHOLD_BYTES:
        return _read_large_text(path)
    try:
        decoded = decode_bytes(path.read_bytes())
    except NotTextError as error:
        return skipped(path, str(error))
    notes = _decoding_notes(decoded.encoding, decoded.repaired)
    if not decoded.text.strip():
        return InputResult(source, "skipped", "empty file (only whitespace)", encoding=decoded.encoding)
    if suffix in HTML_SUFFIXES:
        try:
            documents = documents_from_html(decoded.text, source)
        except NoMainTextError as error:
            return InputResult(source, "skipped", str(error), encoding=decoded.encoding)
        return InputResult(source, "read", None, tuple(documents), decoded.encoding, notes)
    if suffix in JSON_SUFFIXES:
        try:
            records = read_json(decoded.text, source)
        except NotRecordsError as error:
            return InputResult(source, "skipped", str(error), encoding=decoded.encoding)
        records.encoding = decoded.encoding
        return _from_records(path, records, notes)
    return InputResult(source, "read", None, tuple(documents_from_text(decoded.text, source)), decoded.encoding, notes)


def _read_large_text(path: Path) -> InputResult:
    try:
        encoding, digest = sniff_large_file(path)
    except NotTextError as error:
        return skipped(path, str(error))
    documents = tuple(iter_large_text_documents(path, encoding, digest, str(path)))
    if not documents:
        return InputResult(str(path), "skipped", "empty file (only whitespace)", encoding=encoding)
    notes = (*_decoding_notes(encoding, False), f"large file read in {len(documents)} parts")
    return InputResult(str(path), "read", None, documents, encoding, notes)


def _from_records(path: Path, records, notes: tuple[str, ...] = ()) -> InputResult:
    source = str(path)
    documents = tuple(records.documents)
    if not records.records:
        return InputResult(source, "skipped", "no records in the file", encoding=records.encoding)
    if not records.problems:
        return InputResult(source, "read", None, documents, records.encoding, notes)
    reason = summarize_problems(records.problems, total=records.records)
    status: InputStatus = "partial" if documents else "skipped"
    return InputResult(source, status, reason, documents, records.encoding, (*notes, *records.problems))


def _decoding_notes(encoding: str, repaired: bool) -> tuple[str, ...]:
    notes = []
    if encoding not in ("utf-8", "utf_8", "ascii"):
        notes.append(f"decoded as {encoding}")
    if repaired:
        notes.append("repaired mojibake")
    return tuple(notes)
