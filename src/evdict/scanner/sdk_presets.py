"""The SDK presets, as data (the table): which calls send an event, and which argument holds what.

Signatures were checked against each SDK's own sources and docs:

* Segment ``analytics-python`` / ``segment-analytics-python``:
  ``analytics.track(user_id=None, event=None, properties=None, ...)``, also on
  ``analytics.Client(write_key)`` instances; imported as ``import analytics`` or
  ``import segment.analytics as analytics``.
* RudderStack ``rudder-sdk-python``: the same shape, ``import rudderstack.analytics as
  rudder_analytics`` (older: ``import rudder_analytics``).
* PostHog ``posthog``: before 6.0 ``capture(distinct_id, event, properties=None, ...)``;
  from 6.0 ``capture(event, **kwargs)`` with ``distinct_id=``/``properties=`` keywords.
  Two or more positional arguments mean the old signature. The same SDK is also
  published as ``posthoganalytics`` (PostHog's own app imports it so, beside its
  ``posthog`` package).
* Mixpanel ``mixpanel``: ``Mixpanel(token).track(distinct_id, event_name, properties=None,
  meta=None)``.
* Amplitude ``amplitude-analytics``: ``client.track(BaseEvent(event_type, ...,
  event_properties=...))``; the ``BaseEvent`` is the tracking call (it is often built
  first and tracked later), its properties are often assigned afterwards.
* Snowplow ``snowplow-tracker``: ``StructuredEvent(category, action, label=None,
  property_=None, value=None, ...)`` (the event is the action) and
  ``SelfDescribing(SelfDescribingJson(schema, data))`` (the event is the schema's name
  part), tracked with ``tracker.track(...)``; older trackers had
  ``track_struct_event``/``track_self_describing_event`` with the same arguments.
* Statsig ``statsig``: ``statsig.log_event(StatsigEvent(user, event_name, value=None,
  metadata=None))``; the ``StatsigEvent`` is the tracking call, as Amplitude's ``BaseEvent``.
* Heap ``heapanalytics`` / ``heapapi``: ``track(identity, event, properties=None)`` (the
  identity comes first, unlike the JavaScript SDK).
* ploomber-core (the telemetry of Ploomber's tools, PostHog underneath):
  ``telemetry = Telemetry(api_key, package_name, version)``;
  ``@telemetry.log_call(action=None, payload=False, ...)`` decorates a function, and each
  call of it sends ``{package_name}-{action}-success`` when it returns or ``-error`` when
  it raises (``action`` defaults to the function's name; ``group="G"`` makes the
  prefix ``{package_name}-G``; ``_`` written ``-``);
  ``telemetry.log_api(action, ..., metadata=None)`` sends ``action`` as it is.
* iterative-telemetry (DVC's and Evidently's telemetry): ``IterativeTelemetryLogger(tool_name,
  version, url=..., token=...)``; ``send_event(interface, action, error=None, use_thread=False,
  use_daemon=True, **kwargs)`` (and ``send_event_once``) posts ``{interface, action, error,
  extra: kwargs}``: the event is the action, the properties the other keyword arguments.
* GA4's Measurement Protocol, with no SDK: ``requests.post(url, json={"client_id": ...,
  "events": [{"name": name, "params": {...}}]})`` (``httpx.post`` alike; ``json=payload``
  a local dict) to a URL (written at the call or a constant) that holds ``google-analytics.com/mp/collect`` (or
  ``/debug/mp/collect``); the event is the first element of ``events`` (JavaScript's
  clients are in :mod:`evdict.scanner.sdk_presets_js`).
* PostHog's capture API, with no SDK, read by the same preset: ``requests.post(url,
  json={"api_key": ..., "event": name, "distinct_id": ..., "properties": {...}})`` (or
  ``httpx.post``) to a URL holding ``posthog.com/capture`` or ``posthog.com/i/v0/e``; the
  calls say ``sdk posthog`` (reflex's CLI telemetry posts so).

The JavaScript and TypeScript presets are :mod:`evdict.scanner.sdk_presets_js`.
"""

from __future__ import annotations

from evdict.scanner.presets import DecoratorName, Preset, Signature, Slot
from evdict.scanner.sdk_presets_js import GA4_URL, JS_PRESETS, POSTHOG_CAPTURE_URL

_SEGMENT_TRACK = (Signature(event=Slot(1, "event"), properties=Slot(2, "properties")),)
_STRUCTURED = Signature(
    event=Slot(1, "action"),
    fields=(
        ("category", Slot(0, "category")),
        ("label", Slot(2, "label")),
        ("property", Slot(3, "property_")),
        ("value", Slot(4, "value")),
    ),
)
_ITERATIVE_EVENT = Signature(
    event=Slot(1, "action"),
    kwargs_properties=True,
    sdk_keywords=("interface", "error", "use_thread", "use_daemon"),
)
_SELF_DESCRIBING = Signature(
    event=Slot(0, "event_json", inner=Slot(0, "schema")),
    properties=Slot(0, "event_json", inner=Slot(1, "data")),
    event_transform="iglu_name",
)

# ``requests.post(url, json={"events": [{"name": ..., "params": ...}]})``
GA4_JSON_BODY = Signature(
    event=Slot(2, "json", key="events.0.name"),
    properties=Slot(2, "json", key="events.0.params"),
    url=GA4_URL,
)
# ``requests.post(url, json={"api_key": ..., "event": ..., "properties": {...}})``
POSTHOG_JSON_BODY = Signature(
    event=Slot(2, "json", key="event"),
    properties=Slot(2, "json", key="properties"),
    url=POSTHOG_CAPTURE_URL,
    api="posthog",
)

PRESETS: tuple[Preset, ...] = (
    Preset(
        name="segment",
        language="python",
        packages=("analytics-python", "segment-analytics-python"),
        roots=("analytics", "segment"),
        modules=("analytics", "segment.analytics"),
        clients=("Client",),
        methods=(("track", _SEGMENT_TRACK),),
        receivers=("analytics", "segment_analytics"),
    ),
    Preset(
        name="rudderstack",
        language="python",
        packages=("rudder-sdk-python",),
        roots=("rudderstack", "rudder_analytics"),
        modules=("rudder_analytics", "rudderstack.analytics"),
        clients=("Client",),
        methods=(("track", _SEGMENT_TRACK),),
        receivers=("rudder_analytics",),
    ),
    Preset(
        name="posthog",
        language="python",
        packages=("posthog", "posthoganalytics"),
        roots=("posthog", "posthoganalytics"),
        modules=("posthog", "posthoganalytics"),
        clients=("Posthog", "Client"),
        methods=(
            (
                "capture",
                (
                    Signature(
                        event=Slot(1, "event"), properties=Slot(2, "properties"), min_positional=2
                    ),
                    Signature(event=Slot(0, "event"), properties=Slot(None, "properties")),
                ),
            ),
        ),
        receivers=("posthog", "posthog_client"),
    ),
    Preset(
        name="mixpanel",
        language="python",
        packages=("mixpanel",),
        roots=("mixpanel",),
        clients=("Mixpanel",),
        methods=(
            ("track", (Signature(event=Slot(1, "event_name"), properties=Slot(2, "properties")),)),
        ),
        receivers=("mp", "mixpanel", "mixpanel_client"),
    ),
    Preset(
        name="amplitude",
        language="python",
        packages=("amplitude-analytics",),
        roots=("amplitude",),
        clients=("Amplitude",),
        constructors=(
            (
                "BaseEvent",
                (
                    Signature(
                        event=Slot(0, "event_type"),
                        properties=Slot(None, "event_properties"),
                        missing_properties_partial=True,
                    ),
                ),
            ),
        ),
    ),
    Preset(
        name="snowplow",
        language="python",
        packages=("snowplow-tracker",),
        roots=("snowplow_tracker",),
        clients=("Tracker",),
        methods=(
            ("track_struct_event", (_STRUCTURED,)),
            ("track_self_describing_event", (_SELF_DESCRIBING,)),
        ),
        constructors=(("StructuredEvent", (_STRUCTURED,)), ("SelfDescribing", (_SELF_DESCRIBING,))),
        receivers=("tracker", "snowplow_tracker", "snowplow"),
        receivers_need_import=True,
    ),
    Preset(
        name="heap",
        language="python",
        packages=("heapapi",),
        roots=("heapanalytics", "heapapi"),
        clients=("HeapAnalytics", "HeapAPIClient"),
        methods=(
            ("track", (Signature(event=Slot(1, "event"), properties=Slot(2, "properties")),)),
        ),
        receivers=("heap", "heap_client"),
        receivers_need_import=True,
    ),
    Preset(
        name="statsig",
        language="python",
        packages=("statsig",),
        roots=("statsig",),
        constructors=(
            (
                "StatsigEvent",
                (
                    Signature(
                        event=Slot(1, "event_name"),
                        properties=Slot(3, "metadata"),
                        fields=(("value", Slot(2, "value")),),
                    ),
                ),
            ),
        ),
    ),
    Preset(
        name="ploomber-core",
        language="python",
        packages=("ploomber-core",),
        roots=("ploomber_core",),
        clients=("Telemetry",),
        methods=(
            (
                "log_call",
                (
                    Signature(
                        event=Slot(0, "action"),
                        decorated=DecoratorName(
                            Slot(1, "package_name"),
                            ("-success", "-error"),
                            group=Slot(4, "group"),
                            dashes=True,
                        ),
                    ),
                ),
            ),
            ("log_api", (Signature(event=Slot(0, "action"), properties=Slot(3, "metadata")),)),
        ),
    ),
    Preset(
        name="iterative-telemetry",
        language="python",
        packages=("iterative-telemetry",),
        roots=("iterative_telemetry",),
        clients=("IterativeTelemetryLogger",),
        methods=(("send_event", (_ITERATIVE_EVENT,)), ("send_event_once", (_ITERATIVE_EVENT,))),
    ),
    Preset(
        name="ga4-measurement-protocol",
        language="python",
        roots=(),
        modules=("requests", "httpx"),
        methods=(("post", (GA4_JSON_BODY, POSTHOG_JSON_BODY)),),
        # Requests are everywhere: only a file naming the endpoint is worth parsing.
        receiver_only=("post",),
        markers=(*GA4_URL[1], *POSTHOG_CAPTURE_URL[1]),
    ),
)


def presets_for(language: str, selected: tuple[str, ...] | None) -> tuple[Preset, ...]:
    """The presets of a language that the config turns on (``sdks``; default all)."""
    return tuple(
        preset
        for preset in (*PRESETS, *JS_PRESETS)
        if preset.language == language and (selected is None or preset.name in selected)
    )


def known_sdks() -> tuple[str, ...]:
    return tuple(dict.fromkeys(preset.name for preset in (*PRESETS, *JS_PRESETS)))
