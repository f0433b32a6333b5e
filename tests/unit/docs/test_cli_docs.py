from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli, WriteFiles
from tests.unit.docs.conftest import EXAMPLE_CONFIG


def test_docs_writes_the_site(in_tmp: Path, run: RunCli) -> None:
    result = run("docs", "--config", str(EXAMPLE_CONFIG), "--out", "site")
    assert result.exit_code == 0, result.output
    written = len([path for path in (in_tmp / "site").rglob("*") if path.is_file()]) - 1
    assert result.stdout == f"Wrote {written} files to site; open site/index.html\n"
    assert (in_tmp / "site" / "events" / "signup_completed.html").is_file()


def test_docs_markdown(in_tmp: Path, run: RunCli) -> None:
    result = run("docs", "--config", str(EXAMPLE_CONFIG), "--out", "wiki", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("; open wiki/index.md\n")
    assert (in_tmp / "wiki" / "events" / "signup_completed.md").is_file()


def test_docs_needs_out(run: RunCli) -> None:
    result = run("docs")
    assert result.exit_code == 2
    assert "Missing option '--out'" in result.output


def test_docs_with_a_bad_config_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "plan: 3\n"})
    result = run("docs", "--out", "site")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: evdict.yaml:1:7: ")


def test_docs_into_a_place_that_cannot_be_written(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events: {}\n", "blocker": "a file\n"})
    result = run("docs", "--out", "blocker/site")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: cannot write blocker/site/index.html (Not a directory): "
        "nothing was changed\n"
    )


def test_docs_without_a_plan_says_so(in_tmp: Path, run: RunCli) -> None:
    result = run("docs", "--out", "site")
    assert result.exit_code == 0
    assert result.stderr.startswith("evdict: note: no plan files found (looked for events.yaml")
    assert result.stdout == "Wrote 7 files to site; open site/index.html\n"


def test_docs_no_scan(in_tmp: Path, run: RunCli) -> None:
    result = run("docs", "--config", str(EXAMPLE_CONFIG), "--out", "site", "--no-scan")
    assert result.exit_code == 0, result.output
    page = (in_tmp / "site" / "events" / "signup_completed.html").read_text(encoding="utf-8")
    assert "The code was not scanned for this build." in page
