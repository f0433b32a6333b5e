"""Names and file names from the plan and the code reach a terminal escaped, and a file
name that is not UTF-8 renders in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evdict.report import FORMATS
from evdict.report.printable import printable
from tests.conftest import RunCli, WriteFiles

OSC52 = "\x1b]52;c;aGk=\x07"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("signup_completed", "signup_completed"),
        (f"a{OSC52}b", "a\\x1b]52;c;aGk=\\x07b"),
        ("x\x1b[2Jy\rz\nw", "x\\x1b[2Jy\\x0dz\\x0aw"),
        ("tab\tand\x7fdel\x9bcsi", "tab\tand\\x7fdel\\x9bcsi"),
        ("rtl\u202eevil\u2066", "rtl\\u202eevil\\u2066"),
        ("bad\udcffname", "bad\\xffname"),  # a byte a file name held (surrogateescape)
        ("lone\ud800", "lone\\ud800"),
        ("注文完了 café", "注文完了 café"),
    ],
)
def test_printable_escapes_control_characters(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@given(st.text())
def test_printable_text_is_one_line_without_controls_and_encodes(text: str) -> None:
    shown = printable(text)
    assert "\n" not in shown and "\x1b" not in shown and "\x07" not in shown
    shown.encode("utf-8")  # no lone surrogate left


@pytest.fixture
def hostile(write: WriteFiles) -> Path:
    root = write(**{"events.yaml": "events:\n  a_created: {description: An a.}\n"})
    (root / "app").mkdir()
    name = os.fsdecode(b"app/bad\xff\x1b[31mname.py")
    (root / name).write_text(
        f'import analytics\nanalytics.track("u1", "undeclared_{OSC52}evil")\n', encoding="utf-8"
    )
    return root


def test_text_output_escapes_names_and_file_names(hostile: Path, run: RunCli) -> None:
    result = run("check", "--select", "EV601", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "app/bad\\xff\\x1b[31mname.py:2:23: EV601 [error] event "
        "`undeclared_\\x1b]52;c;aGk=\\x07evil` is not declared in the plan"
    )
    scanned = run("scan", "--no-cache")
    assert scanned.stdout.splitlines()[0] == (
        "app/bad\\xff\\x1b[31mname.py:2:1: undeclared_\\x1b]52;c;aGk=\\x07evil [segment] "
        "no properties"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_file_name_that_is_not_utf8(hostile: Path, fmt: str) -> None:
    command = [sys.executable, "-m", "evdict", "check", "--select", "EV601", "--format", fmt]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    if fmt in ("text", "github", "markdown"):
        assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    if fmt in ("json", "sarif"):
        document = json.loads(done.stdout)
        assert "bad" in json.dumps(document)
    if fmt == "sarif":
        location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "app/bad%FF%1B%5B31mname.py"
    # and written with -o as well
    done = subprocess.run([*command, "-o", f"report.{fmt}"], capture_output=True, check=False)
    assert done.returncode == 1 and done.stderr == b""
    assert b"name.py" in Path(f"report.{fmt}").read_bytes()


def test_a_usage_error_escapes_the_name_it_quotes(run: RunCli, in_tmp: Path) -> None:
    result = run("lint", "--config", f"{OSC52}.yaml")
    assert result.exit_code == 2
    assert result.stderr == "evdict: error: config file not found: \\x1b]52;c;aGk=\\x07.yaml\n"


def test_budget_text_escapes_owner_names(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": "events:\n  a_created:\n    description: An a.\n"
            '    owner: "team\\e]52;c;aGk=\\a"\n'
        }
    )
    result = run("budget")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "team\\x1b]52;c;aGk=\\x07" in result.stdout
