"""The cache is never an input someone else controls: it lives out of the project, every
entry is sealed with this machine's secret and checked on read, a cache folder that
cannot be one of its own is refused, and a damaged entry is only a miss."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evdict import cachestore
from evdict.cachestore import mark_cache_dir, read_sealed, write_sealed
from evdict.config import load_config
from evdict.scanner import cache as scan_cache
from evdict.scanner import codec
from evdict.scanner.engine import scan_project
from tests.conftest import RunCli, WriteFiles

PROJECT = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": "events:\n  signup_completed:\n    description: A user signed up.\n",
    "app/views.py": """
        import analytics


        def signup(user):
            analytics.track(user.id, "signup_completed")
            analytics.track(user.id, "secret_exported", {"email": user.email})
        """,
}
BENIGN = (
    'import analytics\n\n\ndef signup(user):\n    analytics.track(user.id, "signup_completed")\n'
)
EV601 = "app/views.py:6:30: EV601 [error] event `secret_exported` is not declared in the plan"


def evdict(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evdict", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def forge_facts(root: Path, cache: Path) -> None:
    """What an attacker commits: the facts of a harmless file filed under the key of the
    real one, in every format evdict has used (plain JSON, and sealed with their key)."""
    version = f"evdict.scanner.frontends.python:{_python_frontend_version()}:"
    version += f"{sys.version_info[0]}.{sys.version_info[1]}"
    real = scan_cache.digest(version, (root / "app/views.py").read_bytes())
    from evdict.scanner.frontends import python

    benign = codec.dumps(python.extract(BENIGN.encode(), "app/views.py")).encode()
    for folder in ("scan-v1", f"scan-v{scan_cache.CACHE_VERSION}"):
        path = cache / folder / "facts" / real[:2] / f"{real}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(benign)
    sealed = cache / f"scan-v{scan_cache.CACHE_VERSION}" / "facts" / real[:2] / f"{real}.json"
    sealed.write_bytes(cachestore.HEADER + b"\x00" * 32 + benign)


def _python_frontend_version() -> int:
    from evdict.scanner.frontends import python

    return python.FRONTEND_VERSION


def test_a_committed_cache_in_the_tree_is_not_read(write: WriteFiles) -> None:
    root = write(**PROJECT)
    forge_facts(root, root / ".evdict_cache")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "forged cache")
    result = evdict(root, "check", "-q", "--select", "EV601")
    assert (result.returncode, result.stdout.splitlines()) == (1, [EV601])


def test_a_cache_dir_holding_files_git_tracks_is_refused(write: WriteFiles) -> None:
    root = write(**{**PROJECT, "evdict.yaml": "plan: [events.yaml]\ncache_dir: .evdict_cache\n"})
    forge_facts(root, root / ".evdict_cache")
    mark_cache_dir(root / ".evdict_cache")
    git(root, "init", "-q")
    git(root, "add", "-Af")
    git(root, "commit", "-qm", "forged cache")
    result = evdict(root, "check", "-q")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "evdict: error: evdict.yaml:2:1: cache_dir .evdict_cache holds files git tracks "
        "(.evdict_cache/.gitignore, ...): a cache is never read from the repository; remove them with "
        "`git rm -r --cached .evdict_cache`\n"
    )


def test_a_cache_dir_in_the_project_is_judged_once_per_check(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check opens three caches (plan, scan, lexicon): git is asked once which files
    under a cache_dir inside the project it tracks, not once per cache."""
    root = write(**{**PROJECT, "evdict.yaml": "plan: [events.yaml]\ncache_dir: .evdict_cache\n"})
    git(root, "init", "-q")
    asked: list[Path] = []
    tracked_files = cachestore.tracked_files

    def counted(project: Path, directory: Path) -> list[str]:
        asked.append(directory)
        return tracked_files(project, directory)

    monkeypatch.setattr(cachestore, "tracked_files", counted)
    assert run("check", "-q", "--select", "EV601").exit_code == 1
    assert asked == [(root / ".evdict_cache").resolve()]


def test_entries_sealed_on_another_machine_are_misses(write: WriteFiles, user_cache: Path) -> None:
    """The same cache folder, but the entries were sealed with another secret."""
    root = write(**PROJECT)
    assert evdict(root, "check", "-q", "--select", "EV601").stdout.splitlines() == [EV601]
    cache = load_config(root / "evdict.yaml").cache_root
    forge_facts(root, cache)
    (user_cache / "key").write_bytes(os.urandom(32))  # the key of the one who forged them
    index = next(cache.glob("scan-v*/index-*.json"))
    index.write_bytes(index.read_bytes())
    result = evdict(root, "check", "-q", "--select", "EV601")
    assert (result.returncode, result.stdout.splitlines()) == (1, [EV601])


@pytest.mark.parametrize(
    ("cache_dir", "message"),
    [
        (".", "cache_dir is the project root ({root}): the cache needs a folder of its own"),
        ("..", "cache_dir is a folder holding the project ({parent}): the cache needs a folder"),
        ("app", "cache_dir app already holds files evdict did not write (views.py): name a"),
        ("link", "cache_dir is the project root ({root}): the cache needs a folder of its own"),
    ],
    ids=["root", "parent", "a source folder", "a symlink to the root"],
)
def test_a_cache_dir_that_is_no_folder_of_its_own_is_refused(
    write: WriteFiles, run: RunCli, cache_dir: str, message: str
) -> None:
    root = write(**{**PROJECT, "evdict.yaml": f"plan: [events.yaml]\n\ncache_dir: {cache_dir}\n"})
    (root / "link").symlink_to(root)
    before = sorted(path.relative_to(root) for path in root.rglob("*"))
    expected = message.format(root=root, parent=root.parent)
    for args in (("check",), ("lint",), ("scan",), ("cache", "clean")):
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.output.startswith(f"evdict: error: evdict.yaml:3:1: {expected}"), args
    completed = evdict(root, "check")
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"evdict: error: evdict.yaml:3:1: {expected}")
    assert sorted(path.relative_to(root) for path in root.rglob("*")) == before


def test_a_cache_dir_that_is_a_symlink_out_of_the_project_is_used_there(
    write: WriteFiles, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    root = write(**{**PROJECT, "evdict.yaml": "plan: [events.yaml]\ncache_dir: link\n"})
    (root / "link").symlink_to(elsewhere)
    for _ in range(2):
        result = evdict(root, "check", "-q", "--select", "EV601")
        assert (result.returncode, result.stdout.splitlines()) == (1, [EV601])
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    entries = sorted(elsewhere.rglob("*"))
    assert list(elsewhere.glob("scan-v*/facts/*/*.json"))
    cleaned = evdict(root, "cache", "clean")
    assert (cleaned.returncode, cleaned.stdout) == (
        0,
        f"{root / 'link'} is a symbolic link: not followed, nothing removed there\n"
        f"Removed 0 cache entries (0.0 MB) from {root / 'link'}.\n",
    )
    assert sorted(elsewhere.rglob("*")) == entries


def test_pyproject_cache_dir_errors_name_their_line(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.evdict]\nplan = ["events.yaml"]\n'
            'cache_dir = "."\n',
            "events.yaml": PROJECT["events.yaml"],
        }
    )
    result = run("lint")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: pyproject.toml:6:1: cache_dir is the project")


def test_a_changed_file_replaces_its_facts(write: WriteFiles) -> None:
    root = write(**PROJECT)
    config = load_config(root / "evdict.yaml")
    facts = config.cache_root / f"scan-v{scan_cache.CACHE_VERSION}" / "facts"
    for round_ in range(4):
        (root / "app/views.py").write_text(
            f"{PROJECT['app/views.py'].replace('        ', '')}\n# edit {round_}\n",
            encoding="utf-8",
        )
        scan_project(config)
        assert len(list(facts.glob("*/*.json"))) == 1
    (root / "app/views.py").unlink()
    scan_project(config)
    assert list(facts.glob("*/*.json")) == []


def test_the_cache_stays_under_its_size_limit(write: WriteFiles) -> None:
    constants = "".join(f'NAME_{index} = "event_number_{index}_done"\n' for index in range(600))
    root = write(
        **{
            "evdict.yaml": "plan: [events.yaml]\ncache_max_megabytes: 1\n",
            **{
                f"app/m{module}.py": f"import analytics\n{constants}"
                f"analytics.track(u, NAME_{module})\n"
                for module in range(40)
            },
        }
    )
    config = load_config(root / "evdict.yaml")
    expected = [call.event for call in scan_project(config, use_cache=False).calls]
    assert [call.event for call in scan_project(config).calls] == expected
    held = sum(stat.st_size for _, stat in cachestore.entries(config.cache_root))
    assert 0 < held <= 1_000_000
    assert [call.event for call in scan_project(config).calls] == expected


def test_a_sweep_removes_the_oldest_entries_and_nothing_else(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan = cache / "plan"
    plan.mkdir(parents=True)
    for index in range(10):
        entry = plan / f"{index:032x}.marshal"
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1_000_000 + index, 1_000_000 + index))
    (plan / "notes.txt").write_bytes(b"y" * 5000)  # not evdict's: never removed
    assert cachestore.sweep(cache, 5000) == 4000
    assert sorted(path.name for path in plan.iterdir()) == [
        *(f"{index:032x}.marshal" for index in range(6, 10)),
        "notes.txt",
    ]


def test_cache_clean_removes_only_evdicts_entries(
    write: WriteFiles, run: RunCli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = write(**PROJECT)
    assert evdict(root, "check", "-q").returncode == 1
    cache = load_config(root / "evdict.yaml").cache_root
    outside = tmp_path_factory.mktemp("outside")
    decoy = outside / "plan" / f"{0:032x}.marshal"
    decoy.parent.mkdir()
    decoy.write_bytes(b"not the cache's")
    (cache / "scan-v2" / "elsewhere").symlink_to(outside)
    (cache / "mine.txt").write_text("a person's file", encoding="utf-8")
    count = len(cachestore.entries(cache))
    assert count >= 4  # index, facts, plan, lexicon memo, usage
    result = run("cache", "clean")
    assert result.exit_code == 0
    assert result.output.startswith(f"Removed {count} cache entries (")
    assert result.output.endswith(f" MB) from {cache}.\n")
    assert decoy.read_bytes() == b"not the cache's"
    assert sorted(path.name for path in cache.iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "mine.txt",
        "scan-v2",
    ]
    (cache / "mine.txt").unlink()
    (cache / "scan-v2" / "elsewhere").unlink()
    completed = evdict(root, "cache", "clean")
    assert (completed.returncode, completed.stdout) == (
        0,
        f"Removed 0 cache entries (0.0 MB) from {cache}.\n",
    )
    assert not cache.exists()


def test_cache_clean_all_and_dir_and_help(
    write: WriteFiles, run: RunCli, user_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = write(**PROJECT)
    assert run("cache", "dir").output == f"{load_config(root / 'evdict.yaml').cache_root}\n"
    evdict(root, "lint")
    other = tmp_path_factory.mktemp("other")
    evdict(other, "lint")
    assert len(list((user_cache / "projects").iterdir())) == 2
    result = run("cache", "clean", "--all")
    assert result.exit_code == 0
    assert "from every project's cache." in result.output
    assert list((user_cache / "projects").iterdir()) == []
    assert (user_cache / "key").is_file()
    help_text = run("cache", "clean", "--help").output
    assert "Remove evdict's cache entries" in help_text
    assert "--all" in help_text
    assert "~/.cache/evdict" in run("cache", "--help").output


def test_no_cache_and_a_damaged_key_still_give_the_same_answer(
    write: WriteFiles, user_cache: Path
) -> None:
    root = write(**PROJECT)
    check = ("check", "-q", "--select", "EV601")
    assert evdict(root, *check, "--no-cache").stdout.splitlines() == [EV601]
    assert not user_cache.exists()
    assert evdict(root, *check).stdout.splitlines() == [EV601]
    (user_cache / "key").write_bytes(b"short")
    assert evdict(root, *check).stdout.splitlines() == [EV601]
    assert len((user_cache / "key").read_bytes()) == 32


def test_sealed_entries_round_trip_and_refuse_any_change(user_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "entry.json"
    write_sealed(path, "scan-facts", b"{}")
    assert read_sealed(path, "scan-facts") == b"{}"
    assert read_sealed(path, "scan-index") is None  # another kind
    moved = tmp_path / "other.json"
    moved.write_bytes(path.read_bytes())
    assert read_sealed(moved, "scan-facts") is None  # another name
    blob = path.read_bytes()
    for index in range(len(blob)):
        path.write_bytes(blob[:index] + bytes([blob[index] ^ 1]) + blob[index + 1 :])
        assert read_sealed(path, "scan-facts") is None
