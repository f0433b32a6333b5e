"""``evdict scan`` on nested wrappers: each link printed once, output linear in the depth."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from evdict.report.inventory import render_text, wrapper_links
from evdict.scanner.model import Chain, Evidence, InferredWrapper, Inventory
from tests.conftest import RunCli, WriteFiles

CONFIG = "plan: [plan.yaml]\n"
PLAN = "events:\n  report_exported: {}\n"
NESTED = """
    import analytics


    def w0(event):
        analytics.track("u", event)


    def w1(event):
        w0(event)


    def w2(event):
        w1(event)


    w2("report_exported")
    """


def chain_source(language: str, depth: int) -> str:
    """``w0`` calls the SDK, each ``w<i>`` calls ``w<i-1>``, one line each."""
    if language == "py":
        lines = ["import analytics\n", "def w0(event): analytics.track('u', event)\n"]
        lines += [f"def w{i}(event): w{i - 1}(event)\n" for i in range(1, depth)]
        return "".join(lines) + f"w{depth - 1}('report_exported')\n"
    lines = [
        "import { AnalyticsBrowser } from '@segment/analytics-next';\n",
        "const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n",
        "function w0(e) { analytics.track(e); }\n",
    ]
    lines += [f"function w{i}(e) {{ w{i - 1}(e); }}\n" for i in range(1, depth)]
    return "".join(lines) + f"w{depth - 1}('report_exported');\n"


def test_explain_wrappers_shows_a_short_chain_whole(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": CONFIG, "plan.yaml": PLAN, "app.py": NESTED})
    result = run("scan", "--explain-wrappers", "--no-cache")
    assert result.exit_code == 0
    assert result.output == (
        "app.py:16:1: report_exported [inferred w2] no properties\n"
        "Inferred wrappers (a function that passes a parameter on as the event):\n"
        "  w0 (app.py:4), event parameter 'event':\n"
        "    app.py:5:5: w0 passes parameter 'event' as the event of segment analytics.track\n"
        "  w1 (app.py:8), event parameter 'event':\n"
        "    app.py:9:5: w1 passes parameter 'event' as the event of inferred wrapper w0\n"
        "    app.py:5:5: w0 passes parameter 'event' as the event of segment analytics.track\n"
        "  w2 (app.py:12), event parameter 'event':\n"
        "    app.py:13:5: w2 passes parameter 'event' as the event of inferred wrapper w1\n"
        "    app.py:9:5: w1 passes parameter 'event' as the event of inferred wrapper w0\n"
        "    app.py:5:5: w0 passes parameter 'event' as the event of segment analytics.track\n"
        "1 tracking call (1 event) in 1 file.\n"
    )


def test_explain_wrappers_names_the_event_a_wrapper_sets_in_a_branch(
    write: WriteFiles, run: RunCli
) -> None:
    source = """
    import analytics


    def validated(op, event_name):
        try:
            op()
        except TimeoutError:
            event_name = "trialExpired"
        analytics.track("u", event_name)


    validated(print, "modelIdSet")
    """
    write(**{"evdict.yaml": CONFIG, "plan.yaml": PLAN, "app.py": source})
    result = run("scan", "--explain-wrappers", "--no-cache")
    assert result.output == (
        "app.py:12:1: <dynamic: one of 'modelIdSet', 'trialExpired'> [inferred validated]"
        " no properties\n"
        "Inferred wrappers (a function that passes a parameter on as the event):\n"
        "  validated (app.py:4), event parameter 'event_name':\n"
        "    app.py:9:5: validated passes parameter 'event_name' (or 'trialExpired') as the"
        " event of segment analytics.track\n"
        "1 tracking call (2 events) in 1 file.\n"
    )


def test_json_names_the_wrapper_a_chain_continues_in(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": CONFIG, "plan.yaml": PLAN, "app.py": NESTED})
    document = json.loads(run("scan", "--format", "json", "--no-cache").output)
    assert document["version"] == 2
    assert document["wrappers"] == [
        {
            "name": "w0",
            "path": "app.py",
            "line": 4,
            "column": 1,
            "event_param": "event",
            "chain": [
                {
                    "path": "app.py",
                    "line": 5,
                    "column": 5,
                    "text": "w0 passes parameter 'event' as the event of segment analytics.track",
                }
            ],
            "chain_length": 1,
            "continues": None,
        },
        {
            "name": "w1",
            "path": "app.py",
            "line": 8,
            "column": 1,
            "event_param": "event",
            "chain": [
                {
                    "path": "app.py",
                    "line": 9,
                    "column": 5,
                    "text": "w1 passes parameter 'event' as the event of inferred wrapper w0",
                }
            ],
            "chain_length": 2,
            "continues": {"wrapper": "w0", "path": "app.py", "line": 4, "column": 1},
        },
        {
            "name": "w2",
            "path": "app.py",
            "line": 12,
            "column": 1,
            "event_param": "event",
            "chain": [
                {
                    "path": "app.py",
                    "line": 13,
                    "column": 5,
                    "text": "w2 passes parameter 'event' as the event of inferred wrapper w1",
                }
            ],
            "chain_length": 3,
            "continues": {"wrapper": "w1", "path": "app.py", "line": 8, "column": 1},
        },
    ]


def test_a_chain_past_eight_links_points_at_the_wrapper_it_continues_in(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"evdict.yaml": CONFIG, "plan.yaml": PLAN, "app.py": chain_source("py", 10)})
    lines = run("scan", "--explain-wrappers", "--no-cache").output.splitlines()
    start = lines.index("  w8 (app.py:10), event parameter 'event':")
    assert lines[start - 1].endswith(
        "w0 passes parameter 'event' as the event of segment analytics.track"
    )
    assert lines[start:] == [
        "  w8 (app.py:10), event parameter 'event':",
        "    app.py:10:16: w8 passes parameter 'event' as the event of inferred wrapper w7",
        "    ... 8 more links: the chain of w7 (app.py:9)",
        "  w9 (app.py:11), event parameter 'event':",
        "    app.py:11:16: w9 passes parameter 'event' as the event of inferred wrapper w8",
        "    ... 9 more links: the chain of w8 (app.py:10)",
        "1 tracking call (1 event) in 1 file.",
    ]


@pytest.mark.parametrize("language", ["py", "js"])
def test_output_of_a_2000_deep_chain_is_linear_in_its_depth(
    write: WriteFiles, language: str
) -> None:
    depth = 2000
    root = write(
        **{
            "evdict.yaml": CONFIG,
            "plan.yaml": PLAN,
            f"app.{language}": chain_source(language, depth),
        }
    )
    command = [sys.executable, "-m", "evdict", "scan", "--no-cache", "--jobs", "1"]
    text = subprocess.run(
        [*command, "--explain-wrappers"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    shown = subprocess.run(
        [*command, "--format", "json"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    # About 200 bytes a wrapper in text and 400 in JSON: printing every wrapper's whole
    # chain was about 100 bytes a link, 2,000,000 links (200 MB).
    assert len(text.encode()) < 300 * depth
    assert len(shown.encode()) < 600 * depth
    wrappers = json.loads(shown)["wrappers"]
    assert [len(wrapper["chain"]) for wrapper in wrappers] == [1] * depth
    last = wrappers[-1]
    assert (last["name"], last["chain_length"], last["continues"]["wrapper"]) == (
        f"w{depth - 1}",
        depth,
        f"w{depth - 2}",
    )
    assert text.count("more links: the chain of") == depth - 8


def test_links_of_no_listed_wrapper_are_the_wrappers_own() -> None:
    # A relay's link (``bus.on('track', handler)``) starts no wrapper's chain: it is
    # printed with the wrapper that reaches it, then the handler's chain is pointed at.
    def link(line: int, text: str) -> Evidence:
        return Evidence("app.js", (line, 3, line, 9), text)

    handler_chain = Chain(link(2, "h passes 'e' on"))
    for line in range(3, 10):
        handler_chain = Chain(link(line, f"link {line}"), handler_chain)
    handler = InferredWrapper("h", "app.js", (2, 1, 2, 9), "e", handler_chain)
    relayed = Chain(link(20, "w calls h through 'track'"), Chain(link(11, "bus.on"), handler_chain))
    caller = InferredWrapper("w", "app.js", (19, 1, 19, 9), "e", relayed)
    out = io.StringIO()
    render_text(Inventory(wrappers=(handler, caller)), out, explain_wrappers=True)
    assert out.getvalue().splitlines()[-5:-1] == [
        "  w (app.js:19), event parameter 'e':",
        "    app.js:20:3: w calls h through 'track'",
        "    app.js:11:3: bus.on",
        "    ... 8 more links: the chain of h (app.js:2)",
    ]
    shown = wrapper_links((handler, caller))[1]
    assert shown.own == (relayed.link, link(11, "bus.on"))
    assert (shown.continues, shown.length) == (handler, 10)


def test_explain_wrappers_names_the_events_a_wrapper_never_sends(
    write: WriteFiles, run: RunCli
) -> None:
    source = """
    import analytics


    def publish(event_type, props):
        if event_type == "set_orgs":
            analytics.group("u", props["org"])
            return
        analytics.track("u", event_type, props)


    publish("User Created", {})
    publish("set_orgs", {"org": 1})
    """
    write(**{"evdict.yaml": CONFIG, "plan.yaml": PLAN, "app.py": source})
    result = run("scan", "--explain-wrappers", "--no-cache")
    assert result.output == (
        "app.py:11:1: User Created [inferred publish] no properties\n"
        "Inferred wrappers (a function that passes a parameter on as the event):\n"
        "  publish (app.py:4), event parameter 'event_type':\n"
        "    app.py:8:5: publish passes parameter 'event_type' (never 'set_orgs') as the"
        " event of segment analytics.track\n"
        "1 tracking call (1 event) in 1 file.\n"
    )
