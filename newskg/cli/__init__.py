"""The ``newskg`` command line: parses arguments and calls ``extract/`` and ``graph/``.

Each module registers its commands on the shared typer ``app``.
"""

from __future__ import annotations

# Import order is registration order, which is the order --help lists the commands in.
from newskg.cli import build, entities, export, query, serve, view, analytics  # noqa: F401  # isort: skip
from newskg.cli.app import app


def main() -> None:
    app()
