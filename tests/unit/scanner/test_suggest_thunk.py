"""``evdict scan --suggest-config`` on a browser extension's popup dispatching a Redux
thunk run in the background (taho-extension, shape 24): the thunk's callback relays its
parameter over an emitter to a handler that tracks it, which is proven; that calling
the thunk's action creator runs the callback (Redux Toolkit's contract, through the
project's factory and webext-redux's proxy store) is not, so the callers are suggested
and the callback's own ``emit`` is no call."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles
from tests.unit.scanner.conftest import SuggestedCalls

THUNK = {
    "background/slices/ui.ts": """
        import { createAsyncThunk } from "@reduxjs/toolkit";
        import Emittery from "emittery";

        export const emitter = new Emittery<{ sendEvent: string; refresh: null; log: string }>();

        export function createBackgroundAsyncThunk<A>(type: string, creator: (arg: A) => Promise<void>) {
          const base = createAsyncThunk(type, async (...args: [A]) => creator(...args));
          return (payload: A) => ({ type, payload, base });
        }

        export const sendEvent = createBackgroundAsyncThunk(
          "ui/sendEvent",
          async (event: string) => {
            await emitter.emit("sendEvent", event);
          },
        );

        // Look-alikes: a thunk relaying to a handler that tracks nothing, a callback run
        // per element (no name holds it: its emit is the call it is).
        export const refresh = createBackgroundAsyncThunk("ui/refresh", async (message: string) => {
          await emitter.emit("log", message);
        });

        export const flush = (queued: string[]) => {
          queued.forEach((name) => emitter.emit("sendEvent", name));
        };
        """,
    "background/service.ts": """
        import posthog from "posthog-js";
        import { emitter } from "./slices/ui";

        export function connect() {
          emitter.on("sendEvent", (event) => {
            posthog.capture(event);
          });
          emitter.on("log", (message) => console.log(message));
        }
        """,
    "ui/Intro.tsx": """
        import { sendEvent, refresh } from "../background/slices/ui";

        export enum AnalyticsEvent {
          ONBOARDING_STARTED = "Onboarding Started",
        }

        export function Intro({ dispatch }: { dispatch: (action: object) => void }) {
          dispatch(sendEvent(AnalyticsEvent.ONBOARDING_STARTED));
          dispatch(sendEvent("Onboarding Finished"));
          dispatch(refresh("Page refreshed"));
        }
        """,
}


def test_a_thunk_relaying_to_a_tracking_handler_is_suggested(
    write: WriteFiles, run: RunCli
) -> None:
    write(**THUNK)
    result = run("scan", "--suggest-config")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "background/slices/ui.ts:25:28: <dynamic: 'name' (a element expression)> "
        "[inferred connect.on('sendEvent')] no properties",
        "1 tracking call (0 events) in 3 files.",
        "",
        "2 calls look like tracking calls but could not be proven; to read them, add to "
        "evdict.yaml:",
        "wrappers:",
        "  - {callee: sendEvent, event: 0, language: javascript}  # 2 calls: ui/Intro.tsx:8, "
        "ui/Intro.tsx:9 (Onboarding Finished, Onboarding Started); evidence: sendEvent = "
        "createBackgroundAsyncThunk(...) hands its parameter 0 to a callback relaying it "
        "(emitter.emit 'sendEvent') to a tracking handler; that calling sendEvent runs the "
        "callback is createBackgroundAsyncThunk's contract, not proven",
    ]


def test_the_suggested_thunk_line_reads_the_calls(
    write: WriteFiles, run: RunCli, suggested_calls: SuggestedCalls
) -> None:
    write(**THUNK)
    calls = suggested_calls()
    assert [(call["path"], call["line"], call["event"]) for call in calls if call["event"]] == [
        ("ui/Intro.tsx", 8, "Onboarding Started"),
        ("ui/Intro.tsx", 9, "Onboarding Finished"),
    ]
    assert run("scan", "--suggest-config").output.endswith(
        "No unproven calls that look like tracking calls.\n"
    )


def test_a_name_another_module_defines_is_not_suggested(write: WriteFiles, run: RunCli) -> None:
    write(
        **THUNK,
        **{
            "ui/other.ts": """
                // Another module's own sendEvent: a line naming it would read its calls too.
                function sendEvent(name: string) {
                  return name;
                }
                sendEvent("Not an event");
                """
        },
    )
    assert run("scan", "--suggest-config").output.splitlines()[1:] == [
        "1 tracking call (0 events) in 4 files.",
        "",
        "No unproven calls that look like tracking calls.",
    ]
