"""A JSON array export DuckDB's reader refuses (a lone surrogate escape, an element that
is no JSON) is split by evdict into the lines DuckDB writes for an array it reads, one
element a line, and judged as NDJSON is: the unreadable elements counted and located by
their number, the rest judged, the same by both engines."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands import validate_formats
from evdict.commands.validate_formats import judge_export, split_array
from evdict.errors import ConfigError
from tests.conftest import RunCli, WriteFiles
from tests.unit.commands.test_validate import PLAN
from tests.unit.commands.test_validate_duckdb import RICH_PLAN, generated_export

ELEMENTS = [
    '{"event": "report_exported", "properties": {"format": "csv"}}',
    '{"event": "report_\\ud800", "properties": {}}',  # a lone surrogate: DuckDB refuses
    "[" * 200 + "]" * 200,
    '{"event": "report_exported", "properties": {"format": NaN}}',
    "{1: 2}",  # no JSON
    '{"event": "report_exportd",\n  "properties": {"note": "a, ], }"}}',  # over two lines
]


def judged(run: RunCli, name: str, engine: str) -> tuple[int, str]:
    result = run("validate", name, "--engine", engine)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", ["export.json", "export.json.gz"])
def test_elements_duckdb_cannot_read_are_judged_as_ndjson_lines_are(
    write: WriteFiles, run: RunCli, name: str
) -> None:
    array = ("[" + ",".join(ELEMENTS) + "]\n").encode()
    root = write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": "".join(element.replace("\n", " ") + "\n" for element in ELEMENTS),
        }
    )
    (root / name).write_bytes(gzip.compress(array) if name.endswith(".gz") else array)
    python, duck = judged(run, name, "python"), judged(run, name, "duckdb")
    assert duck == python
    assert python == (
        1,
        f"{name}:2:11: EV601 [error] event `report_\\ud800` is not declared in the plan "
        "(did you mean `report_exported`?)\n"
        f"{name}:4:45: EV605 [error] value of property `format` of event `report_exported` "
        "breaks its schema: nan is not one of ['csv', 'xlsx']\n"
        f"{name}:6:11: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?)\n"
        "note: validated 4 payloads\n"
        "note: 2 lines are not an event of a known export shape (Segment, PostHog, "
        "Mixpanel, Amplitude): line 3, 5\n"
        "1 file: 3 errors\n",
    )
    ndjson = judged(run, "export.ndjson", "python")
    assert python == (ndjson[0], ndjson[1].replace("export.ndjson", name))


def test_both_engines_agree_on_a_generated_export_duckdb_cannot_read_as_an_array(
    write: WriteFiles, run: RunCli
) -> None:
    # Every line Python reads (surrogates, NaN, 100,000 levels deep among them): elements
    # of an array, and the same lines as NDJSON.
    elements = []
    for text in generated_export(seed=11, count=600).splitlines():
        try:
            json.loads(text)
        except RecursionError:
            pass
        except ValueError:
            continue
        elements.append(text)
    root = write(**{"events.yaml": RICH_PLAN, "export.ndjson": b"\n".join(elements) + b"\n"})
    (root / "export.json").write_bytes(b"[" + b",".join(elements) + b"]")
    python, duck = judged(run, "export.json", "python"), judged(run, "export.json", "duckdb")
    ndjson = judged(run, "export.ndjson", "python")
    assert python[0] == 1
    assert "note: validated 6" in python[1]
    assert duck == python == (ndjson[0], ndjson[1].replace("export.ndjson", "export.json"))


def split(data: bytes) -> bytes:
    out = io.BytesIO()
    split_array(io.BufferedReader(io.BytesIO(data)), out, "export.json")  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("size", [1, 2, 3, 7, 2**20])
def test_elements_are_found_whatever_the_chunks(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(validate_formats, "READ", size)
    data = b'\xef\xbb\xbf [{"a": "x,]\\"y\n"},\r\n[1, [2]],"s\\\\" , {}]\n'
    assert split(data) == b'{"a": "x,]\\"y\x01"}\n[1, [2]]\n"s\\\\"\n{}\n'


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'[{"event": "a"}', "the JSON array is not closed"),
        (b'[{"event": "a"}] {}', "text after the JSON array"),
        (b'[{"event": "a"}]\n]', "text after the JSON array"),
    ],
)
def test_a_file_that_is_no_array_of_elements_is_refused(
    write: WriteFiles, run: RunCli, data: bytes, reason: str
) -> None:
    with pytest.raises(ConfigError, match=reason):
        split(data)
    root = write(**{"events.yaml": PLAN})
    (root / "export.json").write_bytes(data)
    for engine in ("python", "duckdb"):
        result = run("validate", "export.json", "--engine", engine)
        assert (result.exit_code, result.stderr) == (
            2,
            f"evdict: error: cannot read export.json: {reason}\n",
        )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(JSON, max_size=6), st.sampled_from([None, 0, 2]))
def test_any_array_splits_into_its_elements(values: list[object], indent: int | None) -> None:
    lines = split(json.dumps(values, indent=indent).encode()).split(b"\n")
    assert [json.loads(line) for line in lines if line.strip()] == values
    assert len(lines) == len(values) + 1  # no line for an empty array


def test_an_array_of_like_payloads_is_judged_element_by_element(
    write: WriteFiles, run: RunCli
) -> None:
    # An array of objects with the same keys, read by read_json, was a STRUCT of them, not
    # JSON: no payload was judged.
    payloads = [
        {"type": "track", "event": event, "userId": f"u{n}", "properties": {"format": "pdf"}}
        for n, event in enumerate(["report_exported", "report_exportd", "report_exported"])
    ]
    write(**{"events.yaml": PLAN, "export.json": json.dumps(payloads, indent=2)})
    python, duck = judged(run, "export.json", "python"), judged(run, "export.json", "duckdb")
    assert duck == python
    assert python == (
        1,
        # As written: the column counts the element's line breaks and indents as spaces.
        "export.json:1:102: EV605 [error] value of property `format` of event "
        "`report_exported` breaks its schema: 'pdf' is not one of ['csv', 'xlsx'] "
        "(first of 2 payloads)\n"
        "export.json:2:37: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?)\n"
        "note: validated 3 payloads\n"
        "1 file: 2 errors\n",
    )


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(JSON, min_size=1, max_size=6),
    indent=st.sampled_from([None, 0, 2]),
    space=st.sampled_from(["", " ", "\r\n\t", "\x0b\x0c "]),
)
def test_duckdb_writes_each_element_as_evdicts_split_writes_it(
    values: list[object], indent: int | None, space: str
) -> None:
    # Whitespace around the elements (DuckDB's reader skips \x0b and \x0c there too).
    elements = f"{space},{space}".join(json.dumps(value, indent=indent) for value in values)
    data = f"{space}[{space}{elements}{space}]{space}".encode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "export.json").write_bytes(data)
        with mock.patch.object(validate_formats, "split_array", side_effect=AssertionError):
            written = judge_export(
                folder / "export.json", "array", folder, lambda rows: rows.read()
            )
    assert written == split(data)
