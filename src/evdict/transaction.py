"""Writing several files all or nothing: :func:`write_all`.

Each new content is first written to a temporary sibling (:func:`evdict.anchored.write_temporary`),
then every temporary is renamed over its target, one by one; every step reaches its file
from the root folder through no symbolic link at that moment (:mod:`evdict.anchored`). The original contents stay
in memory until the end: when anything goes wrong (a write fails, a target changed or
became a folder, Ctrl-C, SIGTERM, SIGHUP), every file already replaced is put back,
every file created is removed, and the error says so. Signals are held while files are
being swapped or put back, and acted on between two files, so no file is ever half
done. The temporaries a killed run left beside the targets are removed first.
"""

from __future__ import annotations

import contextlib
import signal
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from evdict.anchored import (
    LinkInPath,
    NotRegular,
    Place,
    mode_of,
    read_regular,
    reason,
    remove_folder,
    remove_stale_temporaries,
    replace,
    unlink,
    write_temporary,
)
from evdict.errors import UsageError
from evdict.fileio import new_file_mode

_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class WriteError(UsageError):
    """A write of the transaction failed; the message says what was put back."""


class Interrupted(KeyboardInterrupt):
    """A signal (or Ctrl-C) stopped the transaction; every file was put back."""

    def __init__(self, message: str, signum: int = signal.SIGINT) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = 128 + signum


@dataclass(frozen=True)
class FileWrite:
    """One file of a transaction: its new ``data`` (None: the file is removed) and, when
    known, the content it must still have (``expected``; ``b""`` with ``create`` means
    it must not exist)."""

    path: Path
    data: bytes | None
    shown: str = ""
    expected: bytes | None = None
    create: bool = False

    @property
    def name(self) -> str:
        return self.shown or str(self.path)


@dataclass
class Outcome:
    """What a committed transaction did besides writing."""

    stale_removed: list[Path] = field(default_factory=list)


@dataclass
class _Held:
    """The signals received while held; the first one is acted on."""

    signums: list[int] = field(default_factory=list)

    def check(self) -> None:
        if self.signums:
            raise KeyboardInterrupt


def write_all(writes: Sequence[FileWrite], root: Path | None = None) -> Outcome:
    """Write every file of ``writes`` or none. Under ``root`` (the project, the output
    folder), every file is reached from it through no symbolic link at the moment of use
    (:mod:`evdict.anchored`); a file outside it, from its own folder. Raises
    :class:`WriteError` (a file could not be read, written or replaced, changed since it
    was read, or a link is in the way) or :class:`Interrupted`, both after putting every
    file back; any other exception is raised again after the same. A signal that comes
    too late to stop it (once the last swap is done and checked) is acted on when the
    transaction is over."""
    places = [Place.of(write.path, root) for write in writes]
    outcome = Outcome()
    for in_folder in dict.fromkeys(place.sibling("") for place in places):
        outcome.stale_removed.extend(remove_stale_temporaries(in_folder))
    with _holding_signals() as held:
        originals: list[tuple[bytes, int] | None] = []
        temporaries: list[Place | None] = []  # None for a file removed
        swapped: list[int] = []
        folders: list[Path] = []
        current = writes[0] if writes else None
        try:
            for write, place in zip(writes, places, strict=True):
                current = write
                originals.append(_original(write, place))
                held.check()
            for write, place, original in zip(writes, places, originals, strict=True):
                current = write
                if write.data is None:
                    temporaries.append(None)
                    continue
                _make_folders(place.root, folders)
                mode = original[1] if original is not None else new_file_mode()
                temporaries.append(write_temporary(place, write.data, mode, made=folders))
                held.check()
            for index, (place, temporary) in enumerate(zip(places, temporaries, strict=True)):
                current = writes[index]
                _check_unchanged(writes[index], place, originals[index])
                if temporary is None:
                    if originals[index] is not None:
                        unlink(place)
                else:
                    replace(temporary, place)
                swapped.append(index)
                held.check()
        except BaseException as exc:
            for temporary in temporaries[len(swapped) :]:
                with contextlib.suppress(OSError):
                    if temporary is not None:
                        unlink(temporary)
            kept = _put_back(writes, places, originals, swapped)
            for folder in reversed(folders):
                with contextlib.suppress(OSError):
                    remove_folder(Place.of(folder, root))
            done = (
                f"these could not be put back and keep the new content: {', '.join(kept)}"
                if kept
                else f"nothing was changed ({len(swapped)} file(s) put back)"
                if swapped
                else "nothing was changed"
            )
            if held.signums or isinstance(exc, KeyboardInterrupt):
                signum = held.signums[0] if held.signums else signal.SIGINT
                held.signums.clear()
                raise Interrupted(f"interrupted: {done}", signum) from None
            if isinstance(exc, (OSError, WriteError)):
                assert current is not None
                why = exc.message if isinstance(exc, WriteError) else reason(exc)
                raise WriteError(f"cannot write {current.name} ({why}): {done}") from exc
            exc.add_note(f"evdict: {done}")
            raise
    return outcome


def _original(write: FileWrite, place: Place) -> tuple[bytes, int] | None:
    """The content and mode to put back (None: the file is new and is removed); raises
    :class:`WriteError` when the file is not as the transaction expects it."""
    try:
        found = read_regular(place)
    except NotRegular:
        raise WriteError("it is not a regular file") from None
    if found is None:
        if write.expected is not None and not write.create:
            raise WriteError("it was removed meanwhile")
        return None
    if write.create:
        raise WriteError("it was created meanwhile")
    if write.expected is not None and found[0] != write.expected:
        raise WriteError("it changed since it was read")
    return found


def _check_unchanged(write: FileWrite, place: Place, original: tuple[bytes, int] | None) -> None:
    """The target is still what it was when the transaction read it (a folder or a link
    made in its place, or a file created since, stops the swap)."""
    mode = mode_of(place)
    if mode is None:
        if original is None:
            return
        raise WriteError("it was removed meanwhile")
    if stat.S_ISLNK(mode):
        raise LinkInPath(place.path)
    if not stat.S_ISREG(mode):
        raise WriteError("it is not a regular file any more")
    if original is None:
        raise WriteError("it was created meanwhile")


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make the root ``folder`` and its missing parents (the user named it: a link there
    is followed), adding each to ``made`` (to remove them again if the transaction fails)."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
        made.append(new)


def _put_back(
    writes: Sequence[FileWrite],
    places: Sequence[Place],
    originals: Sequence[tuple[bytes, int] | None],
    swapped: Sequence[int],
) -> list[str]:
    """Restore the swapped files, the last first (each reached through no link); the
    names of those that could not be."""
    kept = []
    for index in reversed(swapped):
        place, original = places[index], originals[index]
        try:
            if original is None:
                if writes[index].data is not None:
                    unlink(place)
            else:
                _restore(place, *original)
        except OSError:
            kept.append(writes[index].name)
    return kept


def _restore(place: Place, content: bytes, mode: int) -> None:
    temporary = write_temporary(place, content, mode)
    try:
        replace(temporary, place)
    except BaseException:
        with contextlib.suppress(OSError):
            unlink(temporary)
        raise


@contextlib.contextmanager
def _holding_signals() -> Iterator[_Held]:
    """Record SIGINT, SIGTERM and SIGHUP instead of acting on them (in the main thread;
    elsewhere Python delivers no signal), restoring the handlers after; one that the
    transaction did not act on is raised again then."""
    held = _Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum: int, frame: FrameType | None) -> None:
        held.signums.append(signum)

    previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}
    try:
        for signum in _SIGNALS:
            previous[signum] = signal.signal(signum, hold)
        yield held
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if held.signums:  # came after the last file: the work is done, now act on it
        signal.raise_signal(held.signums[0])
