from __future__ import annotations

import os
import stat

import pytest

from newskg.atomic import atomic_open, atomic_write_text, remove_stale_temporaries


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    path = tmp_path / "graph.ttl"
    atomic_write_text(path, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_atomic_failed_write_keeps_previous_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "graph.ttl"
    atomic_write_text(path, "old")
    with pytest.raises(RuntimeError):
        with atomic_open(path) as handle:
            handle.write("half")
            raise RuntimeError("crash")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_stale_temporaries_from_a_killed_run_are_removed(tmp_path):
    (tmp_path / ".graph.ttl.abc123.tmp").write_text("half")
    (tmp_path / "graph.ttl").write_text("whole")
    removed = remove_stale_temporaries(tmp_path)
    assert [p.name for p in removed] == [".graph.ttl.abc123.tmp"]
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
