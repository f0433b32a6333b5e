"""GitHub workflow commands: one annotation a finding, escaped as the Actions toolkit does."""

from __future__ import annotations

import io
from dataclasses import replace

from evdict.diagnostics import Location
from evdict.report.github_report import render
from evdict.result import CheckResult
from tests.conftest import RunCli, WriteFiles
from tests.unit.report.conftest import WARNING


def rendered(result: CheckResult) -> str:
    out = io.StringIO()
    render(result, out, color=True)
    return out.getvalue()


def test_sample(sample: CheckResult) -> None:
    assert rendered(sample).splitlines() == [
        "::warning file=events.yaml,line=2,col=3,endLine=2,endColumn=19,"
        "title=EV402 missing-owner::event `signup_completed` has no owner",
        "::error file=events.yaml,line=6,col=13,title=EV002 schema-violation::"
        "events.signup_completed.status: 'gone' is not one of planned, active, deprecated",
        "::notice file=plans/team a/more.yaml,line=4,col=5,title=EV999 tricky-note::"
        "a, b: 100%25 done%0Anext | `code` <script>",
        "2 files: 1 error, 1 warning, 1 info",
    ]


def test_properties_escape_colons_and_commas() -> None:
    odd = replace(WARNING, location=Location("a,b:c%\r\n.yaml", 1, 1))
    assert rendered(CheckResult(diagnostics=(odd,))).splitlines()[0] == (
        "::warning file=a%2Cb%3Ac%25%0D%0A.yaml,line=1,col=1,title=EV402 missing-owner::"
        "event `signup_completed` has no owner"
    )


def test_end_column_alone_ends_on_the_start_line() -> None:
    ranged = replace(WARNING, location=Location("events.yaml", 2, 3, end_column=9))
    assert rendered(CheckResult(diagnostics=(ranged,))).startswith(
        "::warning file=events.yaml,line=2,col=3,endLine=2,endColumn=9,title="
    )


def test_clean_run_and_notes(clean: CheckResult) -> None:
    assert rendered(replace(clean, notes=("baseline written",))) == (
        "note: baseline written\n2 files: all checks passed\n"
    )


def test_cli_lint_github(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "github", "--select", "EV002")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "::error file=events.yaml,line=3,col=13,title=EV002 schema-violation::"
        "events.signup_completed.status: 'gone' is not one of planned, active, deprecated",
        "1 event in 1 file: 1 error",
    ]
