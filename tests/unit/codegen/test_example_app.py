"""The example app under examples/acme-enrich/codegen-app tracks through the modules
``evdict codegen`` generated from the acme-enrich plan (Python and TypeScript); they are
kept current, and the scanner reads calls of their functions as tracking calls."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

APP = EXAMPLES / "acme-enrich" / "codegen-app"


def test_the_example_apps_generated_module_is_current() -> None:
    for language, client, out in [
        ("python", "segment", "app/tracking.py"),
        ("typescript", "posthog", "web/tracking.ts"),
    ]:
        command = ["codegen", language, "--client", client, "--out", out, "--check"]
        result = subprocess.run(
            [sys.executable, "-m", "evdict", *command], cwd=APP, capture_output=True, text=True
        )
        assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_scan_reads_calls_of_generated_functions_as_tracking_calls_with_no_config() -> None:
    # The module's own SDK calls are how it tracks, not events of their own: only the
    # app's two calls are listed, each with the properties it passes.
    result = subprocess.run(
        [sys.executable, "-m", "evdict", "scan", "--no-cache"],
        cwd=APP,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "web/reports.ts:5:3: report_viewed [inferred trackReportViewed] "
        "workspace_id, user_id, report_id, report_type",
        "web/reports.ts:9:3: report_exported [inferred trackReportExported] "
        "workspace_id, user_id, report_id, report_type, export_format",
        "app/signup.py:9:5: signup_completed [inferred track_signup_completed] "
        "user_id, workspace_id, auth_method, plan_tier, utm_source",
        "app/signup.py:19:5: user_signed_in [inferred track_user_signed_in] "
        "user_id, workspace_id, auth_method, platform",
        "4 tracking calls (4 events) in 5 files.",
    ]


def test_without_the_generated_marker_the_functions_are_ordinary_code(tmp_path: Path) -> None:
    shutil.copytree(APP.parent / "tracking-plan", tmp_path / "tracking-plan")
    shutil.copytree(APP, tmp_path / "app-copy", ignore=shutil.ignore_patterns(".evdict_cache"))
    module = tmp_path / "app-copy" / "app" / "tracking.py"
    text = module.read_text(encoding="utf-8")
    assert '\n__evdict_codegen__ = "python"\n' in text
    module.write_text(text.replace('\n__evdict_codegen__ = "python"\n', "\n"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "evdict", "scan", "--no-cache"],
        cwd=tmp_path / "app-copy",
        capture_output=True,
        text=True,
    )
    lines = result.stdout.splitlines()
    # the Python module's own 83 calls count, its callers do not (the web side still
    # has its marker: its 2 calls)
    assert lines[-1] == "85 tracking calls (83 events) in 5 files."
    assert not any(line.startswith("app/signup.py") for line in lines)


RAW_CALL = (
    "\n\ndef sign_in_raw(user_id: str) -> None:\n"
    "    _segment.track(user_id, 'user_signed_in', {'platform': 'web_app'})\n"
)


def _check_with_raw_call(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(APP.parent / "tracking-plan", tmp_path / "tracking-plan")
    shutil.copytree(APP, tmp_path / "app-copy", ignore=shutil.ignore_patterns(".evdict_cache"))
    signup = tmp_path / "app-copy" / "app" / "signup.py"
    text = signup.read_text(encoding="utf-8").replace(
        "\nfrom app.tracking", "\nimport segment.analytics as _segment\n\nfrom app.tracking"
    )
    signup.write_text(text + RAW_CALL, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "evdict", "check", "--no-cache", *options],
        cwd=tmp_path / "app-copy",
        capture_output=True,
        text=True,
    )


def test_a_raw_call_bypassing_the_generated_module_is_flagged_when_ev609_is_selected(
    tmp_path: Path,
) -> None:
    result = _check_with_raw_call(tmp_path, "--select", "ALL,EV609")
    flagged = [line for line in result.stdout.splitlines() if "EV609" in line]
    assert flagged == [
        "app/signup.py:30:5: EV609 [warning] event `user_signed_in` is tracked by a segment "
        "call, not its generated function: call `track_user_signed_in` instead"
    ], result.stdout + result.stderr


def test_ev609_is_opt_in_neither_all_nor_its_family_selects_it(tmp_path: Path) -> None:
    for selection in ("ALL", "EV6"):
        result = _check_with_raw_call(tmp_path / selection, "--select", selection)
        # the raw call is checked (EV604), but not against the generated module
        assert "app/signup.py:30:5: EV604 [error] event `user_signed_in` is missing" in (
            result.stdout
        )
        assert "EV609" not in result.stdout, result.stdout
