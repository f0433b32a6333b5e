"""Writing several files all or nothing: :func:`write_all`.

Each new content is first written to a temporary sibling (:func:`evdict.fileio.write_temporary`),
then every temporary is renamed over its target, one by one. The original contents stay
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

from evdict.errors import UsageError
from evdict.fileio import remove_stale_temporaries, write_atomic, write_temporary

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
    """One file of a transaction: its new ``data`` and, when known, the content it must
    still have (``expected``; ``b""`` with ``create`` means it must not exist)."""

    path: Path
    data: bytes
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


def write_all(writes: Sequence[FileWrite]) -> Outcome:
    """Write every file of ``writes`` or none. Raises :class:`WriteError` (a file could
    not be read, written or replaced, or changed since it was read) or
    :class:`Interrupted`, both after putting every file back; any other exception is
    raised again after the same. A signal that comes too late to stop it (once the last
    swap is done and checked) is acted on when the transaction is over."""
    outcome = Outcome()
    for folder in dict.fromkeys(write.path.parent for write in writes):
        outcome.stale_removed.extend(remove_stale_temporaries(folder))
    with _holding_signals() as held:
        originals: list[bytes | None] = []
        temporaries: list[Path] = []
        swapped: list[int] = []
        folders: list[Path] = []
        current = writes[0] if writes else None
        try:
            for write in writes:
                current = write
                originals.append(_original(write))
                held.check()
            for write in writes:
                current = write
                _make_folders(write.path.parent, folders)
                temporaries.append(write_temporary(write.path, write.data))
                held.check()
            for index, (write, temporary) in enumerate(zip(writes, temporaries, strict=True)):
                current = write
                _check_unchanged(write, originals[index])
                temporary.replace(write.path)
                swapped.append(index)
                held.check()
        except BaseException as exc:
            for temporary in temporaries[len(swapped) :]:
                with contextlib.suppress(OSError):
                    temporary.unlink()
            kept = _put_back(writes, originals, swapped)
            for folder in reversed(folders):
                with contextlib.suppress(OSError):
                    folder.rmdir()
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
                reason = exc.message if isinstance(exc, WriteError) else _reason(exc)
                raise WriteError(f"cannot write {current.name} ({reason}): {done}") from exc
            exc.add_note(f"evdict: {done}")
            raise
    return outcome


def _original(write: FileWrite) -> bytes | None:
    """The content to put back (None: the file is new and is removed); raises
    :class:`WriteError` when the file is not as the transaction expects it."""
    try:
        mode = write.path.stat().st_mode
    except FileNotFoundError:
        if write.expected is not None and not write.create:
            raise WriteError("it was removed meanwhile") from None
        return None
    if not stat.S_ISREG(mode):
        raise WriteError("it is not a regular file")
    if write.create:
        raise WriteError("it was created meanwhile")
    content = write.path.read_bytes()
    if write.expected is not None and content != write.expected:
        raise WriteError("it changed since it was read")
    return content


def _check_unchanged(write: FileWrite, original: bytes | None) -> None:
    """The target is still what it was when the transaction read it (a folder made in its
    place, or a file created since, stops the swap)."""
    try:
        mode = write.path.stat().st_mode
    except FileNotFoundError:
        if original is None:
            return
        raise WriteError("it was removed meanwhile") from None
    if not stat.S_ISREG(mode):
        raise WriteError("it is not a regular file any more")
    if original is None:
        raise WriteError("it was created meanwhile")


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and its missing parents, adding each to ``made`` (to remove them
    again if the transaction fails)."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
        made.append(new)


def _put_back(
    writes: Sequence[FileWrite], originals: Sequence[bytes | None], swapped: Sequence[int]
) -> list[str]:
    """Restore the swapped files, the last first; the names of those that could not be."""
    kept = []
    for index in reversed(swapped):
        write, original = writes[index], originals[index]
        try:
            if original is None:
                write.path.unlink()
            else:
                write_atomic(write.path, original)
        except OSError:
            kept.append(write.name)
    return kept


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


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
