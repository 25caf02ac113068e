"""The ``newskg`` command line: parses arguments and calls ``extract/`` and ``graph/``."""

from __future__ import annotations

from newskg.cli.app import app
from newskg.cli import build as _build  # noqa: F401  (registers commands)
from newskg.cli import entities as _entities  # noqa: F401


def main() -> None:
    app()
