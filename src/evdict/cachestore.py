"""Where caches live, and sealed cache entries: nothing in a cache is trusted unless this
machine's evdict wrote it.

By default each project's cache is a folder of the user's cache folder
(``$XDG_CACHE_HOME/evdict``, else ``~/.cache/evdict``; ``~/Library/Caches/evdict`` on
macOS, ``%LOCALAPPDATA%\\evdict`` on Windows), named after the project's resolved root,
as pip and pre-commit keep theirs: out of the tree, so never committed.

Every entry, wherever the cache is, starts with a version header and a keyed hash of its
kind, its name and its body, keyed by a secret made once per user and machine (``key``
in the user's cache folder, mode 0600). An entry someone committed, copied from another
machine, truncated or edited fails the check and is a miss: the file is parsed again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import itertools
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

from evdict.anchored import write_file

CACHE_TAG_NOTE = "# evdict cache"
_CACHE_MARKERS = {
    ".gitignore": "# Created by evdict: a cache, never commit it.\n*\n",
    # https://bford.info/cachedir/: backup tools skip the folder.
    "CACHEDIR.TAG": f"Signature: 8a477f597d28d172789f06886806bc55\n{CACHE_TAG_NOTE}\n",
}

HEADER = b"evdict-cache-2\n"
_MAC = 32
_KEY_BYTES = 32


def user_cache_home() -> Path:
    """evdict's folder in the user's cache folder (XDG on Linux, as pip does)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "evdict"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder (a bare container user)
        return Path(tempfile.gettempdir()) / f"evdict-cache-{os.getuid()}"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "evdict"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else home / "AppData" / "Local") / "evdict"
    return home / ".cache" / "evdict"


def project_cache_dir(root: Path) -> Path:
    """The default cache of the project rooted at ``root``: one folder per resolved root,
    named after it so that a person can tell which is which."""
    resolved = root.resolve()
    digest = hashlib.blake2b(os.fsencode(resolved), digest_size=8).hexdigest()
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", resolved.name)[:40] or "root"
    return user_cache_home() / "projects" / f"{name}-{digest}"


def machine_key() -> bytes | None:
    """This user's secret on this machine, made on first use; None when it can be
    neither read nor made (then nothing is cached)."""
    return _key_at(user_cache_home() / "key")


@functools.cache
def _key_at(path: Path) -> bytes | None:
    for _ in range(3):
        with contextlib.suppress(OSError):
            key = path.read_bytes()
            if len(key) == _KEY_BYTES:
                return key
            path.unlink()  # damaged: a new key makes every entry a miss, never a wrong hit
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key.")  # mode 0600
        except OSError:
            return None
        key = os.urandom(_KEY_BYTES)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(key)
            os.link(temporary, path)  # published whole, and only if no other run was first
            return key
        except FileExistsError:
            continue  # another run made it first: read theirs
        except OSError:
            return None
        finally:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
    return None


def _mac(key: bytes, kind: str, name: str, body: bytes) -> bytes:
    hasher = hashlib.blake2b(key=key, digest_size=_MAC)
    hasher.update(f"{kind}\0{name}\0".encode("utf-8", "surrogateescape"))
    hasher.update(body)
    return hasher.digest()


def seal(kind: str, name: str, body: bytes) -> bytes | None:
    """``body`` as an entry of ``kind`` named ``name``: header, keyed hash, body."""
    key = machine_key()
    if key is None:
        return None
    return HEADER + _mac(key, kind, name, body) + body


def unseal(kind: str, name: str, blob: bytes) -> bytes | None:
    """The body of a sealed entry, or None when it is not one this machine wrote as
    ``kind`` ``name`` (another version, damaged, edited, moved, or from elsewhere)."""
    if not blob.startswith(HEADER):
        return None
    key = machine_key()
    if key is None:
        return None
    start = len(HEADER) + _MAC
    body = blob[start:]
    if not hmac.compare_digest(blob[len(HEADER) : start], _mac(key, kind, name, body)):
        return None
    return body


def read_sealed(path: Path, kind: str) -> bytes | None:
    """The body of the sealed entry at ``path`` (named by its file name); None on any error."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 (faster than Path.read_bytes)
            blob = handle.read()
    except (OSError, ValueError):
        return None
    return unseal(kind, path.name, blob)


def write_sealed(path: Path, kind: str, body: bytes) -> None:
    """Write ``body`` sealed as ``kind`` at ``path`` (atomically); raises ``OSError``,
    also when there is no key to seal with."""
    blob = seal(kind, path.name, body)
    if blob is None:
        raise OSError("no cache key")
    write_file(path, blob)


def mark_cache_dir(directory: Path) -> None:
    """Create the cache root with a ``.gitignore`` and a ``CACHEDIR.TAG`` (best effort;
    a marker already there, even a link, is left as it is)."""
    with contextlib.suppress(OSError):
        for name, text in _CACHE_MARKERS.items():
            marker = directory / name
            if not os.path.lexists(marker):
                write_file(marker, text.encode("utf-8"))


def is_evdict_cache(directory: Path) -> bool:
    """Whether ``directory`` is a cache folder evdict made (its ``CACHEDIR.TAG`` says so)."""
    try:
        return CACHE_TAG_NOTE in (directory / "CACHEDIR.TAG").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def refusal(
    project: Path, configured: Path | None, directory: Path, shown: Callable[[Path], str]
) -> str | None:
    """Why the resolved ``directory`` cannot be the cache of the resolved ``project``
    (``configured``: the config's ``cache_dir``, when it names one), or None: the project
    root or a folder holding it, a folder inside the project holding files git tracks (a
    cache is never an input someone can commit), a configured folder already holding
    files evdict did not write. Judged on resolved paths, so a folder that is a symlink
    is judged where it leads."""
    if directory == project or project.is_relative_to(directory):
        what = "the project root" if directory == project else "a folder holding the project"
        return (
            f"cache_dir is {what} ({directory}): the cache needs a folder of its own, "
            "such as .cache/evdict"
        )
    if directory.is_relative_to(project):
        tracked = tracked_files(project, directory)
        if tracked:
            return (
                f"cache_dir {shown(directory)} holds files git tracks ({tracked[0]}"
                f"{', ...' if len(tracked) > 1 else ''}): a cache is never read from the "
                f"repository; remove them with `git rm -r --cached {shown(directory)}`"
            )
    if configured is not None and directory.is_dir() and not is_evdict_cache(directory):
        held: list[str] = []
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            held = sorted(entry.name for entry in itertools.islice(entries, 100))
        if held:
            return (
                f"cache_dir {shown(configured)} already holds files evdict did not write "
                f"({', '.join(held[:3])}{', ...' if len(held) > 3 else ''}): "
                "name a folder of its own for the cache"
            )
    return None


def tracked_files(root: Path, directory: Path) -> list[str]:
    """The files under ``directory`` that git tracks in the work tree at ``root`` (none
    when git or the repository is missing)."""
    import subprocess  # only for a cache folder inside the project

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", str(directory)],
            cwd=root,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    return [name for name in os.fsdecode(listed.stdout).split("\0") if name]


# What evdict writes in a cache folder, relative to it: only these are ever removed.
_ENTRY = re.compile(
    r"(?:scan-v\d+/(?:index-[0-9a-f]+\.json|facts/[0-9a-f]{2}/[0-9a-f]+\.json)"
    r"|plan/[0-9a-f]+\.marshal|lexicon-[^/]+\.json|usage"
    # a temporary file of evdict.anchored.write_file that a killed run left
    r"|(?:scan-v\d+/(?:facts/[0-9a-f]{2}/)?|plan/)?\.[^/]+\.tmp)"
)
_MARKERS = (".gitignore", "CACHEDIR.TAG")
_SWEPT_TO = 0.8  # a sweep leaves room, so that the next runs do not sweep again at once


def entries(directory: Path) -> list[tuple[Path, os.stat_result]]:
    """evdict's entries in the cache folder ``directory`` (paths and stats), oldest first.
    Symbolic links are never followed, nor listed: a link is not an entry evdict wrote."""
    found: list[tuple[Path, os.stat_result]] = []
    for folder, subfolders, names in os.walk(directory, followlinks=False):
        here = Path(folder)
        for name in names:
            path = here / name
            if not _ENTRY.fullmatch(path.relative_to(directory).as_posix()):
                continue
            with contextlib.suppress(OSError):
                stat = path.lstat()
                if S_ISREG(stat.st_mode):
                    found.append((path, stat))
        subfolders[:] = [name for name in subfolders if not (here / name).is_symlink()]
    found.sort(key=lambda item: item[1].st_mtime_ns)
    return found


def account(directory: Path, written: int, limit: int) -> None:
    """Add ``written`` bytes to the running size of the cache at ``directory`` (in its
    ``usage`` file); once past ``limit``, remove its oldest entries."""
    usage = directory / "usage"
    try:
        size = max(0, int(usage.read_text(encoding="ascii"))) + written
    except (OSError, ValueError):
        size = limit + 1  # unknown: measure
    if size > limit:
        size = sweep(directory, limit)
    with contextlib.suppress(OSError):
        write_file(usage, str(size).encode("ascii"))


def sweep(directory: Path, limit: int) -> int:
    """Remove the entries least recently written until the cache holds at most
    ``limit`` bytes (a fifth less, when it held more); the bytes left."""
    found = entries(directory)
    total = sum(stat.st_size for _, stat in found)
    if total <= limit:
        return total
    for path, stat in found:
        if total <= limit * _SWEPT_TO:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= stat.st_size
    return total


def clean(directory: Path) -> tuple[int, int]:
    """Remove every evdict entry from the cache folder ``directory``, then its emptied
    folders and markers; nothing else. Returns the entries and bytes removed."""
    removed = freed = 0
    for path, stat in entries(directory):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
            freed += stat.st_size
    for folder, _, _ in sorted(os.walk(directory, followlinks=False), reverse=True):
        with contextlib.suppress(OSError):
            Path(folder).rmdir()  # only an emptied one
    with contextlib.suppress(OSError):
        if sorted(path.name for path in directory.iterdir()) == sorted(_MARKERS):
            for name in _MARKERS:
                (directory / name).unlink()
            directory.rmdir()
    return removed, freed
