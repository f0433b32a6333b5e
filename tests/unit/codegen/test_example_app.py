"""The example app under examples/acme-enrich/codegen-app tracks through the module
``evdict codegen`` generated from the acme-enrich plan; that module is kept current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

APP = EXAMPLES / "acme-enrich" / "codegen-app"


def test_the_example_apps_generated_module_is_current() -> None:
    command = ["codegen", "python", "--client", "segment", "--out", "app/tracking.py", "--check"]
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
        "app/signup.py:9:5: signup_completed [inferred track_signup_completed] "
        "user_id, workspace_id, auth_method, plan_tier, utm_source",
        "app/signup.py:19:5: user_signed_in [inferred track_user_signed_in] "
        "user_id, workspace_id, auth_method, platform",
        "2 tracking calls (2 events) in 3 files.",
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
    assert lines[-1] == "83 tracking calls (83 events) in 3 files."
    assert not any(line.startswith("app/signup.py") for line in lines)
