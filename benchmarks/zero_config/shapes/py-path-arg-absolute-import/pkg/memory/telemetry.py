from posthog import Posthog


class AnonymousTelemetry:
    def __init__(self):
        self.posthog = Posthog(project_api_key="phc_x", host="https://us.i.posthog.com")

    def capture_event(self, event_name, properties=None):
        self.posthog.capture(event_name, distinct_id="u1", properties=properties)


client_telemetry = AnonymousTelemetry()


def capture_client_event(event_name, instance, additional_data=None):
    client_telemetry.capture_event(event_name, {"function": type(instance).__name__})
