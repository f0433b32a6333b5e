"""Product analytics: SDK clients, event names and the tracking helpers every service uses.

Event names come from the tracking plan (``tracking-plan/*.yaml``); ``evdict check``
holds every call in this package and in ``acme.services`` against it.
"""
