"""``evdict export --format iglu|weaver --out DIR``: registry folders, byte for byte
(golden files in golden/export), the notes on what each cannot hold, and the folder's
safety (all files or none, never through a symlink, never beside foreign files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from evdict.anchored import write_file
from tests.conftest import RunCli, WriteFiles

GOLDEN = Path(__file__).parent / "golden" / "export"
PLAN = (GOLDEN / "events.yaml").read_text(encoding="utf-8")
ARGS = {"iglu": ("--vendor", "com.example"), "weaver": ()}
NOTES = {
    "iglu": (
        "note: events.yaml:29:3: event 'Report Shared' is not exported: an Iglu schema name "
        "is letters, digits, '_' and '-'\n"
    ),
    "weaver": (
        "note: events.yaml:32:7: property 'url': format not kept (a Weaver attribute has none)\n"
        "note: events.yaml:17:7: property 'rows': exclusiveMinimum, maximum not kept "
        "(a Weaver attribute has none)\n"
        "note: events.yaml:24:7: property 'format': its type is not kept: attribute 'format' "
        "is typed where first defined (a Weaver event refines an attribute, never retypes it)\n"
        "note: events.yaml:25:7: property 'filters': type 'object' has no Weaver type: "
        "written as `any`\n"
    ),
}
WRITTEN = {"iglu": "wrote 3 file(s) under out\n", "weaver": "wrote 1 file(s) under out\n"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("fmt", ["iglu", "weaver"])
def test_the_registry_is_the_golden_folder(write: WriteFiles, run: RunCli, fmt: str) -> None:
    root = write(**{"events.yaml": PLAN})
    result = run("export", "--format", fmt, "--out", "out", *ARGS[fmt])
    assert (result.exit_code, result.stdout, result.stderr) == (0, WRITTEN[fmt], NOTES[fmt])
    written = _tree(root / "out")
    if os.environ.get("EVDICT_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN / fmt, ignore_errors=True)
        shutil.copytree(root / "out", GOLDEN / fmt)
    assert written == _tree(GOLDEN / fmt)


def test_iglu_schemas_are_self_describing_draft_4(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.yaml": PLAN})
    assert (
        run("export", "--format", "iglu", "--out", "out", "--vendor", "com.example").exit_code == 0
    )
    folder = root / "out" / "schemas" / "com.example"
    assert sorted(path.name for path in folder.iterdir()) == [
        "legacy_export_done",
        "report_exported",
        "report_scheduled",
    ]
    schema = json.loads((folder / "report_exported" / "jsonschema" / "1-0-0").read_text())
    assert schema["self"] == {
        "vendor": "com.example",
        "name": "report_exported",
        "format": "jsonschema",
        "version": "1-0-0",
    }
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema)
    good = {"plan_tier": "pro", "format": "csv", "rows": 1}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "rows": 0})  # exclusiveMinimum 0, Draft 4's way
    assert not validator.is_valid({**good, "email": "a@b.io"})  # closed, as the plan
    scheduled = json.loads((folder / "report_scheduled" / "jsonschema" / "1-0-0").read_text())
    assert "required" not in scheduled  # Draft 4 has no empty `required`
    assert not Draft4Validator(scheduled).is_valid({"format": "xlsx"})  # const csv


def test_the_export_reads_back_as_the_plan_holds_it(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    run("export", "--format", "weaver", "--out", "weaver")
    result = run("import", "weaver", "weaver", "--out", "imported")
    # A plan property has no stability: the attributes' (development) is not the stable
    # event's; `any` (the filters object) reads back untyped.
    assert result.stdout.startswith(
        "".join(
            f"note: weaver/registry.yaml:{line}:9: {name!r} is 'development': not kept "
            "(the event's tag is)\n"
            for line, name in ((74, "plan_tier"), (76, "format"), (78, "rows"), (79, "columns"))
        )
        + "note: weaver/registry.yaml:54:5: type 'any' has no JSON type: kept untyped\n"
        "wrote imported/events.yaml (4 event(s))\nimported 4 event(s) from 1 file(s); 5 note(s)\n"
    )
    text = Path("imported/events.yaml").read_text(encoding="utf-8")
    assert (
        "  legacy_export_done:\n"
        "    description: The old export job finished.\n"
        '    tags: ["stability:development"]\n'
        "    deprecated:\n"
        "      replaced_by: report_exported\n"
        "      reason: Renamed with the new export.\n"
    ) in text
    assert '    tags: ["stability:stable"]\n' in text


def test_a_second_export_replaces_its_own_files(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.yaml": PLAN})
    run("export", "--format", "weaver", "--out", "out")
    write(**{"events.yaml": PLAN.replace("A report was scheduled.", "Scheduled.")})
    result = run("export", "--format", "weaver", "--out", "out")
    assert result.exit_code == 0
    assert "    brief: Scheduled.\n" in (root / "out" / "registry.yaml").read_text()


def test_the_command_as_a_subprocess(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN})
    command = [sys.executable, "-m", "evdict", "export", "--format", "iglu", "--out", "out"]
    done = subprocess.run(
        [*command, "--vendor", "com.example"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, WRITTEN["iglu"], NOTES["iglu"])
    assert _tree(root / "out") == _tree(GOLDEN / "iglu")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--format", "iglu", "--vendor", "com.example"),
            "--format iglu writes a folder: name it with --out DIR",
        ),
        (
            ("--format", "weaver", "-o", "x.yaml", "--out", "out"),
            "--format weaver writes a folder (--out DIR), not one file (--output)",
        ),
        (
            ("--format", "iglu", "--out", "out"),
            "--format iglu needs --vendor, the schemas' vendor (com.example)",
        ),
        (
            ("--format", "weaver", "--out", "out", "--vendor", "com.example"),
            "--vendor is for --format iglu",
        ),
        (
            ("--format", "iglu", "--out", "out", "--vendor", ".."),
            "--vendor '..' is not an Iglu vendor: letters, digits, '_', '-' and '.', in reverse "
            "domain order such as com.example",
        ),
        (
            ("--format", "iglu", "--out", "out", "--vendor", "com/example"),
            "--vendor 'com/example' is not an Iglu vendor: letters, digits, '_', '-' and '.', "
            "in reverse domain order such as com.example",
        ),
        (
            ("--out", "out"),
            "--format jsonschema writes one document (standard output or --output FILE); "
            "--out and --vendor are for iglu and weaver",
        ),
    ],
)
def test_bad_usage(write: WriteFiles, run: RunCli, args: tuple[str, ...], message: str) -> None:
    root = write(**{"events.yaml": PLAN})
    result = run("export", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"evdict: error: {message}\n",
    )
    assert sorted(path.name for path in root.iterdir()) == ["events.yaml"]


def test_an_out_that_is_a_file_is_refused(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "out": "mine\n"})
    result = run("export", "--format", "weaver", "--out", "out")
    assert (result.exit_code, result.stderr) == (
        2,
        "evdict: error: --out out is a file, not a folder\n",
    )
    assert Path("out").read_text() == "mine\n"


def test_an_out_holding_other_files_is_refused(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "out/schemas/com.example/mine/jsonschema/1-0-0": "{}\n"})
    result = run("export", "--format", "iglu", "--out", "out", "--vendor", "com.example")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "evdict: error: --out out holds 1 file(s) this export does not write "
        "(schemas/com.example/mine/jsonschema/1-0-0): choose a new or empty folder, or the "
        "one an earlier export of this format wrote\n"
    )
    assert sorted(_tree(Path("out"))) == ["schemas/com.example/mine/jsonschema/1-0-0"]


def test_the_plan_folder_is_never_an_out(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    result = run("export", "--format", "weaver", "--out", ".")
    assert result.exit_code == 2
    assert "--out . holds 1 file(s) this export does not write (events.yaml)" in result.stderr
    assert not Path("registry.yaml").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_are_never_written_through(
    write: WriteFiles, run: RunCli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = write(**{"events.yaml": PLAN})
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    result = run("export", "--format", "weaver", "--out", "linked")
    assert (
        result.stderr
        == "evdict: error: --out linked is a symlink: evdict never writes through one\n"
    )
    (root / "out").mkdir()
    (root / "out" / "registry.yaml").symlink_to(elsewhere / "registry.yaml")
    result = run("export", "--format", "weaver", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: out/registry.yaml is a symlink: evdict never writes through one\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_all_files_or_none(write: WriteFiles, run: RunCli) -> None:
    """A folder where the last schema goes stops the write: the schemas already swapped
    in are taken back, and the folders made for them removed."""
    root = write(**{"events.yaml": PLAN})
    (root / "out" / "schemas" / "com.example" / "report_scheduled" / "jsonschema" / "1-0-0").mkdir(
        parents=True
    )
    result = run("export", "--format", "iglu", "--out", "out", "--vendor", "com.example")
    assert result.exit_code == 2
    assert "report_scheduled/jsonschema/1-0-0 (it is not a regular file): nothing was changed" in (
        result.stderr
    )
    assert sorted(path.name for path in (root / "out" / "schemas" / "com.example").iterdir()) == [
        "report_scheduled"
    ]


def test_a_broken_plan_writes_nothing(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  report_exported:\n    properties:\n      n: {type: str}\n"})
    result = run("export", "--format", "weaver", "--out", "out")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("events.yaml:4:17: EV002 [error] ")
    assert not Path("out").exists()


def test_an_earlier_export_is_kept_when_the_plan_breaks(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.yaml": PLAN})
    run("export", "--format", "weaver", "--out", "out")
    before = (root / "out" / "registry.yaml").read_bytes()
    write_file(root / "events.yaml", b"events:\n  x:\n    properties:\n      n: {type: str}\n")
    assert run("export", "--format", "weaver", "--out", "out").exit_code == 1
    assert (root / "out" / "registry.yaml").read_bytes() == before


def test_no_event_with_an_iglu_name_writes_nothing(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  Report Shared:\n    description: A link was copied.\n"})
    result = run("export", "--format", "iglu", "--out", "out", "--vendor", "com.example")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "note: events.yaml:2:3: event 'Report Shared' is not exported: an Iglu schema name is "
        "letters, digits, '_' and '-'\n"
        "evdict: no event of the plan can be written as iglu: nothing written\n",
    )
    assert not Path("out").exists()
