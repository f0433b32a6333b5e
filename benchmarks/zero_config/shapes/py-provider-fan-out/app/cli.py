from app import tracking


def run(workflow: str) -> None:
    tracking.track_event("execution_start", {"workflow": workflow}, mixpanel_name="run")
    tracking.track_event("execution_success", {"workflow": workflow})
