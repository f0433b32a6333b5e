from ploomber_core.telemetry.telemetry import Telemetry

telemetry = Telemetry("phc_x", "mypkg", "1.0")
group = telemetry.create_group("Loader")


class Loader:
    @group.log_call()
    def run(self):
        pass
