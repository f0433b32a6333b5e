"""One small :class:`CheckResult` every reporter test renders.

Three findings, one of each severity, in two files: the warning has an end position,
and the info's message holds every character some format must escape.
"""

from __future__ import annotations

import pytest

from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.result import CheckResult, RuleInfo

TRICKY_MESSAGE = "a, b: 100% done\nnext | `code` <script>"

ERROR = Diagnostic(
    code="EV002",
    name="schema-violation",
    severity=Severity.ERROR,
    message="events.signup_completed.status: 'gone' is not one of planned, active, deprecated",
    location=Location("events.yaml", 6, 13),
    entry="events.signup_completed",
)
WARNING = Diagnostic(
    code="EV402",
    name="missing-owner",
    severity=Severity.WARNING,
    message="event `signup_completed` has no owner",
    location=Location("events.yaml", 2, 3, end_line=2, end_column=19),
    entry="events.signup_completed",
)
INFO = Diagnostic(
    code="EV999",
    name="tricky-note",
    severity=Severity.INFO,
    message=TRICKY_MESSAGE,
    location=Location("plans/team a/more.yaml", 4, 5),
)

RULES = (
    RuleInfo("EV002", "schema-violation", Severity.ERROR, "Validates every plan file."),
    RuleInfo(
        "EV402",
        "missing-owner",
        Severity.WARNING,
        "Reports an event without an `owner`.",
        "An event without an owner",
        "## What it does\nReports an event without an `owner`.",
    ),
)


@pytest.fixture
def sample() -> CheckResult:
    """Findings in file order, as the engine sorts them; EV999 is not among the rules."""
    return CheckResult(diagnostics=(WARNING, ERROR, INFO), rules=RULES, files_checked=2)


@pytest.fixture
def clean() -> CheckResult:
    return CheckResult(diagnostics=(), rules=RULES, files_checked=2)
