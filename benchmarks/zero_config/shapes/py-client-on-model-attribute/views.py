from utils import track_segment_event


def basket_view(request, properties):
    track_segment_event(request.site, request.user, "Cart Viewed", properties)
