"""Whatever a source holds, an import never raises: every reader is fed arbitrary JSON
and YAML shapes (bounded examples), and a document nested past any reason."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.import_plan import render_plan
from evdict.importers import model
from evdict.importers.registry import FORMATS, read_plan
from evdict.plan.load import parse_document

_KEYS = st.sampled_from(
    [
        "rules",
        "events",
        "key",
        "type",
        "jsonSchema",
        "properties",
        "required",
        "labels",
        "deprecatedAt",
        "$ref",
        "$defs",
        "self",
        "enum",
        "const",
        "items",
        "groups",
        "attributes",
        "ref",
        "name",
        "extra_keys",
        "data_sensitivity",
        "version",
        "event",
        "",
        "anyOf",
        "TRACK",
    ]
) | st.text(max_size=4)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6) | _KEYS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=40,
)


def _import_each(document: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "plan.json").write_text(json.dumps(document), encoding="utf-8")
        (root / "metrics.yaml").write_text(json.dumps(document), encoding="utf-8")
        iglu = root / "schemas" / "com.acme" / "x" / "jsonschema"
        iglu.mkdir(parents=True)
        (iglu / "1-0-0").write_text(json.dumps(document), encoding="utf-8")
        for fmt in FORMATS:
            source = (
                root
                if fmt == "iglu"
                else root / ("metrics.yaml" if fmt in ("glean", "weaver") else "plan.json")
            )
            imported = read_plan(fmt, [source])
            text = render_plan(imported.events)
            _, problems = parse_document(text, "events.yaml")
            assert all(problem.kind == "schema" for problem in problems), problems


@settings(max_examples=60, deadline=None)
@given(_JSON)
def test_any_document_imports_without_raising(document: Any) -> None:
    _import_each(document)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(_KEYS, _JSON, max_size=3))
def test_any_rules_list_imports_without_raising(rule: dict[str, Any]) -> None:
    _import_each({"rules": [rule, {**rule, "type": "TRACK", "key": "k", "jsonSchema": rule}]})


def test_a_document_nested_past_reason_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    imported = read_plan("jsonschema", [path])
    assert imported.events == {}
    assert [note.message for note in imported.notes] == ["nested too deeply to read: skipped"]


def test_a_file_larger_than_any_plan_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "MAX_SOURCE_BYTES", 10)
    path = tmp_path / "metrics.yaml"
    path.write_text("a:\n  b:\n    type: event\n", encoding="utf-8")
    imported = read_plan("glean", [path])
    assert [str(note) for note in imported.notes] == [
        f"{path.as_posix()}: 24 bytes, more than the 10 an import reads: skipped"
    ]
