"""``evdict scan --suggest-config`` on browser code that relays its events to the
product's own server (gitpod's dashboard and supervisor): no SDK proves the calls, the
function sending an event parameter to an analytics URL or window message makes them
plausible, and the line suggested names the outermost function a ``callee:`` can name."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles
from tests.unit.scanner.conftest import SuggestedCalls

RELAY = {
    "dashboard/Analytics.ts": """
        type Message = { anonymousId?: string; event: string; properties?: object };

        export function trackEvent(event: "modal_dismiss" | "video_clicked", properties: object) {
            trackEventInternal(event, properties);
        }

        const trackEventInternal = (event: string, properties: object) => {
            sendTrackEvent({ anonymousId: "a1", event, properties });
        };

        export function sendTrackEvent(message: Message): void {
            sendAnalytics("trackEvent", message);
        }

        export const identifyUser = (traits: object) => sendAnalytics("identifyUser", { traits });

        function sendAnalytics(operation: string, message: any) {
            fetch("/_analytics/" + operation, { method: "POST", body: JSON.stringify(message) });
        }

        export const trackPathChange = (path: string) => trackEventInternal("path_changed", { path });
        """,
    "dashboard/Modal.tsx": """
        import { trackEvent } from "./Analytics";

        export function onDismiss(title: string) {
            trackEvent("modal_dismiss", { title });
        }
        """,
    "dashboard/service.ts": """
        import { sendTrackEvent } from "./Analytics";

        export function relay(data: any) {
            sendTrackEvent(data.msg);
        }
        """,
    "supervisor/client.ts": """
        export class DashboardClient {
            constructor(private readonly target: Window) {}

            trackEvent(msg: { event: string; properties?: object }): void {
                this.target.postMessage({ type: "ide-track-event", msg }, "*");
            }

            setState(state: object): void {
                this.target.postMessage({ type: "ide-set-state", state }, "*");
            }
        }

        export function onClose(dashboardClient: DashboardClient) {
            dashboardClient.trackEvent({ event: "ide_close_signal", properties: { kind: "x" } });
            dashboardClient.setState({ event: "closed" });
        }
        """,
    "lookalikes.ts": """
        // Fetches to URLs that name no analytics, a window message of other data.
        export function postComment(name: string) {
            fetch("/api/comments", { method: "POST", body: JSON.stringify({ event: name }) });
        }

        export function saveTrack(name: string) {
            fetch("/api/tracks", { method: "POST", body: JSON.stringify({ event: name }) });
        }

        export function resize(height: number) {
            window.parent.postMessage({ type: "resize", height }, "*");
        }

        postComment("hello");
        saveTrack("Intro");
        resize(300);
        """,
}


def test_relays_to_the_server_are_suggested_with_the_line_of_the_nameable_wrapper(
    write: WriteFiles, run: RunCli
) -> None:
    write(**RELAY)
    result = run("scan", "--suggest-config")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "0 tracking calls (0 events) in 5 files.",
        "",
        "3 calls look like tracking calls but could not be proven; to read them, add to "
        "evdict.yaml:",
        "wrappers:",
        "  - {callee: trackEventInternal, event: 0, properties: 1, language: javascript}"
        "  # 2 calls: dashboard/Analytics.ts:21, dashboard/Modal.tsx:4 (modal_dismiss, "
        "path_changed); evidence: sendAnalytics sends parameter 'message' to the product's "
        "server (fetch '/_analytics/')",
        '  - {callee: dashboardClient.trackEvent, event: "0.event", properties: '
        '"0.properties", language: javascript}  # 1 call: supervisor/client.ts:14 '
        "(ide_close_signal); evidence: DashboardClient.trackEvent posts parameter 'msg' to "
        "another window (message type 'ide-track-event')",
    ]


def test_a_scan_without_the_flag_counts_the_relayed_calls(write: WriteFiles, run: RunCli) -> None:
    write(**RELAY)
    assert run("scan").output.splitlines() == [
        "0 tracking calls (0 events) in 5 files.",
        "3 calls look like tracking calls but could not be proven: `evdict scan "
        "--suggest-config` lists the evdict.yaml lines that would read them.",
    ]
    write(
        **{
            **dict.fromkeys(RELAY, "export const none = 1\n"),
            "lookalikes.ts": RELAY["lookalikes.ts"],
        }
    )
    assert run("scan").output.splitlines() == ["0 tracking calls (0 events) in 5 files."]


def test_the_suggested_relay_lines_read_the_calls(
    write: WriteFiles, run: RunCli, suggested_calls: SuggestedCalls
) -> None:
    write(**RELAY)
    calls = suggested_calls()
    assert [(call["path"], call["line"], call["event"]) for call in calls] == [
        ("dashboard/Analytics.ts", 21, "path_changed"),
        ("dashboard/Modal.tsx", 4, "modal_dismiss"),
        ("supervisor/client.ts", 14, "ide_close_signal"),
    ]
    assert run("scan", "--suggest-config").output.endswith(
        "No unproven calls that look like tracking calls.\n"
    )
