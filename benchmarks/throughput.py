"""Throughput, scaling, memory and SPARQL timings of ``newskg build`` (a script, never a test).

    .venv/bin/python benchmarks/throughput.py --data ../shared/benchmarks/conll2003 --seed-repeat 13

Measures, in one run and with the same model:

* plain ``nlp.pipe`` over the CoNLL-2003 Reuters documents (train, valid, test; split at
  ``-DOCSTART-``) against the whole ``newskg build`` of the same texts (ingest, parse,
  entity layer, relations, resolution, graph, every output), with 1 and ``--workers``
  processes: documents/s, words/s, peak RSS, time per stage, and the newskg/spaCy ratio;
* the seed article repeated N and 10·N times (distinct titles, so distinct documents):
  the time ratio of 10× the documents, and peak RSS at ~10,000 documents;
* each example query in ``queries/`` on the 10·N graph, rdflib and Oxigraph side by side.

Every measurement runs in its own child process, so peak RSS is that scenario's own. The
corpus is written to a temporary folder (never into the repository: the CoNLL text may
not be redistributed) and read back through the normal ingestion, as a user's files are.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_45bf02ee4dcabb9b.txt"
CONLL_SPLITS = ("train.txt", "valid.txt", "test.txt")
ALL_FORMATS = ("nodelink", "turtle", "html")


# --- corpora --------------------------------------------------------------------------------------


def read_conll_documents(folder: Path) -> list[dict]:
    """One record per Reuters document: tokens joined by spaces, one sentence per line."""
    records: list[dict] = []
    for split in CONLL_SPLITS:
        sentences: list[list[str]] = []
        tokens: list[str] = []

        def close_document() -> None:
            if tokens:
                sentences.append(list(tokens))
                tokens.clear()
            if sentences:
                text = "\n".join(" ".join(sentence) for sentence in sentences)
                records.append({"title": f"{split} document {len(records) + 1}", "text": text})
                sentences.clear()

        for line in (folder / split).read_text(encoding="utf-8").splitlines():
            word = line.split(" ", 1)[0]
            if word == "-DOCSTART-":
                close_document()
            elif not line.strip():
                if tokens:
                    sentences.append(list(tokens))
                    tokens.clear()
            else:
                tokens.append(word)
        close_document()
    return records


def seed_records(repeat: int) -> list[dict]:
    """The seed's documents (article and headlines) ``repeat`` times, titles numbered so ids differ."""
    from newskg.pipeline import BuildReport, read_documents

    documents = read_documents([SEED], BuildReport())
    records = []
    for copy in range(repeat):
        for document in documents:
            records.append(
                {
                    "title": f"{document.title or 'untitled'} (copy {copy})",
                    "text": document.text,
                    "publisher": document.publisher,
                    "date": document.date,
                }
            )
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
    return path


# --- child measurements -----------------------------------------------------------------------------


def peak_rss_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_children_mb": round(children, 1)}


def child_spacy(spec: dict) -> dict:
    """Plain spaCy: the same texts (as the ingestion reads them) through nlp.pipe, Docs dropped.

    The model as ``spacy.load`` gives it, not as newskg loads it (newskg applies its rule
    components faster, see extract/fast_rules.py): the baseline is spaCy's own speed.
    """
    import spacy

    from newskg.pipeline import BuildReport, read_documents

    texts = [document.text for document in read_documents([spec["corpus"]], BuildReport())]
    nlp = spacy.load(spec["model"])
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=spec["batch_size"], n_process=spec["workers"]):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(texts), "words": sum(len(t.split()) for t in texts), **peak_rss_mb()}


def child_newskg(spec: dict) -> dict:
    """The whole build, no cache; the extractor's mention and relation steps timed apart."""
    import extract.extractor as extractor_module
    from extract.extractor import load_model
    from newskg.pipeline import BuildOptions, build

    stage_seconds = {"entity_layer": 0.0, "relations": 0.0}

    def timed(function, stage):  # noqa: ANN001, ANN202
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stage_seconds[stage] += time.perf_counter() - started

        return wrapper

    extractor_module.find_mentions = timed(extractor_module.find_mentions, "entity_layer")
    extractor_module.extract_relations = timed(extractor_module.extract_relations, "relations")
    load_model(spec["model"])  # the model load is not throughput; spaCy's side excludes it too
    out = Path(spec["out"])
    options = BuildOptions(
        model=spec["model"], formats=tuple(spec["formats"]), workers=spec["workers"], batch_size=spec["batch_size"], cache=False
    )
    started = time.perf_counter()
    report = build([spec["corpus"]], out, options)
    seconds = time.perf_counter() - started
    timings = dict(report.timings)
    stages = {
        "ingest": timings.get("ingest", 0.0),
        "parse_ner": timings.get("extract", 0.0) - stage_seconds["entity_layer"] - stage_seconds["relations"],
        "entity_layer": stage_seconds["entity_layer"],
        "relations": stage_seconds["relations"],
        "resolve": timings.get("resolve", 0.0),
        "graph": timings.get("graph", 0.0),
        **{key: value for key, value in timings.items() if key.startswith("write_")},
    }
    words = sum(len(json.loads(line)["text"].split()) for line in Path(spec["corpus"]).open(encoding="utf-8"))
    return {
        "seconds": seconds,
        "documents": report.counts.get("documents", 0),
        "words": words,
        "stages": {key: round(value, 3) for key, value in stages.items()},
        "counts": report.counts,
        **peak_rss_mb(),
    }


def child_sparql(spec: dict) -> dict:
    """Each example query on the built graph: rdflib (in memory) and Oxigraph (in memory), best of 3."""
    from graph.nodelink import read_nodelink
    from graph.sparql import MemoryStore, OxigraphStore, parse_bind_options

    graph = read_nodelink(Path(spec["out"]) / "graph.json")
    started = time.perf_counter()
    oxigraph = OxigraphStore.in_memory(graph)
    oxigraph_load = time.perf_counter() - started
    started = time.perf_counter()
    rdflib_store = MemoryStore(graph)
    results: dict[str, dict] = {"_load_seconds": {"oxigraph": round(oxigraph_load, 2)}}
    rdflib_loaded = False
    for query_path in sorted((ROOT / "queries").glob("*.rq")):
        text = query_path.read_text(encoding="utf-8")
        # Every --bind of the usage line in the query's header (was: only the first of each line).
        bindings = parse_bind_options(
            word
            for line in text.splitlines()
            if line.startswith("#") and "--bind" in line
            for option, word in zip(line.split(), line.split()[1:])
            if option == "--bind"
        )
        row: dict[str, float | int | str] = {}
        stores = [("oxigraph", oxigraph)] + ([("rdflib", rdflib_store)] if spec.get("rdflib", True) else [])
        for name, store in stores:
            best = float("inf")
            rows = 0
            for _ in range(1 if name == "rdflib" else 3):
                begun = time.perf_counter()
                try:
                    result = store.query(text, bindings=bindings)
                    rows = len(list(result))
                except Exception as error:  # noqa: BLE001 - reported, not hidden
                    row[f"{name}_error"] = f"{type(error).__name__}: {error}"[:200]
                    break
                best = min(best, time.perf_counter() - begun)
                if name == "rdflib" and not rdflib_loaded:
                    # The first rdflib query builds the rdflib graph; count that as loading, then time again.
                    results["_load_seconds"]["rdflib_first_query_including_load"] = round(time.perf_counter() - started, 2)
                    rdflib_loaded = True
                    begun = time.perf_counter()
                    rows = len(list(store.query(text, bindings=bindings)))
                    best = time.perf_counter() - begun
            row[f"{name}_ms"] = round(best * 1000, 1)
            row[f"{name}_rows"] = rows
        results[query_path.name] = row
    results["_graph"] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    return results


def seed_extractions(model: str, cache_file: Path) -> list:
    """The seed's extractions with the real model, parsed once and kept in ``cache_file`` (pickle)."""
    import pickle

    if cache_file.exists():
        return pickle.loads(cache_file.read_bytes())
    from extract.extractor import Extractor
    from newskg.pipeline import BuildReport, read_documents

    documents = sorted(read_documents([SEED], BuildReport()), key=lambda document: document.id)
    extractions = list(Extractor(model).pipe(documents))
    cache_file.write_bytes(pickle.dumps(extractions))
    return extractions


def _name_suffix(group: int) -> str:
    """A word-like tag for a name group (1 -> 'Qb'): letters, so name normalisation keeps it."""
    letters = ""
    while True:
        group, digit = divmod(group, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if group == 0:
            return "Q" + letters


def clone_extractions(extractions: list, copies: int, *, name_groups: int = 1) -> list:
    """``copies`` copies of ``extractions`` as new documents: new ids, numbered titles, one date per copy.

    With ``name_groups`` G > 1, copy c renames every mention of copy group c % G (group 0 keeps
    the real names) by appending a tag ("Taliban Qb"), so the graph has about G times the
    entities, as a real corpus would; offsets and evidence sentences stay the seed's.
    """
    import dataclasses
    from datetime import date, timedelta

    from newskg.model import content_id

    replace = dataclasses.replace
    first_day = date(2023, 1, 1)
    clones = []
    for copy in range(copies):
        id_map = {e.document.id: content_id(e.document.id, str(copy), prefix="doc") for e in extractions}
        group = copy % name_groups
        suffix = f" {_name_suffix(group)}" if group else ""
        day = (first_day + timedelta(days=copy % 1000)).isoformat()

        def key(mention_key: str) -> str:
            doc_id, _, offsets = mention_key.partition(":")
            return f"{id_map.get(doc_id, doc_id)}:{offsets}"

        for extraction in extractions:
            old = extraction.document
            new_id = id_map[old.id]
            document = replace(
                old,
                id=new_id,
                title=f"{old.title or 'untitled'} (copy {copy})",
                date=day,
                parent_id=id_map.get(old.parent_id, old.parent_id) if old.parent_id else None,
            )
            clones.append(
                dataclasses.replace(
                    extraction,
                    document=document,
                    sentences=tuple(replace(s, doc_id=new_id) for s in extraction.sentences),
                    mentions=tuple(
                        replace(
                            m,
                            doc_id=new_id,
                            text=m.text + suffix,
                            normalized=m.normalized + suffix if m.normalized else m.normalized,
                        )
                        for m in extraction.mentions
                    ),
                    relations=tuple(
                        replace(r, subject=key(r.subject), object=key(r.object), evidence=replace(r.evidence, doc_id=new_id))
                        for r in extraction.relations
                    ),
                )
            )
    return clones


def child_synthetic(spec: dict) -> dict:
    """A many-document graph from cloned seed extractions (no parsing), written as ``graph.json``."""
    from extract.places import enrich_places
    from extract.resolve import resolve
    from graph.build import build_graph, document_nodes, entity_nodes, relation_edges
    from graph.nodelink import write_nodelink

    extractions = seed_extractions(spec["model"], Path(spec["seed_cache"]))
    copies = -(-spec["documents"] // len(extractions))
    started = time.perf_counter()
    clones = clone_extractions(extractions, copies, name_groups=spec["name_groups"])
    corpus = enrich_places(resolve(clones))
    graph = build_graph(corpus)
    out = Path(spec["out"])
    out.mkdir(parents=True, exist_ok=True)
    write_nodelink(graph, out / "graph.json")
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "documents": len(document_nodes(graph)),
        "entities": len(entity_nodes(graph)),
        "relations": len(relation_edges(graph)),
        "edges": graph.number_of_edges(),
    }


CHILDREN = {"spacy": child_spacy, "newskg": child_newskg, "sparql": child_sparql, "synthetic": child_synthetic}


def run_child(kind: str, spec: dict) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(spec)]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if finished.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


# --- the report -------------------------------------------------------------------------------------


def rate_line(label: str, result: dict) -> str:
    docs_per_s = result["documents"] / result["seconds"]
    words_per_s = result["words"] / result["seconds"]
    return (
        f"{label:<34} {result['documents']:>6} docs {result['seconds']:>8.2f} s {docs_per_s:>8.1f} docs/s "
        f"{words_per_s:>9.0f} words/s  peak RSS {result['peak_rss_mb']:>7.1f} MB"
        + (f" (+ workers {result['peak_rss_children_mb']:.0f} MB)" if result.get("peak_rss_children_mb", 0) > 1 else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the CoNLL-2003 folder (train.txt, valid.txt, test.txt)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N CoNLL documents (0: all 1,393)")
    parser.add_argument("--seed-repeat", type=int, default=13, help="N for the scaling run: seed × N against seed × 10N (0: skip)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the multiprocessing comparison (1: skip)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each CoNLL-2003 measurement, alternated; the fastest counts")
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-sparql", action="store_true", help="skip the SPARQL timings")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        metavar="N",
        help="SPARQL on a graph of N documents cloned from the seed's extractions (no parsing; 0: skip)",
    )
    parser.add_argument(
        "--name-groups",
        type=int,
        default=0,
        metavar="G",
        help="with --synthetic: also a graph whose copies use G sets of names (0: every copy its own)",
    )
    parser.add_argument("--rdflib-large", action="store_true", help="also time rdflib on the large graphs (slow)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SPEC"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    if arguments.child:
        kind, spec = arguments.child
        print(json.dumps(CHILDREN[kind](json.loads(spec))))
        return

    from newskg import DEFAULT_MODEL

    model = arguments.model or DEFAULT_MODEL
    figures: dict = {"model": model, "cpus": os.cpu_count()}
    work = Path(tempfile.mkdtemp(prefix="newskg-throughput-"))
    print(f"model {model}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, scratch {work}")

    def spec(corpus: Path, workers: int, out: str, formats: tuple[str, ...] = ALL_FORMATS) -> dict:
        return {
            "corpus": str(corpus),
            "model": model,
            "workers": workers,
            "batch_size": arguments.batch_size,
            "out": str(work / out),
            "formats": list(formats),
        }

    if arguments.data:
        records = read_conll_documents(arguments.data)
        if arguments.limit:
            records = records[: arguments.limit]
        corpus = write_jsonl(records, work / "conll.jsonl")
        print(f"\n== CoNLL-2003 Reuters: {len(records)} documents ==")
        for workers in sorted({1, arguments.workers}):
            # Alternated and the fastest of each kept: on a shared machine a neighbour's job
            # slows whichever run it overlaps, and the fastest run is the least disturbed.
            plain_runs, our_runs = [], []
            for _ in range(arguments.repeat):
                plain_runs.append(run_child("spacy", spec(corpus, workers, f"conll-spacy-{workers}")))
                our_runs.append(run_child("newskg", spec(corpus, workers, f"conll-newskg-{workers}")))
            plain = min(plain_runs, key=lambda run: run["seconds"])
            ours = min(our_runs, key=lambda run: run["seconds"])
            if arguments.repeat > 1:
                plain_times = ", ".join(f"{run['seconds']:.1f}" for run in plain_runs)
                our_times = ", ".join(f"{run['seconds']:.1f}" for run in our_runs)
                print(f"  {arguments.repeat} runs each (s): spaCy {plain_times}; newskg {our_times}; the fastest of each below")
            print(rate_line(f"spaCy nlp.pipe, {workers} process(es)", plain))
            print(rate_line(f"newskg build, {workers} process(es)", ours))
            ratio = plain["seconds"] / ours["seconds"]
            extraction = ours["stages"]["ingest"] + ours["stages"]["parse_ner"] + ours["stages"]["entity_layer"] + ours["stages"]["relations"]
            print(f"  newskg/spaCy rate, end to end (all outputs): {ratio:.2f}   (target >= 0.80)")
            print(f"  newskg/spaCy rate, ingest + extraction only: {plain['seconds'] / extraction:.2f}")
            print("  stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in ours["stages"].items()))
            figures[f"conll_workers_{workers}"] = {"spacy": plain, "newskg": ours, "ratio_end_to_end": ratio}
        if arguments.workers > 1:
            one = figures["conll_workers_1"]
            many = figures[f"conll_workers_{arguments.workers}"]
            print(
                f"  --workers {arguments.workers} speed-up: newskg {one['newskg']['seconds'] / many['newskg']['seconds']:.2f}x, "
                f"spaCy {one['spacy']['seconds'] / many['spacy']['seconds']:.2f}x"
            )

    if arguments.seed_repeat:
        small_n, large_n = arguments.seed_repeat, arguments.seed_repeat * 10
        small_corpus = write_jsonl(seed_records(small_n), work / "seed-small.jsonl")
        large_corpus = write_jsonl(seed_records(large_n), work / "seed-large.jsonl")
        print(f"\n== seed article repeated {small_n}x and {large_n}x ==")
        small = run_child("newskg", spec(small_corpus, 1, "seed-small"))
        large = run_child("newskg", spec(large_corpus, 1, "seed-large"))
        print(rate_line(f"newskg build, seed x{small_n}", small))
        print("  stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in small["stages"].items()))
        print(rate_line(f"newskg build, seed x{large_n}", large))
        print("  stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in large["stages"].items()))
        print(f"  counts at {large['documents']} documents: {large['counts']}")
        scale = large["seconds"] / small["seconds"]
        documents_scale = large["documents"] / small["documents"]
        print(f"  {documents_scale:.1f}x the documents took {scale:.2f}x the time   (target <= 11x for 10x)")
        print(f"  peak RSS at {large['documents']} documents: {large['peak_rss_mb']:.0f} MB   (target < 2048 MB)")
        figures["seed_scaling"] = {"small": small, "large": large, "time_ratio": scale, "document_ratio": documents_scale}

        if not arguments.no_sparql and (ROOT / "queries").is_dir():
            # rdflib takes seconds to minutes per query at this size, so it runs side by side on the
            # small graph and Oxigraph alone on the large one.
            for label, corpus_name, out_name, with_rdflib in (
                (f"{small['documents']}-document", small_corpus, "seed-small", True),
                (f"{large['documents']}-document", large_corpus, "seed-large", False),
            ):
                print(f"\n== SPARQL on the {label} graph (in memory; Oxigraph best of 3) ==")
                query_spec = {**spec(corpus_name, 1, out_name), "rdflib": with_rdflib}
                timings = run_child("sparql", query_spec)
                print(f"  graph: {timings.pop('_graph')}; loading (s): {timings.pop('_load_seconds')}")
                for name, row in timings.items():
                    print(f"  {name:<28} " + "  ".join(f"{key} {value}" for key, value in row.items()))
                figures[f"sparql_{out_name}"] = timings

    if arguments.synthetic and not arguments.no_sparql:
        seed_cache = work / "seed-extractions.pickle"
        copies = -(-arguments.synthetic // 78)
        for groups in sorted({1, arguments.name_groups or copies}):
            label = "same names in every copy" if groups == 1 else f"{groups} sets of names"
            out_name = f"synthetic-{groups}"
            built = run_child(
                "synthetic",
                {**spec(SEED, 1, out_name), "documents": arguments.synthetic, "name_groups": groups, "seed_cache": str(seed_cache)},
            )
            print(f"\n== SPARQL on a synthetic graph: seed extractions cloned, {label} ==")
            print(
                f"  {built['documents']} documents, {built['entities']} entities, {built['relations']} relations, "
                f"{built['edges']} edges (cloned, resolved and built in {built['seconds']} s)"
            )
            timings = run_child("sparql", {**spec(SEED, 1, out_name), "rdflib": arguments.rdflib_large})
            timings.pop("_graph")
            print(f"  loading (s): {timings.pop('_load_seconds')}")
            for name, row in timings.items():
                print(f"  {name:<28} " + "  ".join(f"{key} {value}" for key, value in row.items()))
            figures[f"sparql_synthetic_{groups}"] = {"graph": built, "queries": timings}

    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
