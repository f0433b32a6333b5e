from app import tracking
from app.tracking import track_command


@track_command("node")
def install(name):
    return name


@tracking.track_command()
def launch():
    return None
