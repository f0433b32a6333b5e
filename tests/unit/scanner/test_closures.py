"""A function defined in another that sends the other's parameter makes that one the
wrapper (a component's click handler reading its props, a Python closure), in both
languages; the closure's own parameter of the same name hides it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from evdict.config import Config
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.javascript import extract
from evdict.scanner.model import Expr, Item, Str
from tests.conftest import WriteFiles


def found(root: Path) -> list[tuple[str, int, tuple[str, ...], str]]:
    inventory = scan_project(Config.from_data({}, root), use_cache=False, jobs=1)
    return [(Path(call.path).name, call.pos[0], call.events, call.via) for call in inventory.calls]


def test_a_python_closure_sending_its_makers_parameter_makes_the_maker_the_wrapper(
    write: WriteFiles,
) -> None:
    root = write(
        **{
            "app.py": """
                from posthog import Posthog

                ph = Posthog("k")


                def on_click(event_name):
                    def handler(request):
                        ph.capture("u1", event_name)

                    return handler


                def relay(event_name):
                    def send(event_name):
                        ph.capture("u1", event_name)

                    send("relayed")


                def view(request):
                    def inner():
                        ph.capture("u1", "page_viewed")

                    inner()


                click = on_click("button_clicked")
                relay("not_sent")
            """
        }
    )
    assert found(root) == [
        ("app.py", 17, ("relayed",), "relay.send"),
        ("app.py", 22, ("page_viewed",), "posthog"),
        ("app.py", 27, ("button_clicked",), "on_click"),
    ]


def facts_of(source: str) -> dict[str, list[Expr]]:
    result = extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"), "x.tsx")
    return {name: [site.call.args[0] for site in sites] for name, sites in result.calls.items()}


def test_a_named_local_function_reads_the_props_around_it_its_own_parameters_aside() -> None:
    args = facts_of(
        """
        export function A(props, { label }) {
          const onClick = () => capture(props.eventName, label);
          function onBlur(props) { track(props.eventName); }
          const onKey = ({ label }) => send(label);
          return <b onClick={onClick} />;
        }
        """
    )
    assert args["capture"] == [Item(("props",), "eventName", (2, 33, 2, 48))]
    assert args["track"] == [Item(("props",), "eventName", (3, 34, 3, 49))]
    assert args["send"] == [Item(("{0}",), "label", (4, 37, 4, 42))]


def test_a_comment_opening_a_returned_expression_hides_nothing() -> None:
    args = facts_of(
        """
        export function A() {
          return (
            // why
            <b onClick={() => capture("clicked")} />
          );
        }
        """
    )
    assert [arg.value for arg in args["capture"] if isinstance(arg, Str)] == ["clicked"]
