"""Markdown summary: exact text, and what a CommonMark + GFM-tables renderer makes of it."""

from __future__ import annotations

import io
from dataclasses import replace

from markdown_it import MarkdownIt

from evdict.diagnostics import Location
from evdict.report.markdown_report import COMMENT_LIMIT, render
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
        "2 files: 1 error, 1 warning, 1 info\n"
        "\n"
        "| severity | count |\n"
        "| --- | ---: |\n"
        "| error | 1 |\n"
        "| warning | 1 |\n"
        "| info | 1 |\n"
        "\n"
        "| rule | findings |\n"
        "| --- | ---: |\n"
        "| EV002 schema-violation | 1 |\n"
        "| EV402 missing-owner | 1 |\n"
        "| EV999 tricky-note | 1 |\n"
        "\n"
        "| location | code | severity | message |\n"
        "| --- | --- | --- | --- |\n"
        "| events.yaml:2:3 | EV402 | warning | event `signup_completed` has no owner |\n"
        "| events.yaml:6:13 | EV002 | error | events.signup\\_completed.status: 'gone' is not "
        "one of planned, active, deprecated |\n"
        "| plans/team a/more.yaml:4:5 | EV999 | info | a, b: 100% done<br>next \\| `code` "
        "\\<script\\> |\n"
    )


def test_cells_render_as_the_literal_text(sample: CheckResult) -> None:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(rendered(sample))
    assert html.count("<tr>") == 4 + 4 + 4
    assert "<td>a, b: 100% done<br>next | <code>code</code> &lt;script&gt;</td>" in html, (
        "the message is one cell, its markup shown literally, its code span a code span"
    )
    assert "<td>event <code>signup_completed</code> has no owner</td>" in html
    assert "<script>" not in html


def test_a_pipe_in_a_code_span_stays_in_its_cell() -> None:
    tricky = replace(WARNING, message="event `a|b $x$ <i>` and a stray ` backtick")
    html = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .render(rendered(CheckResult(diagnostics=(tricky,))))
    )
    assert "<td>event <code>a|b $x$ &lt;i&gt;</code> and a stray ` backtick</td>" in html


def test_a_large_report_stays_under_githubs_comment_limit() -> None:
    """5,000 findings of three rules: rows that do not fit are counted, the counts by rule
    still cover all of them, and the table stays a table."""
    many = tuple(
        replace(
            (WARNING, ERROR, INFO)[number % 3],
            location=Location(f"tracking-plan/team_{number % 7}.yaml", number + 1, 3),
        )
        for number in range(5_000)
    )
    text = rendered(CheckResult(diagnostics=many, files_checked=7))
    assert len(text) <= COMMENT_LIMIT
    assert len(text) > COMMENT_LIMIT - 400, "the room is used"
    rows = [line for line in text.splitlines() if line.startswith("| tracking-plan/")]
    left_out = 5_000 - len(rows)
    assert 0 < left_out < 5_000
    assert text.endswith(
        f"|\n\n{left_out} more findings not shown: GitHub limits a comment to 65,536 "
        "characters (the counts by rule above include them; the `json` or `sarif` report "
        "lists them all).\n"
    )
    assert "| EV002 schema-violation | 1667 |" in text
    assert "| EV402 missing-owner | 1667 |" in text
    assert "| EV999 tricky-note | 1666 |" in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<tr>") == 4 + 4 + 1 + len(rows)


def test_one_finding_alone_over_the_limit_is_left_out_whole() -> None:
    huge = replace(WARNING, message="x" * 70_000)
    text = rendered(CheckResult(diagnostics=(huge,)))
    assert len(text) <= COMMENT_LIMIT
    assert "1 more finding not shown" in text
    assert "x" * 100 not in text


def test_all_checks_passed(clean: CheckResult) -> None:
    assert rendered(clean) == "## evdict\n\n2 files: all checks passed\n"


def test_baseline_and_notes(clean: CheckResult) -> None:
    result = replace(clean, notes=("wrote *baseline*",), baseline_matched=3, baseline_fixed=1)
    assert rendered(result) == (
        "## evdict\n"
        "\n"
        "2 files: all checks passed\n"
        "\n"
        "Baseline: 3 known finding(s) hidden, 1 fixed since it was recorded.\n"
        "\n"
        "- wrote \\*baseline\\*\n"
    )


def test_cli_lint_markdown(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "markdown", "--select", "EV002")
    assert result.exit_code == 1
    assert result.output.splitlines()[2] == "1 event in 1 file: 1 error"
    assert result.output.splitlines()[-1] == (
        "| events.yaml:3:13 | EV002 | error | events.signup\\_completed.status: 'gone' is not "
        "one of planned, active, deprecated |"
    )
