"""The two tracking helpers every service goes through.

* :func:`track_event` queues a Segment event: the request never waits on the network,
  and a Celery worker (:func:`deliver`) sends it with retries. ``evdict`` cannot see
  through a task queue, so ``evdict.yaml`` declares it as a wrapper (event: argument 1,
  properties: argument 2).
* :func:`capture` sends a PostHog event right away. ``evdict`` infers that it is a
  wrapper: it passes its ``event`` parameter on as the event of ``posthog.capture``.
"""

from __future__ import annotations

from typing import Any

import segment.analytics as analytics
from celery import shared_task

from acme.analytics.clients import posthog
from acme.context import RequestContext


def track_event(ctx: RequestContext, event: str, properties: dict[str, Any]) -> None:
    """Queue a Segment event sent on behalf of the acting user."""
    deliver.delay(ctx.user_id, event, properties)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def deliver(user_id: str, event: str, properties: dict[str, Any]) -> None:
    """Worker side of :func:`track_event`."""
    analytics.track(user_id, event, properties)


def capture(distinct_id: str, event: str, properties: dict[str, Any] | None = None) -> None:
    """Send a PostHog event now (SDK 6.x: the event first, the rest as keywords)."""
    posthog.capture(event, distinct_id=distinct_id, properties=properties or {})
