"""Input files to :class:`~newskg.model.Document` objects.

Every input gets an :class:`InputResult`, read or skipped with a one-line reason,
so a bad file never stops the rest of the build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Literal

from extract.seed_format import looks_like_seed, parse_seed
from newskg.model import Document, content_id

SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl"}

InputStatus = Literal["read", "skipped"]


@dataclass(frozen=True)
class InputResult:
    path: str
    status: InputStatus
    reason: str | None = None
    documents: tuple[Document, ...] = field(default=())

    @property
    def message(self) -> str:
        return f"{self.path}: {self.reason}" if self.reason else self.path


def discover_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and every file below a named folder, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_input(path: Path) -> InputResult:
    """Read one file into documents; never raises for a bad file."""
    source = str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return InputResult(source, "skipped", f"unsupported file type '{path.suffix or '(none)'}'")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return InputResult(source, "skipped", f"cannot read: {error}")
    if not text.strip():
        return InputResult(source, "skipped", "empty file")
    return InputResult(source, "read", None, tuple(documents_from_text(text, source)))


def documents_from_text(text: str, source: str) -> list[Document]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_seed(text):
        return documents_from_seed(text, source)
    first_line = text.strip().splitlines()[0].strip()
    body = text.strip()
    return [Document(id=content_id(body), text=body, source=source, title=first_line[:300] or None)]


def documents_from_seed(text: str, source: str) -> list[Document]:
    seed = parse_seed(text)
    article = Document(
        id=content_id(seed.title, seed.body),
        text=seed.body,
        source=source,
        kind="article",
        title=seed.title,
        publisher=seed.publisher,
        authors=seed.authors,
    )
    documents = [article]
    for headline in seed.headlines:
        documents.append(
            Document(
                id=content_id(headline.title, headline.outlet, headline.date or ""),
                text=headline.title,
                source=source,
                kind="headline",
                title=headline.title,
                publisher=headline.outlet,
                date=headline.date,
                parent_id=article.id,
            )
        )
    return documents
