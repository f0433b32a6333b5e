"""Write a generated site into its folder, and remove the pages an earlier build left.

The output folder may hold other files (a CNAME for GitHub Pages, a hand-written
page): only files listed in the manifest of the previous build are ever removed.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

MANIFEST = ".evdict-docs"


class SiteOutput:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.written: list[str] = []
        self._made: set[Path] = set()

    def write(self, relative: str, text: str) -> None:
        """Write one file; ``relative`` is a POSIX path the builder made from slugs."""
        path = self.out_dir / relative
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        path.write_text(text, encoding="utf-8")
        self.written.append(relative)

    def finish(self) -> list[str]:
        """Remove files of the previous build that this one did not write; record this one."""
        manifest = self.out_dir / MANIFEST
        current = set(self.written)
        if manifest.is_file():
            for line in manifest.read_text(encoding="utf-8").splitlines():
                if line and line not in current and _is_inside(line):
                    (self.out_dir / line).unlink(missing_ok=True)
        manifest.write_text("".join(f"{name}\n" for name in sorted(current)), encoding="utf-8")
        return self.written


def _is_inside(relative: str) -> bool:
    """A manifest line names a file inside the folder (it could have been edited by hand)."""
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in relative
