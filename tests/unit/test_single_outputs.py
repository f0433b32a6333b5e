"""One file written whole (reports, baselines, cache entries, generated code, schemas):
:func:`evdict.anchored.write_file`. The folder named is resolved once; a folder swapped
for a link after that is refused with its path, never followed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evdict.anchored import LinkInPath, Place, write_file
from evdict.cachestore import write_sealed
from tests.conftest import RunCli, WriteFiles

PLAN = "events:\n  report_exported:\n    description: A report was exported.\n"
NO_FOLLOW = pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="Windows checks paths")


def test_a_file_is_replaced_keeps_its_mode_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "file.txt"
    write_file(target, b"one\n")
    target.chmod(0o640)
    write_file(target, b"two\n", durable=True)
    assert target.read_bytes() == b"two\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in target.parent.iterdir()] == ["file.txt"]


def test_a_failed_rename_keeps_the_old_content_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("old\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "rename", fail)
    with pytest.raises(OSError, match="disk full"):
        write_file(target, b"new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["file.txt"]


def test_a_link_the_user_names_is_followed_once(tmp_path: Path) -> None:
    # As /tmp is a link on macOS: the folder named is resolved when the write starts.
    (tmp_path / "real").mkdir()
    (tmp_path / "named").symlink_to(tmp_path / "real", target_is_directory=True)
    write_file(tmp_path / "named" / "deeper" / "report.json", b"{}\n")
    assert (tmp_path / "real" / "deeper" / "report.json").read_bytes() == b"{}\n"


def test_a_file_that_is_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "theirs.txt").write_text("theirs\n", encoding="utf-8")
    (tmp_path / "report.txt").symlink_to(tmp_path / "theirs.txt")
    write_file(tmp_path / "report.txt", b"ours\n")
    assert (tmp_path / "theirs.txt").read_text(encoding="utf-8") == "theirs\n"
    assert not (tmp_path / "report.txt").is_symlink()
    assert (tmp_path / "report.txt").read_bytes() == b"ours\n"


def swap_for_link_on_write(
    monkeypatch: pytest.MonkeyPatch, folder: Path, outside: Path
) -> Callable[[], bool]:
    """Once ``write_file`` has resolved its folder, before it walks it: ``folder`` moved
    away and a link to ``outside`` put in its place. Returns whether the swap happened."""
    real = Place.resolved
    swapped = []

    def then_a_link(path: Path) -> Place:
        place = real(path)
        if not swapped and place.folder_path.is_relative_to(folder.resolve()):
            folder.rename(folder.parent / f"{folder.name}-moved")
            folder.symlink_to(outside, target_is_directory=True)
            swapped.append(True)
        return place

    monkeypatch.setattr(Place, "resolved", then_a_link)
    return lambda: bool(swapped)


@NO_FOLLOW
def test_a_folder_swapped_for_a_link_after_resolution_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out" / "deeper").mkdir(parents=True)
    link = (tmp_path / "out").resolve()
    swapped = swap_for_link_on_write(monkeypatch, tmp_path / "out", outside)
    with pytest.raises(LinkInPath) as raised:
        write_file(tmp_path / "out" / "deeper" / "report.json", b"{}\n")
    assert swapped()
    assert raised.value.link == link
    assert list(outside.iterdir()) == []


@NO_FOLLOW
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("check", "-o", "out/report.json"), "cannot write {out}/report.json"),
        (
            ("check", "--baseline", "out/baseline.json", "--update-baseline"),
            "{out}/baseline.json: cannot write the baseline",
        ),
        (("codegen", "python", "--out", "out/events.py"), "cannot write {out}/events.py"),
        (("schema", "--out", "out"), "cannot write {out}"),
    ],
)
def test_every_single_output_refuses_a_folder_swapped_for_a_link(
    write: WriteFiles,
    run: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    shown: str,
) -> None:
    root = write(**{"events.yaml": PLAN, "out/kept.txt": "kept\n", "outside/.keep": ""})
    link = (root / "out").resolve()
    swapped = swap_for_link_on_write(monkeypatch, root / "out", root / "outside")
    result = run(*args)
    monkeypatch.undo()
    assert swapped()
    assert result.exit_code == 2, result.output
    message = f"{link} is a symbolic link: evdict writes nothing through a link"
    assert result.stderr == f"evdict: error: {shown.format(out='out')}: {message}\n"
    assert sorted(path.name for path in (root / "outside").iterdir()) == [".keep"]


@NO_FOLLOW
def test_a_cache_entry_is_never_written_through_a_swapped_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    (cache / "facts").mkdir(parents=True)
    outside.mkdir()
    swap_for_link_on_write(monkeypatch, cache / "facts", outside)
    with pytest.raises(LinkInPath):
        write_sealed(cache / "facts" / "00ab.json", "scan-facts", b"{}")
    assert list(outside.iterdir()) == []


def test_a_report_through_a_linked_folder_as_the_user_runs_it(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN, "real/.keep": ""})
    (root / "reports").symlink_to(root / "real", target_is_directory=True)
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "lint", "--format", "json", "-o", "reports/lint.json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert (root / "real" / "lint.json").read_text(encoding="utf-8").startswith("{")
