"""The ``newskg`` command line: parses arguments and calls ``extract/`` and ``graph/``.

Each module registers its commands on the shared typer ``app``.
"""

from __future__ import annotations

from newskg.cli import analytics, build, entities, export, query, serve, view  # noqa: F401
from newskg.cli.app import app


def main() -> None:
    app()
