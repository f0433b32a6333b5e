"""comfy-cli's telemetry, reduced: each event goes to every provider of a list that a
function returns, typed by a Protocol; one provider queues it for a worker thread
(Mixpanel), the other sends it with a prefix (PostHog)."""

import queue
import threading
from typing import Any, Protocol

from mixpanel import Mixpanel
from posthog import Posthog


class TelemetryProvider(Protocol):
    def track(self, event_name: str, distinct_id: str, properties: dict[str, Any]) -> None: ...


class MixpanelProvider:
    def __init__(self, token: str) -> None:
        self.client = Mixpanel(token)
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            event_name, distinct_id, properties = self._queue.get()
            self.client.track(distinct_id=distinct_id, event_name=event_name, properties=properties)

    def track(self, event_name: str, distinct_id: str, properties: dict[str, Any]) -> None:
        self._queue.put_nowait((event_name, distinct_id, properties))


class PostHogProvider:
    def __init__(self, token: str) -> None:
        self.client = Posthog(project_api_key=token)

    def track(self, event_name: str, distinct_id: str, properties: dict[str, Any]) -> None:
        self.client.capture(event=f"cli:{event_name}", distinct_id=distinct_id, properties=properties)


PROVIDERS: list[TelemetryProvider] | None = None


def _get_providers() -> list[TelemetryProvider]:
    global PROVIDERS
    if PROVIDERS is None:
        PROVIDERS = [factory() for factory in (lambda: MixpanelProvider("t"), lambda: PostHogProvider("phc_t"))]
    return PROVIDERS


def _dispatch(event_name: str, properties: dict[str, Any], *, mixpanel_name: str | None = None) -> None:
    properties = {**properties, "cli_version": "1.0"}
    for provider in _get_providers():
        name = mixpanel_name if (mixpanel_name is not None and isinstance(provider, MixpanelProvider)) else event_name
        provider.track(name, distinct_id="anon", properties=dict(properties))


def track_event(event_name: str, properties: Any = None, *, mixpanel_name: str | None = None) -> None:
    _dispatch(event_name, properties or {}, mixpanel_name=mixpanel_name)
