"""Markdown summary: exact text, and what a CommonMark + GFM-tables renderer makes of it."""

from __future__ import annotations

import io
from dataclasses import replace

from markdown_it import MarkdownIt

from evdict.report.markdown_report import render
from evdict.result import CheckResult
from tests.conftest import RunCli, WriteFiles
from tests.unit.report.conftest import ERROR, INFO, WARNING


def rendered(result: CheckResult) -> str:
    out = io.StringIO()
    render(result, out, color=True)
    return out.getvalue()


def test_sample_sorted_by_path(sample: CheckResult) -> None:
    shuffled = replace(sample, diagnostics=(INFO, ERROR, WARNING))
    assert rendered(shuffled) == (
        "## evdict\n"
        "\n"
        "Found 1 error, 1 warning, 1 info in 2 files.\n"
        "\n"
        "| severity | count |\n"
        "| --- | ---: |\n"
        "| error | 1 |\n"
        "| warning | 1 |\n"
        "| info | 1 |\n"
        "\n"
        "| location | code | severity | message |\n"
        "| --- | --- | --- | --- |\n"
        "| events.yaml:2:3 | EV402 | warning | event \\`signup\\_completed\\` has no owner |\n"
        "| events.yaml:6:13 | EV002 | error | events.signup\\_completed.status: 'gone' is not "
        "one of planned, active, deprecated |\n"
        "| plans/team a/more.yaml:4:5 | EV999 | info | a, b: 100% done<br>next \\| \\`code\\` "
        "\\<script\\> |\n"
    )


def test_cells_render_as_the_literal_text(sample: CheckResult) -> None:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(rendered(sample))
    assert html.count("<tr>") == 4 + 4
    assert "<td>a, b: 100% done<br>next | `code` &lt;script&gt;</td>" in html, (
        "the message is one cell, its markup shown literally"
    )
    assert "<td>event `signup_completed` has no owner</td>" in html
    assert "<script>" not in html


def test_all_checks_passed(clean: CheckResult) -> None:
    assert rendered(clean) == "## evdict\n\nAll checks passed (2 files).\n"


def test_baseline_and_notes(clean: CheckResult) -> None:
    result = replace(clean, notes=("wrote *baseline*",), baseline_matched=3, baseline_fixed=1)
    assert rendered(result) == (
        "## evdict\n"
        "\n"
        "All checks passed (2 files).\n"
        "\n"
        "Baseline: 3 known finding(s) hidden, 1 fixed since it was recorded.\n"
        "\n"
        "- wrote \\*baseline\\*\n"
    )


def test_cli_lint_markdown(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "markdown", "--select", "EV002")
    assert result.exit_code == 1
    assert result.output.splitlines()[2] == "Found 1 error in 1 file."
    assert result.output.splitlines()[-1] == (
        "| events.yaml:3:13 | EV002 | error | events.signup\\_completed.status: 'gone' is not "
        "one of planned, active, deprecated |"
    )
