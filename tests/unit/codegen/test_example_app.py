"""The example app under examples/acme-enrich/codegen-app tracks through the module
``evdict codegen`` generated from the acme-enrich plan; that module is kept current."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES

APP = EXAMPLES / "acme-enrich" / "codegen-app"


def test_the_example_apps_generated_module_is_current() -> None:
    command = ["codegen", "python", "--client", "segment", "--out", "app/tracking.py", "--check"]
    result = subprocess.run(
        [sys.executable, "-m", "evdict", *command], cwd=APP, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
