"""``evdict scan --suggest-config`` on an Electron app whose renderer relays its events
to the main process (insomnia's shape): the SDK is in the main process only, a preload
script exposes ``{trackEvent: options => ipcRenderer.send("trackEvent", options)}`` with
``contextBridge.exposeInMainWorld("bridge", ...)``, and the renderer calls
``window.bridge.trackEvent({event, properties})``. Nothing imports the bridge, so the
calls are plausible, not proven: the line suggested reads them. Here the main process's
helper wraps the listener it is given in one of its own, so the handler is not proven
to be the one the channel calls (a helper handing it on as it is proves it:
``fixtures/js/electron_ipc_relay``)."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles
from tests.unit.scanner.conftest import SuggestedCalls

APP = {
    "package.json": '{"name": "desk", "dependencies": {"@segment/analytics-node": "^2.1.0"}}\n',
    "src/analytics.ts": """
        import { Analytics } from "@segment/analytics-node";

        const analytics = new Analytics({ writeKey: "k" });

        export function trackEvent(event: string, properties?: object) {
          analytics.track({ anonymousId: "a1", event, properties });
        }
        """,
    "src/main.ts": """
        import { ipcMain } from "electron";
        import { trackEvent } from "./analytics";

        const ipcMainOn = (channel: string, listener: (...args: any[]) => void) =>
          ipcMain.on(channel, (event, ...args) => listener(event, ...args));

        export function registerHandlers() {
          trackEvent("App Started", { windows: 1 });
          ipcMainOn("trackEvent", (_, options) => {
            trackEvent(options.event, options.properties);
          });
        }
        """,
    "src/preload.ts": """
        import { contextBridge, ipcRenderer } from "electron";

        const bridge = {
          trackEvent: options => ipcRenderer.send("trackEvent", options),
          saveFile: options => ipcRenderer.send("save-file", options),
        };

        contextBridge.exposeInMainWorld("bridge", bridge);
        """,
    "src/renderer/App.tsx": """
        export function onExport(format: string) {
          window.bridge.trackEvent({ event: "Data Exported", properties: { format } });
          window.bridge.saveFile({ event: "Saved", path: format });
          window.other.trackEvent({ event: "Not Bridged" });
        }
        """,
}

PROVEN = [
    # The handler is a function whose parameter is the event (its registration names
    # it): its own call is how it tracks, not a call of its own.
    "src/main.ts:8:3: App Started [inferred trackEvent] windows",
    "1 tracking call (1 event) in 4 files.",
    "",
]


def test_a_renderer_call_through_the_context_bridge_is_suggested(
    write: WriteFiles, run: RunCli
) -> None:
    # Look-alikes: a bridge method sending on a channel that names no tracking
    # (``saveFile``), and a global no preload exposes (``window.other``).
    write(**APP)
    assert run("scan", "--suggest-config").output.splitlines() == [
        *PROVEN,
        "1 call looks like a tracking call but could not be proven; to read it, add to "
        "evdict.yaml:",
        "wrappers:",
        '  - {callee: bridge.trackEvent, event: "0.event", properties: "0.properties", '
        "language: javascript}  # 1 call: src/renderer/App.tsx:2 (Data Exported); evidence: "
        "bridge.trackEvent sends parameter 'options' to the app's main process "
        "(ipcRenderer.send 'trackEvent')",
    ]


def test_the_suggested_line_reads_the_renderer_call(
    write: WriteFiles, suggested_calls: SuggestedCalls
) -> None:
    write(**APP)
    calls = suggested_calls()
    assert [
        (c["path"], c["line"], c["event"], [p["name"] for p in c["properties"]]) for c in calls
    ] == [
        ("src/main.ts", 8, "App Started", ["windows"]),
        ("src/renderer/App.tsx", 2, "Data Exported", ["format"]),
    ]


def test_a_name_two_preloads_expose_is_not_read(write: WriteFiles, run: RunCli) -> None:
    # Which preload a window loads is not known: ``window.bridge`` stays unknown.
    write(
        **APP,
        **{
            "src/preload-print.ts": """
                import { contextBridge, ipcRenderer } from "electron";

                contextBridge.exposeInMainWorld("bridge", {
                  trackEvent: options => ipcRenderer.send("print-track", options),
                });
                """
        },
    )
    assert run("scan", "--suggest-config").output.splitlines() == [
        *PROVEN[:1],
        "1 tracking call (1 event) in 5 files.",
        "",
        "No unproven calls that look like tracking calls.",
    ]
