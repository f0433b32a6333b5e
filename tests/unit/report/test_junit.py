"""JUnit XML: suites per file, failures for errors and warnings, green when clean."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import replace

from evdict.diagnostics import Severity
from evdict.report.junit_report import render
from evdict.result import CheckResult
from tests.conftest import RunCli, WriteFiles
from tests.unit.report.conftest import INFO, TRICKY_MESSAGE


def rendered(result: CheckResult) -> str:
    out = io.StringIO()
    render(result, out, color=True)
    return out.getvalue()


def test_sample(sample: CheckResult) -> None:
    assert rendered(sample) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="evdict" tests="3" failures="2" errors="0">\n'
        '  <testsuite name="events.yaml" tests="2" failures="2" errors="0">\n'
        '    <testcase classname="events.yaml" name="EV402 2:3">\n'
        '      <failure type="EV402" message="warning: event `signup_completed` has no owner">'
        "events.yaml:2:3: EV402 [warning] event `signup_completed` has no owner (missing-owner)"
        "</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="events.yaml" name="EV002 6:13">\n'
        '      <failure type="EV002" message="error: events.signup_completed.status: \'gone\' is '
        'not one of planned, active, deprecated">events.yaml:6:13: EV002 [error] '
        "events.signup_completed.status: 'gone' is not one of planned, active, deprecated "
        "(schema-violation)</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="plans/team a/more.yaml" tests="1" failures="0" errors="0">\n'
        '    <testcase classname="plans/team a/more.yaml" name="EV999 4:5">\n'
        "      <system-out>plans/team a/more.yaml:4:5: EV999 [info] a, b: 100% done\n"
        "next | `code` &lt;script&gt; (tricky-note)</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_clean_run_is_one_passing_test(clean: CheckResult) -> None:
    assert rendered(clean) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="evdict" tests="1" failures="0" errors="0">\n'
        '  <testsuite name="evdict" tests="1" failures="0" errors="0">\n'
        '    <testcase classname="evdict" name="no findings">\n'
        "      <system-out>2 files: all checks passed</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_message_round_trips_through_an_attribute() -> None:
    tricky = replace(INFO, severity=Severity.WARNING)
    root = ET.fromstring(rendered(CheckResult(diagnostics=(tricky,))))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == f"warning: {TRICKY_MESSAGE}"
    assert failure.get("type") == "EV999"


def test_characters_xml_cannot_hold_are_replaced() -> None:
    control = replace(INFO, severity=Severity.ERROR, message="bell \x07 here")
    root = ET.fromstring(rendered(CheckResult(diagnostics=(control,))))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "error: bell \ufffd here"


def test_cli_lint_junit(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "junit", "--select", "EV002")
    assert result.exit_code == 1
    root = ET.fromstring(result.output)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "1", "0")
    case = root.find("testsuite[@name='events.yaml']/testcase")
    assert case is not None
    assert (case.get("classname"), case.get("name")) == ("events.yaml", "EV002 3:13")
