"""The gazetteer's name index is cached on disk between processes, as plain JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import gazetteer


@pytest.fixture
def fresh_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NEWSKG_NO_GAZETTEER_CACHE", raising=False)
    gazetteer._index.cache_clear()
    yield tmp_path
    gazetteer._index.cache_clear()


def test_gazetteer_cache_read_back_equals_the_built_index(fresh_index: Path) -> None:
    built = gazetteer._index()
    cached_files = list((fresh_index / "newskg").glob("gazetteer-*.json"))
    assert len(cached_files) == 1
    gazetteer._index.cache_clear()
    assert gazetteer._index() == built
    assert gazetteer.lookup("Kabul")[0].country == "AF"


def test_gazetteer_cache_a_corrupt_file_is_rebuilt_not_fatal(fresh_index: Path) -> None:
    gazetteer._index()
    (cached,) = (fresh_index / "newskg").glob("gazetteer-*.json")
    cached.write_text('{"kabul": [["Kabul"', encoding="utf-8")
    gazetteer._index.cache_clear()
    assert gazetteer.lookup("Kandahar")[0].country == "AF"
    assert "kandahar" in json.loads(cached.read_text(encoding="utf-8"))  # rewritten whole
    gazetteer._index.cache_clear()
    assert gazetteer.lookup("Kabul")[0].country == "AF"
