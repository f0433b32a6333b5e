"""How a tracking call is read: argument slots (:class:`Slot`), call signatures
(:class:`Signature`), an SDK's preset (:class:`Preset`; the table of presets is
:mod:`evdict.scanner.sdk_presets`), and the wrappers a config declares (:class:`Wrapper`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

CALLED = "__call__"
"""A preset's method name for a call of its client itself (``const plausible =
usePlausible()``, then ``plausible(name, {props})``: next-plausible's hook returns the
tracking function)."""


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
class DecoratorName:
    """The events a decorator call names for each call of the function it decorates
    (ploomber-core's ``@telemetry.log_call("connect")``): ``{prefix}-{action}{suffix}``
    for each of ``suffixes``, ``prefix`` the argument of the client's construction at
    that slot (``Telemetry(api_key, package_name, version)``), followed by ``-{group}``
    when the decorator call passes ``group``, ``action`` the call's event slot or, left
    out, the decorated function's name; ``dashes``: every ``_`` of the name written ``-``."""

    prefix: Slot
    suffixes: tuple[str, ...]
    group: Slot | None = None
    dashes: bool = False


@dataclass(frozen=True)
class Signature:
    """How to read a tracking call. The first signature of a callee that applies is
    used: the call reaches ``min_positional``, its positional string literals match
    ``when`` (``gtag("event", ...)``), its URL is one ``url`` names, and an event read
    from a key of an argument (``track({event: ...})``) finds an object literal there."""

    event: Slot
    properties: Slot | None = None
    fields: tuple[tuple[str, Slot], ...] = ()
    kwargs_properties: bool = False
    # Keywords the SDK itself takes beside the properties (never read as a property).
    sdk_keywords: tuple[str, ...] = ()
    missing_properties_partial: bool = False
    min_positional: int = 0
    event_transform: str | None = None
    when: tuple[tuple[int, str], ...] = ()
    # The event is a combination: literal text and argument slots, in order
    # (``"{0}: {1}"`` for ``trackEvent(category, action)``); ``event`` is its first slot.
    event_template: tuple[str | Slot, ...] = ()
    # A decorator call whose event is built of its client's and its function's names.
    decorated: DecoratorName | None = None
    # An HTTP request is a tracking call only to an analytics endpoint: the argument at
    # ``url[0]`` is a string or template whose literal text holds one of ``url[1]``
    # (GA4's ``fetch("https://www.google-analytics.com/mp/collect?...", {body})``).
    url: tuple[int, tuple[str, ...]] | None = None
    # A second object whose keys the event also carries (Application Insights'
    # ``sendTelemetryEvent(name, properties, measurements)``: numbers kept apart, still data
    # of the event).
    more_properties: Slot | None = None
    # The SDK a request's calls are said to be of, when not the preset's: one preset
    # reads the requests of several APIs (GA4's and PostHog's, both posted by ``fetch``).
    api: str | None = None


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
    evidence (:mod:`evdict.scanner.evidence`), never proof; with
    ``globals_need_package`` its ``globals`` are functions the package registers for the
    app to call with no import (Nuxt's composables): a call of one is one only in a file
    a manifest listing the package governs, and only when the project defines no
    function of that name (:mod:`evdict.scanner.sdk_presets_nuxt`).
    ``receiver_only``: methods too common on other objects (an array's ``push``) to be
    read, or to make a file worth parsing, on any receiver but one of ``receivers``
    (``dataLayer.push({event})``).
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
    globals_need_package: bool = False
    markers: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    receiver_only: tuple[str, ...] = ()

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
