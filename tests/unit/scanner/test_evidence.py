"""The evidence model (scanner/evidence.py): what each piece of evidence is worth, that
only a confident candidate is a call, and what a scan says when the project has an SDK
but no call is proven."""

from __future__ import annotations

import json

import pytest

from evdict.scanner.evidence import CONFIDENT, Sources, weigh
from evdict.scanner.frontends.javascript import extract as extract_js
from evdict.scanner.frontends.python import extract as extract_py
from evdict.scanner.model import Call
from evdict.scanner.sdk_presets import presets_for
from tests.conftest import RunCli, WriteFiles

NOTHING = Sources(frozenset(), frozenset())
MANIFEST = Sources(frozenset(), frozenset({"posthog", "segment"}))


def only_call(code: str, language: str) -> Call:
    if language == "python":
        facts = extract_py(code.encode(), "a.py")
    else:
        facts = extract_js(code.encode(), "a.ts")
    (sites,) = facts.calls.values()
    (site,) = sites
    return site.call


@pytest.mark.parametrize(
    ("code", "sources", "sdk", "evidence"),
    [
        # A named shape with the SDK listed: confident even under an unknown name.
        (
            'client.capture(distinct_id=u, event="signed_up", properties={})',
            MANIFEST,
            "posthog",
            "manifest, named shape, receiver name (5/4 points)",
        ),
        (
            'ph.capture("signed_up", distinct_id=u, properties=p)',
            MANIFEST,
            "posthog",
            "manifest, named shape (4/4 points)",
        ),
        # No SDK in the project: the same call is only plausible.
        (
            'client.capture(distinct_id=u, event="signed_up", properties={})',
            NOTHING,
            "posthog",
            "named shape, receiver name (3/4 points)",
        ),
        (
            'analytics.track(user_id, "Signed Up", {"plan": plan})',
            MANIFEST,
            "segment",
            "manifest, positional shape, receiver name (4/4 points)",
        ),
        (
            'analytics.track(user_id, "Signed Up", {"plan": plan})',
            NOTHING,
            "segment",
            "positional shape, receiver name (2/4 points)",
        ),
        # A method of the SDK on an object named for something else.
        (
            'camera.capture("photo_taken")',
            MANIFEST,
            "posthog",
            "manifest, positional shape (3/4 points)",
        ),
        # The SDK's import in the file counts like its manifest.
        (
            'tracker.capture("signed_up")',
            Sources(frozenset({"posthog"}), frozenset()),
            "posthog",
            "import, positional shape, receiver name (4/4 points)",
        ),
    ],
)
def test_python_calls_are_weighed(code: str, sources: Sources, sdk: str, evidence: str) -> None:
    weight = weigh(only_call(code, "python"), presets_for("python", None), sources)
    assert weight is not None
    assert weight.preset is not None
    assert (weight.preset.name, weight.describe()) == (sdk, evidence)
    assert weight.confident == (weight.points >= CONFIDENT)


@pytest.mark.parametrize(
    "code",
    [
        "progress.track()",  # no event
        'progress.track("upload", 50)',  # properties no SDK takes
        "analytics.track(user_id, 42)",  # an event that is no name
        "pattern.capture(lambda m: m)",  # the event's place holds a function
    ],
)
def test_calls_no_sdk_signature_reads_have_no_evidence_even_with_the_sdk(code: str) -> None:
    assert weigh(only_call(code, "python"), presets_for("python", None), MANIFEST) is None


@pytest.mark.parametrize(
    ("code", "sources", "sdk", "evidence"),
    [
        (
            'posthogServerClient?.capture({ distinctId, event: "signed_up", properties })',
            Sources(frozenset(), frozenset({"posthog"})),
            "posthog",
            "manifest, named shape, receiver name (5/4 points)",
        ),
        # The snippet's global, defined nowhere in the file.
        (
            'window.heap.track("Purchase", { dollars: 10 })',
            Sources(frozenset(), frozenset(), browser_global=True),
            "heap",
            "browser global, positional shape, receiver name (4/4 points)",
        ),
        # Another SDK's name is no evidence for the one whose package the file imports.
        (
            'umami.track("Report Shared", { channel })',
            Sources(frozenset({"@vercel"}), frozenset(), browser_global=True),
            "umami",
            "browser global, positional shape, receiver name (4/4 points)",
        ),
        # `amplitude` is physics too: its name counts only next to an import of the SDK.
        (
            'amplitude.track("peak_detected")',
            Sources(frozenset(), frozenset({"amplitude"})),
            "amplitude",
            "manifest, positional shape (3/4 points)",
        ),
        (
            'amplitude.track("Song Played")',
            Sources(frozenset({"@amplitude"}), frozenset()),
            "amplitude",
            "import, positional shape, receiver name (4/4 points)",
        ),
    ],
)
def test_javascript_calls_are_weighed(code: str, sources: Sources, sdk: str, evidence: str) -> None:
    weight = weigh(only_call(code, "javascript"), presets_for("javascript", None), sources)
    assert weight is not None
    assert weight.preset is not None
    assert (weight.preset.name, weight.describe()) == (sdk, evidence)


def test_an_event_object_no_sdk_reads_is_plausible_at_most() -> None:
    call = only_call('platform.analytics?.logEvent({ type: "HOPP_SAVE_REQUEST" })', "javascript")
    everything = Sources(frozenset({"@amplitude"}), frozenset({"amplitude"}), browser_global=True)
    weight = weigh(call, presets_for("javascript", None), everything)
    assert weight is not None
    assert (weight.preset, weight.describe(), weight.confident) == (
        None,
        "event object, receiver name (2/4 points)",
        False,
    )


def test_a_scan_says_which_manifest_lists_an_sdk_when_no_call_is_proven(
    write: WriteFiles, run: RunCli
) -> None:
    write(
        **{
            "apps/web/package.json": '{"dependencies": {"posthog-node": "^5", "react": "18"}}',
            "apps/web/src/client.ts": "export const client = makeClient();\n",
            "requirements.txt": "mixpanel==4.10\n",
            "worker/jobs.py": "import posthog\n\nposthog.project_api_key = 'phc'\n",
        }
    )
    result = run("scan")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "note: the code imports posthog, apps/web/package.json lists posthog-node and "
        "requirements.txt lists mixpanel but no tracking call was proven: "
        "`evdict scan --suggest-config` lists the calls that look like ones",
        "0 tracking calls (0 events) in 2 files.",
    ]


def test_a_scan_with_no_sdk_anywhere_notes_nothing(write: WriteFiles, run: RunCli) -> None:
    write(**{"package.json": '{"dependencies": {"react": "18"}}', "src/a.ts": "export {};\n"})
    assert run("scan").output.splitlines() == ["0 tracking calls (0 events) in 1 file."]


def test_suggestions_say_what_makes_them_plausible(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "app/handlers.py": """
                def on_login(client, user):
                    client.capture(distinct_id=user.id, event="user_logged_in")
                """,
        }
    )
    found = json.loads(run("scan", "--format", "json", "--suggest-config").output)
    assert found["calls"] == []
    assert found["suggestions"] == [
        {
            "callee": "client.capture",
            "language": "python",
            "event": "0|event",
            "properties": "properties",
            "calls": 1,
            "sites": ["app/handlers.py:2"],
            "events": ["user_logged_in"],
            "evidence": "named shape, receiver name (3/4 points)",
            "config": '{callee: client.capture, event: "0|event", properties: "properties", '
            "language: python}",
        }
    ]
    # With the SDK in a manifest the same call is a call, found on evidence (a proven one
    # says none).
    write(
        **{
            "requirements.txt": "posthog>=3\n",
            "app/signup.py": "import posthog\n\nposthog.capture('u1', 'user_signed_up')\n",
        }
    )
    calls = json.loads(run("scan", "--format", "json", "--suggest-config").output)["calls"]
    assert [(call["event"], call["via"], call.get("evidence")) for call in calls] == [
        ("user_logged_in", "posthog", "manifest, named shape, receiver name (5/4 points)"),
        ("user_signed_up", "posthog", None),
    ]


def test_a_receiver_taken_provisionally_is_judged_once_its_module_is_read(
    write: WriteFiles, run: RunCli
) -> None:
    # The first pass has not read app/clients.py: `posthog` is taken for PostHog's client
    # (so `send` is a wrapper one pass earlier); once it is read it is no client, and
    # the evidence alone (2 points) makes no call of either.
    write(
        **{
            "app/__init__.py": "",
            "app/factory.py": "def make():\n    return object()\n",
            "app/clients.py": "from app.factory import make\n\nposthog = make()\n",
            "app/track.py": """
                from app.clients import posthog


                def send(name):
                    posthog.capture(name)


                send("report_sent")
                """,
        }
    )
    assert run("scan").output.splitlines() == ["0 tracking calls (0 events) in 4 files."]
    write(**{"requirements.txt": "posthog\n"})  # now the evidence is enough
    assert run("scan").output.splitlines()[0] == (
        "app/track.py:8:1: report_sent [inferred send] no properties"
    )
