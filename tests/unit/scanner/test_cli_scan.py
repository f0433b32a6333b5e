"""``evdict scan`` and ``evdict check`` with code, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, RunCli, WriteFiles

FILES = {
    "evdict.yaml": "plan: [events.yaml]\nwrappers: [{callee: track_event, event: 1, properties: 2}]\n",
    "events.yaml": "events:\n  signup_completed: {}\n",
    "app/tracking.py": """
        import analytics


        def capture(user, name, **properties):
            analytics.track(user.id, name, properties)
        """,
    "app/views.py": """
        from app.tracking import capture


        def signup(user, ctx, kind):
            capture(user, "signup_completed", plan_tier="free")
            track_event(ctx, "signup_complete", {"plan_tier": "free"})
            capture(user, f"signup_{kind}")
        """,
}


def test_scan_prints_the_inventory(write: WriteFiles, run: RunCli) -> None:
    write(**FILES)
    result = run("scan")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "app/views.py:5:5: signup_completed [inferred capture] plan_tier",
        "app/views.py:6:5: signup_complete [wrapper track_event] plan_tier",
        "app/views.py:7:5: <dynamic: an f-string starting with 'signup_'> [inferred capture] no properties",
        "3 tracking calls (2 events) in 2 files.",
    ]


def test_scan_explains_the_wrappers_it_inferred(write: WriteFiles, run: RunCli) -> None:
    write(**FILES)
    result = run("scan", "--explain-wrappers", "--no-cache", "app/views.py")
    assert result.output.splitlines()[3:] == [
        "Inferred wrappers (a function that passes a parameter on as the event):",
        "  capture (app/tracking.py:4), event parameter 'name':",
        "    app/tracking.py:5:5: capture passes parameter 'name' as the event of segment analytics.track",
        "3 tracking calls (2 events) in 1 file.",
    ]


def test_scan_json_is_versioned(write: WriteFiles, run: RunCli) -> None:
    write(**FILES)
    result = run("scan", "--format", "json", "--jobs", "1")
    document = json.loads(result.output)
    assert document["version"] == 2
    assert document["summary"] == {
        "calls": 3,
        "events": 2,
        "dynamic": 1,
        "files_scanned": 2,
        "files_parsed": 2,
        "full_scan": True,
    }
    first = document["calls"][0]
    assert first["event"] == "signup_completed"
    assert first["properties"] == [{"name": "plan_tier", "line": 5, "column": 39, "value": "free"}]
    assert (first["kind"], first["via"], first["properties_complete"]) == (
        "inferred",
        "capture",
        True,
    )
    assert document["wrappers"][0]["chain"][0]["line"] == 5


def test_scan_writes_to_a_file(write: WriteFiles, run: RunCli) -> None:
    root = write(**FILES)
    result = run("scan", "--output", "inventory.txt")
    assert result.output == ""
    assert (root / "inventory.txt").read_text(encoding="utf-8").endswith("in 2 files.\n")


def test_a_bad_config_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{**FILES, "evdict.yaml": "wrappers: [{callee: x, event: 'a.'}]\n"})
    result = run("scan")
    assert result.exit_code == 2
    assert (
        "wrappers: expected an index, a keyword, INDEX|KEYWORD or INDEX.KEY, got 'a.'"
        in result.output
    )


def test_check_reports_code_findings_and_exits_1(write: WriteFiles, run: RunCli) -> None:
    write(**FILES)
    result = run("check", "--select", "EV6", "app/views.py")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "app/views.py:5:39: EV603 [warning] property `plan_tier` is not declared for event "
        "`signup_completed`",
        "app/views.py:6:22: EV601 [error] event `signup_complete` is not declared in the plan "
        "(did you mean `signup_completed`?)",
        "app/views.py:7:19: EV606 [warning] event name cannot be resolved statically: "
        "an f-string starting with 'signup_'",
        "1 event, 3 tracking calls in 2 files: 1 error, 2 warnings",
    ]


def test_the_clean_example_scans_its_backend(run: RunCli) -> None:
    result = run("scan", str(EXAMPLES / "acme-enrich"), "--no-cache")
    last = result.output.splitlines()[-1]
    assert last.startswith("86 tracking calls (78 events) in ")
    assert str(Path("backend/acme/services/growth.py")) in result.output


def test_paths_outside_the_config_folder_are_scanned_with_its_settings(
    write: WriteFiles, run: RunCli
) -> None:
    # `--config` in another folder: the PATHS given are still what is scanned (the
    # config's wrapper applies there), and `check` holds their calls against its plan.
    write(
        **{
            "settings/evdict.yaml": FILES["evdict.yaml"],
            "settings/events.yaml": FILES["events.yaml"],
            "service/app/tracking.py": FILES["app/tracking.py"],
            "service/app/views.py": FILES["app/views.py"],
        }
    )
    result = run("scan", "--config", "settings/evdict.yaml", "service")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "service/app/views.py:5:5: signup_completed [inferred capture] plan_tier",
        "service/app/views.py:6:5: signup_complete [wrapper track_event] plan_tier",
        "service/app/views.py:7:5: <dynamic: an f-string starting with 'signup_'> [inferred capture] no properties",
        "3 tracking calls (2 events) in 2 files.",
    ]
    checked = run("check", "--config", "settings/evdict.yaml", "--select", "EV601", "service")
    assert checked.output.splitlines()[0] == (
        "service/app/views.py:6:22: EV601 [error] event `signup_complete` is not declared in "
        "the plan (did you mean `signup_completed`?)"
    )
