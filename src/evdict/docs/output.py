"""Write a generated site into its folder, and remove the pages an earlier build left.

The site is one transaction (:func:`evdict.transaction.write_all`): every page is
written, and every stale page removed, or none is, Ctrl-C included. The output folder
may hold other files (a CNAME for GitHub Pages, a hand-written page): only files listed
in the manifest of the previous build, named as a build names its pages, are ever
removed. Nothing is written or removed through a symbolic link inside the folder, nor
over a file the run reads: a link there is refused with a clear message when the site is
planned, and the transaction walks from the folder with directory descriptors, so a
link swapped in meanwhile is refused too (the folder itself may be a link, as the user
chose it).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from evdict.errors import UsageError
from evdict.transaction import FileWrite, write_all

if TYPE_CHECKING:
    from evdict.commands.output_guard import ReadFiles

MANIFEST = ".evdict-docs"
# What a build writes (see SiteContent.pages and the static files): a manifest line of
# another shape was not written by evdict and is never removed.
_BUILT_FILE = re.compile(
    r"(?:(?:events|properties)/[a-z0-9_-]+|index|funnels|budget|health)\.(?:html|md)"
    r"|assets/[a-z]+\.(?:css|js)"
)


class UnsafeOutputError(UsageError):
    """A file of the site would be written through a symbolic link."""


class SiteOutput:
    """The pages of one build, gathered, then written together by :meth:`finish`.
    ``reads``: the files the run reads, never written over."""

    def __init__(self, out_dir: Path, reads: ReadFiles | None = None) -> None:
        self.out_dir = out_dir
        self.reads = reads
        self.pages: dict[str, bytes] = {}
        self._checked: set[str] = set()  # folders found free of links, "" the output folder

    @property
    def written(self) -> list[str]:
        return list(self.pages)

    def write(self, relative: str, text: str) -> None:
        """Add one file; ``relative`` is a POSIX path the builder made from slugs."""
        parent = PurePosixPath(relative).parent.as_posix()
        self._check_folders("" if parent == "." else parent)
        self._check_not_link(relative)
        self.pages[relative] = text.encode("utf-8")

    def _check_folders(self, folder: str) -> None:
        """No folder on the way to ``folder`` is a link (a clear message before anything
        is written; the transaction checks again as it writes)."""
        done = ""
        for part in PurePosixPath(folder).parts:
            done = f"{done}/{part}" if done else part
            if done not in self._checked:
                self._check_not_link(done)
                self._checked.add(done)

    def _check_not_link(self, relative: str) -> None:
        if (self.out_dir / relative).is_symlink():
            raise UnsafeOutputError(
                f"{self.out_dir / relative} is a symbolic link: evdict writes no file "
                "through a link; remove it and build again"
            )

    def finish(self) -> list[str]:
        """Write this build's files, remove those of the previous build that this one
        did not write, and record this one, all or nothing."""
        manifest = self.out_dir / MANIFEST
        self._check_not_link(MANIFEST)
        current = set(self.pages)
        built: dict[str, None] = {}  # the previous build's files, in its manifest's order
        if _is_regular(manifest):
            for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
                if self._was_built(line):
                    built[line] = None
        stale = [name for name in built if name not in current]
        listing = "".join(f"{name}\n" for name in sorted(current)).encode("utf-8")
        files: list[tuple[str, bytes | None]] = [
            *self.pages.items(),
            *((name, None) for name in stale),
            (MANIFEST, listing),
        ]
        if self.reads is not None:
            for name, _ in files:
                # A page the last build wrote (its script may match `sources`) is evdict's.
                if name not in built and name != MANIFEST:
                    self.reads.refuse(self.out_dir / name, "--out")
        writes = [FileWrite(self.out_dir / name, data) for name, data in files]
        write_all(writes, self.out_dir)
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
