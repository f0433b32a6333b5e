"""Parsing over worker processes: the jobs, the workers' Ctrl-C, and reading a source
file safely (also in the parent)."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from stat import S_ISREG
from typing import TYPE_CHECKING

from evdict.scanner.cache import digest
from evdict.scanner.model import FileFacts

if TYPE_CHECKING:
    from evdict.scanner.discover import SourceFile

Extract = Callable[[bytes, str], FileFacts]


def extract_in_workers(
    extract: Extract,
    version: str,
    todo: list[tuple[SourceFile, str, bytes]],
    workers: int,
    limit: int,
) -> list[FileFacts]:
    """The facts of ``(source, digest, data)`` parsed over ``workers`` processes,
    largest files first."""
    # multiprocessing.Pool rather than ProcessPoolExecutor: on Ctrl-C its terminate()
    # drains the job pipe before stopping the workers, where the executor's feeder
    # thread could stay blocked writing a large file to a dead worker, and the
    # interpreter then hung at exit waiting for it. A job is a path, not the file's
    # bytes: terminate() could still hang when Ctrl-C came as a job too large for
    # the pipe was being written after the drain (the pipe then never emptied).
    import multiprocessing  # only when used

    order = sorted(range(len(todo)), key=lambda index: -len(todo[index][2]))
    jobs = [
        (extract, todo[index][0].path, limit, version, todo[index][1], todo[index][0].rel)
        for index in order
    ]
    results: dict[int, FileFacts] = {}
    # Ctrl-C is held back while the workers start (a forked worker inherits the
    # mask, then ignores it): one that arrives earlier is handled here, after.
    with _interrupts_held():
        pool = multiprocessing.Pool(
            processes=min(workers, len(todo)), initializer=_ignore_interrupts
        )
    with pool:  # leaving it, normally or on Ctrl-C, terminates the workers
        for index, facts in zip(order, pool.imap(extract_job, jobs), strict=True):
            source, _, data = todo[index]
            # None: the file changed since it was read here; parse what was hashed
            results[index] = facts if facts is not None else extract(data, source.rel)
    return [results[index] for index in range(len(todo))]


@contextmanager
def _interrupts_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no masks, spawned workers
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def extract_job(
    job: tuple[Extract, str, int, str, str, str],
) -> FileFacts | None:
    """In a worker: the facts of the file at ``path``, if it still holds what the parent
    hashed (``key``); None when it changed or cannot be read."""
    extract, path, limit, version, key, filename = job
    try:
        data = read_regular_file(path, limit)
    except OSError:
        return None
    return extract(data, filename) if digest(version, data) == key else None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group; the parent alone handles it
    (workers would each print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def read_regular_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them. The file may
    have changed since it was listed: opened without blocking (a FIFO put in its place
    would wait for a writer forever) and checked before reading (a device never ends)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if status.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than max_file_size ({limit} bytes)")
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew since
        raise OSError(errno.EFBIG, f"larger than max_file_size ({limit} bytes)")
    return data
