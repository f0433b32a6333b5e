"""The scan cache: a stat index of the prefilter's verdicts, and facts by content hash.

``<cache dir>/scan-v2/``:

* ``index-<root hash>.json``: per file its ``mtime_ns``, size, content digest (once
  parsed, with the front-end version it was made for) and which prefilter triggers it hit, plus the triggers every file without a
  hit was tested against. A warm run stats the files and reads none whose stat is
  unchanged: no read, no hash, no prefilter.
* ``facts/<ab>/<digest>.json``: a file's facts (:mod:`evdict.scanner.codec`), keyed by a
  hash of the front end's version and the content, so a copied file is never parsed
  twice.

Each entry is sealed (:mod:`evdict.cachestore`): an entry this machine's evdict did not
write, or that changed since, is a miss, as is one whose decoded shape is wrong. When a
file changes, its old facts are removed with the index that named them, so the cache
holds one entry per file; past ``cache_max_megabytes`` the oldest entries go.

Safe under concurrent runs: every write goes to a temporary file then
``os.replace``; the last index written wins, and its entries are checked against the
files anyway. Entries whose mtime is within two seconds of the index are not trusted
(a file rewritten in the same clock tick keeps its size and mtime), as git does for
its index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from evdict.cachestore import account, mark_cache_dir, read_sealed, write_sealed
from evdict.scanner import codec
from evdict.scanner.model import FileFacts

CACHE_VERSION = 2
_RACY_NS = 2_000_000_000
_DIGEST = re.compile(r"[0-9a-f]{32}")


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


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not a string")
    return value


def _entry(item: list[object]) -> Entry:
    """An index entry from its JSON list, its shape checked (TypeError when wrong)."""
    mtime_ns, size, raw_key, hits, version = item
    key = None if raw_key is None else _str(raw_key)
    if key is not None and not _DIGEST.fullmatch(key):
        raise TypeError("not a digest")
    if not isinstance(hits, list):
        raise TypeError("hits is not a list")
    return Entry(
        _int(mtime_ns),
        _int(size),
        key,
        [_str(hit) for hit in hits],
        None if version is None else _str(version),
    )


def digest(language_version: str, data: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(
        language_version.encode("utf-8", "surrogateescape")
    )  # a file name may not be UTF-8
    hasher.update(b"\0")
    hasher.update(data)
    return hasher.hexdigest()


class ScanCache:
    def __init__(self, directory: Path, root: Path, max_bytes: int) -> None:
        self.base = directory
        self.directory = directory / f"scan-v{CACHE_VERSION}"
        root_key = hashlib.blake2b(str(root).encode(), digest_size=6).hexdigest()
        self.index_path = self.directory / f"index-{root_key}.json"
        self.max_bytes = max_bytes
        self.writable = True
        self.written = 0
        self._marked = False

    def load_index(self) -> Index:
        body = read_sealed(self.index_path, "scan-index")
        if body is None:
            return Index()
        try:
            raw = json.loads(body)
            files = {_str(rel): _entry(item) for rel, item in raw["files"].items()}
            tested = frozenset(_str(trigger) for trigger in raw["tested"])
            return Index(tested, _int(raw["written_ns"]), files)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
            return Index()

    def save_index(self, index: Index, previous: Index) -> None:
        """Write this run's index, remove the facts only ``previous`` named (of files
        that changed or are gone), and keep the cache under its size limit."""
        document = {
            "tested": sorted(index.tested),
            "written_ns": time.time_ns(),
            "files": {
                rel: [entry.mtime_ns, entry.size, entry.digest, entry.hits, entry.version]
                for rel, entry in sorted(index.files.items())
            },
        }
        self._write(self.index_path, "scan-index", json.dumps(document, separators=(",", ":")))
        if not self.writable:
            return
        kept = {entry.digest for entry in index.files.values()}
        for entry in previous.files.values():
            if entry.digest and entry.digest not in kept:
                with contextlib.suppress(OSError):
                    self._facts_path(entry.digest).unlink()
        if self.written:
            account(self.base, self.written, self.max_bytes)

    def _facts_path(self, key: str) -> Path:
        return self.directory / "facts" / key[:2] / f"{key}.json"

    def load_facts(self, key: str) -> FileFacts | None:
        body = read_sealed(self._facts_path(key), "scan-facts")
        if body is None:
            return None
        try:
            return codec.loads(body)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def save_facts(self, key: str, facts: FileFacts) -> None:
        if self.writable:
            text = codec.dumps(facts)
            self._write(self._facts_path(key), "scan-facts", text)
            self.written += len(text)

    def _write(self, path: Path, kind: str, text: str) -> None:
        if not self.writable:
            return
        if not self._marked:
            mark_cache_dir(self.base)
            self._marked = True
        try:
            write_sealed(path, kind, text.encode())
        except OSError:
            self.writable = False  # a read-only checkout: scan without writing
