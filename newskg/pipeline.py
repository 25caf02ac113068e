"""The build: inputs -> documents -> extractions -> entities -> graph -> outputs.

Joins ``extract/`` and ``graph/``; the command line only calls :func:`build`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from extract.extractor import Extractor
from extract.ingest import InputResult, discover_inputs, read_input
from extract.resolve import resolve
from graph import writers
from graph.build import build_graph, document_nodes, entity_nodes, relation_edges
from newskg import DEFAULT_MODEL
from newskg.atomic import atomic_write_text
from newskg.model import Document

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_SKIPPED = 2

Warn = Callable[[str], None]


class StrictModeError(RuntimeError):
    pass


@dataclass
class BuildReport:
    inputs: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    model: str = ""

    @property
    def skipped(self) -> list[dict]:
        return [entry for entry in self.inputs if entry["status"] != "read"]

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class BuildOptions:
    model: str = DEFAULT_MODEL
    formats: Sequence[str] = writers.DEFAULT_BUILD_FORMATS
    base_iri: str | None = None
    strict: bool = False
    batch_size: int = 64
    workers: int = 1


def read_documents(
    inputs: Iterable[str | Path], report: BuildReport, *, strict: bool = False, warn: Warn = lambda message: None
) -> list[Document]:
    documents: list[Document] = []
    seen: set[str] = set()
    for path in discover_inputs(inputs):
        result: InputResult = read_input(path)
        report.inputs.append(
            {"path": result.path, "status": result.status, "reason": result.reason, "documents": len(result.documents)}
        )
        if result.status != "read":
            warn(f"skipped {result.message}")
            if strict:
                raise StrictModeError(f"{result.message} (--strict stops at the first problem)")
            continue
        for document in result.documents:
            if document.id not in seen:
                seen.add(document.id)
                documents.append(document)
    return documents


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BuildOptions = BuildOptions(),
    *,
    warn: Warn = lambda message: None,
    progress: Callable[[Iterator, int], Iterator] | None = None,
) -> BuildReport:
    """Build the graph from ``inputs`` into ``out_dir`` and write ``report.json`` there."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(model=options.model)
    started = time.perf_counter()

    documents = read_documents(inputs, report, strict=options.strict, warn=warn)
    report.timings["ingest"] = round(time.perf_counter() - started, 3)

    stage = time.perf_counter()
    extractor = Extractor(options.model)
    extractions: Iterator = extractor.pipe(documents, batch_size=options.batch_size, n_process=options.workers)
    if progress is not None:
        extractions = progress(extractions, len(documents))
    extracted = list(extractions)
    report.timings["extract"] = round(time.perf_counter() - stage, 3)

    stage = time.perf_counter()
    corpus = resolve(extracted)
    graph = build_graph(corpus)
    if options.base_iri:
        graph.graph["base_iri"] = options.base_iri
    report.timings["graph"] = round(time.perf_counter() - stage, 3)

    for format_name in options.formats:
        stage = time.perf_counter()
        path = writers.write(graph, format_name, out)
        report.outputs.append(path.name)
        report.timings[f"write_{format_name}"] = round(time.perf_counter() - stage, 3)

    report.counts = {
        "documents": len(document_nodes(graph)),
        "entities": len(entity_nodes(graph)),
        "relations": len(relation_edges(graph)),
        "mentions": sum(len(e.mentions) for e in corpus.entities),
    }
    report.timings["total"] = round(time.perf_counter() - started, 3)
    atomic_write_text(out / "report.json", report.to_json())
    return report
