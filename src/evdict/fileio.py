"""Small file helpers: the mode of a new file and splicing edits
into a file's contents. Files are written by :mod:`evdict.anchored` (one file) and
:mod:`evdict.transaction` (several, all or nothing)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import AnyStr


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the process's umask."""
    umask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(umask)
    return 0o666 & ~umask


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
