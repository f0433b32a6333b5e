"""The analytics SDK clients, configured once from the environment.

* Segment receives the server-side events of integrations and billing (through the
  delivery queue, see :mod:`acme.analytics.tracking`), and forwards them to the warehouse.
* PostHog (SDK 6.x) receives product events of growth and workflows.
* Mixpanel receives the enrichment pipeline's events, which the data team models there.
* Amplitude receives reporting events, for the reporting team's own dashboards.
"""

from __future__ import annotations

import os

import segment.analytics as analytics
from amplitude import Amplitude
from mixpanel import Mixpanel
from posthog import Posthog

analytics.write_key = os.environ.get("SEGMENT_WRITE_KEY", "")
analytics.send = os.environ.get("ANALYTICS_ENABLED", "1") == "1"

posthog = Posthog(
    project_api_key=os.environ.get("POSTHOG_PROJECT_KEY", ""),
    host="https://eu.i.posthog.com",
    disabled=os.environ.get("ANALYTICS_ENABLED", "1") != "1",
)

mixpanel = Mixpanel(os.environ.get("MIXPANEL_TOKEN", ""))

amplitude_client = Amplitude(os.environ.get("AMPLITUDE_API_KEY", ""))


def shutdown() -> None:
    """Flush every client before the process exits (called by the app's shutdown hook)."""
    analytics.flush()
    posthog.shutdown()
    amplitude_client.shutdown()
