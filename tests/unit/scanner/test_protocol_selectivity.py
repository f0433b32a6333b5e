"""Which Python files a scan parses to learn a Protocol's implementations: those that
could hold one (defining every method it declares), not every file defining one of them."""

from __future__ import annotations

from pathlib import Path

from evdict.config import Config
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory
from tests.conftest import WriteFiles

_CLIENT = """
    from typing import Protocol

    from posthog import Posthog


    class Backend(Protocol):
        def capture(self, event: str) -> None: ...

        def flush(self) -> None: ...


    class PostHogBackend:
        def __init__(self) -> None:
            self._client = Posthog("phc_x")

        def capture(self, event: str) -> None:
            self._client.capture(distinct_id="anon", event=event)

        def flush(self) -> None:
            self._client.flush()


    def get_backend() -> Backend:
        return configured()


    def capture(event: str) -> None:
        get_backend().capture(event)
"""

# Another implementation, in a file that names neither the Protocol nor an SDK.
_NOOP = """
    class NoopBackend:
        def capture(self, event: str) -> None:
            return None

        def flush(self) -> None:
            return None
"""

# Defines one of the Protocol's methods: no implementation, nothing to parse.
_PARTIAL = """
    class Camera:
        def capture(self, label: str) -> bytes:
            return label.encode()
"""


def scan(root: Path) -> Inventory:
    return scan_project(Config.from_data({}, root), use_cache=False, jobs=1)


def test_a_file_that_could_implement_the_protocol_is_parsed_one_that_cannot_is_not(
    write: WriteFiles,
) -> None:
    root = write(
        **{
            "app/client.py": _CLIENT,
            "app/api.py": """
                from app.client import capture

                capture("report_exported")
            """,
            "app/noop.py": _NOOP,
            **{f"app/camera{index}.py": _PARTIAL for index in range(5)},
        }
    )
    inventory = scan(root)
    assert [(Path(call.path).name, call.event) for call in inventory.calls] == [
        ("api.py", "report_exported")
    ]
    assert inventory.files_parsed == 3
