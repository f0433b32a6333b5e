"""The parse cache: an unchanged file is not parsed again, and the cache never changes a result."""

from __future__ import annotations

import marshal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evdict import cachestore
from evdict.api import Options, lint
from evdict.cachestore import write_sealed
from evdict.config import load_config
from evdict.plan import cache as cache_module
from evdict.plan import load
from tests.conftest import WriteFiles

PLAN = """
events:
  signup_completed:
    description: A new user finished the signup form.
    owner: 12
    properties:
      plan: {type: str}
  report_exported: {}
  report_exported: {}
"""
EXPECTED = [
    "events.yaml:4:12: EV002 events.signup_completed.owner: expected string, got integer 12",
    "events.yaml:6:20: EV002 events.signup_completed.properties.plan.type: 'str' is not one "
    "of string, integer, number, boolean, array, object, null",
    "events.yaml:8:3: EV003 duplicate key `report_exported` (first defined on line 7)",
]


def findings(*, use_cache: bool = True) -> list[str]:
    result = lint(Options(select=("EV0",), use_cache=use_cache))
    return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]


def entries(root: Path) -> list[Path]:
    return sorted((load_config(start=root).cache_root / "plan").glob("*.marshal"))


def test_second_run_reads_the_cache_and_finds_the_same(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**{"events.yaml": PLAN})
    assert findings() == EXPECTED
    assert len(entries(root)) == 1
    assert (entries(root)[0].parents[1] / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    def refuse(raw: bytes, shown: str) -> object:
        raise AssertionError(f"{shown} was parsed again")

    monkeypatch.setattr(load, "_decode_and_parse", refuse)
    assert findings() == EXPECTED  # positions come from the lazily unpacked spans


def test_a_changed_file_is_parsed_again(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN})
    assert findings() == EXPECTED
    (root / "events.yaml").write_text("events:\n  a: {status: gone}\n", encoding="utf-8")
    assert findings() == [
        "events.yaml:2:15: EV002 events.a.status: 'gone' is not one of planned, active, deprecated"
    ]
    assert len(entries(root)) == 1  # one entry per file, replaced


def test_an_entry_of_another_evdict_is_not_used(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(**{"events.yaml": PLAN})
    findings()
    parsed: list[str] = []
    parse = load._decode_and_parse

    def counting(raw: bytes, shown: str) -> tuple[object, ...]:
        parsed.append(shown)
        return parse(raw, shown)

    monkeypatch.setattr(load, "_decode_and_parse", counting)
    monkeypatch.setattr(cache_module, "_fingerprint", lambda: b"another evdict version")
    assert findings() == EXPECTED
    assert parsed == ["events.yaml"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 0xFF]),
        lambda blob: b"",
        lambda blob: b"\x00" * len(blob),
    ],
    ids=["truncated", "flipped byte", "empty", "zeroed"],
)
def test_damaged_entries_are_ignored_and_rewritten(
    write: WriteFiles, damage: Callable[[bytes], bytes]
) -> None:
    root = write(**{"events.yaml": PLAN})
    findings()
    (entry,) = entries(root)
    entry.write_bytes(damage(entry.read_bytes()))
    assert findings() == EXPECTED
    assert cache_module.ParseCache(load_config(start=root).cache_root, 10**9).get(
        root / "events.yaml", (root / "events.yaml").read_bytes(), "events.yaml"
    )


@pytest.mark.parametrize(
    "body",
    [b"not marshal data", marshal.dumps(7), marshal.dumps((b"", b"", [("x",)], []))],
    ids=["not marshal", "not a tuple", "a problem of the wrong shape"],
)
def test_a_sealed_entry_of_the_wrong_shape_is_still_ignored(write: WriteFiles, body: bytes) -> None:
    root = write(**{"events.yaml": PLAN})
    findings()
    (entry,) = entries(root)
    key = cache_module.content_key((root / "events.yaml").read_bytes())
    write_sealed(entry, "plan", cache_module.MAGIC + key + body)
    assert findings() == EXPECTED


def test_an_entry_made_elsewhere_is_never_trusted(write: WriteFiles, user_cache: Path) -> None:
    """A forged entry (the right content key, a parse of another plan) sealed with another
    machine's secret, as one committed or copied would be."""
    root = write(**{"events.yaml": PLAN})
    findings()
    (entry,) = entries(root)
    ours = (user_cache / "key").read_bytes()
    (user_cache / "key").write_bytes(b"k" * 32)
    cachestore._key_at.cache_clear()
    forged = load._decode_and_parse(b"events: {}\n", "events.yaml")
    cache = cache_module.ParseCache(entry.parents[1], 10**9)
    cache.put(root / "events.yaml", (root / "events.yaml").read_bytes(), *forged)
    (user_cache / "key").write_bytes(ours)
    cachestore._key_at.cache_clear()
    assert findings() == EXPECTED


def test_no_cache_writes_nothing(write: WriteFiles, user_cache: Path) -> None:
    root = write(**{"events.yaml": PLAN})
    assert findings(use_cache=False) == EXPECTED
    assert not user_cache.exists()
    assert [path.name for path in root.iterdir()] == ["events.yaml"]


def test_cache_dir_from_the_config(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN, "evdict.yaml": "cache_dir: build/evdict\n"})
    assert findings() == EXPECTED
    assert len(list((root / "build/evdict/plan").glob("*.marshal"))) == 1


def test_an_unwritable_cache_only_costs_speed(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN, "evdict.yaml": "cache_dir: taken\n", "taken": "a file"})
    assert findings() == EXPECTED
    assert findings() == EXPECTED
    assert (root / "taken").read_text(encoding="utf-8") == "a file"


def test_concurrent_runs_share_one_cache(write: WriteFiles) -> None:
    events = "".join(
        f"  event_{index}_done:\n    owner: team-{index}\n    status: {'gone' if index % 7 == 0 else 'active'}\n"
        for index in range(400)
    )
    root = write(
        **{
            f"tracking-plan/team_{team}.yaml": f"events:\n{events.replace('event_', f'team{team}_')}"
            for team in range(4)
        }
    )
    command = [sys.executable, "-m", "evdict", "lint", "--select", "EV0"]
    runs = [
        subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1, 1]
    assert all(stderr == b"" for _, stderr in outputs)
    assert len({stdout for stdout, _ in outputs}) == 1
    assert outputs[0][0].decode().endswith("4 files: 232 errors\n")
    assert len(entries(root)) == 4
    assert not list(entries(root)[0].parent.glob(".*.tmp"))
    again = subprocess.run(command, cwd=root, capture_output=True, check=False, timeout=120)
    assert again.stdout == outputs[0][0]
