from posthog import Posthog


class Analytics:
    def __init__(self):
        self.ph = Posthog(project_api_key="phc_x", host="https://us.i.posthog.com")

    def event(self, event_name, **kwargs):
        self.ph.capture(event_name, distinct_id="u1", properties=dict(kwargs))


def start_oauth(io, analytics):
    analytics.event("oauth_flow_initiated", provider="openrouter")


class Watcher:
    def __init__(self, coder, analytics=None):
        self.analytics = analytics

    def on_change(self):
        if self.analytics:
            self.analytics.event("ai-comments execute")


def main():
    analytics = Analytics()
    analytics.event("launched")
    start_oauth(None, analytics)
    Watcher(None, analytics=analytics).on_change()
