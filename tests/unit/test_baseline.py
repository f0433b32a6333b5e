"""``--baseline FILE`` / ``--update-baseline``: fail only on new findings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evdict.baseline import Baseline, fingerprint
from evdict.diagnostics import Diagnostic, Location, Severity
from tests.conftest import RunCli, WriteFiles

CONFIG = "budget: {min: 0}\nrules: {severity: {EV402: error}}\n"
PLAN = """
events:
  signup_completed:
    description: A new user finished the signup form.
    category: activation
  report_exported:
    description: A report was downloaded as a file.
    category: adoption
"""
CLEAN_EVENT = """
  contact_enriched:
    description: A contact row was enriched with third-party data.
    category: adoption
    owner: team-growth
"""


@pytest.fixture
def recorded(write: WriteFiles, run: RunCli) -> WriteFiles:
    """A plan with two owner-less events (EV402 at error level), recorded in a baseline."""
    write(**{"evdict.yaml": CONFIG, "events.yaml": PLAN})
    before = run("lint")
    assert before.exit_code == 1
    result = run("lint", "--baseline", "baseline.json", "--update-baseline")
    assert result.exit_code == 0
    assert result.output == "2 events in 1 file: 2 findings recorded in the baseline\n"
    return write


def test_recorded_findings_are_hidden(recorded: WriteFiles, run: RunCli) -> None:
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.output == (
        "baseline: 2 known finding(s) hidden, 0 fixed since it was recorded\n"
        "2 events in 1 file: all checks passed\n"
    )


def test_unrelated_edit_shifting_lines_reports_nothing(recorded: WriteFiles, run: RunCli) -> None:
    shifted = PLAN.replace("events:\n", "# Our tracking plan.\n\nevents:" + CLEAN_EVENT, 1)
    recorded(**{"events.yaml": shifted})
    assert run("lint").output.startswith("events.yaml:8:3: EV402")  # lines did move
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.output.endswith("1 file: all checks passed\n")


def test_fixed_findings_are_counted(recorded: WriteFiles, run: RunCli) -> None:
    recorded(
        **{"events.yaml": PLAN.replace("category: adoption", "category: adoption\n    owner: x")}
    )
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.output == (
        "baseline: 1 known finding(s) hidden, 1 fixed since it was recorded\n"
        "2 events in 1 file: all checks passed\n"
    )


def test_new_finding_is_reported(recorded: WriteFiles, run: RunCli) -> None:
    recorded(
        **{"events.yaml": PLAN + "  lead_imported:\n    description: Leads came from a file.\n"}
    )
    result = run("lint", "--baseline", "baseline.json", "--select", "EV402")
    assert result.exit_code == 1
    assert result.output == (
        "events.yaml:8:3: EV402 [error] event `lead_imported` has no owner\n"
        "baseline: 2 known finding(s) hidden, 0 fixed since it was recorded\n"
        "3 events in 1 file: 1 error\n"
    )


def test_check_uses_the_baseline_too(recorded: WriteFiles, run: RunCli) -> None:
    assert run("check", "--baseline", "baseline.json").exit_code == 0


def test_json_summary_counts(recorded: WriteFiles, run: RunCli) -> None:
    recorded(
        **{"events.yaml": PLAN.replace("category: adoption", "category: adoption\n    owner: x")}
    )
    report = json.loads(run("lint", "--baseline", "baseline.json", "--format", "json").output)
    assert report["summary"]["baseline_matched"] == 1
    assert report["summary"]["baseline_fixed"] == 1
    assert report["diagnostics"] == []


def test_baseline_file_is_sorted_stable_and_versioned(recorded: WriteFiles, run: RunCli) -> None:
    path = recorded() / "baseline.json"
    first = path.read_text(encoding="utf-8")
    assert json.loads(first) == {
        "version": 1,
        "findings": [
            {
                "code": "EV402",
                "path": "events.yaml",
                "entry": "events.report_exported",
                "fingerprint": "event `report_exported` has no owner",
                "count": 1,
            },
            {
                "code": "EV402",
                "path": "events.yaml",
                "entry": "events.signup_completed",
                "fingerprint": "event `signup_completed` has no owner",
                "count": 1,
            },
        ],
    }
    assert first.endswith("}\n")
    run("lint", "--baseline", "baseline.json", "--update-baseline")
    assert path.read_text(encoding="utf-8") == first
    assert not list(path.parent.glob(".baseline.json.*"))  # no temporary file left behind


def test_update_reports_what_was_fixed_since_the_last_recording(
    recorded: WriteFiles, run: RunCli
) -> None:
    recorded(
        **{"events.yaml": PLAN.replace("category: adoption", "category: adoption\n    owner: x")}
    )
    result = run("lint", "--baseline", "baseline.json", "--update-baseline")
    assert result.output == (
        "baseline: 1 fixed since it was last recorded\n"
        "2 events in 1 file: 1 finding recorded in the baseline\n"
    )
    assert len(json.loads((recorded() / "baseline.json").read_text())["findings"]) == 1


def test_paths_are_relative_to_the_baseline_file(recorded: WriteFiles, run: RunCli) -> None:
    sub = recorded(**{"src/app/README": ""}) / "src" / "app"
    os.chdir(sub)
    result = run("lint", "--baseline", "../../baseline.json")
    assert result.exit_code == 0, result.output


def test_update_without_baseline_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    result = run("lint", "--update-baseline")
    assert result.exit_code == 2
    assert result.output == "evdict: error: --update-baseline needs --baseline FILE\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            None,
            "evdict: error: baseline file not found: b.json (record one with --update-baseline)\n",
        ),
        ("{", "evdict: error: b.json: cannot read the baseline: Expecting property name"),
        (
            '{"version": 9, "findings": []}',
            "evdict: error: b.json: not an evdict baseline of version 1",
        ),
        ('{"version": 1, "findings": [{"code": "EV402"}]}', "evdict: error: b.json: malformed"),
    ],
)
def test_bad_baseline_file_is_exit_2(
    write: WriteFiles, run: RunCli, content: str | None, message: str
) -> None:
    files = {"events.yaml": PLAN}
    if content is not None:
        files["b.json"] = content
    write(**files)
    result = run("lint", "--baseline", "b.json")
    assert result.exit_code == 2
    assert result.output.startswith(message)


def finding(message: str, line: int = 1, fingerprint: str | None = None) -> Diagnostic:
    return Diagnostic(
        "EV003",
        "duplicate-definition",
        Severity.ERROR,
        message,
        Location("events.yaml", line, 3),
        entry="events.a_done",
        fingerprint=fingerprint,
    )


def test_an_entry_matches_at_most_as_many_findings_as_it_recorded(in_tmp: Path) -> None:
    message = "event `a_done` is already defined at events.yaml:2"
    baseline = Baseline.record([finding(message, 5)], in_tmp)
    current = [finding(message, 7), finding(message.replace(":2", ":9"), 12)]
    new, matched, fixed = baseline.split(current, in_tmp)
    assert (len(new), matched, fixed) == (1, 1, 0)
    assert new[0].line == 12


def test_fingerprint_prefers_the_rules_own_and_ignores_positions() -> None:
    assert fingerprint(finding("defined at events.yaml:12:5 and line 4")) == (
        "defined at events.yaml and line"
    )
    assert fingerprint(finding("anything", fingerprint="call:track:signup")) == "call:track:signup"


def test_a_baseline_that_cannot_be_written_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed: {}\n", "taken": "a file\n"})
    result = run("lint", "--baseline", "taken/baseline.json", "--update-baseline")
    assert result.exit_code == 2
    assert result.output.startswith(
        "evdict: error: taken/baseline.json: cannot write the baseline: "
    )
