"""PostHog events scoped to a workspace.

``track_workspace_event`` wraps :func:`acme.analytics.tracking.capture` (itself a
wrapper of ``posthog.capture``): it adds the workspace id every event requires and
takes the other properties as keyword arguments. ``evdict`` infers it too, across the
two files: a wrapper of a wrapper.
"""

from __future__ import annotations

from typing import Any

from acme.analytics.tracking import capture
from acme.context import RequestContext


def track_workspace_event(ctx: RequestContext, event: str, **properties: Any) -> None:
    capture(ctx.user_id, event, {"workspace_id": ctx.workspace_id, **properties})
