"""Writing files so that nothing is ever half-written, marking cache folders, and splicing
edits into a file's contents."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import AnyStr

_CACHE_MARKERS = {
    ".gitignore": "# Created by evdict: a cache, never commit it.\n*\n",
    # https://bford.info/cachedir/: backup tools skip the folder.
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# evdict cache\n",
}


def write_atomic(path: Path, data: str | bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old content or the new, never part of it; concurrent writers
    never mix. ``durable`` also flushes to disk before the rename (for files people
    keep, such as baselines, rather than caches). Raises ``OSError``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            if path.exists():
                Path(temporary).chmod(path.stat().st_mode & 0o7777)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def mark_cache_dir(directory: Path) -> None:
    """Create the cache root with a ``.gitignore`` and a ``CACHEDIR.TAG`` (best effort)."""
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in _CACHE_MARKERS.items():
            marker = directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")


def splice(data: AnyStr, edits: Iterable[tuple[int, int, AnyStr]]) -> AnyStr:
    """``data`` with each ``(start, end, replacement)`` made, the last first so earlier
    offsets stay true; :class:`ValueError` when two edits overlap."""
    result = data
    limit: int | None = None
    for start, end, replacement in sorted(edits, reverse=True):
        if limit is not None and end > limit:
            raise ValueError("two edits overlap")
        result = result[:start] + replacement + result[end:]
        limit = start
    return result
