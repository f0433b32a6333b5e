"""The analytics clients generated code calls, each with its SDK's own call signature
(``--client``), so the code fits the team's pipeline and the scanner reads the calls as
it reads hand-written ones.

Python: Segment and RudderStack ``track(user_id, event, properties)``; PostHog 6.x
``capture(event, distinct_id=..., properties=...)``; Mixpanel ``track(distinct_id,
event_name, properties)``; Amplitude ``track(BaseEvent(event_type=..., user_id=...,
event_properties=...))``. TypeScript: posthog-js ``capture``, mixpanel-browser and
Amplitude's browser SDK ``track(event, properties)``, Segment's and RudderStack's
snippet globals ``analytics.track`` / ``rudderanalytics.track``. ``wrapper:MODULE:CALLEE``
calls the team's own ``CALLEE(event, properties)`` imported from ``MODULE``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from evdict.errors import UsageError

CLIENTS = ("segment", "posthog", "mixpanel", "amplitude", "rudderstack")
_MODULE = re.compile(r"[A-Za-z_$@.][\w$@./-]*")
_CALLEE = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


@dataclass(frozen=True)
class Client:
    """``name`` is an SDK of :data:`CLIENTS` or ``wrapper``; ``module`` and ``callee``
    are a wrapper's."""

    name: str
    module: str = ""
    callee: str = ""

    @property
    def identity(self) -> str | None:
        """The Python parameter naming who acts, when the SDK call needs one."""
        if self.name in ("segment", "rudderstack", "amplitude"):
            return "user_id"
        if self.name in ("posthog", "mixpanel"):
            return "distinct_id"
        return None


def parse_client(text: str) -> Client:
    """``--client``: an SDK name, or ``wrapper:MODULE:CALLEE``."""
    if text in CLIENTS:
        return Client(text)
    kind, _, rest = text.partition(":")
    module, _, callee = rest.rpartition(":")
    if kind == "wrapper" and _MODULE.fullmatch(module) and _CALLEE.fullmatch(callee):
        return Client("wrapper", module, callee)
    raise UsageError(
        f"--client {text!r}: expected one of {', '.join(CLIENTS)} or wrapper:MODULE:CALLEE "
        "(wrapper:acme.analytics:track_event, wrapper:./analytics:track)"
    )


def python_imports(client: Client) -> list[str]:
    if client.name == "segment":
        return ["import segment.analytics as _analytics"]
    if client.name == "rudderstack":
        return ["import rudderstack.analytics as _analytics"]
    if client.name == "posthog":
        return ["import posthog as _posthog"]
    if client.name == "mixpanel":
        return ["from mixpanel import Mixpanel as _Mixpanel"]
    if client.name == "amplitude":
        return [
            "from amplitude import Amplitude as _Amplitude",
            "from amplitude import BaseEvent as _BaseEvent",
        ]
    return [f"import {client.module} as _wrapper"]


def python_setup(client: Client) -> list[str]:
    """Module-level statements after the imports: the SDK instance the calls go through."""
    if client.name == "mixpanel":
        return ['_mixpanel = _Mixpanel(_os.environ.get("MIXPANEL_TOKEN", ""))']
    if client.name == "amplitude":
        return ['_amplitude = _Amplitude(_os.environ.get("AMPLITUDE_API_KEY", ""))']
    return []


PythonCall = tuple[str, tuple["str | PythonCall", ...]]


def python_call(client: Client, event: str, properties: str) -> PythonCall:
    """The call that sends ``event`` (a literal) with ``properties`` (an expression), as
    its callee and arguments (an argument may be a call itself)."""
    who = client.identity or ""
    if client.name in ("segment", "rudderstack"):
        return "_analytics.track", (who, event, properties)
    if client.name == "posthog":
        return "_posthog.capture", (event, f"distinct_id={who}", f"properties={properties}")
    if client.name == "mixpanel":
        return "_mixpanel.track", (who, event, properties)
    if client.name == "amplitude":
        built = (
            "_BaseEvent",
            (f"event_type={event}", f"user_id={who}", f"event_properties={properties}"),
        )
        return "_amplitude.track", (built,)
    return f"_wrapper.{client.callee}", (event, properties)


def typescript_preamble(client: Client) -> list[str]:
    if client.name == "posthog":
        return ['import posthog from "posthog-js";']
    if client.name == "mixpanel":
        return ['import mixpanel from "mixpanel-browser";']
    if client.name == "amplitude":
        return ['import * as amplitude from "@amplitude/analytics-browser";']
    if client.name in ("segment", "rudderstack"):
        name = "analytics" if client.name == "segment" else "rudderanalytics"
        return [
            "// The snippet's global, loaded by the page.",
            "declare global {",
            "  interface Window {",
            f"    {name}: {{ track(event: string, properties?: Record<string, unknown>): void }};",
            "  }",
            "}",
        ]
    head = client.callee.split(".")[0]
    return [f"import {{ {head} }} from {_ts_string(client.module)};"]


def typescript_call(client: Client, event: str, properties: str) -> str:
    callee = {
        "posthog": "posthog.capture",
        "mixpanel": "mixpanel.track",
        "amplitude": "amplitude.track",
        "segment": "window.analytics.track",
        "rudderstack": "window.rudderanalytics.track",
    }.get(client.name, client.callee)
    return f"{callee}({event}, {properties});"


def _ts_string(text: str) -> str:
    return json.dumps(text)
