import posthog


class Telemetry:
    def send_event(self, event_name, event_properties=None):
        posthog.capture(distinct_id="u1", event=event_name, properties=event_properties)


telemetry = Telemetry()


def send_telemetry(func):
    def wrapper(*args, **kwargs):
        output = func(*args, **kwargs)
        if output:
            telemetry.send_event(*output)

    return wrapper


@send_telemetry
def running(n):
    result = ("Run", {"n": n})
    return result
