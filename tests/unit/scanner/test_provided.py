"""An SDK method bound with ``functools.partial`` and handed to route handlers by a
dependency-injection provider (``fixtures/provided_partial``, Evidently's Litestar service:
``{"log_event": Provide(self.get_event_logger)}``, the getter returning
``partial(logger.send_event, self.service_name)``). The framework fills each handler's
parameter of that name with it: its calls are the SDK's, the event's position moved by the
argument the partial binds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import RunCli

FIXTURE = Path(__file__).parent / "fixtures" / "provided_partial"


def _calls(run: RunCli) -> list[tuple[str, int, str | None, list[str], str]]:
    found = json.loads(run("scan", "--format", "json").output)["calls"]
    return [
        (
            call["path"],
            call["line"],
            call["event"],
            [p["name"] for p in call["properties"]],
            call["via"],
        )
        for call in found
    ]


def test_a_provided_parameter_is_read_as_the_sdk_method(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    # ``audit`` is a partial of ``print``; ``log_event(kind)`` passes its parameter on (a
    # wrapper with no caller); ``cli.py``'s ``log_event`` is a function of that name.
    assert _calls(run) == [
        ("app/api/projects.py", 6, "list_projects", ["project_count"], "log_event"),
        ("app/api/projects.py", 11, "delete_project", [], "log_event"),
    ]
    suggested = run("scan", "--suggest-config").output.splitlines()
    assert suggested[-1] == "No unproven calls that look like tracking calls."


def test_no_provider_no_call(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    (in_tmp / "app" / "telemetry.py").unlink()
    assert _calls(run) == []
