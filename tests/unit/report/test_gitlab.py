"""GitLab Code Quality: the run's notes are issues of severity ``info``, at the place a
note names, else at the project's root."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

from evdict.report.gitlab_report import render
from evdict.result import CheckResult


def issues(result: CheckResult) -> list[dict[str, Any]]:
    out = io.StringIO()
    render(result, out, color=False)
    loaded: list[dict[str, Any]] = json.loads(out.getvalue())
    return loaded


def at(path: str, line: int, column: int) -> dict[str, Any]:
    position = {"line": line, "column": column}
    return {"path": path, "positions": {"begin": position, "end": position}}


def test_notes_are_info_issues_after_the_findings(sample: CheckResult) -> None:
    notes = (
        "app.py:1:11: not scanned: its coding cookie names 'rot13', which is not a text encoding",
        "validated 3 payloads",
        "validated 3 payloads",
    )
    shown = issues(replace(sample, notes=notes))
    assert [issue["check_name"] for issue in shown] == [
        "EV402 missing-owner",
        "EV002 schema-violation",
        "EV999 tricky-note",
        "evdict note",
        "evdict note",
        "evdict note",
    ]
    assert [{k: v for k, v in issue.items() if k != "fingerprint"} for issue in shown[3:]] == [
        {
            "description": "not scanned: its coding cookie names 'rot13', which is not a text "
            "encoding",
            "check_name": "evdict note",
            "severity": "info",
            "location": at("app.py", 1, 11),
        },
        {
            "description": "validated 3 payloads",
            "check_name": "evdict note",
            "severity": "info",
            "location": at(".", 1, 1),
        },
        {
            "description": "validated 3 payloads",
            "check_name": "evdict note",
            "severity": "info",
            "location": at(".", 1, 1),
        },
    ]
    fingerprints = [issue["fingerprint"] for issue in shown]
    assert len(set(fingerprints)) == len(fingerprints), "a repeated note is numbered"
    assert issues(replace(sample, notes=notes)) == shown, "stable"


def test_without_notes_only_the_findings(sample: CheckResult) -> None:
    assert [issue["severity"] for issue in issues(sample)] == ["minor", "major", "info"]
