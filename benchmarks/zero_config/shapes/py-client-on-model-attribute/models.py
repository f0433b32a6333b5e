from analytics import Client as SegmentClient
from django.utils.functional import cached_property


class SiteConfiguration:
    segment_key = "k"

    @cached_property
    def segment_client(self):
        return SegmentClient(self.segment_key)
