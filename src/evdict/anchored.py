"""Files under a root folder, reached through no symbolic link at the moment of use.

A check made before writing (``is_symlink()``) can be outrun: a folder replaced by a link
between the check and the write would be followed out of the root. So every operation
here walks from the root anew: each folder below it is opened with ``O_DIRECTORY |
O_NOFOLLOW`` relative to its parent's descriptor, and the file is then read, created,
renamed or removed relative to its folder's descriptor (``dir_fd=``), never by path. A
link anywhere below the root is :class:`LinkInPath`. The root itself may be a link: the
user named it.

A single output (a report, a baseline, a cache entry, generated code) is written by
:func:`write_file`: its folder is resolved once, and walked from the top of the file
system the same way, so a link the user named is followed then and a folder swapped for
a link afterwards is refused.

Windows has no ``dir_fd``: there each folder is checked with ``lstat`` just before use
(a narrower window, not a closed one).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from evdict.fileio import new_file_mode

_BY_DESCRIPTOR = (
    os.open in os.supports_dir_fd
    and os.rename in os.supports_dir_fd
    and os.unlink in os.supports_dir_fd
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "O_NOFOLLOW")
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NO_FOLLOW
# Temporaries are hidden siblings ``.NAME.evdict-PID-RANDOM.tmp``: a later run knows a
# killed one's by the name and its dead process.
TEMPORARY = re.compile(r"\..+\.evdict-(?P<pid>[0-9]+)-[^./]+\.tmp")


class LinkInPath(OSError):
    """A folder or file on the way is a symbolic link (or not a folder)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "a symbolic link is in the way", str(path))
        self.link = path


@dataclass(frozen=True)
class Place:
    """A file ``name`` in the folder ``parts`` below ``root``."""

    root: Path
    parts: tuple[str, ...]
    name: str

    @classmethod
    def of(cls, path: Path, root: Path | None = None) -> Place:
        """``path`` below ``root`` (its own folder when ``root`` is None or not above it)."""
        if root is not None and path.is_relative_to(root) and path != root:
            *parts, name = path.relative_to(root).parts
            return cls(root, tuple(parts), name)
        return cls(path.parent, (), path.name)

    @classmethod
    def resolved(cls, path: Path) -> Place:
        """``path`` with its folder resolved now (the links in it followed once) and
        walked from the top of the file system from then on."""
        folder = path.parent.resolve()
        return cls(Path(folder.anchor), folder.parts[1:], path.name)

    @property
    def path(self) -> Path:
        return self.root.joinpath(*self.parts, self.name)

    @property
    def folder_path(self) -> Path:
        return self.root.joinpath(*self.parts)

    def sibling(self, name: str) -> Place:
        return Place(self.root, self.parts, name)


class _Folder:
    """An open folder: ``target(name)`` is what to hand ``os`` with ``dir_fd=self.fd``."""

    def __init__(self, fd: int | None, path: Path) -> None:
        self.fd = fd
        self.path = path

    def target(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)


@contextlib.contextmanager
def _folder(place: Place, made: list[Path] | None = None) -> Iterator[_Folder]:
    """The folder of ``place``, opened through no link; with ``made``, missing folders
    are created and added to it. Raises :class:`LinkInPath`, ``FileNotFoundError``."""
    if not _BY_DESCRIPTOR:
        yield _checked_folder(place, made)
        return
    fd = os.open(place.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for depth, part in enumerate(place.parts, start=1):
            # Paths are built only for a message or ``made``: this runs per cache entry.
            try:
                child = _open_folder(part, fd, place, depth)
            except FileNotFoundError:
                if made is None:
                    raise
                with contextlib.suppress(FileExistsError):  # made meanwhile: fine
                    os.mkdir(part, dir_fd=fd)
                    made.append(place.root.joinpath(*place.parts[:depth]))
                child = _open_folder(part, fd, place, depth)
            os.close(fd)
            fd = child
        yield _Folder(fd, place.folder_path)
    finally:
        os.close(fd)


def _open_folder(name: str, fd: int, place: Place, depth: int) -> int:
    """The folder ``name`` in ``fd``, the ``depth``-th of ``place``'s, opened through no link."""
    try:
        return os.open(name, _FOLDER, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or _is_link(name, fd):
            raise LinkInPath(place.root.joinpath(*place.parts[:depth])) from None
        raise


def _is_link(name: str, fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _checked_folder(place: Place, made: list[Path] | None) -> _Folder:
    path = place.root
    for part in place.parts:
        path = path / part
        if made is not None and not os.path.lexists(path):
            path.mkdir()
            made.append(path)
        if path.is_symlink():
            raise LinkInPath(path)
        if not path.is_dir():  # missing, or a file
            code = errno.ENOTDIR if path.exists() else errno.ENOENT
            raise (NotADirectoryError if path.exists() else FileNotFoundError)(
                code, os.strerror(code), str(path)
            )
    return _Folder(None, path)


def mode_of(place: Place) -> int | None:
    """The file's ``st_mode`` (of a link itself, not what it points to); None when
    it does not exist."""
    try:
        with _folder(place) as folder:
            found = os.stat(folder.target(place.name), dir_fd=folder.fd, follow_symlinks=False)
    except FileNotFoundError:  # the file, or a folder on the way
        return None
    return found.st_mode


class NotRegular(OSError):
    """A folder, a FIFO, a device... where a file was expected."""


def read_regular(place: Place) -> tuple[bytes, int] | None:
    """The file's bytes and mode; None when it does not exist. Raises
    :class:`LinkInPath` for a link, :class:`NotRegular` for what is no regular file
    (opened without blocking: a FIFO never waits for a writer)."""
    flags = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0)
    try:
        with _folder(place) as folder:
            fd = os.open(folder.target(place.name), flags, dir_fd=folder.fd)
    except FileNotFoundError:  # the file, or a folder on the way
        return None
    except LinkInPath:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LinkInPath(place.path) from None
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegular(errno.EINVAL, "not a regular file", str(place.path))
    with os.fdopen(fd, "rb") as file:
        return file.read(), stat.S_IMODE(mode)


def write_temporary(
    place: Place, data: bytes, mode: int, *, made: list[Path] | None = None
) -> Place:
    """A new hidden sibling of ``place`` holding ``data`` with ``mode`` (missing folders
    made, and added to ``made``). Raises ``OSError`` and leaves nothing behind."""
    with _folder(place, made if made is not None else []) as folder:
        return place.sibling(_temporary_in(folder, place.name, data, mode))


def _temporary_in(folder: _Folder, name: str, data: bytes, mode: int, durable: bool = False) -> str:
    """The name of a new hidden sibling of ``name`` in ``folder`` holding ``data`` with
    ``mode`` (flushed to disk when ``durable``)."""
    for _ in range(100):
        temporary = f".{name}.evdict-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW
        try:
            fd = os.open(folder.target(temporary), flags, 0o600, dir_fd=folder.fd)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder.path / name))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
            if hasattr(os, "fchmod"):  # POSIX; Windows has only a read-only bit
                os.fchmod(out.fileno(), mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(folder.target(temporary), dir_fd=folder.fd)
        raise
    return temporary


def replace(temporary: Place, target: Place) -> None:
    """Rename ``temporary`` over ``target`` (same folder): a link in ``target``'s place is
    replaced, never followed."""
    with _folder(target) as folder:
        os.rename(
            folder.target(temporary.name),
            folder.target(target.name),
            src_dir_fd=folder.fd,
            dst_dir_fd=folder.fd,
        )


def write_file(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` whole: into a temporary sibling, renamed over ``path``,
    so a reader sees the old content or the new, never part of it (``durable`` also
    flushes it to disk first, for files people keep). The folder is resolved once, here
    (a link the user named, such as macOS's ``/tmp``, is followed now), then each of its
    folders is opened through no link: one swapped for a link meanwhile is
    :class:`LinkInPath`, never followed. Missing folders are made; an existing file keeps
    its mode, a new one gets the umask's. The folder is walked once: the file is stated,
    written and renamed through that one descriptor. Raises ``OSError`` and leaves no
    temporary."""
    place = Place.resolved(path)
    with _folder(place, made=[]) as folder:  # one walk: every step below is in this folder
        try:
            found = os.stat(folder.target(place.name), dir_fd=folder.fd, follow_symlinks=False)
        except FileNotFoundError:
            mode = new_file_mode()
        else:
            mode = stat.S_IMODE(found.st_mode) if stat.S_ISREG(found.st_mode) else new_file_mode()
        temporary = _temporary_in(folder, place.name, data, mode, durable)
        try:
            os.rename(
                folder.target(temporary),
                folder.target(place.name),
                src_dir_fd=folder.fd,
                dst_dir_fd=folder.fd,
            )
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(folder.target(temporary), dir_fd=folder.fd)
            raise


def reason(exc: OSError) -> str:
    """Why a file could not be written, for a message: the link in the way, by its path."""
    if isinstance(exc, LinkInPath):
        return f"{exc.link} is a symbolic link: evdict writes nothing through a link"
    return exc.strerror or str(exc)


def unlink(place: Place) -> None:
    with _folder(place) as folder:
        os.unlink(folder.target(place.name), dir_fd=folder.fd)


def remove_folder(place: Place) -> None:
    """Remove the (empty) folder ``place`` names."""
    with _folder(place) as folder:
        os.rmdir(folder.target(place.name), dir_fd=folder.fd)


def remove_stale_temporaries(place: Place) -> list[Path]:
    """Remove the temporaries a killed run left in ``place``'s folder (their process is
    gone): regular files only, each reached through no link. Best effort."""
    removed: list[Path] = []
    try:
        with _folder(place) as folder:
            listed = folder.fd if folder.fd is not None else folder.path
            for entry in list(os.scandir(listed)):
                match = TEMPORARY.fullmatch(entry.name)
                if match is None or running(int(match["pid"])):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue
                with contextlib.suppress(OSError):
                    os.unlink(folder.target(entry.name), dir_fd=folder.fd)
                    removed.append(folder.path / entry.name)
    except OSError:
        pass
    return removed


def running(pid: int) -> bool:
    """Whether process ``pid`` is alive (another user's counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
