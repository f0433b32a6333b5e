"""The team's own tracking helper, and the SDK clients it was meant to replace.

``track_event`` sends a Segment event with the workspace attached. evdict infers that it
is a wrapper (it passes its ``event`` parameter on to ``analytics.track``), so its calls
are checked like SDK calls. Growth never moved to it and still calls PostHog directly.
"""

from __future__ import annotations

import os
from typing import Any

import posthog
import segment.analytics as analytics

analytics.write_key = os.environ.get("SEGMENT_WRITE_KEY", "")
posthog.project_api_key = os.environ.get("POSTHOG_PROJECT_KEY", "")
posthog.host = "https://eu.i.posthog.com"


def track_event(
    user_id: str, workspace_id: str, event: str, properties: dict[str, Any] | None = None
) -> None:
    """Send a server-side event to Segment on behalf of ``user_id``."""
    analytics.track(user_id, event, {"workspace_id": workspace_id, **(properties or {})})


def shutdown() -> None:
    """Flush both clients before the process exits."""
    analytics.flush()
    posthog.shutdown()
