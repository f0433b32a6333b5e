from pkg.memory.telemetry import capture_client_event


class MemoryClient:
    def add(self):
        capture_client_event("client.add", self, {"sync_type": "sync"})
