"""The SDK presets, as data: which calls send an event, and which argument holds what.

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
* Heap ``heapanalytics`` / ``heapapi``: ``track(identity, event, properties=None)`` (the
  identity comes first, unlike the JavaScript SDK).

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
* Plausible: ``plausible(name, {props})`` (the script's global) and ``track(name,
  {props})`` from ``@plausible-analytics/tracker``.
* Vercel Web Analytics ``@vercel/analytics`` (``/react``, ``/next``, ``/server``):
  ``track(name, properties?)``, imported alone or on the default export (``va.track``).
* react-ga4: ``ReactGA.event(name, params?)`` or, Universal Analytics style,
  ``ReactGA.event({category, action, label?, value?})`` (the event is the action).
* Umami: ``umami.track(name, data?)`` on the script's global; ``umami.track()`` with no
  name records a page view, not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Slot:
    """Where a value sits in a call: a positional index and/or a keyword; ``key`` reads a
    key of a mapping argument (``"0.event"``); ``inner`` reads an argument of a call
    passed there (``SelfDescribing(SelfDescribingJson(schema, data))``)."""

    position: int | None = None
    keyword: str | None = None
    key: str | None = None
    inner: Slot | None = None

    def describe(self) -> str:
        parts = [str(self.position) if self.position is not None else "", self.keyword or ""]
        text = "|".join(part for part in parts if part)
        if self.key:
            text += f".{self.key}"
        if self.inner:
            text += f"({self.inner.describe()})"
        return text


@dataclass(frozen=True)
class Signature:
    """How to read a tracking call. The first signature of a callee that applies is
    used: the call reaches ``min_positional``, its positional string literals match
    ``when`` (``gtag("event", ...)``), and an event read from a key of an argument
    (``track({event: ...})``) finds an object literal there."""

    event: Slot
    properties: Slot | None = None
    fields: tuple[tuple[str, Slot], ...] = ()
    kwargs_properties: bool = False
    missing_properties_partial: bool = False
    min_positional: int = 0
    event_transform: str | None = None
    when: tuple[tuple[int, str], ...] = ()
    # The event is a combination: literal text and argument slots, in order
    # (``"{0}: {1}"`` for ``trackEvent(category, action)``); ``event`` is its first slot.
    event_template: tuple[str | Slot, ...] = ()


@dataclass(frozen=True)
class Preset:
    """One SDK in one language.

    ``roots``: top-level packages of the SDK (an import of one is evidence).
    ``modules``: modules whose functions track (``posthog.capture``).
    ``clients``: client class names (instances receive ``methods``).
    ``methods``: tracking functions and methods by name.
    ``constructors``: event classes whose construction is the tracking call.
    ``receivers``: variable names that usually hold a client; when
    ``receivers_need_import`` they count only in a file that imports the SDK.
    ``globals``: ``methods`` also called as global functions (``gtag(...)``,
    ``window.gtag(...)``).
    ``markers``: text that makes a file worth parsing besides the method names (the
    import of an SDK whose functions are called bare: ``"@snowplow/"``).
    ``packages``: the names the SDK is installed by (PyPI, npm): a manifest listing one is
    evidence (:mod:`evdict.scanner.evidence`), never proof.
    """

    name: str
    language: str
    roots: tuple[str, ...]
    modules: tuple[str, ...] = ()
    clients: tuple[str, ...] = ()
    methods: tuple[tuple[str, tuple[Signature, ...]], ...] = ()
    constructors: tuple[tuple[str, tuple[Signature, ...]], ...] = ()
    receivers: tuple[str, ...] = ()
    receivers_need_import: bool = False
    globals: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()

    def method(self, name: str) -> tuple[Signature, ...] | None:
        return self._methods.get(name)

    def constructor(self, name: str) -> tuple[Signature, ...] | None:
        return self._constructors.get(name)

    # Asked of every call a scan resolves, for every preset: one dict, not one per ask.
    @cached_property
    def _methods(self) -> dict[str, tuple[Signature, ...]]:
        return dict(self.methods)

    @cached_property
    def _constructors(self) -> dict[str, tuple[Signature, ...]]:
        return dict(self.constructors)


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
_SELF_DESCRIBING = Signature(
    event=Slot(0, "event_json", inner=Slot(0, "schema")),
    properties=Slot(0, "event_json", inner=Slot(1, "data")),
    event_transform="iglu_name",
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
)

# --- JavaScript / TypeScript (see the module docstring) ---------------------------------

_JS_TRACK = Signature(event=Slot(0), properties=Slot(1))
_JS_SERVER_TRACK = Signature(event=Slot(0, key="event"), properties=Slot(0, key="properties"))
_JS_SEGMENT = (_JS_SERVER_TRACK, _JS_TRACK)
_AMPLITUDE = (
    Signature(event=Slot(0, key="event_type"), properties=Slot(0, key="event_properties")),
    _JS_TRACK,
)
_PLAUSIBLE = (Signature(event=Slot(0), properties=Slot(1, key="props")),)

JS_PRESETS: tuple[Preset, ...] = (
    Preset(
        name="segment",
        language="javascript",
        packages=(
            "@segment/analytics-next",
            "@segment/analytics-node",
            "@segment/analytics-react-native",
            "analytics-node",
        ),
        roots=("@segment", "analytics-node"),
        clients=("AnalyticsBrowser", "Analytics", "load", "default", "analytics-node"),
        methods=(("track", _JS_SEGMENT),),
        receivers=("analytics",),
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
        packages=("posthog-js", "posthog-node", "posthog-react-native"),
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
        packages=("mixpanel-browser", "mixpanel"),
        roots=("mixpanel-browser", "mixpanel"),
        modules=("mixpanel-browser", "mixpanel-browser.default"),
        clients=("init",),
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
        ),
        roots=("@amplitude",),
        modules=(
            "@amplitude.analytics-browser",
            "@amplitude.analytics-node",
            "@amplitude.analytics-react-native",
            "@amplitude.unified",
        ),
        clients=("createInstance",),
        methods=(("track", _AMPLITUDE), ("logEvent", _AMPLITUDE)),
        receivers=("amplitude",),
        receivers_need_import=True,
        markers=("@amplitude/",),
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
        packages=("@plausible-analytics/tracker",),
        roots=("@plausible-analytics",),
        modules=("@plausible-analytics.tracker",),
        methods=(("plausible", _PLAUSIBLE), ("track", _PLAUSIBLE)),
        globals=("plausible",),
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
        packages=("react-ga4",),
        roots=("react-ga4",),
        modules=("react-ga4.default",),
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


class WrapperSpecError(ValueError):
    """A config wrapper whose ``event``/``properties`` cannot be read."""


def parse_slot(spec: Any) -> Slot:
    """``2`` (position), ``"name"`` (keyword), ``"1|name"`` (either: Python passes a
    parameter both ways), ``"0.event"`` / ``"payload.event"`` (a key of a mapping
    argument)."""
    expected = f"expected an index, a keyword, INDEX|KEYWORD or INDEX.KEY, got {spec!r}"
    if isinstance(spec, bool) or not isinstance(spec, (int, str)):
        raise WrapperSpecError(expected)
    if isinstance(spec, int):
        if spec < 0:
            raise WrapperSpecError(f"a position cannot be negative ({spec})")
        return Slot(position=spec)
    head, dot, key = spec.partition(".")
    parts = head.split("|")
    positions = [part for part in parts if part.isdigit()]
    keywords = [part for part in parts if part.isidentifier()]
    if (
        not head
        or (dot and not key)
        or len(positions) > 1
        or len(keywords) > 1
        or len(positions) + len(keywords) != len(parts)
    ):
        raise WrapperSpecError(expected)
    position = int(positions[0]) if positions else None
    return Slot(position, keywords[0] if keywords else None, key=key or None)


@dataclass(frozen=True)
class Wrapper:
    """A wrapper declared in the config: ``callee`` is a name or a dotted suffix."""

    callee: tuple[str, ...]
    signature: Signature
    language: str = "any"

    @property
    def name(self) -> str:
        return ".".join(self.callee)


def parse_wrapper(spec: dict[str, Any]) -> Wrapper:
    callee = tuple(str(spec["callee"]).split("."))
    if not all(part.replace("$", "_").isidentifier() for part in callee):  # JS allows ``$``
        raise WrapperSpecError(f"callee {spec['callee']!r} is not a name or a dotted name")
    properties = spec.get("properties")
    kwargs = properties == "**"
    event = spec["event"]
    template = parse_template(event) if isinstance(event, str) and "{" in event else ()
    first = next((part for part in template if isinstance(part, Slot)), None)
    signature = Signature(
        event=first or parse_slot(event),
        properties=None if properties is None or kwargs else parse_slot(properties),
        kwargs_properties=kwargs,
        event_template=template,
    )
    return Wrapper(callee, signature, str(spec.get("language", "any")))


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def parse_template(spec: str) -> tuple[str | Slot, ...]:
    """``"{0}: {1}"`` -> (slot 0, ": ", slot 1): an event name made of arguments."""
    parts: list[str | Slot] = []
    end = 0
    for match in _PLACEHOLDER.finditer(spec):
        if match.start() > end:
            parts.append(spec[end : match.start()])
        parts.append(parse_slot(int(match[1]) if match[1].isdigit() else match[1]))
        end = match.end()
    if end < len(spec):
        parts.append(spec[end:])
    if not any(isinstance(part, Slot) for part in parts) or any(
        "{" in part or "}" in part for part in parts if isinstance(part, str)
    ):
        raise WrapperSpecError(f"expected a template of {{SLOT}} placeholders, got {spec!r}")
    return tuple(parts)
