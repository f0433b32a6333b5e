"""Fuzzing the cache reader: whatever bytes an entry holds, and however a valid entry is
mutated, a run never crashes, and a run over a damaged cache finds what an uncached run
finds."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.api import Options, check
from evdict.cachestore import HEADER, clean, write_sealed
from evdict.config import load_config
from evdict.scanner import codec
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.python import extract
from evdict.scanner.model import FunctionDef

FILES = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": "events:\n  signup_completed:\n    description: A user signed up.\n",
    "app/names.py": 'SIGNUP = "signup_completed"\n',
    "app/views.py": """
        import analytics

        from app.names import SIGNUP


        def signup(user, email):
            analytics.track(user.id, SIGNUP, {"plan": "free"})
            analytics.track(user.id, "secret_exported", {"email": email})
        """,
}
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        os.utime(path, (1_000_000_000, 1_000_000_000))  # older than the index: trusted
    return root


def findings(root: Path, *, use_cache: bool = True) -> list[str]:
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = check(Options(use_cache=use_cache))
    finally:
        os.chdir(previous)
    return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]


def fill(root: Path) -> None:
    """A cache made afresh (an earlier example may have left a resealed mutation in it)."""
    clean(load_config(root / "evdict.yaml").cache_root)
    findings(root)


def entries(root: Path) -> list[Path]:
    cache = load_config(root / "evdict.yaml").cache_root
    return sorted(
        path
        for pattern in ("scan-v*/index-*.json", "scan-v*/facts/*/*.json", "plan/*", "lexicon-*")
        for path in cache.glob(pattern)
    )


@FUZZ
@given(data=st.data())
def test_any_bytes_in_any_entry_are_a_miss(project: Path, data: st.DataObject) -> None:
    expected = findings(project, use_cache=False)
    assert any("EV601" in finding for finding in expected)
    fill(project)
    entry = data.draw(st.sampled_from(entries(project)))
    blob = data.draw(
        st.binary(max_size=200)
        | st.binary(max_size=200).map(lambda tail: HEADER + tail)
        | st.integers(0, 1000).map(lambda depth: b"[" * depth * 100)
        | st.integers(0, max(0, entry.stat().st_size - 1)).map(
            lambda size: entry.read_bytes()[:size]
        )
    )
    entry.write_bytes(blob)
    assert findings(project) == expected
    assert findings(project) == expected  # and the entry was written again


def _mutated(value: Any, data: st.DataObject) -> Any:
    """``value`` with one node, somewhere in it, replaced by arbitrary JSON."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutated(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _mutated(value[index], data), *value[index + 1 :]]
    return data.draw(JSON)


@FUZZ
@given(data=st.data())
def test_mutated_entries_never_crash_a_run(project: Path, data: st.DataObject) -> None:
    """A structurally mutated entry fails its seal (the same findings as without a cache);
    resealed, as if this machine's evdict had written it, it is refused or read without a
    crash."""
    expected = findings(project, use_cache=False)
    fill(project)
    cache = load_config(project / "evdict.yaml").cache_root
    entry = data.draw(
        st.sampled_from(
            sorted(cache.glob("scan-v*/index-*.json")) + sorted(cache.glob("scan-v*/facts/*/*"))
        )
    )
    kind = "scan-index" if entry.name.startswith("index-") else "scan-facts"
    body = entry.read_bytes()[len(HEADER) + 32 :]
    mutated = json.dumps(_mutated(json.loads(body), data)).encode()
    entry.write_bytes(entry.read_bytes()[: len(HEADER) + 32] + mutated)
    assert findings(project) == expected
    write_sealed(entry, kind, mutated)
    scan_project(load_config(project / "evdict.yaml"))
    findings(project)


@settings(max_examples=150, deadline=None)
@given(document=JSON, data=st.data())
def test_the_facts_decoder_refuses_any_wrong_shape_cleanly(
    document: Any, data: st.DataObject
) -> None:
    """Arbitrary JSON, and valid facts with one node replaced: decoded facts whose every
    value has its model type, or one of the errors the cache turns into a miss."""
    valid = json.loads(
        codec.dumps(extract(textwrap.dedent(FILES["app/views.py"]).encode(), "v.py"))
    )
    for candidate in (document, _mutated(valid, data)):
        try:
            facts = codec.loads(json.dumps(candidate))
            for name in facts.calls:
                facts.calls.get(name)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue
        assert all(type(function) is FunctionDef for function in facts.functions)


def test_an_edited_entry_that_would_hide_a_finding_is_a_miss(project: Path) -> None:
    expected = findings(project, use_cache=False)
    fill(project)
    cache = load_config(project / "evdict.yaml").cache_root
    for entry in cache.glob("scan-v*/facts/*/*.json"):
        entry.write_bytes(entry.read_bytes().replace(b"secret_exported", b"signup_completed"))
    assert findings(project) == expected
