from app.utils.telemetry import Milestone, cloud_telemetry


def signup(user_id: str) -> None:
    cloud_telemetry(distinct_id=user_id, event=Milestone.USER_SIGNED_UP)


def query(user_id: str) -> None:
    cloud_telemetry(distinct_id=user_id, event=Milestone.RAN_QUERY, properties={"origin": "web"})
