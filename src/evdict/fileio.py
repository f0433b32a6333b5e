"""Writing files so that nothing is ever half-written, marking cache folders, and splicing
edits into a file's contents.

Every temporary file evdict writes is a hidden sibling of its target named
``.NAME.evdict-PID-RANDOM.tmp``: :func:`evdict.anchored.remove_stale_temporaries`
recognises the ones a killed run left behind (their process is gone) and removes them.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import AnyStr

CACHE_TAG_NOTE = "# evdict cache"
_CACHE_MARKERS = {
    ".gitignore": "# Created by evdict: a cache, never commit it.\n*\n",
    # https://bford.info/cachedir/: backup tools skip the folder.
    "CACHEDIR.TAG": f"Signature: 8a477f597d28d172789f06886806bc55\n{CACHE_TAG_NOTE}\n",
}


def write_atomic(path: Path, data: str | bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old content or the new, never part of it; concurrent writers
    never mix. ``durable`` also flushes to disk before the rename (for files people
    keep, such as baselines, rather than caches). Raises ``OSError``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    content = data.encode("utf-8") if isinstance(data, str) else data
    temporary = write_temporary(path, content, durable=durable)
    try:
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_temporary(
    path: Path, data: bytes, *, mode: int | None = None, durable: bool = False
) -> Path:
    """A new temporary sibling of ``path`` holding ``data`` (flushed to disk if
    ``durable``), with ``mode``, else the mode ``path`` has, else the mode of a new file
    under the umask (``tempfile`` makes 0600). Raises ``OSError`` (and leaves nothing
    behind)."""
    handle, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.evdict-{os.getpid()}-", suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is None:
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except OSError:
                mode = new_file_mode()
        temporary.chmod(mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the process's umask."""
    umask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(umask)
    return 0o666 & ~umask


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
