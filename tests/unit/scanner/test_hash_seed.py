"""Resolution gives the same answer whatever ``PYTHONHASHSEED`` is (Python randomizes the
order of a set of strings per process): each case runs in fresh interpreters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import WriteFiles

# Five modules named ``events``, none sharing a folder with the importer: a bare import
# of ``events`` is resolved to the nearest by suffix, the shortest names tying.
NEAREST_EVENTS = """
from evdict.scanner.resolve.project import ModuleNames, Project
names = ModuleNames(["web.events", "cli.events", "api.events", "app.events", "bot.events"])
print(Project({}, names, set()).project_module("events", "src.core.task"))
"""


def _outputs(arguments: list[str], cwd: Path | None = None) -> set[str]:
    return {
        subprocess.run(
            [sys.executable, *arguments],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2", "3", "7")
    }


def test_a_module_named_by_suffix_is_the_same_whatever_the_hash_seed() -> None:
    # It was the first of the tying names in the order of a frozenset (roo-code's CLI
    # parsed one more file under some seeds).
    assert _outputs(["-c", NEAREST_EVENTS]) == {"api.events\n"}


TWO_SDKS = """
    import mixpanel
    from posthog import Posthog


    class Analytics:
        def __init__(self):
            self.mp = mixpanel.Mixpanel("token")
            self.ph = Posthog(project_api_key="phc_x")

        def event(self, event_name, **kwargs):
            self.mp.track("user", event_name, kwargs)
            self.ph.capture(event_name, distinct_id="user", properties=kwargs)


    Analytics().event("launched", model="gpt")
    """


def test_a_wrapper_of_two_sdks_is_explained_the_same_whatever_the_hash_seed(
    write: WriteFiles,
) -> None:
    # Seeds 0 and 2 read the wrapper through the PostHog call and the Mixpanel one when
    # the callers of the callees' names were visited in the order of a set of strings.
    root = write(**{"app.py": TWO_SDKS})
    outputs = _outputs(["-m", "evdict", "scan", "--no-cache", "--explain-wrappers"], root)
    assert outputs == {
        "app.py:15:1: launched [inferred Analytics.event] model\n"
        "Inferred wrappers (a function that passes a parameter on as the event):\n"
        "  Analytics.event (app.py:10), event parameter 'event_name':\n"
        "    app.py:11:9: Analytics.event passes parameter 'event_name' as the event of"
        " mixpanel Mixpanel().track\n"
        "1 tracking call (1 event) in 1 file.\n"
    }
