"""Orchestration: which files are parsed, PATHS, passes to a fixed point, worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from evdict.config import load_config
from evdict.errors import ConfigError
from evdict.scanner import engine
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Chain, Evidence, Inventory
from tests.conftest import WriteFiles

PROJECT = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": "events: {}\n",
    "app/__init__.py": "",
    "app/tracking.py": """
        import analytics


        def track_event(user, name, properties=None):
            analytics.track(user.id, name, properties)
        """,
    "app/names.py": """
        REPORT_EXPORTED = "report_exported"
        """,
    "app/reports.py": """
        from app.names import REPORT_EXPORTED
        from app.tracking import track_event


        def export(user):
            track_event(user, REPORT_EXPORTED, {"format": "csv"})
        """,
    "app/signup.py": """
        from app.tracking import track_event


        def signup(user):
            track_event(user, "signup_completed")
        """,
    "scripts/unrelated.py": """
        def main():
            return sum(range(10))
        """,
}


def scan(root: Path, *paths: str, **kwargs: object) -> Inventory:
    config = load_config(root / "evdict.yaml")
    return scan_project(config, [Path(path) for path in paths], use_cache=False, **kwargs)  # type: ignore[arg-type]


def events(inventory: Inventory) -> list[tuple[str, str | None]]:
    return [(call.path, call.event) for call in inventory.calls]


def test_only_files_that_can_hold_a_call_are_parsed(write: WriteFiles) -> None:
    root = write(**PROJECT)
    inventory = scan(root)
    assert events(inventory) == [
        ("app/reports.py", "report_exported"),
        ("app/signup.py", "signup_completed"),
    ]
    # tracking.py (SDK call), reports.py and signup.py (the inferred wrapper), names.py
    # (asked for by the resolver: an imported constant); never scripts/ or __init__.py.
    assert inventory.files_parsed == 4
    assert inventory.files_scanned == 6
    assert inventory.full_scan


def test_paths_report_their_calls_with_the_whole_project_as_context(write: WriteFiles) -> None:
    root = write(**PROJECT)
    inventory = scan(root, "app/reports.py")
    assert events(inventory) == [("app/reports.py", "report_exported")]
    assert not inventory.full_scan
    assert inventory.files_scanned == 1
    assert events(scan(root, "app")) == events(scan(root))
    assert not scan(root, "app").full_scan


@pytest.mark.parametrize("path", [".", "events.yaml", "evdict.yaml"])
def test_the_root_the_config_or_a_plan_file_makes_a_full_scan(write: WriteFiles, path: str) -> None:
    root = write(**PROJECT)
    inventory = scan(root, path)
    assert inventory.full_scan
    assert len(inventory.calls) == 2


def test_a_path_outside_the_project_is_a_note(
    write: WriteFiles, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = write(**PROJECT)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    inventory = scan(root, str(elsewhere))
    assert inventory.calls == ()
    assert inventory.notes == (f"{elsewhere} is outside the project (.): not scanned",)


def test_worker_processes_give_the_same_inventory(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**PROJECT)
    alone = scan(root, jobs=1)
    monkeypatch.setattr(engine, "POOL_MIN_BYTES", 0)
    assert scan(root, jobs=2) == alone


def test_a_wrapper_spec_that_cannot_be_read_is_a_usage_error(write: WriteFiles) -> None:
    root = write(**{**PROJECT, "evdict.yaml": "wrappers: [{callee: 'track(', event: 0}]\n"})
    with pytest.raises(ConfigError, match="wrappers: callee 'track\\(' is not a name"):
        scan(root)


def test_files_without_a_front_end_are_counted_in_a_note(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "FRONT_ENDS", {"python": "evdict.scanner.frontends.python"})
    root = write(**{**PROJECT, "web/app.ts": "track('x')\n", "web/b.jsx": "<A/>\n"})
    inventory = scan(root)
    assert "2 file(s) not scanned: no front end for their language yet" in inventory.notes


def test_progress_is_reported_for_long_parses(write: WriteFiles) -> None:
    files = {
        f"pkg/m{index}.py": f"import analytics\nanalytics.track(u, 'e{index}')\n"
        for index in range(60)
    }
    root = write(**{**PROJECT, **files})
    messages: list[str] = []
    config = load_config(root / "evdict.yaml")
    scan_project(config, use_cache=False, progress=messages.append)
    assert messages == ["parsing 61 files"]


def test_an_unknown_sdk_is_a_usage_error(write: WriteFiles) -> None:
    root = write(**{**PROJECT, "evdict.yaml": "sdks: [segment, segmnet]\n"})
    with pytest.raises(ConfigError, match="sdks: no preset named 'segmnet' \\(known: segment, "):
        scan(root)


def test_a_wrapper_slot_may_be_a_position_or_a_keyword(write: WriteFiles) -> None:
    root = write(
        **{
            "evdict.yaml": (
                "wrappers:\n  - {callee: log_action, event: '1|action', properties: '2|metadata'}\n"
            ),
            "app/usage.py": """
                from app.telemetry import log_action


                def run(instance):
                    log_action(instance, "job_launched", {"mode": "cli"})
                    log_action(instance=instance, action="job_finished", metadata={"ok": True})
                """,
        }
    )
    inventory = scan(root)
    assert [(call.event, [p.name for p in call.properties]) for call in inventory.calls] == [
        ("job_launched", ["mode"]),
        ("job_finished", ["ok"]),
    ]


@pytest.mark.parametrize("spec", ["1|2", "a|b", "1|", "|a", "1|a|b", "1|a."])
def test_a_slot_with_two_positions_or_keywords_is_refused(write: WriteFiles, spec: str) -> None:
    root = write(**{**PROJECT, "evdict.yaml": f"wrappers: [{{callee: track, event: '{spec}'}}]\n"})
    with pytest.raises(ConfigError, match="INDEX\\|KEYWORD"):
        scan(root)


def test_a_wrapper_event_may_combine_arguments(write: WriteFiles) -> None:
    root = write(
        **{
            "evdict.yaml": (
                "wrappers:\n"
                "  - {callee: trackEvent, event: '{0} {1}', properties: 3}\n"
                "  - {callee: log_event, event: '{category}.{1|action}', properties: '**'}\n"
            ),
            "src/Toolbar.tsx": """
                import { trackEvent } from "./analytics";

                export function Toolbar({ tool }: { tool: string }) {
                  trackEvent("toolbar", "export", undefined, { format: "png" });
                  trackEvent("toolbar", tool);
                  trackEvent("toolbar");
                  return null;
                }
                """,
            "src/jobs.py": """
                from ops.telemetry import log_event


                def run(job):
                    log_event(category="scheduler", action="job_started", job_id=job.id)
                    log_event("scheduler", "job_failed", category="scheduler")
                """,
        }
    )
    found = [
        (
            call.path,
            call.pos[0],
            call.event or (call.dynamic.detail if call.dynamic else ""),
            [prop.name for prop in call.properties],
        )
        for call in scan(root).calls
    ]
    assert found == [
        ("src/Toolbar.tsx", 4, "toolbar export", ["format"]),
        ("src/Toolbar.tsx", 5, "a concatenation starting with 'toolbar '", []),
        ("src/Toolbar.tsx", 6, "a concatenation starting with 'toolbar '", []),
        ("src/jobs.py", 5, "scheduler.job_started", ["job_id"]),
        ("src/jobs.py", 6, "scheduler.job_failed", []),
    ]


@pytest.mark.parametrize("template", ["{0", "{0} }", "no placeholder {}", "{a.}"])
def test_a_template_that_cannot_be_read_is_a_usage_error(write: WriteFiles, template: str) -> None:
    root = write(
        **{**PROJECT, "evdict.yaml": f"wrappers: [{{callee: track, event: '{template}'}}]\n"}
    )
    with pytest.raises(ConfigError, match="wrappers: "):
        scan(root)


def test_a_path_that_does_not_exist_is_a_note(write: WriteFiles) -> None:
    root = write(**PROJECT)
    inventory = scan(root, "app/gone.py", "app/signup.py")
    assert events(inventory) == [("app/signup.py", "signup_completed")]
    assert "app/gone.py: no such file or folder: not scanned" in inventory.notes


def test_a_chain_of_wrappers_deeper_than_the_recursion_limit_is_explained_link_by_link(
    write: WriteFiles,
) -> None:
    # Each wrapper's chain shares the links of the one it calls (1,500 links, not 1.1
    # million copies): read in order, compared and hashed without recursion.
    lines = ["import analytics\n", "def w0(event):\n    analytics.track('u', event)\n"]
    lines += [f"def w{i}(event):\n    w{i - 1}(event)\n" for i in range(1, 1500)]
    root = write(**{"evdict.yaml": "plan: [events.yaml]\n", "events.yaml": "events: {}\n"})
    write(**{"app.py": "".join([*lines, "w1499('report_exported')\n"])})
    inventory = scan(root)
    assert [(call.event, call.via, call.pos) for call in inventory.calls] == [
        ("report_exported", "w1499", (3002, 1, 3002, 25))
    ]
    last = inventory.wrappers[-1]
    chain = list(last.chain)
    assert (last.name, len(chain)) == ("w1499", 1500)
    assert [link.text for link in chain[:2]] == [
        "w1499 passes parameter 'event' as the event of inferred wrapper w1498",
        "w1498 passes parameter 'event' as the event of inferred wrapper w1497",
    ]
    assert chain[-1] == Evidence(
        "app.py",
        (3, 5, 3, 32),
        "w0 passes parameter 'event' as the event of segment analytics.track",
    )
    assert hash(last) == hash(inventory.wrappers[-1]) and last == inventory.wrappers[-1]


def test_a_chain_compares_and_hashes_as_its_links() -> None:
    first, second = (Evidence("a.py", (1, 1), "a"), Evidence("b.py", (2, 1), "b"))
    deep, same = Chain(first), Chain(first)
    for _ in range(5000):
        deep, same = Chain(second, deep), Chain(second, same)
    assert deep == same and hash(deep) == hash(same)
    assert deep != Chain(second, same)
    assert list(Chain(first, Chain(second))) == [first, second]
