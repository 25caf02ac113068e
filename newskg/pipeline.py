"""The build: inputs -> documents -> extractions -> entities -> graph -> outputs.

Joins ``extract/`` and ``graph/``; the command line only calls :func:`build`.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import networkx as nx

from extract.extractor import Extractor
from extract.ingest import read_inputs
from extract.places import enrich_places
from extract.resolve import ResolutionRules, resolve
from graph import writers
from graph.analytics import assign_communities
from graph.build import build_graph, document_nodes, entity_nodes, relation_edges
from newskg import DEFAULT_MODEL
from newskg.atomic import atomic_write_text, remove_stale_temporaries
from newskg.cache import CACHE_DIRNAME, ExtractionCache, model_identity
from newskg.model import Document, DocumentExtraction
from newskg.serialize import document_from_dict, document_to_dict

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_SKIPPED = 2

Warn = Callable[[str], None]


class StrictModeError(RuntimeError):
    """An input could not be read and ``--strict`` was given: the build stops before writing anything."""


class NothingReadError(StrictModeError):
    """No input could be read at all: fatal, so the previous outputs are left untouched rather than replaced by an empty graph."""


@dataclass
class BuildReport:
    """What a build did; written as ``report.json``.

    ``inputs`` has one entry per input file: ``path``, ``status`` (``read``,
    ``partial`` when some records were dropped, ``skipped``), ``reason`` (one line,
    None when read), ``documents``, ``encoding``, ``notes`` (decoding, repairs,
    dropped records) and ``duplicates`` (documents already read from another input).
    """

    inputs: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    model: str = ""

    @property
    def skipped(self) -> list[dict]:
        """Inputs not wholly read: skipped files and files that lost some records."""
        return [entry for entry in self.inputs if entry["status"] != "read"]

    @property
    def input_summary(self) -> dict[str, int]:
        summary = {"total": len(self.inputs), "read": 0, "partial": 0, "skipped": 0}
        for entry in self.inputs:
            summary[entry["status"]] = summary.get(entry["status"], 0) + 1
        return summary

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def to_json(self) -> str:
        content = asdict(self)
        content["input_summary"] = self.input_summary
        content["exit_code"] = self.exit_code
        return json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class BuildOptions:
    model: str = DEFAULT_MODEL
    formats: Sequence[str] = writers.DEFAULT_BUILD_FORMATS
    base_iri: str | None = None
    strict: bool = False
    batch_size: int = 64
    workers: int = 1
    # Add to the build already in the output folder instead of replacing it (``--update``).
    update: bool = False
    # Reuse per-document extractions (see newskg.cache); ``cache_dir`` defaults to ``OUT/cache``.
    cache: bool = True
    cache_dir: Path | None = None
    # A Dask scheduler address (``tcp://host:8786``): parse on that cluster instead of locally.
    scheduler: str | None = None
    # An analyst's pinned resolution decisions (YAML or CSV; see extract.resolve.ResolutionRules).
    rules: Path | None = None


MERGES_FILENAME = "merges.jsonl"


class RulesFileError(ValueError):
    pass


def load_rules(path: Path | None) -> ResolutionRules | None:
    if path is None:
        return None
    try:
        return ResolutionRules.from_file(path)
    except (OSError, ValueError, TypeError, IndexError) as error:
        raise RulesFileError(f"{path}: cannot use these resolution rules: {error}") from error


def write_merges(merges: Sequence, path: Path) -> None:
    """One JSON object per merge decision, sorted, so rebuilds are byte-identical."""
    lines = [json.dumps(merge.to_dict(), ensure_ascii=False, sort_keys=True) for merge in merges]
    atomic_write_text(path, "".join(line + "\n" for line in lines))


def read_documents(
    inputs: Iterable[str | Path], report: BuildReport, *, strict: bool = False, warn: Warn = lambda message: None
) -> list[Document]:
    """Every document in ``inputs``, each once; one report entry (and, if not read, one warning) per input.

    Raises :class:`StrictModeError` at the first input not wholly read when ``strict``,
    and :class:`NothingReadError` when no input gave a document.
    """
    documents: list[Document] = []
    seen: set[str] = set()
    for result in read_inputs(inputs):
        entry = result.to_report()
        report.inputs.append(entry)
        if result.status != "read":
            warn(f"{result.status} {result.message}")
            if strict:
                raise StrictModeError(f"{result.message} (--strict stops at the first problem)")
        duplicates = 0
        for document in result.documents:
            if document.id in seen:
                duplicates += 1
                continue
            seen.add(document.id)
            documents.append(document)
        entry["duplicates"] = duplicates
    if not documents:
        found = f"none of the {len(report.inputs)} inputs gave a document" if report.inputs else "no input files found"
        raise NothingReadError(f"{found}; nothing was written")
    return documents


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions = BuildOptions(),
    *,
    warn: Warn = lambda message: None,
    progress: Callable[[Iterator, int], Iterator] | None = None,
) -> BuildReport:
    """Build the graph from ``inputs`` into ``out_dir`` and write ``report.json`` there.

    With ``options.update``, ``out_dir`` must hold an earlier build: its documents are
    kept (read back from its manifest, never re-parsed) and ``inputs`` are added; an
    input read again replaces the documents it gave before. The result equals a full
    build of the earlier inputs and the new ones together.

    Every output is a function of the set of documents alone, whatever the order of
    ``inputs`` and whichever documents came from the cache, so rebuilding the same
    inputs gives byte-identical files; only ``timings`` in ``report.json`` differ.
    """
    with _long_lived_objects_frozen():
        return _build(inputs, out_dir, options, warn=warn, progress=progress)


@contextmanager
def _long_lived_objects_frozen() -> Iterator[None]:
    """Between :func:`_settle` calls, Python's cycle collector scans only new objects.

    A build holds every extraction, then the corpus, then the graph: millions of objects
    that live until it ends, and each full collection scanned them all again (1,393
    Reuters documents, CPU time from resolving to the last output: 21-24 s -> 18-19 s
    frozen). spaCy's Docs are freed by reference counting, frozen or not; objects are
    unfrozen when the build ends, so nothing leaks.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _settle() -> None:
    """What exists now is kept for the rest of the build: stop scanning it for cycles.

    Garbage cycles made since the last call (spaCy leaves a few per batch) are collected
    first, so none is frozen; the collection reads only what is not frozen yet.
    """
    gc.collect()
    gc.freeze()


SETTLE_EVERY_DOCUMENTS = 256


def _build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions,
    *,
    warn: Warn,
    progress: Callable[[Iterator, int], Iterator] | None,
) -> BuildReport:
    out = Path(out_dir)
    previous = read_manifest(out) if options.update else None
    rules = load_rules(options.rules)  # before any parsing: a bad rules file fails fast
    if out.is_dir():
        remove_stale_temporaries(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(model=options.model)
    started = time.perf_counter()

    # Sorted, so the order the inputs are named in cannot change which duplicate is kept.
    # ``--update DIR`` alone re-runs the build in DIR from its manifest (after a model or code change).
    only_previous = previous is not None and not inputs
    documents = [] if only_previous else read_documents(sorted(inputs, key=str), report, strict=options.strict, warn=warn)
    if previous is not None:
        documents = _merge_with_previous(previous, documents, report)
    report.inputs.sort(key=lambda entry: str(entry.get("path", "")))
    documents.sort(key=lambda document: document.id)
    report.timings["ingest"] = round(time.perf_counter() - started, 3)
    _settle()

    stage = time.perf_counter()
    with _extraction_backend(options) as (identity, extract):
        cache = ExtractionCache(options.cache_dir or out / CACHE_DIRNAME, model=identity) if options.cache else None
        extracted: list[DocumentExtraction] = []
        to_parse: list[Document] = []
        for document in documents:
            hit = cache.get(document) if cache is not None else None
            if hit is not None:
                extracted.append(hit)
            else:
                to_parse.append(document)
        report.timings["cache_lookup"] = round(time.perf_counter() - stage, 3)
        extractions: Iterator[DocumentExtraction] = extract(to_parse) if to_parse else iter(())
        if progress is not None and to_parse:
            extractions = progress(extractions, len(to_parse))
        for extraction in extractions:
            if cache is not None:
                # Stored as each document finishes: a killed build keeps everything parsed so far.
                cache.put(extraction)
            extracted.append(extraction)
            if len(extracted) % SETTLE_EVERY_DOCUMENTS == 0:
                _settle()
    extracted.sort(key=lambda extraction: extraction.document.id)
    report.timings["extract"] = round(time.perf_counter() - stage, 3)
    report.timings["documents_parsed"] = len(to_parse)
    report.timings["documents_from_cache"] = len(documents) - len(to_parse)

    stage = time.perf_counter()
    corpus = resolve(extracted, rules)
    del extracted
    corpus = enrich_places(corpus)  # gazetteer attributes and partOf, before the graph
    report.timings["resolve"] = round(time.perf_counter() - stage, 3)
    _settle()

    stage = time.perf_counter()
    graph = build_graph(corpus)
    assign_communities(graph)  # `community` on entity nodes, for the HTML view
    if options.base_iri:
        graph.graph["base_iri"] = options.base_iri
    report.timings["graph"] = round(time.perf_counter() - stage, 3)
    _settle()

    parallel = options.workers if options.scheduler is None else 1
    for format_name, path, seconds in write_outputs(graph, options.formats, out, processes=parallel):
        report.outputs.append(path.name)
        report.timings[f"write_{format_name}"] = round(seconds, 3)

    report.counts = {
        "documents": len(document_nodes(graph)),
        "entities": len(entity_nodes(graph)),
        "relations": len(relation_edges(graph)),
        "mentions": sum(len(e.mentions) for e in corpus.entities),
    }
    write_merges(corpus.merges, out / MERGES_FILENAME)
    write_manifest(out, BuildManifest(model=options.model, inputs=report.inputs, documents=documents))
    report.timings["total"] = round(time.perf_counter() - started, 3)
    atomic_write_text(out / "report.json", report.to_json())
    return report


# --- outputs ------------------------------------------------------------------------------------

# The graph forked writer processes read: inherited, never pickled.
_graph_being_written: nx.MultiDiGraph | None = None


def _write_format(format_name: str, out: Path) -> tuple[Path, float]:
    assert _graph_being_written is not None, "writer process started without a graph"
    started = time.perf_counter()
    path = writers.write(_graph_being_written, format_name, out)
    return path, time.perf_counter() - started


def write_outputs(
    graph: nx.MultiDiGraph, formats: Sequence[str], out: Path, *, processes: int = 1
) -> Iterator[tuple[str, Path, float]]:
    """Write each format of ``graph`` into ``out``: (format, path, seconds), in ``formats`` order.

    With ``processes`` > 1 (``--workers``), the formats are written by that many forked
    processes at once: every writer only reads the graph, and each file is written
    atomically, so a failure in one leaves the others whole. Without ``fork`` (Windows,
    macOS spawn) they are written one after another.
    """
    global _graph_being_written
    if processes <= 1 or len(formats) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for format_name in formats:
            started = time.perf_counter()
            path = writers.write(graph, format_name, out)
            yield format_name, path, time.perf_counter() - started
        return
    _graph_being_written = graph
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(processes, len(formats)), mp_context=context) as pool:
            pending = [(format_name, pool.submit(_write_format, format_name, out)) for format_name in formats]
            for format_name, future in pending:
                path, seconds = future.result()
                yield format_name, path, seconds
    finally:
        _graph_being_written = None


# --- extraction backends ------------------------------------------------------------------------

ExtractFunction = Callable[[Sequence[Document]], Iterator[DocumentExtraction]]


@contextmanager
def _extraction_backend(options: BuildOptions) -> Iterator[tuple[str, ExtractFunction]]:
    """The model's cache identity, and a function that extracts documents locally or on Dask."""
    if options.scheduler:
        from newskg.distributed import DaskExtractor

        with DaskExtractor(options.scheduler, model=options.model, batch_size=options.batch_size) as cluster:
            yield cluster.model_identity(), cluster.pipe
        return

    def extract_locally(documents: Sequence[Document]) -> Iterator[DocumentExtraction]:
        # The model loads only when something misses the cache.
        extractor = Extractor(options.model)
        yield from extractor.pipe(documents, batch_size=options.batch_size, n_process=options.workers)

    yield model_identity(options.model), extract_locally


# --- the build manifest: what --update starts from ----------------------------------------------

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


class UpdateError(RuntimeError):
    """``--update`` was given a folder that does not hold a readable build."""


@dataclass
class BuildManifest:
    """A build's inputs (their report entries) and every document it read, text included,
    so ``--update`` needs neither the old input files nor the cache to reproduce them."""

    model: str
    inputs: list[dict]
    documents: list[Document]


def write_manifest(out: Path, manifest: BuildManifest) -> None:
    content = {
        "format": MANIFEST_FORMAT,
        "model": manifest.model,
        "inputs": manifest.inputs,
        "documents": [document_to_dict(document) for document in sorted(manifest.documents, key=lambda d: d.id)],
    }
    atomic_write_text(out / MANIFEST_NAME, json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")


def read_manifest(out: Path) -> BuildManifest:
    path = Path(out) / MANIFEST_NAME
    if not path.is_file():
        raise UpdateError(f"{out} holds no newskg build ({MANIFEST_NAME} is missing); build it once without --update")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        if content.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"manifest format {content.get('format')!r}, expected {MANIFEST_FORMAT}")
        return BuildManifest(
            model=content["model"],
            inputs=list(content["inputs"]),
            documents=[document_from_dict(item) for item in content["documents"]],
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UpdateError(f"cannot read {path}: {error}; rebuild without --update") from error


def _merge_with_previous(previous: BuildManifest, documents: list[Document], report: BuildReport) -> list[Document]:
    """The earlier build's documents plus the new ones; an input read again replaces what it gave before."""
    reread = {str(entry.get("path")) for entry in report.inputs}
    report.inputs.extend(entry for entry in previous.inputs if str(entry.get("path")) not in reread)
    by_id: dict[str, Document] = {}
    for document in [*documents, *(d for d in previous.documents if d.source not in reread)]:
        kept = by_id.get(document.id)
        # The same text from two inputs: keep one, the same one whichever build read it first.
        if kept is None or document.source < kept.source:
            by_id[document.id] = document
    return list(by_id.values())
