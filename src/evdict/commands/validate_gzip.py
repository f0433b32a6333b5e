"""A gzipped export read as it is decompressed, up to where it stops being readable.

An export cut short in transfer, or damaged on disk, still holds every payload before
the damage: those are judged, and the damage is said (``damage``) instead of ending
the run with an error and no findings, or with zlib's traceback.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"
_BUFFER = 2**17


class _Decompressed(io.RawIOBase):
    """The decompressed text, ending where the stream is cut short or damaged.

    Read a piece at a time (``read1``): gzip's own ``read`` drops what it decompressed
    in a call that then meets the damage."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self._file = gzip.GzipFile(fileobj=raw)
        self.given = 0
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self.damage is not None:
            return 0
        view = memoryview(buffer).cast("B")
        try:
            part = self._file.read1(len(view))
        except EOFError:
            why = "it ends before its end-of-stream marker: the file was cut short"
        except (zlib.error, gzip.BadGzipFile) as exc:
            why = f"{exc}".removeprefix("Error -3 while decompressing data: ")
        else:
            view[: len(part)] = part
            self.given += len(part)
            return len(part)
        where = f"after {self.given} bytes of text" if self.given else "at its start"
        self.damage = f"the gzip stream is damaged {where} ({why})"
        return 0


class GzipExport(io.BufferedReader):
    """``raw``'s gzip stream, decompressed; it ends early where the stream is cut short
    or damaged, and ``damage`` says where and why."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self._text = _Decompressed(raw)
        super().__init__(self._text, _BUFFER)

    @property
    def damage(self) -> str | None:
        return self._text.damage

    @property
    def given(self) -> int:
        """How many bytes of text were decompressed."""
        return self._text.given
