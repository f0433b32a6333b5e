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
  Two or more positional arguments mean the old signature.
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
"""

from __future__ import annotations

from dataclasses import dataclass
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
    """How to read a tracking call. The first signature of a callee whose
    ``min_positional`` the call reaches applies."""

    event: Slot
    properties: Slot | None = None
    fields: tuple[tuple[str, Slot], ...] = ()
    kwargs_properties: bool = False
    missing_properties_partial: bool = False
    min_positional: int = 0
    event_transform: str | None = None


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

    def method(self, name: str) -> tuple[Signature, ...] | None:
        return dict(self.methods).get(name)

    def constructor(self, name: str) -> tuple[Signature, ...] | None:
        return dict(self.constructors).get(name)


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
        roots=("analytics", "segment"),
        modules=("analytics", "segment.analytics"),
        clients=("Client",),
        methods=(("track", _SEGMENT_TRACK),),
        receivers=("analytics", "segment_analytics"),
    ),
    Preset(
        name="rudderstack",
        language="python",
        roots=("rudderstack", "rudder_analytics"),
        modules=("rudder_analytics", "rudderstack.analytics"),
        clients=("Client",),
        methods=(("track", _SEGMENT_TRACK),),
        receivers=("rudder_analytics",),
    ),
    Preset(
        name="posthog",
        language="python",
        roots=("posthog",),
        modules=("posthog",),
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
        roots=("heapanalytics", "heapapi"),
        clients=("HeapAnalytics", "HeapAPIClient"),
        methods=(
            ("track", (Signature(event=Slot(1, "event"), properties=Slot(2, "properties")),)),
        ),
        receivers=("heap", "heap_client"),
        receivers_need_import=True,
    ),
)


def presets_for(language: str, selected: tuple[str, ...] | None) -> tuple[Preset, ...]:
    """The presets of a language that the config turns on (``sdks``; default all)."""
    return tuple(
        preset
        for preset in PRESETS
        if preset.language == language and (selected is None or preset.name in selected)
    )


def known_sdks() -> tuple[str, ...]:
    return tuple(dict.fromkeys(preset.name for preset in PRESETS))


class WrapperSpecError(ValueError):
    """A config wrapper whose ``event``/``properties`` cannot be read."""


def parse_slot(spec: Any) -> Slot:
    """``2`` (position), ``"name"`` (keyword), ``"0.event"`` / ``"payload.event"`` (a key
    of a mapping argument)."""
    if isinstance(spec, bool) or not isinstance(spec, (int, str)):
        raise WrapperSpecError(f"expected an index, a keyword or INDEX.KEY, got {spec!r}")
    if isinstance(spec, int):
        if spec < 0:
            raise WrapperSpecError(f"a position cannot be negative ({spec})")
        return Slot(position=spec)
    head, dot, key = spec.partition(".")
    if not head or (dot and not key):
        raise WrapperSpecError(f"expected an index, a keyword or INDEX.KEY, got {spec!r}")
    slot = Slot(position=int(head)) if head.isdigit() else Slot(keyword=head)
    return Slot(slot.position, slot.keyword, key=key or None)


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
    if not all(part.isidentifier() for part in callee):
        raise WrapperSpecError(f"callee {spec['callee']!r} is not a name or a dotted name")
    properties = spec.get("properties")
    kwargs = properties == "**"
    signature = Signature(
        event=parse_slot(spec["event"]),
        properties=None if properties is None or kwargs else parse_slot(properties),
        kwargs_properties=kwargs,
    )
    return Wrapper(callee, signature, str(spec.get("language", "any")))
