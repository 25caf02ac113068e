"""Atomic file writes: a crash mid-write leaves the previous file whole."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator

TEMPORARY_SUFFIX = ".tmp"


def _default_file_mode() -> int:
    """The mode a plain ``open()`` would give: 0o666 less the umask (mkstemp gives 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8", *, durable: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    ``durable=False`` skips the fsync: for files that can be recomputed (cache entries),
    where a rename that is atomic but not yet on disk after a power cut is acceptable.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    binary = "b" in mode
    try:
        os.chmod(temporary, _default_file_mode())
        with os.fdopen(descriptor, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    with atomic_open(path, "w", durable=durable) as handle:
        handle.write(text)


def write_text_output(target: "str | Path | IO[str]", write: "Callable[[IO[str]], None]") -> None:
    """Run ``write`` on an open text stream, or on a path written atomically."""
    if hasattr(target, "write"):
        write(target)  # type: ignore[arg-type]
        return
    with atomic_open(Path(target), "w") as handle:  # type: ignore[arg-type]
        write(handle)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete the temporary files a killed run left behind (``.NAME.*.tmp``)."""
    removed = []
    for path in Path(directory).glob(f".*{TEMPORARY_SUFFIX}"):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed
