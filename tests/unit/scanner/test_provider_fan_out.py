"""comfy-cli's provider fan-out (``fixtures/provider_fan_out``), found with no config:
each event goes to every provider of a list a function returns, typed ``->
list[TelemetryProvider]`` (a ``typing.Protocol`` two classes implement structurally). The
Mixpanel provider puts the event on a ``queue.Queue`` its worker hands to the SDK (a
relay: one method puts, the worker gets, in one class); the PostHog provider sends
``f"cli:{event_name}"``. A call sends both names, one event each; a call passing
``mixpanel_name=`` is one of four (the ``isinstance`` test choosing the Mixpanel name is
not read)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import RunCli

FIXTURE = Path(__file__).parent / "fixtures" / "provider_fan_out"


def test_each_event_goes_to_every_provider(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    # The providers' own SDK calls are their callers' (no call of their own); ``audit``
    # passes a value read at run time and ``log_event`` reaches no SDK: no call; the
    # ``Spool`` look-alike's queue is filled by two methods, so its worker's call stays
    # its own; nothing is left to suggest.
    assert run("scan", "--suggest-config").output.splitlines() == [
        "app/cli.py:5:5: <dynamic: one of 'execution_start', 'cli:execution_start', "
        "'cli:run', 'run'> [inferred track_event] workflow, cli_version",
        "app/cli.py:6:5: <dynamic: each of 'execution_success', 'cli:execution_success', "
        "one event each> [inferred track_event] workflow, cli_version",
        "app/tracking.py:91:9: <dynamic: 'name' (a unpacked expression)> [mixpanel] "
        "no properties (+ properties not visible here)",
        "3 tracking calls (6 events) in 3 files.",
        "",
        "No unproven calls that look like tracking calls.",
    ]


def test_the_fan_out_in_json(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    calls = json.loads(run("scan", "--format", "json").output)["calls"]
    assert [
        (c["path"], c["line"], c["event"], c["events"], c["dynamic"]["detail"]) for c in calls
    ] == [
        (
            "app/cli.py",
            5,
            None,
            ["execution_start", "cli:execution_start", "cli:run", "run"],
            "one of 'execution_start', 'cli:execution_start', 'cli:run', 'run'",
        ),
        (
            "app/cli.py",
            6,
            None,
            ["execution_success", "cli:execution_success"],
            "each of 'execution_success', 'cli:execution_success', one event each",
        ),
        ("app/tracking.py", 91, None, [], "'name' (a unpacked expression)"),
    ]


def test_the_wrappers_say_how(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    output = run("scan", "--explain-wrappers").output.splitlines()
    assert (
        "    app/tracking.py:15:5: TelemetryProvider.track is abstract; implementations "
        "that send: MixpanelProvider.track, PostHogProvider.track"
    ) in output
    assert (
        "    app/tracking.py:27:13: MixpanelProvider.track passes parameter 'event_name' "
        "as the event of mixpanel Mixpanel().track"
    ) in output


ONE_OR_UNTYPED = """
from app.tracking import PostHogProvider, TelemetryProvider


def one(provider: TelemetryProvider) -> None:
    provider.track("single", distinct_id="a", properties={})


def _untyped():
    return [PostHogProvider("t")]


def each_untyped() -> None:
    for provider in _untyped():
        provider.track("untyped", distinct_id="a", properties={})


def _tupled() -> "tuple[TelemetryProvider, ...] | None":
    return None


def each_tupled() -> None:
    for provider in _tupled() or ():
        provider.track("or_ed", distinct_id="a", properties={})
"""


def test_one_provider_sends_one_name(in_tmp: Path, run: RunCli) -> None:
    """A value of the Protocol's type is whichever provider is given: one of the names.
    A loop over a call with no annotation, or over anything but a call, is not read."""
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    (in_tmp / "app" / "other.py").write_text(ONE_OR_UNTYPED)
    calls = json.loads(run("scan", "--format", "json").output)["calls"]
    assert [
        (c["path"], c["line"], c["event"], c["events"]) for c in calls if "other" in c["path"]
    ] == [
        ("app/other.py", 6, None, ["single", "cli:single"]),
    ]


def test_a_project_module_named_as_the_standard_library_one(in_tmp: Path, run: RunCli) -> None:
    """comfy-cli has its own ``comfy_cli/typing.py``: ``from typing import Protocol`` is
    still the standard library's (an absolute import), so the Protocol is one."""
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    (in_tmp / "app" / "typing.py").write_text("PathLike = str\n")
    lines = run("scan").output.splitlines()
    assert lines[1].startswith("app/cli.py:6:5: <dynamic: each of 'execution_success'")
