"""Write a generated site into its folder, and remove the pages an earlier build left.

The output folder may hold other files (a CNAME for GitHub Pages, a hand-written
page): only files listed in the manifest of the previous build, named as a build names
its pages, are ever removed. Nothing is written or removed through a symbolic link
inside the folder: a link there could point anywhere (the folder itself may be a link,
as the user chose it).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from evdict.errors import UsageError

MANIFEST = ".evdict-docs"
# What a build writes (see SiteContent.pages and the static files): a manifest line of
# another shape was not written by evdict and is never removed.
_BUILT_FILE = re.compile(
    r"(?:(?:events|properties)/[a-z0-9_-]+|index|funnels|budget|health)\.(?:html|md)"
    r"|assets/[a-z]+\.(?:css|js)"
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows has no such flag


class UnsafeOutputError(UsageError):
    """A file of the site would be written through a symbolic link."""


class SiteOutput:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.written: list[str] = []
        self._made: set[str] = set()  # folders made (or found) already, "" the output folder

    def write(self, relative: str, text: str) -> None:
        """Write one file; ``relative`` is a POSIX path the builder made from slugs."""
        parent = PurePosixPath(relative).parent.as_posix()
        folder = "" if parent == "." else parent
        if folder not in self._made:
            self._make_folders(folder)
        self._write_file(relative, text)
        self.written.append(relative)

    def _write_file(self, relative: str, text: str) -> None:
        """Create or truncate the file itself, never a file a link there points at."""
        path = self.out_dir / relative
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NO_FOLLOW, 0o666)
        except OSError as exc:
            if path.is_symlink():
                raise self._link_error(relative) from exc
            raise
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)

    def _make_folders(self, folder: str) -> None:
        """Create ``folder`` and its parents under the output folder, refusing links."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._made.add("")
        done = ""
        for part in PurePosixPath(folder).parts:
            done = f"{done}/{part}" if done else part
            path = self.out_dir / done
            if path.is_symlink():
                raise self._link_error(done)
            if done not in self._made:
                path.mkdir(exist_ok=True)
                self._made.add(done)

    def _link_error(self, relative: str) -> UnsafeOutputError:
        return UnsafeOutputError(
            f"{self.out_dir / relative} is a symbolic link: evdict writes no file through a "
            "link; remove it and build again"
        )

    def finish(self) -> list[str]:
        """Remove files of the previous build that this one did not write; record this one."""
        manifest = self.out_dir / MANIFEST
        current = set(self.written)
        if _is_regular(manifest):
            for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
                if line not in current and self._was_built(line):
                    (self.out_dir / line).unlink(missing_ok=True)
        self._write_file(MANIFEST, "".join(f"{name}\n" for name in sorted(current)))
        return self.written

    def _was_built(self, relative: str) -> bool:
        """A manifest line names a file a build writes, as a regular file inside the
        folder reached through no link (the manifest could have been edited by hand)."""
        if not _BUILT_FILE.fullmatch(relative):
            return False
        parts = PurePosixPath(relative).parts
        folders = (self.out_dir.joinpath(*parts[:depth]) for depth in range(1, len(parts)))
        return not any(folder.is_symlink() for folder in folders) and _is_regular(
            self.out_dir / relative
        )


def _is_regular(path: Path) -> bool:
    """A regular file, not a link to one."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False
