"""comfy-cli's command decorator, reduced: a decorator factory whose wrapper sends
``{sub_command}:{function name}`` (or the bare function name) before the command runs."""

import functools

from mixpanel import Mixpanel

mp = Mixpanel("token")


def track_command(sub_command=None):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            name = f"{sub_command}:{func.__name__}" if sub_command is not None else func.__name__
            mp.track("anon", name, kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorator
