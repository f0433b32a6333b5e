"""``evdict validate`` on a broken plan and on hostile input: a finding or a clear
error, never a pass it did not earn and never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evdict.commands.validate import MAX_LINE, bounded_lines
from tests.conftest import RunCli, WriteFiles

BAD_PATTERN_PLAN = """\
events:
  signup_completed:
    description: A user signed up.
    properties:
      code: {type: string, description: A code., pattern: '(['}
"""


def test_a_pattern_that_is_no_regex_fails_validate_with_its_line(
    write: WriteFiles, run: RunCli
) -> None:
    write(
        **{
            "events.yaml": BAD_PATTERN_PLAN,
            "export.ndjson": '{"event": "signup_completed", "properties": {"code": "x"}}\n',
        }
    )
    result = run("validate", "export.ndjson")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "events.yaml:5:59: EV002 [error] `pattern` '([' cannot be used: missing ]: [ "
        "(patterns are matched by RE2)"
    )
    # --select narrows the plan's findings as it does the payloads'.
    assert run("validate", "export.ndjson", "--select", "EV6").exit_code == 0


PLAN = "events:\n  a_created: {description: An a was created.}\n"
DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_PAYLOAD = '{"event": "a_created", "properties": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001


def test_lines_nested_100000_deep_are_not_understood_not_a_crash(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"events.yaml": PLAN, "deep.ndjson": f"{DEEP_ARRAY}\n{DEEP_PAYLOAD}\n"})
    result = run("validate", "deep.ndjson")
    assert result.exit_code == 0
    assert result.stdout == (
        "note: validated 0 payloads\n"
        "note: 2 lines are not an event of a known export shape (Segment, PostHog, "
        "Mixpanel, Amplitude): line 1, 2\n"
        "1 file: all checks passed\n"
    )


def test_a_baseline_nested_100000_deep_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "ok.ndjson": '{"event": "a_created"}\n'})
    Path("base.json").write_text(DEEP_ARRAY, encoding="utf-8")
    result = run("validate", "ok.ndjson", "--baseline", "base.json")
    assert result.exit_code == 2
    assert (
        result.stderr == "evdict: error: base.json: cannot read the baseline: nested too deeply\n"
    )


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "github", "markdown"])
def test_lone_surrogate_escapes_render_in_every_format(write: WriteFiles, fmt: str) -> None:
    write(**{"events.yaml": PLAN})
    line = b'{"event": "\\ud800x\\u001b[2J", "properties": {"\\udfff": 1}}\n'
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "validate", "--format", fmt],
        input=line,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == b""
    assert b"\x1b" not in done.stdout
    message = "event `\ud800x\x1b[2J` is not declared in the plan"
    if fmt == "json":
        assert json.loads(done.stdout)["diagnostics"][0]["message"] == message
    if fmt == "sarif":
        assert json.loads(done.stdout)["runs"][0]["results"][0]["message"]["text"] == message


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_a_device_as_the_export_is_refused(write: WriteFiles, where: str) -> None:
    write(**{"events.yaml": PLAN})
    with Path("/dev/zero").open("rb") as zero:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "evdict",
                "validate",
                *(["/dev/zero"] if where == "file" else []),
            ],
            stdin=zero,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 2
    shown = "/dev/zero" if where == "file" else "standard input"
    assert (
        done.stderr
        == f"evdict: error: cannot read {shown}: not a regular file or a pipe (a device)\n"
    )


def test_a_device_as_the_baseline_is_refused(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "ok.ndjson": '{"event": "a_created"}\n'})
    result = run("validate", "ok.ndjson", "--baseline", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: /dev/zero: not a regular file: a baseline is a JSON file\n"
    )


def test_an_overlong_line_is_skipped_in_bounded_pieces() -> None:
    stream = io.BytesIO(b"x" * (MAX_LINE * 2 + 5) + b"\n" + b'{"a": 1}\n' + b"y" * (MAX_LINE + 1))
    assert list(bounded_lines(stream)) == [None, b'{"a": 1}\n', None]


def test_a_full_disk_on_stdout_fails_validate_clearly(write: WriteFiles) -> None:
    write(**{"events.yaml": PLAN})
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "evdict", "validate", "--format", "sarif"],
            input='{"event": "undeclared"}\n',
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert (
        done.stderr == "evdict: error: cannot write to standard output: No space left on device\n"
    )
