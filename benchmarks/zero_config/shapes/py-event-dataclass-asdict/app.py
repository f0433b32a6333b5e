from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import Any

from posthog import Posthog

SETTINGS = {"process_person_profile": True}


@dataclass
class BaseTelemetryEvent(ABC):
    @property
    @abstractmethod
    def name(self) -> str: ...

    @property
    def properties(self) -> dict[str, Any]:
        props = {k: v for k, v in asdict(self).items() if k != "name"}
        props["is_docker"] = False
        return props


@dataclass
class MCPServerTelemetryEvent(BaseTelemetryEvent):
    version: str
    action: str
    tool_name: str | None = None
    name: str = "mcp_server_event"


class ProductTelemetry:
    def __init__(self) -> None:
        self._client = Posthog("phc_key")

    def capture(self, event: BaseTelemetryEvent) -> None:
        self._client.capture(
            distinct_id="u", event=event.name, properties={**event.properties, **SETTINGS}
        )


telemetry = ProductTelemetry()
telemetry.capture(MCPServerTelemetryEvent(version="1", action="start"))
# expected: mcp_server_event with version, action, tool_name, is_docker, process_person_profile
