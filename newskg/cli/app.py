"""The typer application every command module registers on."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

app = typer.Typer(
    name="newskg",
    help="Build a knowledge graph of people, organizations and places from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> "typer.Exit":
    errors.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def is_terminal() -> bool:
    return sys.stderr.isatty()
