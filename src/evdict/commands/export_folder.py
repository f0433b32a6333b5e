"""An export that is a folder (an Iglu or Weaver registry), written all or none.

The files go through :func:`evdict.transaction.write_all` inside ``--out`` only: never
through a symlink (one anywhere in the folder is refused), never beside files the
export does not write (a folder holding anything else is refused, so an export never
mixes with someone's schemas). A re-export into the same folder replaces its files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from evdict.anchored import Place, remove_stale_temporaries
from evdict.errors import UsageError
from evdict.transaction import FileWrite, write_all

# How many unexpected files the refusal names.
_SHOWN = 3


class ExportFolderError(UsageError):
    """The export folder cannot be written (not a folder, a symlink, other files)."""


def write_folder(out: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (paths relative to ``out``, ``/``-separated, no ``..``) under
    ``out``: all of them or none. Raises :class:`ExportFolderError` before writing
    anything when ``out`` is not a folder or holds a symlink or another file."""
    if out.is_symlink():
        raise ExportFolderError(f"--out {out} is a symlink: evdict never writes through one")
    if out.exists() and not out.is_dir():
        raise ExportFolderError(f"--out {out} is a file, not a folder")
    foreign = sorted(_files_in(out) - set(files)) if out.exists() else []
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (", ..." if len(foreign) > _SHOWN else "")
        raise ExportFolderError(
            f"--out {out} holds {len(foreign)} file(s) this export does not write ({shown}): "
            "choose a new or empty folder, or the one an earlier export of this format wrote"
        )
    writes = []
    for relative, data in files.items():
        target = out / relative
        writes.append(FileWrite(target, data, target.as_posix(), create=not target.exists()))
    write_all(writes, out)


def _files_in(out: Path) -> set[str]:
    """The files under ``out`` (relative, ``/``-separated), less the temporaries a killed
    run left; raises :class:`ExportFolderError` at the first symlink."""
    found: set[str] = set()
    for folder, folders, names in os.walk(out):
        remove_stale_temporaries(Place(Path(folder), (), ""))
        for name in [*folders, *names]:
            path = Path(folder, name)
            if path.is_symlink():
                raise ExportFolderError(
                    f"{path.as_posix()} is a symlink: evdict never writes through one"
                )
            if name in names and path.exists():
                found.add(path.relative_to(out).as_posix())
    return found
