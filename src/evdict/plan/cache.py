"""Parsed plan files kept on disk, so that an unchanged file is not parsed again.

One entry per plan file (named after its absolute path) holds what parsing its
bytes produced: plain data, positions and problems, as ``marshal`` data (plain
values only, never objects). An entry is used only when its key matches: a
digest of the file's bytes and of everything else that shapes the result
(evdict's and ruamel.yaml's versions, the plan schema, the loader's and this
module's source). Entries are written to a temporary file then moved into place
with ``os.replace``, so concurrent runs never read half an entry, and a damaged
entry fails its checksum and is parsed again. An error touching the cache only costs
the speed-up, never the run.

Positions are unpacked only when a finding in that file asks for one: on a
large plan they cost three times the data.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
from pathlib import Path

from evdict import _version, schema
from evdict.diagnostics import Location
from evdict.fileio import mark_cache_dir, write_atomic
from evdict.plan.model import LoadProblem
from evdict.yamlsource import YamlDocument, YamlProblem

MAGIC = b"evdict-plan-cache-1\n"
_DIGEST = 32
_HEADER = len(MAGIC) + 2 * _DIGEST

Parsed = tuple[YamlDocument, list[LoadProblem]]


@functools.cache
def _fingerprint() -> bytes:
    """What besides a file's bytes decides its parse: versions, schema, loader source."""
    import ruamel.yaml  # only a cold parse needs the fingerprint

    digest = hashlib.blake2b(MAGIC, digest_size=_DIGEST)
    digest.update(f"{_version.__version__} {ruamel.yaml.__version__}".encode())
    sources = [schema.schema_dir() / schema.PLAN_SCHEMA]
    # The loader's own sources, read as files: importing the loader here would be a cycle.
    package = Path(__file__).parents[1]
    sources += [package / "yamlsource.py", package / "plan" / "load.py", package / "schema.py"]
    sources.append(Path(__file__))
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.digest()


def content_key(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=_DIGEST, key=_fingerprint()).digest()


def _checksum(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST).digest()


class ParseCache:
    """A directory of parsed plan files (``<cache root>/plan``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.directory = root / "plan"

    def _entry(self, path: Path) -> Path:
        name = hashlib.blake2b(str(path.absolute()).encode(), digest_size=16).hexdigest()
        return self.directory / f"{name}.marshal"

    def get(self, path: Path, raw: bytes, shown: str) -> Parsed | None:
        """The parse of ``raw`` (the bytes of ``path``) if cached, told with ``shown``."""
        try:
            blob = self._entry(path).read_bytes()
        except OSError:
            return None
        key, checksum, body = (
            blob[len(MAGIC) : len(MAGIC) + _DIGEST],
            blob[len(MAGIC) + _DIGEST : _HEADER],
            blob[_HEADER:],
        )
        if blob[: len(MAGIC)] != MAGIC or key != content_key(raw) or checksum != _checksum(body):
            return None
        try:
            data_blob, spans_blob, yaml_problems, load_problems = marshal.loads(body)
            data = marshal.loads(data_blob)
            document = YamlDocument(
                shown,
                data,
                lambda: marshal.loads(spans_blob),
                [YamlProblem(*problem) for problem in yaml_problems],
            )
            problems = [
                LoadProblem(kind, message, Location(shown, line, column), entry)
                for kind, message, line, column, entry in load_problems
            ]
        except (EOFError, ValueError, TypeError):
            return None
        return document, problems

    def put(
        self, path: Path, raw: bytes, document: YamlDocument, problems: list[LoadProblem]
    ) -> None:
        """Store the parse of ``raw``; a cache that cannot be written is skipped."""
        body = marshal.dumps(
            (
                marshal.dumps(document.data),
                marshal.dumps(document.spans),
                [(p.kind, p.message, p.line, p.column) for p in document.problems],
                [
                    (p.kind, p.message, p.location.line, p.location.column, p.entry)
                    for p in problems
                ],
            )
        )
        mark_cache_dir(self.root)
        with contextlib.suppress(OSError):
            write_atomic(self._entry(path), MAGIC + content_key(raw) + _checksum(body) + body)
