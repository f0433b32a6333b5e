"""``evdict scan --suggest-config``: calls that look like tracking calls but cannot be
proven, listed with the ``wrappers:`` line that reads them; never reported as calls."""

from __future__ import annotations

import json

from tests.conftest import RunCli, WriteFiles
from tests.unit.scanner.conftest import SuggestedCalls

# hoppscotch's shape: the analytics client is injected by the hosting app, so no SDK
# is imported anywhere; the event is the `type` of the one object argument.
PLUGIN = {
    "src/platform/index.ts": """
        export type AnalyticsPlatformDef = { logEvent: (ev: { type: string }) => void }
        export let platform: { analytics?: AnalyticsPlatformDef }
        """,
    "src/components/save.ts": """
        import { platform } from "../platform"

        export function save(kind: string) {
          platform.analytics?.logEvent({ type: "HOPP_SAVE_REQUEST", createdNow: true })
          platform.analytics?.logEvent({ type: "HOPP_CREATE_TEAM" })
          platform.analytics?.logEvent({ type: kind })
        }
        """,
    "src/components/lookalikes.ts": """
        export function lookalikes(progress: any, camera: any, pattern: any, posthog: any) {
          progress.track("upload_started")
          camera.capture("photo")
          pattern.capture("group")
        }
        """,
    "app/telemetry.py": """
        def report(telemetry_client, run):
            telemetry_client.capture("pipeline_run", properties={"steps": run.steps})
            telemetry_client.capture(run.name)
        """,
    "app/tracked.py": """
        import posthog

        posthog.capture("signup_completed", distinct_id="u1")
        """,
}

SUGGESTED = [
    "3 calls look like tracking calls but could not be proven; to read them, add to evdict.yaml:",
    "wrappers:",
    '  - {callee: analytics.logEvent, event: "0.type", properties: 0, language: javascript}'
    "  # 2 calls: src/components/save.ts:4, src/components/save.ts:5 "
    "(HOPP_CREATE_TEAM, HOPP_SAVE_REQUEST); evidence: event object, receiver name (2/4 points)",
    '  - {callee: telemetry_client.capture, event: "0|event", properties: "properties", '
    "language: python}  # 1 call: app/telemetry.py:2 (pipeline_run); "
    "evidence: positional shape, receiver name (2/4 points)",
]


def test_unproven_calls_are_suggested_with_the_config_line(write: WriteFiles, run: RunCli) -> None:
    write(**PLUGIN)
    result = run("scan", "--suggest-config")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "app/tracked.py:3:1: signup_completed [posthog] no properties",
        "1 tracking call (1 event) in 5 files.",
        "",
        *SUGGESTED,
    ]


def test_without_the_flag_they_are_counted_and_the_flag_named(
    write: WriteFiles, run: RunCli
) -> None:
    write(**PLUGIN)
    assert "suggestions" not in json.loads(run("scan", "--format", "json").output)
    assert run("scan").output.splitlines() == [
        "app/tracked.py:3:1: signup_completed [posthog] no properties",
        "1 tracking call (1 event) in 5 files.",
        "3 more calls look like tracking calls but could not be proven: `evdict scan"
        " --suggest-config` lists the evdict.yaml lines that would read them.",
    ]


def test_a_wrappers_own_call_is_never_suggested(write: WriteFiles, run: RunCli) -> None:
    """A module `evdict codegen` wrote: each function's SDK call is its own, and the
    function's callers are the tracking calls (the example app's 166 SDK calls were all
    suggested)."""
    write(
        **{
            "app/tracking.py": """
                import segment.analytics as _analytics

                __evdict_codegen__ = "python"


                def track_report_viewed(*, user_id: str) -> None:
                    _analytics.track(user_id, "report_viewed", {})
                """,
            "app/views.py": """
                from app.tracking import track_report_viewed

                track_report_viewed(user_id="u1")
                """,
        }
    )
    assert run("scan", "--suggest-config").output.splitlines() == [
        "app/views.py:3:1: report_viewed [inferred track_report_viewed] no properties",
        "1 tracking call (1 event) in 2 files.",
        "",
        "No unproven calls that look like tracking calls.",
    ]


def test_the_suggested_lines_make_evdict_read_those_calls(
    write: WriteFiles, run: RunCli, suggested_calls: SuggestedCalls
) -> None:
    write(**PLUGIN)
    events = [call["event"] for call in suggested_calls()]
    # The dynamic `{type: kind}` makes save() itself a wrapper (of no caller here).
    assert events == [
        "HOPP_SAVE_REQUEST",
        "HOPP_CREATE_TEAM",
        "pipeline_run",
        None,
        "signup_completed",
    ]
    again = run("scan", "--suggest-config").output
    assert again.endswith("No unproven calls that look like tracking calls.\n")


def test_a_receiver_no_wrapper_line_can_name_is_not_suggested(
    write: WriteFiles, run: RunCli
) -> None:
    # `TelemetryClient.getInstance().capture(...)`: a call's result is no name for
    # `callee:`; the local that holds it is.
    write(
        **{
            "src/cli.ts": """
                import { TelemetryClient } from "./telemetry"

                TelemetryClient.getInstance().capture("cli_started")
                const telemetry = TelemetryClient.getInstance()
                telemetry.capture("cli_finished")
                """,
        }
    )
    assert run("scan", "--suggest-config").output.splitlines()[2:] == [
        "1 call looks like a tracking call but could not be proven; to read it, add to "
        "evdict.yaml:",
        "wrappers:",
        "  - {callee: telemetry.capture, event: 0, properties: 1, language: javascript}"
        "  # 1 call: src/cli.ts:5 (cli_finished); evidence: positional shape, receiver name "
        "(2/4 points)",
    ]


# A React context whose provided value is not known statically (the provider is a
# library's, or gives what a call builds): its hook's `track` is read by `callee: track`.
DESTRUCTURED = {
    "package.json": '{"dependencies": {"@segment/analytics-next": "1", "react": "18"}}',
    "src/analytics.tsx": """
        import { createContext, useContext } from "react"
        import { makeClient } from "./client"

        const AnalyticsContext = createContext(makeClient())
        export const useAnalytics = () => useContext(AnalyticsContext)
        """,
    "src/Checkout.tsx": """
        import { useAnalytics } from "./analytics"

        export function Checkout() {
          const { track } = useAnalytics()
          return <button onClick={() => track("Order Completed", { total: 3 })} />
        }
        """,
    "src/lookalikes.tsx": """
        import { useProgress } from "./progress"

        export function Upload({ track }: { track: (name: string) => void }) {
          const { capture } = useProgress()
          capture("step")
          track("upload_started")
          return null
        }
        """,
}


def test_a_track_destructured_from_a_hook_is_suggested_as_a_plain_name(
    write: WriteFiles, run: RunCli
) -> None:
    # Look-alikes: a hook not named for a tracker (useProgress), a `track` parameter.
    write(**DESTRUCTURED)
    assert run("scan", "--suggest-config").output.splitlines()[3:] == [
        "1 call looks like a tracking call but could not be proven; to read it, add to "
        "evdict.yaml:",
        "wrappers:",
        "  - {callee: track, event: 0, properties: 1, language: javascript}"
        "  # 1 call: src/Checkout.tsx:5 (Order Completed); evidence: manifest, "
        "positional shape, receiver name (4/4 points)",
    ]
