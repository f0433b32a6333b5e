import httpx

URL = "https://app.posthog.com/capture/"
DEFAULTS = {"api_key": "phc_key", "properties": {"distinct_id": "d", "os": "linux"}}


def _prepare_event(event, *, properties=None, **kwargs):
    merged = dict(DEFAULTS["properties"])
    for key in ["template", "status", "duration"]:
        if key in kwargs and kwargs[key] is not None:
            merged[key] = kwargs[key]
    if properties:
        merged.update(properties)
    return {"api_key": DEFAULTS["api_key"], "event": event, "properties": merged}


def send(event, *, properties=None, **kwargs):
    event_data = _prepare_event(event, properties=properties, **kwargs)
    httpx.post(URL, json=event_data)


send("export", status="ok", duration=1.5)
send("login", properties={"user_uuid": "u"})
# expected: export with distinct_id, os, status, duration; login with distinct_id, os, user_uuid
