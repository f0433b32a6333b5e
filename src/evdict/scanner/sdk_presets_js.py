"""The JavaScript and TypeScript SDK presets, as data (Python's and the lookups are
:mod:`evdict.scanner.sdk_presets`). Signatures were checked against each SDK's own
sources and docs.

JavaScript and TypeScript (one preset language: TypeScript adds types, not calls).
npm specifiers read the Python way (``@segment/analytics-next`` is module
``@segment.analytics-next``, root ``@segment``) and a default import names ``default``
(``import posthog from "posthog-js"`` is ``posthog-js.default``). A client is what a
constructor or factory returns, by its last name: ``new PostHog(key)``,
``AnalyticsBrowser.load({...})`` (``load``), ``usePostHog()``, ``Mixpanel.init(token)``
(``init``):

* Segment analytics.js / ``@segment/analytics-next``: ``analytics.track(event,
  properties?, options?, callback?)`` on the snippet's global or an
  ``AnalyticsBrowser``; ``@segment/analytics-node`` (and the older ``analytics-node``):
  ``new Analytics({writeKey}).track({userId, event, properties})``.
* RudderStack ``@rudderstack/analytics-js`` (``new RudderAnalytics()``, the
  ``rudderanalytics`` global) reads like analytics.js; ``@rudderstack/rudder-sdk-node``
  like analytics-node.
* PostHog ``posthog-js``: ``posthog.capture(event, properties?, options?)``, also on
  ``window.posthog`` and on ``usePostHog()`` (``posthog-js/react``, ``posthog-react-native``;
  a file importing either is parsed: ``const { capture } = usePostHog()`` calls
  ``capture(...)`` bare); ``posthog-node``:
  ``new PostHog(key).capture({distinctId, event, properties})``.
* Mixpanel ``mixpanel-browser``: ``mixpanel.track(event, properties?)``; ``mixpanel``
  (Node): ``Mixpanel.init(token).track(event, properties)``.
* Amplitude ``@amplitude/analytics-browser`` (-node, -react-native, unified):
  ``track(eventType, eventProperties?)`` or ``track({event_type, event_properties})``,
  ``logEvent`` an alias, also imported alone (``import { track }``). The name
  ``amplitude`` counts as a receiver only next to an import: physics has amplitudes.
* Heap ``heap.track(event, properties?)``, Pendo ``pendo.track(event, metadata?)``,
  Userpilot ``userpilot.track(event, metadata?)``: the globals of their snippets.
* Snowplow ``@snowplow/browser-tracker``: ``trackStructEvent({category, action, label?,
  property?, value?})`` (the event is the action), ``trackSelfDescribingEvent({event:
  {schema, data}})`` (the schema's name part).
* gtag.js: ``gtag("event", name, params?)``; other commands (``config``, ``set``) send none.
* Meta Pixel: ``fbq("track", name, params?)`` (standard events) and ``fbq("trackCustom",
  name, params?)`` on the snippet's global, ``fbq("trackSingle", pixelId, name, params?)``
  (and ``trackSingleCustom``) for one pixel of several; ``init``, ``consent``, ``set``
  send none.
* Plausible: ``plausible(name, {props})`` (the script's global; ``callback``, ``revenue``
  are options, not properties), ``track(name, {props})`` from ``@plausible-analytics/tracker``,
  next-plausible's ``usePlausible()`` returning that function (the client's ``__call__``).
* Simple Analytics: ``sa_event(name, metadata?)`` on the script's global (the second
  argument may instead be a callback, which sends no metadata).
* Vercel Web Analytics ``@vercel/analytics`` (``/react``, ``/next``, ``/server``):
  ``track(name, properties?)``, imported alone or on the default export (``va.track``).
* react-ga4: ``ReactGA.event(name, params?)`` or, Universal Analytics style,
  ``ReactGA.event({category, action, label?, value?})`` (the event is the action).
* Umami: ``umami.track(name, data?)`` on the script's global; ``umami.track()`` with no
  name records a page view, not an event.
* amplitude-js (the SDK before ``@amplitude/analytics-browser``):
  ``amplitude.getInstance(name?).logEvent(event, properties?)``.
* Segment ``@segment/analytics-react-native``: ``createClient({writeKey}).track(event,
  properties?)`` and ``const { track } = useAnalytics()``; ``mixpanel-react-native``:
  ``new Mixpanel(token).track(event, properties?)``.
* Firebase Analytics: ``logEvent(analytics, name, params?)`` from ``firebase/analytics`` (and
  ``@react-native-firebase/analytics``' modular API); the namespaced
  ``firebase.analytics().logEvent(name, params?)``, React Native Firebase's
  ``analytics().logEvent(name, params?)`` (also on ``getAnalytics()``, and on v5's
  ``firebase.analytics()`` from ``react-native-firebase``) and Expo's
  ``logEvent(name, params?)`` from ``expo-firebase-analytics``.
* Google Tag Manager: ``dataLayer.push({event, ...params})`` (the other keys are the
  parameters; a push with no ``event`` key sets variables, no event), react-gtm-module's
  ``TagManager.dataLayer({dataLayer: {event, ...}})``, and ``@next/third-parties/google``'s
  ``sendGTMEvent({event, ...})`` and ``sendGAEvent("event", name, params?)`` (or, as Next.js
  14 documented it, ``sendGAEvent({event, ...})``).
* Universal Analytics (analytics.js): ``ga("send", "event", category, action, label?,
  value?)`` (the event is the action).
* LogRocket ``LogRocket.track(name, properties?)``; Braze ``logCustomEvent(name,
  properties?)`` (``@braze/web-sdk``, ``@braze/react-native-sdk``); Statsig
  ``client.logEvent(name, value?, metadata?)`` or ``logEvent({eventName, value, metadata})``
  (``@statsig/js-client``, ``statsig-js``); Intercom ``Intercom("trackEvent", name,
  metadata?)`` and ``trackEvent(name, metadata?)`` (``@intercom/messenger-js-sdk``,
  ``useIntercom()``); Hotjar ``hj("event", name)``.
* vue-gtag: ``event(name, params?)`` (imported, or ``useGtag()``'s) and the plugin's
  ``this.$gtag.event(name, params?)``; vue-gtm and Nuxt's GTM module: ``this.$gtm.push({event,
  ...})``, ``useGtm().trackEvent({event, ...})``; react-ga (Universal Analytics) reads as
  react-ga4; ``@angular/fire/analytics`` re-exports Firebase's modular ``logEvent``.
* The ``analytics`` package (getanalytics.io): ``Analytics({app, plugins}).track(name,
  properties?)`` and ``use-analytics``' ``useAnalytics()``.
* Jitsu ``@jitsu/js``: ``jitsuAnalytics({host, writeKey}).track(name, properties?)`` or
  ``track({event, ...properties})``.
* OpenPanel ``@openpanel/sdk`` (``/web``, ``/nextjs``, ``/react-native``): ``new
  OpenPanel({clientId}).track(name, properties?)``, ``useOpenPanel().track(...)``.
* GA4's Measurement Protocol: no SDK, an HTTP POST to
  ``https://www.google-analytics.com/mp/collect?measurement_id=...&api_secret=...`` (or
  ``/debug/mp/collect``, or a regional host ``region1.google-analytics.com``) whose JSON
  body is ``{client_id, events: [{name, params}]}``: ``fetch(url, {method, body:
  JSON.stringify(body)})``, ``ofetch(url, {body})`` and ``$fetch`` (ofetch, Nuxt),
  ``axios.post(url, body)``, ``ky.post(url, {json: body})``, ``got.post(url, {json:
  body})``. The URL's literal text proves the call (a string or template written at the
  call, or a name bound once to one: :func:`~evdict.scanner.resolve.local_objects.spelled_out`);
  the event is the first element of ``events``.
* PostHog's capture API with no SDK: a POST of ``{api_key, event, distinct_id,
  properties}`` to ``https://us.i.posthog.com/i/v0/e/`` (or the older
  ``app.posthog.com/capture/``), read as GA4's Measurement Protocol is (the same clients,
  the URL's literal text the proof, also as the default of a setting: ``process.env.URL
  ?? "https://..."``; the calls say ``sdk posthog``, the preset is GA4's, which reads
  both); a body a helper of the module returns is read as returned
  (:mod:`~evdict.scanner.resolve.helper_return`).
* VS Code's ``@vscode/extension-telemetry`` (and the older ``vscode-extension-telemetry``):
  ``new TelemetryReporter(key).sendTelemetryEvent(name, properties?, measurements?)``, the
  same for ``sendTelemetryErrorEvent`` (an event flagged as an error) and the
  ``sendDangerous...`` variants (not scrubbed); the measurements' keys are the event's too.
"""

from __future__ import annotations

from evdict.scanner.presets import CALLED, Preset, Signature, Slot
from evdict.scanner.sdk_presets_nuxt import NUXT_PRESETS

_JS_TRACK = Signature(event=Slot(0), properties=Slot(1))
_JS_SERVER_TRACK = Signature(event=Slot(0, key="event"), properties=Slot(0, key="properties"))
_JS_SEGMENT = (_JS_SERVER_TRACK, _JS_TRACK)
_AMPLITUDE = (
    Signature(event=Slot(0, key="event_type"), properties=Slot(0, key="event_properties")),
    _JS_TRACK,
)
# Jitsu's ``track({event, ...rest})``: the name under ``event``, the rest its properties (the
# ``analytics`` library it is built on reads an object first argument so).
_JITSU_OBJECT = Signature(event=Slot(0, key="event"), properties=Slot(0))
_PLAUSIBLE = (Signature(event=Slot(0), properties=Slot(1, key="props")),)
GA4_URL = (0, ("google-analytics.com/mp/collect", "google-analytics.com/debug/mp/collect"))
_VSCODE_TELEMETRY = (Signature(event=Slot(0), properties=Slot(1), more_properties=Slot(2)),)
POSTHOG_CAPTURE_URL = (0, ("posthog.com/capture", "posthog.com/i/v0/e"))


def _posted(
    body: str, event: str, properties: str, url: tuple[int, tuple[str, ...]], api: str | None
) -> Signature:
    """A request posting an event to ``url``: its name and properties at the keys
    ``event`` and ``properties`` of the body at ``body`` of the request (the request
    itself when empty)."""
    prefix = f"{body}." if body else ""
    return Signature(
        event=Slot(1, key=f"{prefix}{event}"),
        properties=Slot(1, key=f"{prefix}{properties}"),
        url=url,
        api=api,
    )


def _ga4_body(body: str) -> Signature:
    """The first event of a Measurement Protocol body."""
    return _posted(body, "events.0.name", "events.0.params", GA4_URL, None)


def _posthog_body(body: str) -> Signature:
    """PostHog's capture API: ``{api_key, event, distinct_id, properties}``."""
    return _posted(body, "event", "properties", POSTHOG_CAPTURE_URL, "posthog")


# One preset reads the requests of every analytics API posted with no SDK: the first of
# several presets with a method ``fetch`` would take every ``fetch``.
_HTTP_FETCH = (_ga4_body("body"), _posthog_body("body"))
_HTTP_POST = (_ga4_body(""), _ga4_body("json"), _posthog_body(""), _posthog_body("json"))

JS_PRESETS: tuple[Preset, ...] = (
    Preset(
        name="segment",
        language="javascript",
        packages=(
            "@segment/analytics-next",
            "@segment/analytics-node",
            "@segment/analytics-react-native",
            "analytics-node",
            "@june-so/analytics-next",
            "@june-so/analytics-node",
        ),
        roots=("@segment", "analytics-node", "@june-so"),
        clients=(
            "AnalyticsBrowser",
            "Analytics",
            "load",
            "default",
            "analytics-node",
            "createClient",
            "useAnalytics",
        ),
        methods=(("track", _JS_SEGMENT),),
        receivers=("analytics",),
        markers=("@segment/analytics-react-native",),
    ),
    Preset(
        name="rudderstack",
        language="javascript",
        packages=("@rudderstack/analytics-js", "@rudderstack/rudder-sdk-node", "rudder-sdk-js"),
        roots=("@rudderstack", "rudder-sdk-js"),
        clients=("RudderAnalytics", "Analytics", "default", "rudder-sdk-node"),
        methods=(("track", _JS_SEGMENT),),
        receivers=("rudderanalytics", "rudderAnalytics"),
    ),
    Preset(
        name="posthog",
        language="javascript",
        packages=("posthog-js", "posthog-node", "posthog-react-native", "@posthog/nuxt"),
        roots=("posthog-js", "posthog-node", "posthog-react-native"),
        modules=("posthog-js", "posthog-js.default", "posthog-js.posthog"),
        clients=("PostHog", "usePostHog"),
        methods=(("capture", (_JS_SERVER_TRACK, _JS_TRACK)),),
        receivers=("posthog",),
        markers=("posthog-js/react", "posthog-react-native"),
    ),
    Preset(
        name="mixpanel",
        language="javascript",
        packages=("mixpanel-browser", "mixpanel", "mixpanel-react-native"),
        roots=("mixpanel-browser", "mixpanel", "mixpanel-react-native"),
        modules=("mixpanel-browser", "mixpanel-browser.default"),
        clients=("init", "Mixpanel"),
        methods=(("track", (_JS_TRACK,)),),
        receivers=("mixpanel",),
    ),
    Preset(
        name="amplitude",
        language="javascript",
        packages=(
            "@amplitude/analytics-browser",
            "@amplitude/analytics-node",
            "@amplitude/analytics-react-native",
            "@amplitude/unified",
            "amplitude-js",
            "@amplitude/react-native",
        ),
        roots=("@amplitude", "amplitude-js"),
        modules=(
            "@amplitude.analytics-browser",
            "@amplitude.analytics-node",
            "@amplitude.analytics-react-native",
            "@amplitude.unified",
        ),
        clients=("createInstance", "getInstance"),
        methods=(("track", _AMPLITUDE), ("logEvent", _AMPLITUDE)),
        receivers=("amplitude",),
        receivers_need_import=True,
        markers=("@amplitude/", "amplitude-js"),
    ),
    Preset(
        name="heap",
        language="javascript",
        roots=(),
        methods=(("track", (_JS_TRACK,)),),
        receivers=("heap",),
    ),
    Preset(
        name="pendo",
        language="javascript",
        roots=(),
        methods=(("track", (_JS_TRACK,)),),
        receivers=("pendo",),
    ),
    Preset(
        name="userpilot",
        language="javascript",
        packages=("userpilot",),
        roots=("userpilot",),
        modules=("userpilot.Userpilot",),
        methods=(("track", (_JS_TRACK,)),),
        receivers=("userpilot",),
    ),
    Preset(
        name="snowplow",
        language="javascript",
        packages=("@snowplow/browser-tracker",),
        roots=("@snowplow",),
        modules=("@snowplow.browser-tracker",),
        methods=(
            (
                "trackStructEvent",
                (
                    Signature(
                        event=Slot(0, key="action"),
                        fields=(
                            ("category", Slot(0, key="category")),
                            ("label", Slot(0, key="label")),
                            ("property", Slot(0, key="property")),
                            ("value", Slot(0, key="value")),
                        ),
                    ),
                ),
            ),
            (
                "trackSelfDescribingEvent",
                (
                    Signature(
                        event=Slot(0, key="event.schema"),
                        properties=Slot(0, key="event.data"),
                        event_transform="iglu_name",
                    ),
                ),
            ),
        ),
        markers=("@snowplow/",),
    ),
    Preset(
        name="gtag",
        language="javascript",
        roots=(),
        methods=(
            (
                "gtag",
                (Signature(event=Slot(1), properties=Slot(2), when=((0, "event"),)),),
            ),
        ),
        globals=("gtag",),
    ),
    Preset(
        name="meta-pixel",
        language="javascript",
        roots=(),
        methods=(
            (
                "fbq",
                (
                    Signature(event=Slot(1), properties=Slot(2), when=((0, "track"),)),
                    Signature(event=Slot(1), properties=Slot(2), when=((0, "trackCustom"),)),
                    Signature(event=Slot(2), properties=Slot(3), when=((0, "trackSingle"),)),
                    Signature(event=Slot(2), properties=Slot(3), when=((0, "trackSingleCustom"),)),
                ),
            ),
        ),
        globals=("fbq",),
    ),
    Preset(
        name="plausible",
        language="javascript",
        packages=("@plausible-analytics/tracker", "next-plausible"),
        roots=("@plausible-analytics", "next-plausible"),
        modules=("@plausible-analytics.tracker",),
        clients=("usePlausible",),
        methods=(("plausible", _PLAUSIBLE), ("track", _PLAUSIBLE), (CALLED, _PLAUSIBLE)),
        globals=("plausible",),
        markers=("next-plausible",),
    ),
    Preset(
        name="simple-analytics",
        language="javascript",
        roots=(),
        methods=(("sa_event", (_JS_TRACK,)),),
        globals=("sa_event",),
    ),
    Preset(
        name="vercel",
        language="javascript",
        packages=("@vercel/analytics",),
        roots=("@vercel",),
        modules=(
            "@vercel.analytics",
            "@vercel.analytics.default",
            "@vercel.analytics.react",
            "@vercel.analytics.next",
            "@vercel.analytics.server",
        ),
        methods=(("track", (_JS_TRACK,)),),
        markers=("@vercel/analytics",),
    ),
    Preset(
        name="react-ga4",
        language="javascript",
        packages=("react-ga4", "react-ga"),
        roots=("react-ga4", "react-ga"),
        modules=("react-ga4.default", "react-ga.default"),
        methods=(
            (
                "event",
                (
                    Signature(
                        event=Slot(0, key="action"),
                        fields=(
                            ("category", Slot(0, key="category")),
                            ("label", Slot(0, key="label")),
                            ("value", Slot(0, key="value")),
                        ),
                    ),
                    _JS_TRACK,
                ),
            ),
        ),
    ),
    Preset(
        name="umami",
        language="javascript",
        roots=(),
        methods=(("track", (Signature(event=Slot(0), properties=Slot(1), min_positional=1),)),),
        receivers=("umami",),
    ),
    Preset(
        name="firebase",
        language="javascript",
        packages=("@react-native-firebase/analytics",),  # `firebase` is auth, storage...
        roots=("firebase", "@react-native-firebase"),
        modules=(
            "firebase.analytics",
            "@react-native-firebase.analytics",
            "@angular.fire.analytics",
        ),
        methods=(("logEvent", (Signature(event=Slot(1), properties=Slot(2)),)),),
        markers=(
            "firebase/analytics",
            "@react-native-firebase/analytics",
            "@angular/fire/analytics",
        ),
    ),
    Preset(
        name="firebase",
        language="javascript",
        packages=("react-native-firebase", "expo-firebase-analytics"),
        roots=(
            "firebase",
            "@react-native-firebase",
            "react-native-firebase",
            "expo-firebase-analytics",
        ),
        modules=("expo-firebase-analytics",),
        clients=("analytics", "default", "getAnalytics"),
        methods=(("logEvent", (_JS_TRACK,)),),
        markers=("expo-firebase-analytics",),
    ),
    Preset(
        name="gtm",
        language="javascript",
        packages=("react-gtm-module", "@next/third-parties", "@gtm-support/vue-gtm", "@nuxtjs/gtm"),
        roots=("react-gtm-module", "@next", "@gtm-support"),
        modules=("react-gtm-module.default", "@next.third-parties.google"),
        clients=("useGtm",),
        methods=(
            ("push", (Signature(event=Slot(0, key="event"), properties=Slot(0)),)),
            (
                "dataLayer",
                (
                    Signature(
                        event=Slot(0, key="dataLayer.event"), properties=Slot(0, key="dataLayer")
                    ),
                ),
            ),
            ("sendGTMEvent", (Signature(event=Slot(0, key="event"), properties=Slot(0)),)),
            ("trackEvent", (Signature(event=Slot(0, key="event"), properties=Slot(0)),)),
            (
                "sendGAEvent",
                (
                    Signature(event=Slot(1), properties=Slot(2), when=((0, "event"),)),
                    # Next.js 14's documented form, still common: ``sendGAEvent({event, value})``
                    Signature(event=Slot(0, key="event"), properties=Slot(0)),
                ),
            ),
        ),
        receivers=("dataLayer", "$gtm"),
        receiver_only=("push",),
        markers=("@next/third-parties/google",),
    ),
    Preset(
        name="universal-analytics",
        language="javascript",
        roots=(),
        methods=(
            (
                "ga",
                (
                    Signature(
                        event=Slot(3),
                        fields=(("category", Slot(2)), ("label", Slot(4)), ("value", Slot(5))),
                        when=((0, "send"), (1, "event")),
                    ),
                ),
            ),
        ),
        globals=("ga",),
    ),
    Preset(
        name="logrocket",
        language="javascript",
        packages=("logrocket",),
        roots=("logrocket",),
        modules=("logrocket.default",),
        methods=(("track", (_JS_TRACK,)),),
    ),
    Preset(
        name="braze",
        language="javascript",
        packages=("@braze/web-sdk", "@braze/react-native-sdk"),
        roots=("@braze",),
        modules=("@braze.web-sdk", "@braze.react-native-sdk.default"),
        methods=(("logCustomEvent", (_JS_TRACK,)),),
        markers=("@braze/",),
    ),
    Preset(
        name="statsig",
        language="javascript",
        packages=("@statsig/js-client", "@statsig/react-bindings", "statsig-js"),
        roots=("@statsig", "statsig-js"),
        modules=("statsig-js.default",),
        clients=("StatsigClient",),
        methods=(
            (
                "logEvent",
                (
                    Signature(
                        event=Slot(0, key="eventName"),
                        properties=Slot(0, key="metadata"),
                        fields=(("value", Slot(0, key="value")),),
                    ),
                    Signature(event=Slot(0), properties=Slot(2), fields=(("value", Slot(1)),)),
                ),
            ),
        ),
    ),
    Preset(
        name="intercom",
        language="javascript",
        packages=("@intercom/messenger-js-sdk", "react-use-intercom"),
        roots=("@intercom", "react-use-intercom"),
        modules=("@intercom.messenger-js-sdk",),
        clients=("useIntercom",),
        methods=(
            (
                "Intercom",
                (Signature(event=Slot(1), properties=Slot(2), when=((0, "trackEvent"),)),),
            ),
            ("trackEvent", (_JS_TRACK,)),
        ),
        globals=("Intercom",),
        markers=("@intercom/messenger-js-sdk", "react-use-intercom"),
    ),
    Preset(
        name="hotjar",
        language="javascript",
        roots=(),
        methods=(("hj", (Signature(event=Slot(1), when=((0, "event"),)),)),),
        globals=("hj",),
    ),
    Preset(
        name="vue-gtag",
        language="javascript",
        packages=("vue-gtag", "vue-gtag-next"),
        roots=("vue-gtag", "vue-gtag-next"),
        modules=("vue-gtag", "vue-gtag-next"),
        clients=("useGtag",),
        methods=(("event", (_JS_TRACK,)),),
        receivers=("$gtag",),
        receiver_only=("event",),
        markers=("vue-gtag",),
    ),
    Preset(
        name="getanalytics",
        language="javascript",
        packages=("analytics", "use-analytics"),
        roots=("analytics", "use-analytics"),
        clients=("default", "Analytics", "useAnalytics"),
        methods=(("track", (_JS_TRACK,)),),
        markers=("use-analytics",),
    ),
    Preset(
        name="jitsu",
        language="javascript",
        packages=("@jitsu/js", "@jitsu/jitsu-react", "@jitsu/sdk-js"),
        roots=("@jitsu",),
        clients=("jitsuAnalytics",),
        methods=(("track", (_JITSU_OBJECT, _JS_TRACK)),),
        markers=("@jitsu/",),
    ),
    Preset(
        name="openpanel",
        language="javascript",
        packages=(
            "@openpanel/sdk",
            "@openpanel/web",
            "@openpanel/nextjs",
            "@openpanel/react-native",
        ),
        roots=("@openpanel",),
        clients=("OpenPanel", "useOpenPanel"),
        methods=(("track", (_JS_TRACK,)),),
        markers=("@openpanel/",),
    ),
    Preset(
        name="vscode-telemetry",
        language="javascript",
        packages=("@vscode/extension-telemetry", "vscode-extension-telemetry"),
        roots=("@vscode", "vscode-extension-telemetry"),
        clients=("TelemetryReporter", "default"),
        methods=tuple(
            (name, _VSCODE_TELEMETRY)
            for name in (
                "sendTelemetryEvent",
                "sendTelemetryErrorEvent",
                "sendDangerousTelemetryEvent",
                "sendDangerousTelemetryErrorEvent",
            )
        ),
        markers=("@vscode/extension-telemetry", "vscode-extension-telemetry"),
    ),
    Preset(
        name="ga4-measurement-protocol",
        language="javascript",
        roots=(),
        modules=("ofetch", "axios.default", "ky.default", "got.default"),
        methods=(
            ("fetch", _HTTP_FETCH),
            ("ofetch", _HTTP_FETCH),
            ("$fetch", _HTTP_FETCH),
            ("post", _HTTP_POST),
        ),
        globals=("fetch", "$fetch"),
        # Requests are everywhere: only a file naming the endpoint is worth parsing.
        receiver_only=("fetch", "ofetch", "$fetch", "post"),
        markers=(*GA4_URL[1], *POSTHOG_CAPTURE_URL[1]),
    ),
    *NUXT_PRESETS,
)
