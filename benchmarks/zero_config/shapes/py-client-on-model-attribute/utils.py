from django.db import transaction


def track_segment_event(site, user, event, properties):
    user_tracking_id = user.id
    return transaction.on_commit(
        lambda: site.siteconfiguration.segment_client.track(user_tracking_id, event, properties)
    )
