"""The scan cache: warm runs read nothing unchanged, and nothing in it can break a run."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from evdict.cachestore import read_sealed
from evdict.config import load_config
from evdict.scanner import cache as cache_module
from evdict.scanner import engine
from evdict.scanner.discover import SourceFile
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory
from tests.conftest import WriteFiles

FILES = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "app/names.py": 'SIGNUP = "signup_completed"\n',
    "app/views.py": """
        import analytics

        from app.names import SIGNUP


        def signup(user):
            analytics.track(user.id, SIGNUP, {"plan": "free"})
        """,
    "app/other.py": "def helper():\n    return 1\n",
}


def scan(root: Path, **kwargs: object) -> Inventory:
    return scan_project(load_config(root / "evdict.yaml"), **kwargs)  # type: ignore[arg-type]


def age(root: Path, seconds: float = 60) -> None:
    """Make every file older than the racy-stat window of the index."""
    past = time.time() - seconds
    for path in root.rglob("*.py"):
        os.utime(path, (past, past))


def cache_dir(root: Path) -> Path:
    return load_config(root / "evdict.yaml").cache_root / f"scan-v{cache_module.CACHE_VERSION}"


def test_a_warm_run_reads_no_unchanged_file(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**FILES)
    age(root)
    cold = scan(root)
    assert [call.event for call in cold.calls] == ["signup_completed"]

    def no_reading(self: object, source: SourceFile) -> bytes:
        raise AssertionError(f"read {source.rel}")

    monkeypatch.setattr(engine._Run, "read", no_reading)
    assert scan(root) == cold


def test_a_changed_file_is_read_again(write: WriteFiles) -> None:
    root = write(**FILES)
    age(root)
    scan(root)
    names = root / "app" / "names.py"
    names.write_text('SIGNUP = "signup_done"\n', encoding="utf-8")
    assert [call.event for call in scan(root).calls] == ["signup_done"]


def test_a_rewrite_within_the_same_clock_tick_is_not_missed(write: WriteFiles) -> None:
    root = write(**FILES)
    scan(root)  # the files are younger than the index: their stat is not trusted
    names = root / "app" / "names.py"
    stat = names.stat()
    names.write_text('SIGNUP = "signup_xxxxx"\n', encoding="utf-8")  # same size
    os.utime(names, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [call.event for call in scan(root).calls] == ["signup_xxxxx"]


def test_no_cache_neither_reads_nor_writes(write: WriteFiles, user_cache: Path) -> None:
    root = write(**FILES)
    scan(root, use_cache=False)
    assert not user_cache.exists()
    assert sorted(path.name for path in root.iterdir()) == ["app", "evdict.yaml"]


def test_the_cache_is_in_the_user_cache_folder_out_of_the_project(
    write: WriteFiles, user_cache: Path
) -> None:
    root = write(**FILES)
    scan(root)
    assert sorted(path.name for path in root.iterdir()) == ["app", "evdict.yaml"]
    (base,) = (user_cache / "projects").iterdir()
    assert base.name.startswith(f"{root.name}-")
    assert (base / f"scan-v{cache_module.CACHE_VERSION}").is_dir()
    assert (user_cache / "key").stat().st_mode & 0o777 == 0o600


def test_the_cache_folder_says_what_it_is_and_the_config_can_move_it(write: WriteFiles) -> None:
    root = write(**FILES)
    scan(root)
    base = load_config(root / "evdict.yaml").cache_root
    assert (base / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (base / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f59")
    write(**{"evdict.yaml": "plan: [events.yaml]\ncache_dir: build/cache\n"})
    scan(root)
    assert (root / "build" / "cache" / f"scan-v{cache_module.CACHE_VERSION}").is_dir()


def test_corrupt_entries_are_ignored(write: WriteFiles) -> None:
    root = write(**FILES)
    age(root)
    expected = scan(root)
    directory = cache_dir(root)
    index = next(directory.glob("index-*.json"))
    index.write_text('{"tested": [1, 2], "files": {"app/views.py": [1]}}', encoding="utf-8")
    for facts in directory.glob("facts/*/*.json"):
        facts.write_bytes(facts.read_bytes()[:40])
    assert scan(root) == expected
    body = read_sealed(index, "scan-index")
    assert body is not None
    assert json.loads(body)["files"]["app/views.py"][0] > 1


def test_an_unwritable_cache_only_costs_speed(write: WriteFiles) -> None:
    root = write(**{**FILES, "evdict.yaml": "plan: [events.yaml]\ncache_dir: taken\n"})
    (root / "taken").write_text("a file where the folder should be", encoding="utf-8")
    assert [call.event for call in scan(root).calls] == ["signup_completed"]


def _scan_in_a_process(root: str) -> list[str | None]:
    os.chdir(root)
    return [call.event for call in scan(Path(root)).calls]


def test_concurrent_runs_share_the_cache_safely(write: WriteFiles) -> None:
    files = {
        f"pkg/m{index}.py": f"import analytics\nanalytics.track(u, 'e{index}')\n"
        for index in range(40)
    }
    root = write(**FILES, **files)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_scan_in_a_process, [str(root)] * 8)
    assert all(result == results[0] for result in results)
    assert len(results[0]) == 41
    assert not list(cache_dir(root).rglob(".tmp-*"))
    assert [call.event for call in scan(root).calls] == results[0]


def test_facts_of_another_front_end_version_are_not_used(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evdict.scanner.frontends import python

    root = write(**FILES)
    age(root)
    scan(root)
    # An upgraded front end: the facts cached by the old one must be extracted again.
    monkeypatch.setattr(python, "FRONTEND_VERSION", python.FRONTEND_VERSION + 1)
    extracted = _count_extractions(monkeypatch)
    warm = scan(root, jobs=1)
    assert sorted(extracted) == ["app/names.py", "app/views.py"]
    assert [call.event for call in warm.calls] == ["signup_completed"]


def test_a_new_file_leaves_the_facts_of_the_others_in_place(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Facts are keyed by the front end and the content alone (they were once keyed by
    the last module's name too, so a new last file made every file parse again)."""

    root = write(**FILES)
    scan(root)
    extracted = _count_extractions(monkeypatch)
    write(**{"zz/last.py": "import analytics\nanalytics.track(u, 'last_done')\n"})
    assert [call.event for call in scan(root, jobs=1).calls] == ["signup_completed", "last_done"]
    assert extracted == ["zz/last.py"]


def _count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the Python front end parses from now on (not taken from the cache)."""
    from evdict.scanner.frontends import python

    extracted: list[str] = []
    extract = python.extract

    def counting(data: bytes, filename: str) -> object:
        extracted.append(filename)
        return extract(data, filename)

    monkeypatch.setattr(python, "extract", counting)
    return extracted
