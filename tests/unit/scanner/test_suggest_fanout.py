"""``--suggest-config`` for an SDK call reached only through calls by name on values
evdict cannot type: comfy-cli's provider fan-out (``fixtures/provider_fan_out``, each
event handed to every provider of a list built at run time). Never a finding: the
wrapper whose callers pass literal names is suggested, and the line it suggests reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import RunCli
from tests.unit.scanner.conftest import SuggestedCalls

FIXTURE = Path(__file__).parent / "fixtures" / "provider_fan_out"

SCANNED = [
    "app/tracking.py:27:13: <dynamic: 'event_name' (a unpacked expression)> [mixpanel] "
    "no properties (+ properties not visible here)",
    "app/tracking.py:38:9: <dynamic: an f-string starting with 'cli:'> [posthog] "
    "no properties (+ properties not visible here)",
    "2 tracking calls (0 events) in 3 files.",
]


def test_the_wrapper_up_the_fan_out_is_suggested(in_tmp: Path, run: RunCli) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    # ``_dispatch`` has no caller passing a name, ``log_event`` reaches no SDK, and
    # ``AuditLog.record``'s caller passes a value read at run time: none is suggested.
    assert run("scan", "--suggest-config").output.splitlines() == [
        *SCANNED,
        "",
        "2 calls look like tracking calls but could not be proven; to read them, "
        "add to evdict.yaml:",
        "wrappers:",
        '  - {callee: app.tracking.track_event, event: "0|event_name", '
        'properties: "1|properties", language: python}  # 2 calls: app/cli.py:5, '
        "app/cli.py:6 (execution_start, execution_success); evidence: its parameter "
        "reaches posthog in PostHogProvider.track through calls by name",
    ]


def test_the_suggested_line_reads_the_calls(in_tmp: Path, suggested_calls: SuggestedCalls) -> None:
    shutil.copytree(FIXTURE, in_tmp, dirs_exist_ok=True)
    calls = suggested_calls()
    assert [(call["path"], call["line"], call["event"]) for call in calls] == [
        ("app/cli.py", 5, "execution_start"),
        ("app/cli.py", 6, "execution_success"),
        ("app/tracking.py", 27, None),
        ("app/tracking.py", 38, None),
    ]
