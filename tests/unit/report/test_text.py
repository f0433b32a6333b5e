"""Text output: exact lines, and ANSI colour only when asked for."""

from __future__ import annotations

import io
from dataclasses import replace

from evdict.report.text_report import render
from evdict.result import CheckResult
from tests.conftest import RunCli, WriteFiles

BOLD, RESET, RED, YELLOW, BLUE, GREEN = (
    "\x1b[1m",
    "\x1b[0m",
    "\x1b[31m",
    "\x1b[33m",
    "\x1b[34m",
    "\x1b[32m",
)


def rendered(result: CheckResult, *, color: bool) -> str:
    out = io.StringIO()
    render(result, out, color=color)
    return out.getvalue()


def test_plain(sample: CheckResult) -> None:
    assert rendered(sample, color=False) == (
        "events.yaml:2:3: EV402 [warning] event `signup_completed` has no owner\n"
        "events.yaml:6:13: EV002 [error] events.signup_completed.status: 'gone' is not one of "
        "planned, active, deprecated\n"
        "plans/team a/more.yaml:4:5: EV999 [info] a, b: 100% done\nnext | `code` <script>\n"
        "2 files: 1 error, 1 warning, 1 info\n"
    )
    assert "\x1b" not in rendered(sample, color=False)


def test_coloured(sample: CheckResult) -> None:
    assert rendered(sample, color=True).splitlines() == [
        f"{BOLD}events.yaml:2:3:{RESET} {YELLOW}{BOLD}EV402{RESET} {YELLOW}[warning]{RESET} "
        "event `signup_completed` has no owner",
        f"{BOLD}events.yaml:6:13:{RESET} {RED}{BOLD}EV002{RESET} {RED}[error]{RESET} "
        "events.signup_completed.status: 'gone' is not one of planned, active, deprecated",
        f"{BOLD}plans/team a/more.yaml:4:5:{RESET} {BLUE}{BOLD}EV999{RESET} {BLUE}[info]{RESET} "
        "a, b: 100% done",
        "next | `code` <script>",
        f"{RED}{BOLD}2 files: 1 error, 1 warning, 1 info{RESET}",
    ]


def test_clean_is_green_only_in_colour(clean: CheckResult) -> None:
    assert rendered(clean, color=False) == "2 files: all checks passed\n"
    assert rendered(clean, color=True) == f"{GREEN}{BOLD}2 files: all checks passed{RESET}\n"


def test_notes_and_baseline(clean: CheckResult) -> None:
    result = replace(clean, notes=("baseline written",), baseline_matched=3, baseline_fixed=1)
    assert rendered(result, color=False).splitlines() == [
        "note: baseline written",
        "baseline: 3 known finding(s) hidden, 1 fixed since it was recorded",
        "2 files: all checks passed",
    ]


def test_cli_lint_text_is_uncoloured_off_a_terminal(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "text", "--select", "EV002")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "events.yaml:3:13: EV002 [error] events.signup_completed.status: 'gone' is not one of "
        "planned, active, deprecated",
        "1 event in 1 file: 1 error",
    ]
