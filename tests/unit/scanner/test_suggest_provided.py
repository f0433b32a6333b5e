"""``--suggest-config`` for an SDK method bound with ``functools.partial`` and handed to
route handlers by a dependency-injection provider (``fixtures/provided_partial``,
Evidently's Litestar service: ``{"log_event": Provide(self.get_event_logger)}``, the getter
returning ``partial(logger.send_event, self.service_name)``). Which handlers receive it is
decided at run time, so the calls are never findings: the line that reads them is
suggested, the event's position moved by the argument the partial binds."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import RunCli
from tests.unit.scanner.conftest import SuggestedCalls

FIXTURE = Path(__file__).parent / "fixtures" / "provided_partial"


def test_the_provided_partial_is_suggested(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    # ``audit`` is a partial of ``print``, and ``log_event(kind)`` passes no literal name:
    # neither is counted.
    assert run("scan", "--suggest-config").output.splitlines() == [
        "note: the code imports iterative-telemetry but no tracking call was proven: "
        "`evdict scan --suggest-config` lists the calls that look like ones",
        "0 tracking calls (0 events) in 4 files.",
        "",
        "2 calls look like tracking calls but could not be proven; to read them, "
        "add to evdict.yaml:",
        "wrappers:",
        '  - {callee: log_event, event: "0|action", properties: "**", language: python}'
        "  # 2 calls: app/api/projects.py:6, app/api/projects.py:11 (delete_project, "
        "list_projects); evidence: a parameter filled with a partial of "
        "iterative-telemetry IterativeTelemetryLogger.send_event by name",
    ]


def test_the_suggested_line_reads_the_calls(in_tmp: Path, suggested_calls: SuggestedCalls) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    calls = suggested_calls()
    assert [
        (call["path"], call["line"], call["event"], [p["name"] for p in call["properties"]])
        for call in calls
    ] == [
        ("app/api/projects.py", 6, "list_projects", ["project_count"]),
        ("app/api/projects.py", 11, "delete_project", []),
    ]  # ``dynamic`` passes its parameter on: a wrapper, with no caller
