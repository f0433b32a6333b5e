"""A gzipped export cut short or damaged: what comes before the damage is judged, the
damage is said, and nothing ends in a traceback."""

from __future__ import annotations

import gzip
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.validate_gzip import GzipExport
from tests.conftest import RunCli, WriteFiles
from tests.unit.commands.test_validate import PLAN, line

PAYLOADS = "".join(
    line(
        {
            "event": "report_exportd" if n == 2 else "report_exported",
            "properties": {"format": "csv", "report_id": f"rep_{n}"},
        }
    )
    for n in range(4_000)
).encode()
COMPRESSED = gzip.compress(PAYLOADS, mtime=0)
# Cut in the middle: the last whole line before the cut, and the text after it.
CUT = COMPRESSED[: len(COMPRESSED) // 2]


def _text_before(compressed: bytes) -> bytes:
    decompressor = gzip.zlib.decompressobj(31)  # type: ignore[attr-defined]
    return bytes(decompressor.decompress(compressed))


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_cut_export_is_judged_up_to_the_cut(engine: str, write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "export.ndjson.gz": CUT})
    text = _text_before(CUT)
    whole_lines = text.count(b"\n")
    result = run("validate", "export.ndjson.gz", "--engine", engine)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("export.ndjson.gz:3:11: EV601 [error] event `report_exportd`")
    assert f"note: validated {whole_lines} payloads" in lines
    assert (
        f"note: 1 line is not an event of a known export shape (Segment, PostHog, Mixpanel, "
        f"Amplitude): line {whole_lines + 1}"
    ) in lines
    assert (
        f"note: the gzip stream is damaged after {len(text)} bytes of text (it ends before its "
        "end-of-stream marker: the file was cut short): the payloads before it were judged, "
        "the rest of the file was not read"
    ) in lines


def test_a_failed_checksum_is_said_after_every_payload_is_judged(
    write: WriteFiles, run: RunCli
) -> None:
    damaged = bytearray(COMPRESSED)
    damaged[-8] ^= 1  # the CRC-32 of the text
    write(**{"events.yaml": PLAN, "export.ndjson.gz": bytes(damaged)})
    result = run("validate", "export.ndjson.gz")
    assert result.exit_code == 1
    assert "note: validated 4000 payloads" in result.output.splitlines()
    assert f"damaged after {len(PAYLOADS)} bytes of text (CRC check failed 0x" in result.output


@pytest.mark.parametrize("name", ["export.ndjson.gz", "export.json.gz"])
@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_an_export_damaged_at_its_start_cannot_be_read(
    name: str, engine: str, write: WriteFiles, run: RunCli
) -> None:
    # A deflate block of the reserved type 3: zlib refuses it before any text.
    damaged = COMPRESSED[:10] + b"\xff" * 60 + COMPRESSED[70:]
    write(**{"events.yaml": PLAN, name: damaged})
    result = run("validate", name, "--engine", engine)
    assert result.exit_code == 2
    assert result.output == (
        f"evdict: error: cannot read {name}: the gzip stream is damaged at its start "
        "(invalid block type)\n"
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(COMPRESSED) - 1), st.binary(min_size=1, max_size=64))
def test_any_damage_ends_the_text_where_it_is(start: int, junk: bytes) -> None:
    damaged = COMPRESSED[:start] + junk + COMPRESSED[start + len(junk) :]
    reader = GzipExport(io.BufferedReader(io.BytesIO(damaged)))  # type: ignore[arg-type]
    text = b"".join(iter(lambda: reader.read(1_000), b""))
    if reader.damage is None:
        assert text == PAYLOADS
    else:
        assert reader.given == len(text)
