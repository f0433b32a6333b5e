from enum import Enum
from typing import Any

from app.utils.loader import fetch_versioned_implementation


class Milestone(str, Enum):
    USER_SIGNED_UP = "user_signed_up"
    RAN_QUERY = "ran_query"


def event_telemetry(distinct_id: str, event: str, properties: dict[str, Any]) -> None:
    """The open-source edition sends nothing."""


def cloud_telemetry(
    distinct_id: str, event: Milestone, properties: dict[str, Any] | None = None
) -> None:
    fetch_versioned_implementation(
        module="app.utils.telemetry",
        attribute="event_telemetry",
    )(distinct_id, event, properties or {})
