from typing import Any

from posthog import Posthog

posthog = Posthog(project_api_key="phc_key")


def event_telemetry(distinct_id: str, event: str, properties: dict[str, Any]) -> None:
    posthog.capture(distinct_id, event, properties)
