"""Stub packages with the analytics SDKs' real call signatures, so mypy checks the
generated calls against them (the SDKs themselves are not test dependencies)."""

from __future__ import annotations

from pathlib import Path

_ANY = "from typing import Any\n"
STUBS = {
    # segment-analytics-python 2.x: track(user_id=None, event=None, properties=None, ...)
    "segment/__init__.pyi": "",
    "segment/analytics/__init__.pyi": _ANY
    + "def track(user_id: str | None = None, event: str | None = None,"
    " properties: dict[str, Any] | None = None, context: dict[str, Any] | None = None,"
    " timestamp: Any = None, anonymous_id: str | None = None) -> tuple[bool, dict[str, Any]]: ...\n",
    # rudder-sdk-python 2.x: the same as Segment's
    "rudderstack/__init__.pyi": "",
    "rudderstack/analytics/__init__.pyi": _ANY
    + "def track(user_id: str | None = None, event: str | None = None,"
    " properties: dict[str, Any] | None = None) -> tuple[bool, dict[str, Any]]: ...\n",
    # posthog-python 6.x: capture(event, **kwargs) with distinct_id and properties
    "posthog/__init__.pyi": _ANY + "def capture(event: str, *, distinct_id: str | None = None,"
    " properties: dict[str, Any] | None = None) -> str | None: ...\n",
    # mixpanel-python: Mixpanel(token).track(distinct_id, event_name, properties=None)
    "mixpanel/__init__.pyi": _ANY + "class Mixpanel:\n"
    "    def __init__(self, token: str) -> None: ...\n"
    "    def track(self, distinct_id: str, event_name: str,"
    " properties: dict[str, Any] | None = None) -> None: ...\n",
    # amplitude-analytics: Amplitude(api_key).track(BaseEvent(event_type, user_id, event_properties))
    "amplitude/__init__.pyi": _ANY + "class BaseEvent:\n"
    "    def __init__(self, event_type: str, user_id: str | None = None,"
    " event_properties: dict[str, Any] | None = None) -> None: ...\n"
    "class Amplitude:\n"
    "    def __init__(self, api_key: str) -> None: ...\n"
    "    def track(self, event: BaseEvent) -> None: ...\n",
    # a team's own wrapper
    "acme_tracking.py": _ANY
    + "def track_event(event: str, properties: dict[str, Any]) -> None: ...\n",
}


def write_stubs(folder: Path) -> None:
    for name, text in STUBS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
