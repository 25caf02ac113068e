"""``newskg stats | neighbors | path | communities | timeline``: analytics over a build."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import networkx as nx
import typer
from rich.markup import escape
from rich.table import Table

from graph import analytics
from graph.timeline import COLUMNS, timeline_rows, write_timeline
from newskg.cli.app import app, console, errors, fail
from newskg.cli.export import load_build

_TOP = typer.Option(10, "--top", "-n", min=1, help="How many entities each ranking lists.")
_RELATIONS_ONLY = typer.Option(
    False, "--relations-only", help="Rank and cluster over typed relations only, leaving out same-sentence co-mentions."
)
_JSON = typer.Option(False, "--json", help="Print JSON instead of tables.")


def _entity(graph: nx.MultiDiGraph, name: str) -> str:
    try:
        return analytics.find_entity(graph, name)
    except (analytics.EntityNotFoundError, analytics.AmbiguousEntityError) as error:
        raise fail(escape(str(error)))


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True))


@app.command("stats")
def stats_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    top: int = _TOP,
    relations_only: bool = _RELATIONS_ONLY,
    as_json: bool = _JSON,
) -> None:
    """Counts by type and predicate, corroboration, dates, and the most central entities."""
    result = analytics.stats(load_build(directory), top=top, relations_only=relations_only)
    if as_json:
        _print_json(asdict(result))
        return
    counts = Table("what", "count", title="counts")
    for kind, count in result.documents_by_kind.items():
        counts.add_row(f"documents: {kind}", str(count))
    for kind, count in result.entities_by_type.items():
        counts.add_row(f"entities: {kind}", str(count))
    for predicate, count in result.relations_by_predicate.items():
        counts.add_row(f"relations: {predicate}", str(count))
    for sources, count in result.relations_by_source_count.items():
        counts.add_row(f"relations with {sources} source{'s' if sources != 1 else ''}", str(count))
    counts.add_row("mentions", str(result.mentions))
    counts.add_row("co-mentioned pairs", str(result.co_mention_pairs))
    counts.add_row("publication dates", f"{result.first_date or '-'} .. {result.last_date or '-'}")
    console.print(counts)
    rankings = (result.top_by_sources, result.top_by_degree, result.top_by_pagerank, result.top_by_betweenness)
    table = Table("#", "most sources", "degree (weighted)", "PageRank", "betweenness", title="top entities")
    for rank in range(max((len(ranking) for ranking in rankings), default=0)):
        cells = [
            f"{escape(ranking[rank].label)} [dim]{ranking[rank].score:.4g}[/]" if rank < len(ranking) else ""
            for ranking in rankings
        ]
        table.add_row(str(rank + 1), *cells)
    console.print(table)
    if result.most_corroborated:
        table = Table("subject", "predicate", "object", "sources", "first seen", "last seen", title="best corroborated relations")
        for row in result.most_corroborated:
            table.add_row(
                escape(row["subject"]), row["predicate"], escape(row["object"]), str(row["source_count"]),
                row["first_seen"] or "", row["last_seen"] or "",
            )
        console.print(table)


@app.command("neighbors")
def neighbors_command(
    directory: Path = typer.Argument(..., help="A build folder (written by 'newskg build')."),
    entity: str = typer.Argument(..., help="Entity label, alias or id (case-insensitive)."),
    co_mentions: bool = typer.Option(True, "--co-mentions/--no-co-mentions", help="Also list entities named in the same sentence."),
    as_json: bool = _JSON,
) -> None:
    """What ENTITY is linked to: typed relations (best supported first), then co-mentions."""
    graph = load_build(directory)
    node = _entity(graph, entity)
    found = analytics.neighbors(graph, node, co_mentions=co_mentions)
    if as_json:
        _print_json({"entity": node, "neighbors": [asdict(n) for n in found]})
        return
    label = escape(graph.nodes[node].get("label", node))
    table = Table("relation", "neighbor", "type", "sources", "seen", "evidence", title=f"neighbors of {label}")
    for neighbor in found:
        relation = {"out": f"{label} {neighbor.predicate} →", "in": f"← {neighbor.predicate} {label}"}.get(
            neighbor.direction, "same sentence"
        )
        seen = " .. ".join(dict.fromkeys(d for d in (neighbor.first_seen, neighbor.last_seen) if d))
        table.add_row(
            relation, escape(neighbor.label), neighbor.type, str(neighbor.source_count), seen,
            escape(" ".join((neighbor.evidence or "").split())),
        )
    console.print(table)
    if not found:
        errors.print(f"{label} has no neighbors", highlight=False)


@app.command("path")
def path_command(
    directory: Path = typer.Argument(..., help="A build folder (written by 'newskg build')."),
    source: str = typer.Argument(..., help="Start entity: label, alias or id."),
    target: str = typer.Argument(..., help="End entity: label, alias or id."),
    limit: int = typer.Option(3, "--limit", "-n", min=1, help="How many shortest chains to show."),
    as_json: bool = _JSON,
) -> None:
    """The shortest chains of typed relations between two entities, each hop with its evidence.

    Exit code 3 when no chain of typed relations links them.
    """
    graph = load_build(directory)
    start, end = _entity(graph, source), _entity(graph, target)
    chains = analytics.shortest_paths(graph, start, end, limit=limit)
    if as_json:
        _print_json({"source": start, "target": end, "chains": [[asdict(hop) for hop in chain] for chain in chains]})
    if not chains:
        errors.print(
            f"no chain of typed relations links {escape(graph.nodes[start]['label'])} and {escape(graph.nodes[end]['label'])}",
            highlight=False,
        )
        raise typer.Exit(3)
    if as_json:
        return
    label = lambda node: escape(graph.nodes[node].get("label", node))  # noqa: E731
    for number, chain in enumerate(chains, 1):
        console.print(f"[bold]chain {number}[/] ({len(chain)} hop{'s' if len(chain) != 1 else ''})", highlight=False)
        for hop in chain:
            arrow = "" if hop.forward else "  (walked backwards)"
            evidence = hop.evidence
            where = ", ".join(str(part) for part in (evidence.get("publisher"), evidence.get("date")) if part) or evidence.get("doc_id", "")
            console.print(
                f"  {label(hop.subject)} [cyan]{hop.predicate}[/] {label(hop.object)}{arrow}"
                f"  [dim]({hop.source_count} source{'s' if hop.source_count != 1 else ''})[/]",
                highlight=False,
            )
            sentence = " ".join(str(evidence.get("text", "")).split())
            console.print(f"    “{escape(sentence)}” [dim]— {escape(where)}[/]", highlight=False)


@app.command("communities")
def communities_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    seed: int = typer.Option(analytics.DEFAULT_SEED, "--seed", help="Louvain's random seed (same seed, same result)."),
    resolution: float = typer.Option(1.0, "--resolution", min=0.0, help="Above 1: more, smaller communities."),
    min_size: int = typer.Option(2, "--min-size", min=1, help="Hide communities smaller than this."),
    relations_only: bool = _RELATIONS_ONLY,
    as_json: bool = _JSON,
) -> None:
    """Louvain communities of the entity graph, largest first."""
    graph = load_build(directory)
    found = [
        community
        for community in analytics.communities(graph, seed=seed, resolution=resolution, relations_only=relations_only)
        if len(community.members) >= min_size
    ]
    if as_json:
        _print_json([{"id": c.id, "members": [{"id": m, "label": graph.nodes[m]["label"]} for m in c.members]} for c in found])
        return
    table = Table("community", "size", "members")
    for community in found:
        names = sorted(graph.nodes[m]["label"] for m in community.members)
        table.add_row(str(community.id), str(len(community.members)), escape(", ".join(names)))
    console.print(table)


@app.command("timeline")
def timeline_command(
    directory: Path = typer.Argument(Path("output"), help="A build folder (written by 'newskg build')."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="CSV file to write (default: DIR/timeline.csv; '-' for stdout)."),
) -> None:
    """Write a CSV of dated facts: each dated source, and each relation with its seen and stated dates."""
    graph = load_build(directory)
    if out is not None and str(out) == "-":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(timeline_rows(graph))
        return
    target = out or Path(directory) / "timeline.csv"
    write_timeline(graph, target)
    errors.print(f"wrote {escape(str(target))}", highlight=False)
