"""Fuzzing the whole rename (load, rename, save) on generated plans and sources with
comments, every quoting, LF or CRLF line breaks, a BOM or none, a final line break or
none: it never crashes, and every byte it does not mean to change is kept."""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.commands.rename import (
    javascript_literal,
    prepare_rename,
    python_literal,
    write_rename,
)
from evdict.config import load_config
from evdict.errors import RenameError
from tests.unit.commands.rename.test_plan_edit_fuzz import assert_only_renamed, plans

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PYTHON = (
    "# -*- coding: utf-8 -*-\n"
    "import analytics  # {old}\n"
    "\n"
    "\n"
    "def view(user):\n"
    "    # tracks {old} here\n"
    "    analytics.track(user, {first})  # the call\n"
    "    analytics.track(user, {second}, {{'k': 'it''s'}})\n"
)
TYPESCRIPT = (
    "import posthog from 'posthog-js';\n"
    "// {old}\n"
    "posthog.capture({first}); /* {old} */\n"
    'posthog.capture({second}, {{ k: "x" }});\n'
)


@contextlib.contextmanager
def project(files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="evdict-fuzz-") as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        previous = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


def encoded(text: str, crlf: bool, bom: bool, final_break: bool | None = None) -> bytes:
    """``text`` with CRLF line breaks or not, a BOM or not, and (unless None) its final
    line break or not."""
    if final_break is not None:
        text = text.rstrip("\n") + ("\n" if final_break else "")
    if crlf:
        text = text.replace("\n", "\r\n")
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


@FUZZ
@given(
    plans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([("", '"'), ("", "'"), ("r", '"'), ("", '"""')]),
    st.sampled_from(['"', "'", "`"]),
)
def test_load_rename_save_keeps_every_other_byte(
    case: tuple[str, str, str],
    crlf: bool,
    bom: bool,
    final_break: bool,
    python_form: tuple[str, str],
    js_quote: str,
) -> None:
    plan_text, old, new = case
    first = python_literal(old, *python_form)
    second = python_literal(old, "", "'")
    python = PYTHON.format(old=old.replace("\n", " "), first=first, second=second)
    typescript = TYPESCRIPT.format(
        old=old.replace("*/", ""),
        first=javascript_literal(old, js_quote),
        second=javascript_literal(old, "'"),
    )
    files = {
        "evdict.yaml": b"plan: [events.yaml]\n",
        "events.yaml": encoded(plan_text, crlf, bom),
        "app/views.py": encoded(python, crlf, bom, final_break),
        "web/app.ts": encoded(typescript, crlf, bom, final_break),
    }
    with project(files) as root:
        try:
            rename = prepare_rename(load_config(), old, new, use_cache=False)
        except RenameError as exc:
            # No edit can add a line after a block scalar that ends the file unbroken.
            assert "without a final line break" in str(exc), exc
            return
        write_rename(rename)
        after = {name: (root / name).read_bytes() for name in files}
    assert rename.call_sites == 4
    del after["evdict.yaml"]
    for name, data in after.items():
        assert data.startswith(codecs.BOM_UTF8) is bom, name
        lines = data.split(b"\n")
        assert all(line.endswith(b"\r") is crlf for line in lines[:-1]), (name, data)
        assert (lines[-1] == b"") is files[name].endswith(b"\n"), name

    def text(data: bytes) -> str:
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")

    assert_only_renamed(text(files["events.yaml"]), text(after["events.yaml"]), old, new)
    expected_python = PYTHON.format(
        old=old.replace("\n", " "),
        # the new literal keeps the prefix the old one has (r is dropped for a value
        # that needs an escape)
        first=python_literal(new, first[: first.index(python_form[1])], python_form[1]),
        second=python_literal(new, "", "'"),
    )
    assert after["app/views.py"] == encoded(expected_python, crlf, bom, final_break)
    expected_typescript = TYPESCRIPT.format(
        old=old.replace("*/", ""),
        first=javascript_literal(new, js_quote),
        second=javascript_literal(new, "'"),
    )
    assert after["web/app.ts"] == encoded(expected_typescript, crlf, bom, final_break)
