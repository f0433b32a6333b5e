"""The wheel ships the JSON Schemas and works on its own, outside the editable install.

Builds the wheel, installs it into a fresh venv without touching the network (no
dependencies installed: a ``.pth`` file lends the current venv's site-packages), and
runs the new venv's ``evdict`` console script on the clean example plan.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow

TIMEOUT = 300


def _run(*command: str | Path, cwd: Path | None = None) -> str:
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, REPO)
    (built,) = out.glob("evdict-*.whl")
    return built


def test_wheel_contains_the_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"evdict/schemas/plan.schema.json", "evdict/schemas/config.schema.json"} <= names
    assert "evdict/cli/__init__.py" in names
    assert "evdict/py.typed" in names, "the library API type-checks for its users (PEP 561)"


def test_installed_wheel_lints_the_example(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    # Dependencies come from this venv's site-packages; its .pth files (the editable
    # install among them) are not processed for a directory added this way.
    site_packages = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    )
    (site_packages / "lend_dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )

    where = _run(
        python,
        "-c",
        "import evdict, evdict.schema as s; print(evdict.__file__); print(s.schema_dir())",
    )
    module, schemas = where.splitlines()
    assert Path(module).is_relative_to(site_packages)
    assert Path(schemas) == site_packages / "evdict" / "schemas"

    plan = tmp_path / "acme-enrich"
    shutil.copytree(EXAMPLES / "acme-enrich", plan, ignore=shutil.ignore_patterns(".evdict_cache"))
    completed = subprocess.run(
        [venv / "bin" / "evdict", "lint"],
        cwd=plan,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.endswith(": all checks passed\n")
