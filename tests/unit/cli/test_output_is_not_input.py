"""``--output`` naming a file the run reads is refused before anything is written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFiles

PLAN = "events:\n  signup_completed: {description: A user signed up.}\n"


@pytest.fixture
def project(write: WriteFiles) -> Path:
    return write(
        **{
            "evdict.yaml": "plan: [tracking-plan/growth.yaml]\n",
            "tracking-plan/growth.yaml": PLAN,
            "app/track.py": "analytics.track('signup_completed')\n",
            "payloads.ndjson": '{"event": "signup_completed", "properties": {}}\n',
            "link.yaml": "",
        }
    )


def _unchanged(project: Path) -> None:
    assert (project / "tracking-plan/growth.yaml").read_text(encoding="utf-8") == PLAN
    assert (project / "evdict.yaml").read_text(encoding="utf-8").startswith("plan:")
    assert (project / "app/track.py").read_text(encoding="utf-8").startswith("analytics")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("lint", "-o", "tracking-plan/growth.yaml"), "a plan file"),
        (("check", "-o", "evdict.yaml"), "the config file"),
        (("check", "--format", "json", "-o", "app/track.py"), "a source file the scan reads"),
        (("export", "-o", "tracking-plan/growth.yaml"), "a plan file"),
        (("budget", "-o", "evdict.yaml"), "the config file"),
        (("scan", "-o", "app/track.py"), "a source file the scan reads"),
        (("validate", "payloads.ndjson", "-o", "payloads.ndjson"), "the file validate reads"),
        (("validate", "payloads.ndjson", "-o", "tracking-plan/growth.yaml"), "a plan file"),
    ],
)
def test_an_output_that_is_an_input_is_refused(
    project: Path, run: RunCli, args: tuple[str, ...], what: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    output = args[args.index("-o") + 1]
    assert result.stderr.startswith(f"evdict: error: --output {output} is {what}")
    assert result.stderr.endswith("evdict never writes over a file it reads; choose another path\n")
    _unchanged(project)
    assert "signup_completed" in (project / "payloads.ndjson").read_text(encoding="utf-8")


def test_a_link_to_the_plan_is_the_plan(project: Path, run: RunCli) -> None:
    (project / "link.yaml").unlink()
    (project / "link.yaml").symlink_to(project / "tracking-plan/growth.yaml")
    result = run("lint", "-o", "link.yaml")
    assert result.exit_code == 2
    assert "--output link.yaml is a plan file" in result.stderr
    _unchanged(project)


def test_a_new_or_unrelated_output_is_written(project: Path, run: RunCli) -> None:
    assert run("lint", "-o", "report.txt").exit_code == 0
    report = (project / "report.txt").read_text(encoding="utf-8")
    assert report.endswith("1 event in 1 file: 3 warnings\n")
    assert run("lint", "-o", "report.txt").exit_code == 0  # an old report is replaced


def test_the_plan_as_output_as_the_user_runs_it(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "lint", "-o", "tracking-plan/growth.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("evdict: error: --output tracking-plan/growth.yaml is a plan")
    _unchanged(project)


def test_validate_judges_its_output_with_the_config_it_validates_with(
    project: Path, run: RunCli
) -> None:
    """The export's folder has a config of its own: validate uses the working
    directory's, and so must the guard (it once looked beside the export instead)."""
    (project / "exports").mkdir()
    (project / "exports/evdict.yaml").write_text("plan: [other.yaml]\n", encoding="utf-8")
    (project / "exports/other.yaml").write_text("events: {}\n", encoding="utf-8")
    (project / "payloads.ndjson").rename(project / "exports/payloads.ndjson")
    result = run("validate", "exports/payloads.ndjson", "-o", "tracking-plan/growth.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "evdict: error: --output tracking-plan/growth.yaml is a plan file:"
    )
    _unchanged(project)
    assert run("validate", "exports/payloads.ndjson", "-o", "report.txt").exit_code == 0
    assert "signup_completed" not in (project / "report.txt").read_text(encoding="utf-8")
    (project / "exports/rows.json").write_text("[]\n", encoding="utf-8")
    result = run("validate", "--from-results", "exports/rows.json", "-o", "evdict.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("evdict: error: --output evdict.yaml is the config file:")
    _unchanged(project)


@pytest.mark.parametrize(
    ("out", "what"),
    [
        ("tracking-plan/growth.yaml", "a plan file"),
        ("evdict.yaml", "the config file"),
        ("app/track.py", "a source file the scan reads"),
    ],
)
def test_codegen_never_writes_over_an_input(
    project: Path, run: RunCli, out: str, what: str
) -> None:
    result = run("codegen", "python", "--out", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: --out {out} is {what}: evdict never writes over a file it reads; "
        "choose another path\n"
    )
    _unchanged(project)


def test_codegen_writes_its_own_module_again_though_the_scan_reads_it(
    project: Path, run: RunCli
) -> None:
    assert run("codegen", "python", "--out", "app/tracking.py").exit_code == 0
    (project / "tracking-plan/growth.yaml").write_text(
        PLAN + "  report_exported: {description: A report was exported.}\n", encoding="utf-8"
    )
    assert run("codegen", "python", "--out", "app/tracking.py").exit_code == 0
    assert "report_exported" in (project / "app/tracking.py").read_text(encoding="utf-8")


SEGMENT = {
    "rules": [
        {
            "type": "TRACK",
            "key": "a_b",
            "version": 1,
            "labels": [{"key": "category", "value": "evdict"}, {"key": "owner", "value": "track"}],
            "jsonSchema": {"description": "An a."},
        }
    ]
}


@pytest.mark.parametrize(
    ("source", "args", "target", "what"),
    [
        (
            "in.json",
            ("--out", ".", "--split", "category", "--force"),
            "evdict.yaml",
            "the config file",
        ),
        (
            "plan/events.yaml",
            ("--out", "plan", "--force"),
            "plan/events.yaml",
            "a file imported from",
        ),
        (
            "in.json",
            ("--out", "app", "--split", "owner", "--force"),
            "app/track.yaml",
            "a source file the scan reads",
        ),
    ],
)
def test_import_never_writes_over_the_config_its_source_or_a_source_file(
    project: Path, run: RunCli, source: str, args: tuple[str, ...], target: str, what: str
) -> None:
    (project / "evdict.yaml").write_text(
        "plan: [tracking-plan/growth.yaml]\nsources:\n  include: ['app/**']\n",
        encoding="utf-8",
    )
    (project / source).parent.mkdir(exist_ok=True)
    (project / source).write_text(json.dumps(SEGMENT), encoding="utf-8")
    (project / "app/track.yaml").write_text("# read by the scan\n", encoding="utf-8")
    before = (project / target).read_text(encoding="utf-8")
    result = run("import", "segment-protocols", source, *args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: --out {Path(target)} is {what}: evdict never writes over a file it "
        "reads; choose another path\n"
    )
    assert (project / target).read_text(encoding="utf-8") == before
