"""The scan cache: a stat index of the prefilter's verdicts, and facts by content hash.

``<cache dir>/scan-v1/``:

* ``index-<root hash>.json``: per file its ``mtime_ns``, size, content digest (once
  parsed, with the front-end version it was made for) and which prefilter triggers it hit, plus the triggers every file without a
  hit was tested against. A warm run stats the files and reads none whose stat is
  unchanged: no read, no hash, no prefilter.
* ``facts/<ab>/<digest>.json``: a file's facts (:mod:`evdict.scanner.codec`), keyed by a
  hash of the front end's version and the content, so a file that changes and changes
  back, or is copied, is never parsed twice.

Safe under concurrent runs: every write goes to a temporary file then
``os.replace``; an entry that cannot be read or decoded is ignored; the last index
written wins, and its entries are checked against the files anyway. Entries whose
mtime is within two seconds of the index are not trusted (a file rewritten in the
same clock tick keeps its size and mtime), as git does for its index.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from evdict.fileio import mark_cache_dir, write_atomic
from evdict.scanner import codec
from evdict.scanner.model import FileFacts

CACHE_VERSION = 1
_RACY_NS = 2_000_000_000


@dataclass
class Entry:
    mtime_ns: int
    size: int
    digest: str | None = None
    hits: list[str] = field(default_factory=list)
    # The front end (and interpreter) version ``digest`` keys facts for: a digest made
    # for another version names facts another front end extracted.
    version: str | None = None


@dataclass
class Index:
    tested: frozenset[str] = frozenset()
    written_ns: int = 0
    files: dict[str, Entry] = field(default_factory=dict)

    def trusted(self, rel: str, mtime_ns: int, size: int) -> Entry | None:
        """The entry of an unchanged file, if its stat can be trusted."""
        entry = self.files.get(rel)
        if entry is None or entry.mtime_ns != mtime_ns or entry.size != size:
            return None
        if mtime_ns >= self.written_ns - _RACY_NS:
            return None
        return entry


def digest(language_version: str, data: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(
        language_version.encode("utf-8", "surrogateescape")
    )  # a file name may not be UTF-8
    hasher.update(b"\0")
    hasher.update(data)
    return hasher.hexdigest()


class ScanCache:
    def __init__(self, directory: Path, root: Path) -> None:
        self.base = directory
        self.directory = directory / f"scan-v{CACHE_VERSION}"
        root_key = hashlib.blake2b(str(root).encode(), digest_size=6).hexdigest()
        self.index_path = self.directory / f"index-{root_key}.json"
        self.writable = True
        self._marked = False

    def load_index(self) -> Index:
        try:
            raw = json.loads(self.index_path.read_text(encoding="utf-8"))
            files = {
                rel: Entry(int(item[0]), int(item[1]), item[2], list(item[3]), *map(str, item[4:5]))
                for rel, item in raw["files"].items()
            }
            return Index(frozenset(raw["tested"]), int(raw["written_ns"]), files)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return Index()

    def save_index(self, index: Index) -> None:
        document = {
            "tested": sorted(index.tested),
            "written_ns": time.time_ns(),
            "files": {
                rel: [entry.mtime_ns, entry.size, entry.digest, entry.hits, entry.version]
                for rel, entry in sorted(index.files.items())
            },
        }
        self._write(self.index_path, json.dumps(document, separators=(",", ":")))

    def _facts_path(self, key: str) -> Path:
        return self.directory / "facts" / key[:2] / f"{key}.json"

    def load_facts(self, key: str) -> FileFacts | None:
        try:
            return codec.loads(self._facts_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save_facts(self, key: str, facts: FileFacts) -> None:
        if self.writable:
            self._write(self._facts_path(key), codec.dumps(facts))

    def _write(self, path: Path, text: str) -> None:
        if not self.writable:
            return
        if not self._marked:
            mark_cache_dir(self.base)
            self._marked = True
        try:
            write_atomic(path, text)
        except OSError:
            self.writable = False  # a read-only checkout: scan without writing
