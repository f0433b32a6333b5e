from posthog import Posthog


class Analytics:
    def __init__(self):
        self.ph = Posthog(project_api_key="phc_x", host="https://us.i.posthog.com")

    def event(self, event_name, **kwargs):
        self.ph.capture(event_name, distinct_id="u1", properties=dict(kwargs))


class Coder:
    def __init__(self, analytics=None):
        self.analytics = analytics if analytics is not None else Analytics()
        self.event = self.analytics.event

    def send(self):
        self.event("message_send", tokens=3)


class Commands:
    def __init__(self, coder):
        self.coder = coder

    def run(self, command):
        self.coder.event("command_run")
        self.coder.event(f"command_{command}")
