"""Commands registered by this module (see the issue that owns it)."""

from __future__ import annotations

from newskg.cli.app import app  # noqa: F401
