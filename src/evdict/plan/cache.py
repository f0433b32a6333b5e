"""Parsed plan files kept on disk, so that an unchanged file is not parsed again.

One entry per plan file (named after its absolute path, so a changed file's entry is
replaced) holds what parsing its bytes produced: plain data, positions and problems,
as ``marshal`` data (plain values only, never objects). An entry is used only when its
key matches: a digest of the file's bytes and of everything else that shapes the
result (evdict's and ruamel.yaml's versions, the plan schema, the loader's and this
module's source). Entries are sealed (:mod:`evdict.cachestore`) and written to a
temporary file then moved into place with ``os.replace``, so concurrent runs never
read half an entry, and an entry that is damaged, edited or was not written on this
machine fails its seal and is parsed again; so does one whose decoded shape is wrong.
An error touching the cache only costs the speed-up, never the run.

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
from evdict.cachestore import account, mark_cache_dir, read_sealed, write_sealed
from evdict.diagnostics import Location
from evdict.plan.model import LoadProblem
from evdict.yamlsource import YamlDocument, YamlProblem

MAGIC = b"evdict-plan-cache-2\n"
_DIGEST = 32
_KIND = "plan"

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


def _rows(rows: object, types: tuple[type | tuple[type, ...], ...]) -> bool:
    """Whether ``rows`` is a list of tuples of ``types`` (an entry's shape, checked)."""
    return isinstance(rows, list) and all(
        isinstance(row, tuple)
        and len(row) == len(types)
        and all(isinstance(value, kind) for value, kind in zip(row, types, strict=True))
        for row in rows
    )


class ParseCache:
    """A directory of parsed plan files (``<cache root>/plan``), at most ``max_bytes``
    with the other caches there."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.directory = root / "plan"
        self.max_bytes = max_bytes

    def _entry(self, path: Path) -> Path:
        name = hashlib.blake2b(str(path.absolute()).encode(), digest_size=16).hexdigest()
        return self.directory / f"{name}.marshal"

    def get(self, path: Path, raw: bytes, shown: str) -> Parsed | None:
        """The parse of ``raw`` (the bytes of ``path``) if cached, told with ``shown``."""
        blob = read_sealed(self._entry(path), _KIND)
        if blob is None or blob[: len(MAGIC)] != MAGIC:
            return None
        key, body = blob[len(MAGIC) : len(MAGIC) + _DIGEST], blob[len(MAGIC) + _DIGEST :]
        if key != content_key(raw):
            return None
        try:
            data_blob, spans_blob, yaml_problems, load_problems = marshal.loads(body)
            if not (
                _rows(yaml_problems, (str, str, int, int))
                and _rows(load_problems, (str, str, int, int, (str, type(None))))
            ):
                return None
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
        try:
            write_sealed(self._entry(path), _KIND, MAGIC + content_key(raw) + body)
        except OSError:
            return
        account(self.root, len(body), self.max_bytes)
