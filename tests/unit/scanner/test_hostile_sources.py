"""Sources that are not what they seem: a FIFO or a device in place of a file, a coding
cookie naming a bytes-to-bytes codec, and Ctrl-C while worker processes parse."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.report.markdown_report import escape
from evdict.scanner.cache import digest
from evdict.scanner.frontends.python import extract
from evdict.scanner.parallel import extract_job, read_regular_file
from tests.conftest import RunCli, WriteFiles

CALL = "import analytics\nanalytics.track('u', 'report_exported')\n"


BINARY_CODECS = ["rot13", "zlib_codec", "hex", "base64", "bz2", "uu"]


def _not_read(codec: str, line: int, column: int) -> str:
    return (
        f"app.py:{line}:{column}: not scanned: its coding cookie names {codec!r}, which is not "
        "a text encoding (a data transform, never run on a file; Python refuses the file too)"
    )


@pytest.mark.parametrize("codec", BINARY_CODECS)
def test_a_coding_cookie_naming_a_bytes_codec_is_never_run(codec: str) -> None:
    facts = extract(f"#!/usr/bin/env python\n# -*- coding: {codec} -*-\n{CALL}".encode())
    assert facts.failure is None
    assert facts.not_read is not None
    assert facts.not_read.pos == (2, 15, 2, 15 + len(codec))
    assert facts.calls == {}


@pytest.mark.parametrize("codec", BINARY_CODECS)
def test_a_file_not_read_for_its_codec_is_a_note_at_the_cookie_not_an_ev608(
    write: WriteFiles, run: RunCli, codec: str
) -> None:
    write(
        **{"tracking-plan/plan.yaml": PLAN, "ok.py": CALL, "app.py": f"# coding: {codec}\n{CALL}"}
    )
    result = run("check", "--no-cache", "--select", "EV6")
    assert result.output.splitlines() == [
        f"note: {_not_read(codec, 1, 11)}",
        "1 event, 1 tracking call in 3 files: all checks passed",
    ]
    assert result.exit_code == 0


def _notes_shown(output_format: str, output: str) -> list[str]:
    """The notes a report in ``output_format`` shows, as it shows them."""
    if output_format == "json":
        return list(json.loads(output)["notes"])
    if output_format == "sarif":
        run = json.loads(output)["runs"][0]
        return [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    if output_format == "junit":
        root = ET.fromstring(output)
        return [
            suite.findtext("system-out", "")
            for suite in root
            if suite.get("name") == "evdict notes"
        ]
    if output_format == "markdown":
        return [line[2:] for line in output.splitlines() if line.startswith("- ")]
    if output_format == "gitlab":
        return [
            f"{issue['location']['path']}:{issue['location']['positions']['begin']['line']}:"
            f"{issue['location']['positions']['begin']['column']}: {issue['description']}"
            for issue in json.loads(output)
            if issue["severity"] == "info"
        ]
    return [line[6:] for line in output.splitlines() if line.startswith("note: ")]


@pytest.mark.parametrize(
    "output_format", ["json", "sarif", "github", "gitlab", "markdown", "junit"]
)
def test_the_codec_note_shows_in_every_report_format(
    write: WriteFiles, run: RunCli, output_format: str
) -> None:
    write(
        **{
            "tracking-plan/plan.yaml": PLAN,
            "ok.py": CALL,
            "app.py": f"# coding: zlib_codec\n{CALL}",
        }
    )
    result = run("check", "--no-cache", "--format", output_format)
    assert result.exit_code == 0
    note = _not_read("zlib_codec", 1, 11)
    shown = escape(note) if output_format == "markdown" else note
    assert _notes_shown(output_format, result.output) == [shown]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "iso-8859-15"])
def test_a_text_codec_cookie_still_decodes(write: WriteFiles, run: RunCli, codec: str) -> None:
    source = f"# -*- coding: {codec} -*-\n# caf\xe9\n{CALL.replace('exported', 'exportd')}"
    write(**{"tracking-plan/plan.yaml": PLAN, "app.py": source.encode(codec)})
    result = run("check", "--no-cache", "--select", "EV601,EV608")
    assert result.output.splitlines()[0].startswith(
        "app.py:4:22: EV601 [error] event `report_exportd`"
    )


def test_a_utf_8_bom_file_still_decodes(write: WriteFiles, run: RunCli) -> None:
    source = "\ufeff# coding: utf-8\n" + CALL.replace("exported", "exportd")
    write(**{"tracking-plan/plan.yaml": PLAN, "app.py": source.encode("utf-8")})
    result = run("check", "--no-cache", "--select", "EV601,EV608")
    assert result.output.splitlines()[0].startswith(
        "app.py:3:22: EV601 [error] event `report_exportd`"
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["", "\n", "#!x\n", "\n\n"]))
def test_any_first_lines_give_facts_never_an_exception(data: bytes, prefix: str) -> None:
    facts = extract(prefix.encode() + data)
    assert facts.not_read is None or facts.calls == {}


def test_a_text_codec_that_fails_without_a_position_is_a_failure_not_a_crash() -> None:
    facts = extract(b"# coding: idna\n" + CALL.encode() + b"x = '\xff'\n")
    assert facts.failure is not None
    assert facts.failure.message.startswith("not valid ascii text")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_and_devices_among_sources_are_noted_and_never_read(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"src/ok.py": CALL})
    os.mkfifo(root / "src" / "pipe.py")  # reading it would wait for a writer forever
    (root / "src" / "zero.py").symlink_to("/dev/zero")  # never ends
    (root / "src" / "random.js").symlink_to("/dev/urandom")
    result = run("scan", "--no-cache")
    assert result.exit_code == 0
    src = root / "src"
    assert result.output.splitlines() == [
        "src/ok.py:2:1: report_exported [segment] no properties",
        f"note: not a regular file, not read: {src / 'pipe.py'}",
        f"note: not a regular file, not read: {src / 'random.js'}",
        f"note: not a regular file, not read: {src / 'zero.py'}",
        "1 tracking call (1 event) in 1 file.",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_reading_refuses_what_turned_into_a_fifo_or_outgrew_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular_file(str(fifo), 1000)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular_file("/dev/zero", 1000)
    big = tmp_path / "big.py"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(OSError, match=r"larger than max_file_size \(1000 bytes\)"):
        read_regular_file(str(big), 1000)
    assert read_regular_file(str(big), 1001) == b"x" * 1001


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # the process is gone
        return found
    for task in tasks:
        try:  # a thread (the pool's manager) may end between the listing and the read
            found.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5])
def test_ctrl_c_during_a_parallel_scan_stops_workers_and_exits_130(
    tmp_path: Path, delay: float
) -> None:
    # Interrupted at several moments: a hang once showed only when Ctrl-C caught a large
    # file on its way to a worker.
    body = "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(4000))
    for index in range(60):  # about 2 MB of Python: parsed over worker processes
        (tmp_path / f"m{index}.py").write_text(CALL + body, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "evdict", "scan", "--no-cache", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 60
        while not _children(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "the scan never started worker processes"
            time.sleep(0.01)
        time.sleep(delay)
        workers = _children(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches every process of the group
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # hung: do not leave it to disturb the next tests
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert workers, "the scan finished before it could be interrupted"
    assert (process.returncode, stderr.decode()) == (130, "evdict: interrupted\n")
    for worker in workers:
        assert not Path(f"/proc/{worker}").exists() or _zombie(worker)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


PLAN = "events:\n  report_exported:\n    description: A report was exported.\n"


BROKEN = "import analytics\ndef track(:\n    analytics.track('u', 'report_exported')\n"


def test_a_file_whose_calls_go_unchecked_fails_the_check(write: WriteFiles, run: RunCli) -> None:
    write(**{"tracking-plan/plan.yaml": PLAN, "app.py": BROKEN})
    result = run("check", "--select", "EV608")
    assert result.output.splitlines()[0] == (
        "app.py:2:11: EV608 [error] does not parse: invalid syntax; "
        "its tracking calls are not checked"
    )
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("def f(:\n    pass\n", "2:7: EV608 [error] does not parse: invalid syntax"),
        ("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n", "2:205: EV608 [error] does not parse"),
        ("type Alias = list[int]\n", "2:6: EV608 [error] does not parse: invalid syntax"),
        (
            "x = " + " + ".join(["'a'"] * 100_000) + "\n",
            "2:1: EV608 [error] cannot parse: nested too deeply",
        ),
        (
            "def f():\n    if True:\n        x = (" + " + ".join(["'a'"] * 100_000) + ")\n",
            "2:1: EV608 [error] cannot parse: nested too deeply",
        ),
    ],
)
def test_the_statements_around_a_broken_one_are_still_read(
    write: WriteFiles, run: RunCli, broken: str, reason: str
) -> None:
    """A syntax error, syntax newer than this Python (3.12's `type`), parentheses nested
    too deep, a chain of `+` too long for `ast` (which raises RecursionError, not a
    SyntaxError with a line): that top-level statement is left out, the calls around it
    are checked."""
    source = f"import analytics\n{broken}analytics.track('u', 'report_exportd')\n"
    write(**{"tracking-plan/plan.yaml": PLAN, "app.py": source})
    result = run("check", "--select", "EV608,EV601")
    lines = result.output.splitlines()
    if sys.version_info >= (3, 12) and broken.startswith("type"):
        pytest.skip("`type` statements parse on this Python")
    assert lines[0].startswith(f"app.py:{reason}")
    assert lines[0].endswith("; its other tracking calls are still checked")
    assert lines[1].startswith(
        f"app.py:{2 + broken.count(chr(10))}:22: EV601 [error] event `report_exportd`"
    )
    assert result.exit_code == 1


def test_ev608_can_be_lowered_to_a_warning_in_the_config(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "evdict.yaml": "rules:\n  severity: {EV608: warning}\n",
            "tracking-plan/plan.yaml": PLAN,
            "app.py": BROKEN,
        }
    )
    result = run("check", "--select", "EV608")
    assert result.output.splitlines()[0].startswith("app.py:2:11: EV608 [warning] does not parse")
    assert result.exit_code == 0


def test_a_latin_1_javascript_file_is_read_and_its_calls_checked(
    write: WriteFiles, run: RunCli
) -> None:
    source = "import posthog from 'posthog-js';\n// caf\xe9\nposthog.capture('report_exportd');\n"
    write(**{"tracking-plan/plan.yaml": PLAN, "web/app.js": source.encode("latin-1")})
    result = run("check", "--select", "EV608,EV601", "--format", "json")
    found = json.loads(result.output)["diagnostics"]
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        (
            "EV608",
            2,
            7,
            "not valid UTF-8 text (byte 40: invalid continuation byte), read as Latin-1; "
            "its other tracking calls are still checked",
        ),
        (
            "EV601",
            3,
            17,
            "event `report_exportd` is not declared in the plan (did you mean `report_exported`?)",
        ),
    ]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab\né€𝄞\t", max_size=9000))
def test_js_character_columns_count_what_decoding_counts(text: str) -> None:
    from evdict.scanner.frontends.js_nodes import Source

    data = text.encode()
    source = Source(data)
    for offset in range(0, len(data) + 1, 997):
        while offset < len(data) and 0x80 <= data[offset] < 0xC0:
            offset += 1  # a character boundary, as tree-sitter's columns are
        row = data.count(b"\n", 0, offset)
        line_start = data.rfind(b"\n", 0, offset) + 1
        expected = len(data[line_start:offset].decode()) + 1
        assert source.column(row, offset - line_start) == expected


@pytest.mark.parametrize("where", [0, 511, 512, 1000, 1023, 5000])
def test_js_character_columns_in_a_long_ascii_line_with_one_character_elsewhere(
    where: int,
) -> None:
    """Most blocks of a minified file hold no continuation byte: they are not counted."""
    from evdict.scanner.frontends.js_nodes import Source

    text = "a" * where + "𝄞" + "b" * (6000 - where)
    data = text.encode()
    source = Source(data)
    for offset in range(len(data) + 1):
        if offset < len(data) and 0x80 <= data[offset] < 0xC0:
            continue
        assert source.column(0, offset) == len(data[:offset].decode()) + 1


@settings(max_examples=100, deadline=None)
@given(
    statements=st.lists(
        st.sampled_from(["a('é');", "b.c(1, 'x');", "\n", "d('𝄞é', {n: 'é'});", "e(f);"]),
        max_size=30,
    )
)
def test_js_node_positions_count_characters(statements: list[str]) -> None:
    """Every node's position, in the order the walk meets them: those past a line's
    last non-ASCII character (most of a minified file) take a shortcut that must count
    what decoding counts."""
    import tree_sitter_javascript
    from tree_sitter import Language, Parser

    from evdict.scanner.frontends.js_nodes import Source

    data = "".join(statements).encode()
    source = Source(data)

    def line_and_column(offset: int) -> tuple[int, int]:
        line_start = data.rfind(b"\n", 0, offset) + 1
        return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode()) + 1

    cursor = Parser(Language(tree_sitter_javascript.language())).parse(data).walk()
    while True:
        node = cursor.node
        assert node is not None
        expected = (*line_and_column(node.start_byte), *line_and_column(node.end_byte))
        assert source.pos(node) == expected, source.text(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def test_a_minified_file_with_non_ascii_text_is_read_in_one_pass(
    write: WriteFiles, run: RunCli
) -> None:
    """One line of 600 kB holding an `é`: each node's column used to decode the line up
    to it (quadratic: 1 MB took 66 s)."""
    unit = "var a=function(b){return b+1};posthog.capture('report_exported',{n:1});"
    source = "import posthog from 'posthog-js';var s='é';" + unit * 8000
    write(**{"tracking-plan/plan.yaml": PLAN, "web/bundle.js": source})
    result = run("scan", "--no-cache", "--format", "json")
    calls = json.loads(result.output)["calls"]
    assert len(calls) == 8000
    assert (calls[-1]["line"], calls[-1]["column"]) == (1, len(source) - len(unit) + 31)


def test_a_worker_parses_a_file_only_if_it_holds_what_was_hashed(tmp_path: Path) -> None:
    # A job carries a path, not the file (a large file written down the job pipe could
    # hang the pool's terminate() on Ctrl-C): the worker reads it again, and gives
    # nothing back when it changed since the scan hashed it, or went away.
    source = tmp_path / "app.py"
    source.write_bytes(CALL.encode())
    version = "python:1:3.11"
    job = (extract, str(source), 1000, version, digest(version, CALL.encode()), "app.py")
    facts = extract_job(job)
    assert facts is not None and facts == extract(CALL.encode(), "app.py")
    source.write_bytes(CALL.encode() + b"\n")
    assert extract_job(job) is None
    source.unlink()
    assert extract_job(job) is None
