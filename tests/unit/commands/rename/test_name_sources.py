"""The scanner says where each event name is written as a literal (what rename rewrites),
and what is known of the names a dynamic call may produce."""

from __future__ import annotations

from pathlib import Path

from evdict.config import load_config
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory, Position
from tests.conftest import WriteFiles

PROJECT = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": "events: {}\n",
    "app/__init__.py": "",
    "app/names.py": """
        import enum

        SIGNUP = "signup_completed"
        if enum:
            TWICE = "report_exported"
        else:
            TWICE = 'report_exported'


        class Events(enum.StrEnum):
            INVITED = "user_invited"
            AUTO = enum.auto()
        """,
    "app/views.py": """
        import analytics
        from app.names import SIGNUP, TWICE, Events

        PREFIX = "page_"


        def view(user, flag, name):
            analytics.track(user, SIGNUP)
            analytics.track(user, TWICE)
            analytics.track(user, Events.INVITED)
            analytics.track(user, Events.INVITED.value)
            analytics.track(user, Events.AUTO)
            analytics.track(user, "éé_" "done")
            analytics.track(user, PREFIX + "viewed")
            analytics.track(user, "a_done" if flag else f"page_{name}")
            analytics.track(user, "a_done" if flag else "b_done")
            analytics.track(user, f"page_{name}")
            analytics.track(user, user.event_name)
            analytics.track(user, 42)
        """,
    "web/events.ts": """
        export const EVENTS = { SIGNUP: 'signup_completed' } as const;
        export enum Kind { Invited = "user_invited" }
        """,
    "web/app.ts": """
        import { EVENTS, Kind } from "./events";
        declare const analytics: any;
        analytics.track(EVENTS.SIGNUP);
        analytics.track(Kind.Invited, {});
        analytics.track(`plain_done`);
        """,
}


def scan(root: Path) -> Inventory:
    return scan_project(load_config(root / "evdict.yaml"), (), use_cache=False)


def written(root: Path, path: str, pos: Position) -> str:
    line, column, end_line, end_column = pos
    assert line == end_line
    return (
        (root / path)
        .read_text(encoding="utf-8")
        .splitlines()[line - 1][column - 1 : end_column - 1]
    )


def test_sources_are_the_literals_of_the_names(write: WriteFiles) -> None:
    root = write(**PROJECT)
    seen = {}
    for call in scan(root).calls:
        seen[(call.path, call.pos[0])] = [
            (source.name, source.path, written(root, source.path, source.pos))
            for source in call.sources
        ]
    assert seen == {
        ("app/views.py", 8): [("signup_completed", "app/names.py", '"signup_completed"')],
        ("app/views.py", 9): [
            ("report_exported", "app/names.py", '"report_exported"'),
            ("report_exported", "app/names.py", "'report_exported'"),
        ],
        ("app/views.py", 10): [("user_invited", "app/names.py", '"user_invited"')],
        ("app/views.py", 11): [("user_invited", "app/names.py", '"user_invited"')],
        ("app/views.py", 12): [],  # auto(): no literal
        ("app/views.py", 13): [("éé_done", "app/views.py", '"éé_" "done"')],
        ("app/views.py", 14): [],  # folded from a constant and a literal
        ("app/views.py", 15): [("a_done", "app/views.py", '"a_done"')],
        ("app/views.py", 16): [
            ("a_done", "app/views.py", '"a_done"'),
            ("b_done", "app/views.py", '"b_done"'),
        ],
        ("app/views.py", 17): [],
        ("app/views.py", 18): [],
        ("app/views.py", 19): [],
        ("web/app.ts", 3): [("signup_completed", "web/events.ts", "'signup_completed'")],
        ("web/app.ts", 4): [("user_invited", "web/events.ts", '"user_invited"')],
        ("web/app.ts", 5): [("plain_done", "web/app.ts", "`plain_done`")],
    }


def test_what_a_dynamic_name_may_be(write: WriteFiles) -> None:
    root = write(**PROJECT)
    prefixes = {
        call.pos[0]: call.dynamic.prefix
        for call in scan(root).calls
        if call.path == "app/views.py" and call.dynamic is not None
    }
    assert prefixes == {15: "page_", 16: None, 17: "page_", 18: "", 19: None}
