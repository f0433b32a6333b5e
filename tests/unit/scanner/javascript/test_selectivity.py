"""Which JS/TS files a scan parses: the prefilter lets through what can hold a call
(and nothing much more), and files over the size limit are never read."""

from __future__ import annotations

from pathlib import Path

from evdict.config import Config, load_config
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory
from tests.conftest import WriteFiles


def scan(root: Path) -> Inventory:
    config_file = root / "evdict.yaml"
    config = load_config(config_file) if config_file.exists() else Config.from_data({}, root)
    return scan_project(config, use_cache=False, jobs=1)


def events(inventory: Inventory) -> list[tuple[str, str]]:
    return [(Path(call.path).name, call.events[0]) for call in inventory.calls]


# Compiled library code reads ``x.default`` everywhere and mentions ``lib``/``analytics``.
_COMPILED = """\
"use strict";
var _analytics = _interopRequireDefault(require("../lib/analytics"));
var _warning = _interopRequireDefault(require("./warning"));
var Button = _warning.default;
exports.default = Button;
"""


def test_a_default_exported_wrapper_does_not_pull_in_compiled_code(write: WriteFiles) -> None:
    root = write(
        **{
            "lib/analytics.ts": """
                import { AnalyticsBrowser } from "@segment/analytics-next";
                const analytics = AnalyticsBrowser.load({ writeKey: "wk" });
                export default function trackClick(name: string) {
                  analytics.track(name);
                }
            """,
            "app.ts": """
                import trackClick from "./lib/analytics";
                trackClick("button_clicked");
            """,
            **{f"vendor/m{index}.js": _COMPILED for index in range(30)},
        }
    )
    inventory = scan(root)
    assert events(inventory) == [("app.ts", "button_clicked")]
    assert inventory.files_parsed == 2


def test_bare_sdk_functions_are_found_by_their_import_or_call(write: WriteFiles) -> None:
    root = write(
        **{
            "amplitude.ts": """
                import { track } from "@amplitude/analytics-browser";
                track("song_played", { title });
            """,
            "snowplow.ts": """
                import { trackStructEvent } from "@snowplow/browser-tracker";
                trackStructEvent({ category: "video", action: "video_played" });
            """,
            "gtag.js": 'gtag("event", "sign_up", { method: "google" });\n',
            "plausible.js": 'window.plausible?.("file_downloaded", { props: { file } });\n',
            "prose.js": "// a plausible guess, not a call: the gtag snippet is elsewhere\n",
            "local_track.js": 'function track(x) { return x; }\ntrack("not_an_event");\n',
        }
    )
    inventory = scan(root)
    assert events(inventory) == [
        ("amplitude.ts", "song_played"),
        ("gtag.js", "sign_up"),
        ("plausible.js", "file_downloaded"),
        ("snowplow.ts", "video_played"),
    ]
    assert inventory.files_parsed == 4


def test_a_minified_bundle_over_the_size_limit_is_never_read(write: WriteFiles) -> None:
    bundle = 'analytics.track("Bundled Event");' + "var a=1;" * 200
    root = write(
        **{
            "evdict.yaml": "sources: {max_file_size: 1000}\n",
            "dist-like/app.bundle.js": bundle,
            "src/app.js": 'analytics.track("Order Completed");\n',
        }
    )
    inventory = scan(root)
    assert events(inventory) == [("app.js", "Order Completed")]
    assert any("larger than max_file_size" in note for note in inventory.notes)


def test_the_default_excludes_skip_node_modules_and_min_js(write: WriteFiles) -> None:
    call = 'analytics.track("Vendored Event");\n'
    root = write(
        **{
            "node_modules/sdk/index.js": call,
            "public/vendor.min.js": call,
            "dist/app.js": call,
            "src/app.js": 'analytics.track("Order Completed");\n',
        }
    )
    assert events(scan(root)) == [("app.js", "Order Completed")]


def test_a_client_imported_through_a_path_alias_resolves(write: WriteFiles) -> None:
    root = write(
        **{
            "src/lib/posthog.ts": """
                import { PostHog } from "posthog-node";
                export const client = new PostHog("phc_key");
            """,
            "src/app/jobs.ts": """
                import { client } from "@/lib/posthog";
                client.capture({ distinctId: "u1", event: "job_finished" });
            """,
        }
    )
    assert events(scan(root)) == [("jobs.ts", "job_finished")]


def test_commonjs_exports_are_wrappers_and_constants(write: WriteFiles) -> None:
    root = write(
        **{
            "lib/track.js": """
                const Mixpanel = require("mixpanel");
                const mp = Mixpanel.init("token");
                exports.EVENT_SIGNUP = "signup_completed";
                module.exports.trackServer = function (name, props) {
                  mp.track(name, props);
                };
            """,
            "app.js": """
                const { trackServer, EVENT_SIGNUP } = require("./lib/track");
                trackServer(EVENT_SIGNUP, { plan: "pro" });
            """,
        }
    )
    assert events(scan(root)) == [("app.js", "signup_completed")]


def test_a_default_export_imported_under_another_name_is_found(write: WriteFiles) -> None:
    root = write(
        **{
            "lib/amplitude.ts": """
                import { track } from "@amplitude/analytics-browser";
                const trackEvent = (eventName: string) => { track(eventName); };
                export default trackEvent;
            """,
            "lib/index.ts": 'export { default as logAmplitude } from "./amplitude";\n',
            "app.ts": 'import logEvent from "./lib/amplitude";\nlogEvent("app_started");\n',
            "menu.ts": 'import { logAmplitude } from "./lib";\nlogAmplitude("menu_opened");\n',
            "other.ts": 'import helper from "./lib/format";\nhelper("not_an_event");\n',
        }
    )
    inventory = scan(root)
    assert events(inventory) == [("app.ts", "app_started"), ("menu.ts", "menu_opened")]
    assert inventory.files_parsed == 4


def test_a_hook_destructured_from_posthog_react_is_found(write: WriteFiles) -> None:
    root = write(
        **{
            "Banner.tsx": """
                import { usePostHog } from "posthog-js/react";
                export function Banner() {
                  const { capture } = usePostHog();
                  return <a onClick={() => capture("banner_clicked")}>Go</a>;
                }
            """,
            "Screenshot.tsx": """
                import { useScreenshot } from "./screenshot";
                export function Shot() {
                  const { capture } = useScreenshot();
                  capture(document.body);
                  return null;
                }
            """,
        }
    )
    assert events(scan(root)) == [("Banner.tsx", "banner_clicked")]


def test_a_bound_sdk_method_is_the_sdk_method(write: WriteFiles) -> None:
    root = write(
        **{
            "analytics.ts": """
                import Analytics from "analytics-node";
                const analytics = new Analytics("wk");
                export const track = analytics.track.bind(analytics);
                analytics.track({ userId: "u1", event: "server_started" });
                track({ userId: "u1", event: "slice_pushed", properties: { count: 2 } });
            """,
        }
    )
    assert events(scan(root)) == [
        ("analytics.ts", "server_started"),
        ("analytics.ts", "slice_pushed"),
    ]


def test_optional_and_bound_sdk_methods_alone_get_a_file_parsed(write: WriteFiles) -> None:
    # The manifest makes `client.posthog` a PostHog client (evidence, scanner/evidence.py).
    root = write(
        **{
            "package.json": '{"dependencies": {"posthog-js": "^1.0.0"}}',
            "optional.ts": """
                export function onExport(client: any) {
                  client.posthog.capture?.("report_exported");
                }
            """,
            "bound.js": """
                const analytics = require("./segment").default;
                module.exports.track = analytics.track.bind(analytics);
            """,
            "plain.ts": "export const progress = { step: 1 };\n",
        }
    )
    inventory = scan(root)
    assert events(inventory) == [("optional.ts", "report_exported")]
    assert inventory.files_parsed == 2


def test_a_configured_wrapper_named_with_a_dollar_gets_its_file_parsed(
    write: WriteFiles,
) -> None:
    root = write(
        **{
            "evdict.yaml": "wrappers:\n  - {callee: $track, event: 0, properties: 1}\n",
            "Panel.vue.ts": """
                export function onSave(this: any) {
                  this.$track("panel_saved", { panel: "billing" });
                  $track("panel_opened");
                }
            """,
        }
    )
    inventory = scan(root)
    assert events(inventory) == [("Panel.vue.ts", "panel_saved"), ("Panel.vue.ts", "panel_opened")]


def test_looking_names_up_among_identifiers_finds_what_searching_does() -> None:
    from evdict.scanner import prefilter

    triggers = [
        prefilter.name_trigger("track_signup"),
        prefilter.name_trigger("$track"),
        prefilter.callee_trigger(("analytics", "event")),
        prefilter.imported_name_trigger("capture", "app.tracking"),
        prefilter.methods_trigger(["track", "capture"]),
        prefilter.Trigger(b"posthog-js/react", None),
    ]
    filter_ = prefilter.Prefilter(triggers)
    texts = [
        b"from app.tracking import capture\ncapture(user, 'x')\n",
        b"track_signup_later()  # not the name\nself.analytics.event('x')\n",
        b"this.$track('x'); import { usePostHog } from 'posthog-js/react';\n",
        b"const captured = 1; progress.track_signup; ok.track (1)\n",
    ]
    for data in texts:
        assert filter_.hits(data, words=prefilter.identifiers(data)) == filter_.hits(data)
