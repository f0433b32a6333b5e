"""The keys a JS/TS call's properties carry when the call names the object instead of
writing it in place: a local object built first (in a module-level callback too, with
``props.k = v`` and ``Object.assign`` before the call), the keys a wrapper writes to its
parameter's object, a module's constant object and what a project function returns.
Only what is written before the call, in the object's own scope, counts."""

from __future__ import annotations

import json

from tests.conftest import RunCli, WriteFiles

PARTIAL = " (+ properties not visible here)"

ACTIONS = """
    import posthog from "posthog-js";

    declare const client: { action(f: unknown): unknown };

    // formbricks's server actions: a callback handed to a call at the module's top level
    export const updateSurvey = client.action(async ({ ctx }: { ctx: any }) => {
      if (ctx.published) {
        const metadata = { survey_id: ctx.id, question_count: ctx.count };
        posthog.capture("survey_updated", metadata);
      }
    });

    export const built = client.action(async ({ ctx }: { ctx: any }) => {
      const details: Record<string, unknown> = { plan: ctx.plan };
      details.seats = ctx.seats;
      Object.assign(details, { interval: "month", currency: ctx.currency });
      posthog.capture("plan_chosen", details);
      details.late = true;  // after the call: not what the event carries
      Object.assign(details, { later: 1 });
    });

    // The same name in two callbacks: which object is sent is not read.
    export const first = client.action(async () => {
      const props = { a: 1 };
      posthog.capture("first_sent", props);
    });
    export const second = client.action(async () => {
      const props = { b: 2 };
      posthog.capture("second_sent", props);
    });
    """


def test_a_local_object_is_read_as_written_before_the_call(write: WriteFiles, run: RunCli) -> None:
    write(**{"web/actions.ts": ACTIONS})
    assert run("scan", "--no-cache").output.splitlines() == [
        f"web/actions.ts:9:5: survey_updated [posthog] survey_id, question_count{PARTIAL}",
        f"web/actions.ts:17:3: plan_chosen [posthog] plan, seats, interval, currency{PARTIAL}",
        f"web/actions.ts:25:3: first_sent [posthog] no properties{PARTIAL}",
        f"web/actions.ts:29:3: second_sent [posthog] no properties{PARTIAL}",
        "4 tracking calls (4 events) in 1 file.",
    ]


TELEMETRY = """
    import { PostHog } from "posthog-node";

    const client = new PostHog("key");

    // flowise's Telemetry.sendTelemetry: the wrapper adds a key to its callers' object
    export function sendTelemetry(event: string, properties: Record<string, unknown> = {}) {
      properties.version = "2.1";
      client.capture({ event, distinctId: "server", properties });
      properties.sent = true;  // after the SDK call: not sent
    }

    // Another function's parameter of the same name: nothing of the wrapper's.
    export function annotate(properties: Record<string, unknown>) {
      properties.annotated = true;
    }

    export function created(id: string) {
      sendTelemetry("user_created", { userId: id });
      sendTelemetry("tool_created");
    }
    """


def test_a_key_a_wrapper_writes_to_its_parameter_is_the_callers_too(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"server/telemetry.ts": TELEMETRY})
    assert run("scan", "--no-cache").output.splitlines() == [
        "server/telemetry.ts:18:3: user_created [inferred sendTelemetry] userId, version",
        "server/telemetry.ts:19:3: tool_created [inferred sendTelemetry] version",
        "2 tracking calls (2 events) in 1 file.",
    ]


CONSTANTS = """
    export const SHARED = { app: "web", build: 7 };
    """

REPORT = """
    import posthog from "posthog-js";
    import { SHARED } from "./constants";

    const BASE = { plan: "pro", seats: 3 };
    const HELPERS = { track() {}, page: 1 };

    class Settings {
      static flag = true;
    }

    function pageProps(path: string) {
      return { path, referrer: document.referrer };
    }

    export function sent() {
      posthog.capture("base_sent", BASE);
      posthog.capture("base_spread", { ...BASE, step: 1 });
      posthog.capture("shared_sent", { ...SHARED });
      posthog.capture("page_viewed", pageProps("/"));
      const props = pageProps("/x");
      posthog.capture("page_kept", props);
      // A class and an object of functions: their members are no properties.
      posthog.capture("class_sent", Settings);
      posthog.capture("helpers_sent", HELPERS);
    }

    // A key set on the constant elsewhere may or may not be there when an event is sent.
    export function later() {
      BASE.extra = 1;
    }
    """


def test_a_constant_object_and_a_returned_one_show_their_keys(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"web/constants.ts": CONSTANTS, "web/report.ts": REPORT})
    result = run("scan", "--no-cache", "--format", "json")
    found = {
        call["event"]: [
            (p["name"], p["line"], p["column"], p.get("value")) for p in call["properties"]
        ]
        for call in json.loads(result.output)["calls"]
    }
    assert found == {
        "base_sent": [("plan", 4, 16, "pro"), ("seats", 4, 29, 3)],
        "base_spread": [("plan", 4, 16, "pro"), ("seats", 4, 29, 3), ("step", 17, 45, 1)],
        # Another module's keys: where the call names them.
        "shared_sent": [("app", 18, 39, "web"), ("build", 18, 39, 7)],
        # A parameter's value in the function is not known at the call.
        "page_viewed": [("path", 12, 12, None), ("referrer", 12, 18, None)],
        "page_kept": [("path", 12, 12, None), ("referrer", 12, 18, None)],
        "class_sent": [],
        "helpers_sent": [],
    }


SPREADS = """
    import posthog from "posthog-js";

    export function streamed(legacy: { name: string } | undefined, outcome: { id: string }) {
      // continue's GUI: a key spread in only when there is something to say
      posthog.capture("stream_closed", { duration: 1, ...(legacy && { command: legacy.name }) });
      posthog.capture("step_run", { step: 1, ...(legacy ? { command: legacy.name } : {}) });
      // Either object: which keys is not known.
      posthog.capture("step_chosen", { step: 1, ...(legacy || { fallback: true }) });
      // A parameter's object with a key set first: that key, and the caller's others.
      if (outcome.aborted === undefined) {
        outcome.aborted = false;
      }
      posthog.capture("outcome_logged", outcome);
    }
    """


def test_a_conditional_spread_and_a_key_set_on_a_parameter(write: WriteFiles, run: RunCli) -> None:
    write(**{"gui/stream.ts": SPREADS})
    assert run("scan", "--no-cache").output.splitlines() == [
        "gui/stream.ts:5:3: stream_closed [posthog] duration, command",
        "gui/stream.ts:6:3: step_run [posthog] step, command",
        f"gui/stream.ts:8:3: step_chosen [posthog] step{PARTIAL}",
        f"gui/stream.ts:13:3: outcome_logged [posthog] aborted{PARTIAL}",
        "4 tracking calls (4 events) in 1 file.",
    ]


FAN_OUT = """
    import { PostHog } from "posthog-node";

    export class PostHogClient {
      private client = new PostHog("key");

      capture(event: string, properties: Record<string, unknown>): void {
        this.client.capture({ distinctId: "d", event, properties: { ...properties, app: "x" } });
      }
    }

    // Roo Code's TelemetryService: each client handed to the callback is read as posthog
    // by its name (the one above teaches it), but may add keys of its own.
    export function fanOut(clients: PostHogClient[], taskId: string): void {
      clients.forEach((client) => client.capture({ event: "task_created", properties: { taskId } }));
    }

    export function direct(taskId: string): void {
      const client = new PostHog("key");
      client.capture({ distinctId: "d", event: "task_direct", properties: { taskId } });
    }
    """


def test_a_call_on_a_callbacks_parameter_is_not_said_complete(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"src/telemetry.ts": FAN_OUT})
    assert run("scan", "--no-cache").output.splitlines() == [
        f"src/telemetry.ts:14:31: task_created [posthog] taskId{PARTIAL}",
        "src/telemetry.ts:19:3: task_direct [posthog] taskId",
        "2 tracking calls (2 events) in 1 file.",
    ]
