"""Writing several files all or nothing: every way a transaction can stop leaves each
file as it was, removes what it created, and says so."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import evdict.anchored
import evdict.transaction
from evdict.anchored import TEMPORARY, Place, remove_stale_temporaries, replace, write_temporary
from evdict.transaction import FileWrite, Interrupted, WriteError, write_all

FILES = 10


def tree(root: Path) -> list[FileWrite]:
    """Ten files under two folders, each "old N", and their writes to "new N"."""
    writes = []
    for number in range(FILES):
        path = root / f"part{number % 2}" / f"f{number}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"old {number}\n".encode())
        writes.append(FileWrite(path, f"new {number}\n".encode(), f"f{number}.txt"))
    return writes


def contents(root: Path) -> dict[str, str]:
    """Every file under ``root`` (temporaries included) and its content."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def old_tree(root: Path) -> dict[str, str]:
    return {f"part{n % 2}/f{n}.txt": f"old {n}\n" for n in range(FILES)}


def test_every_file_is_written(tmp_path: Path) -> None:
    outcome = write_all(tree(tmp_path))
    assert contents(tmp_path) == {f"part{n % 2}/f{n}.txt": f"new {n}\n" for n in range(FILES)}
    assert outcome.stale_removed == []


@pytest.mark.parametrize("step", ["write", "swap"])
@pytest.mark.parametrize("nth", range(1, FILES + 1))
def test_keyboard_interrupt_at_the_nth_write_or_swap_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, nth: int
) -> None:
    writes = tree(tmp_path)
    calls = 0

    def interrupt(*args: object, **kwargs: object) -> Path:
        nonlocal calls
        calls += 1
        if calls == nth:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    if step == "write":
        real = write_temporary
        monkeypatch.setattr(evdict.transaction, "write_temporary", interrupt)
    else:
        real = replace
        monkeypatch.setattr(evdict.transaction, "replace", interrupt)
    swapped = nth - 1 if step == "swap" else 0
    expected = (
        f"interrupted: nothing was changed ({swapped} file(s) put back)"
        if swapped
        else "interrupted: nothing was changed"
    )
    with pytest.raises(Interrupted) as raised:
        write_all(writes)
    monkeypatch.undo()
    assert raised.value.message == expected
    assert raised.value.exit_code == 130
    assert contents(tmp_path) == old_tree(tmp_path)


def test_sigterm_during_the_writes_puts_everything_back_and_exits_143(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = tree(tmp_path)
    swaps = 0

    def terminated_at_the_fifth(temporary: Place, target: Place) -> None:
        nonlocal swaps
        swaps += 1
        if swaps == 5:
            os.kill(os.getpid(), signal.SIGTERM)  # held: the swap still completes
        replace(temporary, target)

    monkeypatch.setattr(evdict.transaction, "replace", terminated_at_the_fifth)
    with pytest.raises(Interrupted) as raised:
        write_all(writes)
    monkeypatch.undo()
    assert raised.value.message == "interrupted: nothing was changed (5 file(s) put back)"
    assert raised.value.exit_code == 128 + signal.SIGTERM
    assert contents(tmp_path) == old_tree(tmp_path)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


@pytest.mark.parametrize("acted_on", [True, False])
def test_a_signal_at_the_last_swap_is_acted_on_before_or_after_the_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, acted_on: bool
) -> None:
    """Held until the last swap is done: then either acted on (all put back), or, when it
    came too late for the transaction to see it, delivered once all is written."""
    writes = tree(tmp_path)

    def interrupt_at_the_end(temporary: Place, target: Place) -> None:
        if target.path == writes[-1].path:
            os.kill(os.getpid(), signal.SIGINT)
        replace(temporary, target)

    monkeypatch.setattr(evdict.transaction, "replace", interrupt_at_the_end)
    if not acted_on:
        monkeypatch.setattr(evdict.transaction._Held, "check", lambda self: None)
    with pytest.raises(KeyboardInterrupt) as raised:
        write_all(writes)
    monkeypatch.undo()
    assert isinstance(raised.value, Interrupted) is acted_on
    expected = "old" if acted_on else "new"
    assert contents(tmp_path) == {
        f"part{n % 2}/f{n}.txt": f"{expected} {n}\n" for n in range(FILES)
    }
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_failed_swap_names_the_file_and_what_could_not_be_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = tree(tmp_path)
    swaps = 0

    def full_disk(temporary: Place, target: Place) -> None:
        nonlocal swaps
        swaps += 1
        if swaps == 4 or (swaps > 4 and target.path == writes[1].path):
            raise OSError(28, "No space left on device")
        replace(temporary, target)

    monkeypatch.setattr(evdict.transaction, "replace", full_disk)
    with pytest.raises(WriteError) as raised:
        write_all(writes)
    monkeypatch.undo()
    assert str(raised.value) == (
        "cannot write f3.txt (No space left on device): these could not be put back and "
        "keep the new content: f1.txt"
    )
    assert contents(tmp_path) == {**old_tree(tmp_path), "part1/f1.txt": "new 1\n"}


def test_new_files_and_their_folders_are_removed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.yaml").write_text("old\n", encoding="utf-8")
    writes = [
        FileWrite(tmp_path / "config.yaml", b"new\n", "config.yaml"),
        FileWrite(tmp_path / "deep/er/plan.yaml", b"plan\n", "deep/er/plan.yaml", create=True),
    ]

    def fail_last(temporary: Place, target: Place) -> None:
        if target.name == "plan.yaml":
            raise PermissionError(13, "Permission denied")
        replace(temporary, target)

    monkeypatch.setattr(evdict.transaction, "replace", fail_last)
    with pytest.raises(WriteError, match=r"^cannot write deep/er/plan.yaml \(Permission denied\)"):
        write_all(writes)
    monkeypatch.undo()
    assert contents(tmp_path) == {"config.yaml": "old\n"}
    assert not (tmp_path / "deep").exists()


def test_a_file_that_must_be_new_and_exists_stops_everything(tmp_path: Path) -> None:
    (tmp_path / "evdict.yaml").write_text("mine\n", encoding="utf-8")
    writes = [
        FileWrite(tmp_path / "plan.yaml", b"plan\n", "plan.yaml", create=True),
        FileWrite(tmp_path / "evdict.yaml", b"config\n", "evdict.yaml", create=True),
    ]
    with pytest.raises(
        WriteError,
        match=r"^cannot write evdict.yaml \(it was created meanwhile\): nothing was changed$",
    ):
        write_all(writes)
    assert contents(tmp_path) == {"evdict.yaml": "mine\n"}


def test_a_folder_in_place_of_a_target_stops_everything(tmp_path: Path) -> None:
    writes = tree(tmp_path)
    writes[3].path.unlink()
    writes[3].path.mkdir()
    with pytest.raises(
        WriteError,
        match=r"^cannot write f3.txt \(it is not a regular file\): nothing was changed$",
    ):
        write_all(writes)
    assert writes[3].path.is_dir()
    assert all(
        write.path.read_bytes().startswith(b"old") for write in writes if write.path.is_file()
    )


def test_a_folder_made_after_the_check_is_caught_by_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = tree(tmp_path)
    real = write_temporary

    def then_a_folder(place: Place, data: bytes, mode: int, **kwargs: object) -> Place:
        temporary = real(place, data, mode, **kwargs)  # type: ignore[arg-type]
        if place.path == writes[-1].path:
            place.path.unlink()
            place.path.mkdir()
            (place.path / "inside").write_text("x", encoding="utf-8")
        return temporary

    monkeypatch.setattr(evdict.transaction, "write_temporary", then_a_folder)
    monkeypatch.setattr(evdict.transaction, "_check_unchanged", lambda *args: None)
    with pytest.raises(WriteError, match=r"^cannot write f9.txt \(.*\): nothing was changed \(9"):
        write_all(writes)
    monkeypatch.undo()
    assert {name: text for name, text in contents(tmp_path).items() if "inside" not in name} == {
        name: text for name, text in old_tree(tmp_path).items() if name != "part1/f9.txt"
    }


def test_temporaries_of_a_dead_run_are_removed_those_of_a_live_one_kept(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead, alive = int(finished.stdout), os.getppid()
    stale = tmp_path / f".f1.txt.evdict-{dead}-k2j4_x9.tmp"
    live = tmp_path / f".f1.txt.evdict-{alive}-abc.tmp"
    mine = tmp_path / f".f1.txt.evdict-{os.getpid()}-abc.tmp"
    others = [tmp_path / ".f1.txt.tmp", tmp_path / f"f1.txt.evdict-{dead}-abc.tmp"]
    for path in (stale, live, mine, *others):
        path.write_text("x", encoding="utf-8")
    assert remove_stale_temporaries(Place(tmp_path, (), "")) == [stale]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in (live, mine, *others)
    )
    (tmp_path / "f1.txt").write_text("old\n", encoding="utf-8")
    stale.write_text("x", encoding="utf-8")
    outcome = write_all([FileWrite(tmp_path / "f1.txt", b"new\n")])
    assert outcome.stale_removed == [stale]


def test_modes_new_files_follow_the_umask_replaced_files_keep_theirs(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o604)
    previous = os.umask(0o027)
    try:
        write_all([FileWrite(kept, b"new\n"), FileWrite(tmp_path / "new.txt", b"new\n")])
    finally:
        os.umask(previous)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def _link_swapped_in(root: Path, folder: str, outside: Path) -> None:
    """What an attacker racing evdict does: the folder moved away, a link in its place."""
    (root / folder).rename(root.parent / f"{folder}-moved")
    (root / folder).symlink_to(outside, target_is_directory=True)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="Windows checks paths instead")
@pytest.mark.parametrize("moment", ["write", "swap"])
def test_a_folder_swapped_for_a_link_after_planning_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    writes = tree(root)
    outside.mkdir()
    (outside / "f1.txt").write_text("theirs\n", encoding="utf-8")
    real_write, real_replace = write_temporary, replace

    def write_then_race(place: Place, data: bytes, mode: int, **kwargs: object) -> Place:
        if place.path == writes[0].path:
            _link_swapped_in(root, "part1", outside)
        return real_write(place, data, mode, **kwargs)  # type: ignore[arg-type]

    def swap_then_race(temporary: Place, target: Place) -> None:
        real_replace(temporary, target)
        if target.path == writes[0].path and not (root / "part1").is_symlink():
            _link_swapped_in(root, "part1", outside)

    if moment == "write":
        monkeypatch.setattr(evdict.transaction, "write_temporary", write_then_race)
    else:
        monkeypatch.setattr(evdict.transaction, "replace", swap_then_race)
    with pytest.raises(WriteError) as raised:
        write_all(writes, root)
    monkeypatch.undo()
    put_back = " (1 file(s) put back)" if moment == "swap" else ""
    assert str(raised.value) == (
        f"cannot write f1.txt ({root / 'part1'} is a symbolic link: evdict writes nothing "
        f"through a link): nothing was changed{put_back}"
    )
    assert contents(outside) == {"f1.txt": "theirs\n"}  # no temporary, nothing replaced
    assert contents(root) == {f"part0/f{n}.txt": f"old {n}\n" for n in range(0, FILES, 2)}
    moved = contents(tmp_path / "part1-moved")
    # Temporaries written before the race cannot be reached through the link to remove
    # them: named as evdict's, the next run removes them.
    leftover = {name for name in moved if TEMPORARY.fullmatch(name)}
    assert len(leftover) == (5 if moment == "swap" else 0)
    assert {name: moved[name] for name in moved.keys() - leftover} == {
        f"f{n}.txt": f"old {n}\n" for n in range(1, FILES, 2)
    }


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="Windows checks paths instead")
def test_a_target_that_is_a_link_is_refused_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.txt").write_text("theirs\n", encoding="utf-8")
    (tmp_path / "f.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(WriteError) as raised:
        write_all([FileWrite(tmp_path / "f.txt", b"new\n", "f.txt")], tmp_path)
    assert str(raised.value) == (
        f"cannot write f.txt ({tmp_path / 'f.txt'} is a symbolic link: evdict writes nothing "
        "through a link): nothing was changed"
    )
    assert (tmp_path / "f.txt").is_symlink()
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "theirs\n"


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="Windows checks paths instead")
def test_stale_temporaries_are_never_removed_through_a_linked_folder(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    outside.mkdir()
    stale = outside / ".f.txt.evdict-999999999-abc.tmp"  # no such process
    stale.write_text("x", encoding="utf-8")
    root.mkdir()
    (root / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError, match="is a symbolic link"):
        write_all([FileWrite(root / "linked" / "f.txt", b"new\n", "linked/f.txt")], root)
    assert stale.exists()


def test_without_directory_descriptors_paths_are_checked_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no dir_fd: each folder is checked for a link just before use."""
    monkeypatch.setattr(evdict.anchored, "_BY_DESCRIPTOR", False)
    writes = tree(tmp_path / "project")
    write_all([*writes, FileWrite(tmp_path / "project/new/deep.txt", b"deep\n")], tmp_path)
    assert contents(tmp_path / "project") == {
        **{f"part{n % 2}/f{n}.txt": f"new {n}\n" for n in range(FILES)},
        "new/deep.txt": "deep\n",
    }
    (tmp_path / "outside").mkdir()
    (tmp_path / "project/linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises(WriteError, match="linked is a symbolic link"):
        write_all([FileWrite(tmp_path / "project/linked/f.txt", b"x\n", "f.txt")], tmp_path)
    assert list((tmp_path / "outside").iterdir()) == []
