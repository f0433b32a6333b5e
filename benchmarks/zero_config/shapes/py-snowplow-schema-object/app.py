from dataclasses import dataclass

from snowplow_tracker import SelfDescribing, SelfDescribingJson, Tracker


@dataclass
class IgluSchema:
    name: str
    version: str
    vendor: str = "com.acme"

    @property
    def url(self) -> str:
        return f"iglu:{self.vendor}/{self.name}/jsonschema/{self.version}"


CliEventSchema = IgluSchema("cli_event", "1-0-1")
StateChangeSchema = IgluSchema("state_change_event", "1-0-0")


class Telemetry:
    def __init__(self) -> None:
        self.snowplow_tracker = Tracker(namespace="acme", emitters=[])

    def track_unstruct_event(self, event_json: SelfDescribingJson) -> None:
        self.snowplow_tracker.track(SelfDescribing(event_json=event_json))

    def track_command_event(self, event: str) -> None:
        self.track_unstruct_event(SelfDescribingJson(CliEventSchema.url, {"event": event}))

    def track_state_change(self, name: str) -> None:
        event_json = SelfDescribingJson(StateChangeSchema.url, {"setting_name": name})
        self.snowplow_tracker.track(SelfDescribing(event_json=event_json))
