"""The Python front end alone: source bytes -> neutral facts, positions in characters."""

from __future__ import annotations

import textwrap

import pytest

from evdict.scanner import codec
from evdict.scanner.frontends.python import extract, import_target, module_name
from evdict.scanner.model import (
    Call,
    Choice,
    Concat,
    Entry,
    FileFacts,
    FString,
    Item,
    Items,
    Literal,
    Mapping,
    Other,
    Ref,
    Starred,
    Str,
    Suppression,
)
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "acme-enrich" / "backend"


def facts(source: str) -> FileFacts:
    return extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"))


def only_call(result: FileFacts, name: str) -> Call:
    sites = result.calls[name]
    assert len(sites) == 1, sites
    return sites[0].call


def test_columns_count_characters_not_utf8_bytes() -> None:
    call = only_call(facts('titre = "Été"; analytics.track(uid, "résumé_viewé")\n'), "track")
    assert call.pos == (1, 16, 1, 52)
    assert call.args[1] == Str("résumé_viewé", (1, 37, 1, 51))


def test_a_bom_and_crlf_line_ends_keep_positions() -> None:
    result = extract(b"\xef\xbb\xbfimport analytics\r\n\r\nanalytics.track(u, 'x')\r\n")
    assert only_call(result, "track").pos == (3, 1, 3, 24)


def test_a_form_feed_is_not_a_line_break() -> None:
    result = extract("\x0c\nx = 'é'  # \x0c\nanalytics.track(u, 'é')\n".encode())
    assert only_call(result, "track").args[1].pos == (3, 20, 3, 23)


def test_a_coding_cookie_decodes_latin_1() -> None:
    result = extract(b"# -*- coding: latin-1 -*-\nanalytics.track(u, '\xe9t\xe9')\n")
    assert only_call(result, "track").args[1] == Str("été", (2, 20, 2, 25))


@pytest.mark.parametrize(
    ("source", "message", "pos"),
    [
        (b"def f(:\n    pass\n", "does not parse: invalid syntax", (1, 7, 1, 8)),
        (
            b"x = 1\n\xff\xfe = 2\n",
            "not valid utf-8 text (byte 6: invalid start byte)",
            (2, 1, 2, 2),
        ),
        (b"x = '\x00'\n", "does not parse: source code string cannot contain null bytes", None),
        (b"x = " + b"(" * 300 + b")" * 300 + b"\n", "too many nested parentheses", None),
        (b"# coding: klingon\nx = 1\n", "unknown encoding: klingon", None),
    ],
)
def test_a_file_that_cannot_be_read_as_python_is_a_failure(
    source: bytes, message: str, pos: tuple[int, int, int, int] | None
) -> None:
    failure = extract(source).failure
    assert failure is not None
    assert message in failure.message
    if pos is not None:
        assert failure.pos == pos


def test_invalid_escapes_warn_in_python_but_never_here() -> None:
    # pytest turns warnings into errors: the front end must silence the parser's.
    assert extract(b"import re\nre.compile('\\d+').match('1')\n").failure is None


def test_argument_shapes_become_neutral_expressions() -> None:
    call = only_call(
        facts(
            """
            track(
                f"report_{kind}_done",
                "a" "b" + "c",
                PREFIX + name,
                "x" if flag else "y",
                payload["event"],
                {"a": 1, "b": [1, -2.5, None], **extra, KEY: True},
                dict(source="api", **more),
                *rest,
                event=Events.SIGNUP.value,
                **kwargs,
            )
            """
        ),
        "track",
    )
    fstring, folded, concat, choice, item, mapping, dict_call, starred = call.args
    assert isinstance(fstring, FString) and fstring.prefix == "report_"
    assert [type(part) for part in fstring.parts] == [Str, Ref, Str]
    assert fstring.parts[1] == Ref(("kind",), (2, 15, 2, 19))
    assert isinstance(folded, Str) and folded.value == "abc"
    assert isinstance(concat, Concat) and [type(part) for part in concat.parts] == [Ref, Ref]
    assert isinstance(choice, Choice) and [o.value for o in choice.options] == ["x", "y"]  # type: ignore[union-attr]
    assert isinstance(item, Item) and (item.base, item.key) == (("payload",), "event")
    assert isinstance(mapping, Mapping)
    assert mapping.entries[1].value == Literal([1, -2.5, None], (7, 19, 7, 34))
    assert mapping.spreads == (Ref(("extra",), (7, 38, 7, 43)),)
    assert isinstance(mapping.entries[2].key, Ref)
    assert isinstance(dict_call, Mapping) and dict_call.entries[0].key == Str(
        "source", (8, 10, 8, 22)
    )
    assert isinstance(starred, Starred)
    assert call.keywords[0].value == Ref(("Events", "SIGNUP", "value"), (10, 11, 10, 30))
    assert call.spreads == (Ref(("kwargs",), (11, 7, 11, 13)),)


def test_callees_are_dotted_paths_and_opaque_parts_are_marked() -> None:
    result = facts(
        """
        self.analytics.event("a")
        get_client().capture("b")
        len(items)
        print("not kept")
        items[0].track("c")
        super().track("d")
        """
    )
    assert only_call(result, "event").callee == ("self", "analytics", "event")
    assert [site.call.callee for site in result.calls["track"]] == [("?", "track")] * 2
    assert "len" not in result.calls and "print" not in result.calls
    assert [b.target for b in result.bindings] == ["get_client()"]  # not ``super()``


def test_a_call_on_a_call_result_reads_the_result_through_a_name() -> None:
    result = facts(
        """
        def checkout():
            get_client().capture("b")
            self.factory(key).client.track("c")
        """
    )
    assert only_call(result, "capture").callee == ("get_client()", "capture")
    assert only_call(result, "track").callee == ("self.factory()", "client", "track")
    assert [(b.scope, b.target, b.value) for b in result.bindings] == [
        ("checkout", "get_client()", Call(("get_client",), (), (), (), (2, 5, 2, 17))),
        (
            "checkout",
            "self.factory()",
            Call(("self", "factory"), (Ref(("key",), (3, 18, 3, 21)),), (), (), (3, 5, 3, 22)),
        ),
    ]


def test_definitions_bindings_and_imports() -> None:
    result = facts(
        """
        import segment.analytics as analytics
        import os.path
        from .events import SIGNUP as S
        from posthog import Posthog
        from dataclasses import dataclass
        from typing import ClassVar, Final

        EVENT: Final = "signup_completed"
        A, B = "a", "b"

        @dataclass
        class Tracker(Base, mixins.Track):
            NAME: ClassVar[str] = "tracker"
            client_name: str = "default"

            def __init__(self, client: "Posthog | None", *args, flag=False, **kwargs):
                self.client = client
                self.send = self.client.capture
                for event in args:
                    pass

            @staticmethod
            def helper(x, /, y, *, z: Posthog):
                return x
        """
    )
    assert [(i.local, i.module, i.name, i.level) for i in result.imports] == [
        ("analytics", "segment.analytics", None, 0),
        ("os", "os", None, 0),
        ("S", "events", "SIGNUP", 1),
        ("Posthog", "posthog", "Posthog", 0),
        ("dataclass", "dataclasses", "dataclass", 0),
        ("ClassVar", "typing", "ClassVar", 0),
        ("Final", "typing", "Final", 0),
    ]
    bindings = {(b.scope, b.target): b.value for b in result.bindings}
    assert bindings[("", "EVENT")] == Str("signup_completed", (8, 16, 8, 34))
    assert bindings[("", "A")] == Str("a", (9, 8, 9, 11))
    assert bindings[("Tracker", "NAME")] == Str("tracker", (13, 27, 13, 36))
    assert bindings[("Tracker", "client_name")] == Other("dataclass field", (14, 5, 14, 16))
    assert bindings[("Tracker", "send")] == Ref(("self", "client", "capture"), (18, 21, 18, 40))
    assert bindings[("Tracker.__init__", "event")] == Other("reassigned", (19, 13, 19, 18))
    init, helper = result.functions
    assert (init.qualname, init.kind, init.params, init.vararg, init.kwonly, init.kwarg) == (
        "Tracker.__init__",
        "method",
        ("self", "client"),
        "args",
        ("flag",),
        "kwargs",
    )
    assert init.annotations == (("client", ("Posthog",)),)
    assert (helper.kind, helper.params, helper.posonly, helper.bound_params) == (
        "staticmethod",
        ("x", "y"),
        1,
        ("x", "y"),
    )
    assert result.classes[0].bases == (("Base",), ("mixins", "Track"))


def test_returns_bind_the_result_and_globals_bind_in_the_module() -> None:
    result = facts(
        """
        _client = None

        def get_client():
            global _client, _calls
            if _client is None:
                from posthog import Posthog

                _client = Posthog("key")
            _calls += 1
            return _client

        def local_only():
            _client = 3
            return
        """
    )
    assert [(b.scope, b.target, b.value) for b in result.bindings] == [
        ("", "_client", Literal(None, (1, 11, 1, 15))),
        ("", "_client", Call(("Posthog",), (Str("key", (8, 27, 8, 32)),), (), (), (8, 19, 8, 33))),
        ("", "_calls", Other("reassigned", (9, 5, 9, 11))),
        ("get_client", "<return>", Ref(("_client",), (10, 12, 10, 19))),
        ("local_only", "_client", Literal(3, (13, 15, 13, 16))),
    ]
    assert [(i.scope, i.local) for i in result.imports] == [("get_client", "Posthog")]


def test_suppression_comments_are_read_from_comments_only() -> None:
    result = facts(
        """
        # evdict: file-ignore[EV603]
        x = "# evdict: ignore[EV601]"  # evdict: ignore[ev601, EV6]
        # evdict: ignore
        y = 1  # evdict:ignore-all is not ours
        """
    )
    assert result.suppressions == (
        Suppression(("EV603",), True, (1, 1, 1, 29)),
        Suppression(("EV601", "EV6"), False, (2, 32, 2, 60)),
        Suppression((), False, (3, 1, 3, 17)),
    )
    assert result.suppressions[1].covers("EV606") and not result.suppressions[0].covers("EV601")


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("app/services/signup.py", ("app.services.signup", False)),
        ("app/__init__.py", ("app", True)),
        ("main.py", ("main", False)),
    ],
)
def test_module_names(rel: str, expected: tuple[str, bool]) -> None:
    assert module_name(rel) == expected


def test_relative_imports_resolve_against_the_module() -> None:
    imports = facts("from ..events import X\nfrom . import tracking\nfrom .... import y\n").imports
    assert import_target("app.services.signup", False, imports[0]) == "app.events"
    assert import_target("app.services", True, imports[1]) == "app.services"
    assert import_target("app.services.signup", False, imports[2]) is None


def test_facts_survive_the_cache_codec() -> None:
    for path in sorted(EXAMPLE.rglob("*.py")):
        original = extract(path.read_bytes())
        decoded = codec.loads(codec.dumps(original))
        assert decoded.functions == original.functions
        assert decoded.bindings == original.bindings
        assert decoded.imports == original.imports
        assert dict(decoded.calls.items()) == original.calls


def test_string_defaults_are_recorded_for_the_event_a_caller_leaves_out() -> None:
    result = facts(
        """
        def report(error, /, kind="python error", level=None, *, channel='ops', retries=3):
            pass
        """
    )
    (report,) = result.functions
    assert report.str_defaults == (("kind", "python error"), ("channel", "ops"))
    assert codec.loads(codec.dumps(result)).functions == (report,)


def test_string_field_defaults_of_a_class_are_recorded() -> None:
    result = facts(
        """
        @define
        class FeedbackEvent(BaseEvent):
            event_name: str = "chatFeedbackEvent"
            KIND: ClassVar[str] = "feedback"
            sentiment: int = 0
            phase = "init"
        """
    )
    (feedback,) = result.classes
    assert feedback.str_fields == (("event_name", "chatFeedbackEvent"),)
    assert codec.loads(codec.dumps(result)).classes == (feedback,)


def test_the_fields_a_generated_init_takes_are_recorded_in_order() -> None:
    result = facts(
        """
        @dataclass(frozen=True)
        class Action:
            name: str
            KIND: ClassVar[str] = "verb"
            label: str = ""

        @attr.s
        class Pair:
            left: int
            right: int

        class Plain:
            name: str
        """
    )
    assert [(cls.qualname, cls.init_fields) for cls in result.classes] == [
        ("Action", ("name", "label")),
        ("Pair", ("left", "right")),
        ("Plain", ()),
    ]
    assert codec.loads(codec.dumps(result)).classes == result.classes


def test_str_of_a_name_is_read_as_what_its_str_gives() -> None:
    result = facts(
        """
        DONE: Action = Action("done")
        capture(u, str(event.action), str(x, "utf-8"), str(f()))
        """
    )
    assert [(b.target, b.value) for b in result.bindings] == [
        ("DONE", Call(("Action",), (Str("done", (1, 23, 1, 29)),), (), (), (1, 16, 1, 30)))
    ]
    event, decoded, called = only_call(result, "capture").args[1:]
    assert event == Ref(("event", "action", "__str__"), (2, 12, 2, 29))
    assert isinstance(decoded, Call) and decoded.callee == ("str",)
    assert isinstance(called, Call) and called.callee == ("str",)


def test_an_attribute_set_on_a_local_is_recorded_as_unknown() -> None:
    result = facts(
        """
        def send(user):
            event = FeedbackEvent(user=user)
            event.event_name = user.name
        """
    )
    assert [(b.scope, b.target, b.value) for b in result.bindings][1:] == [
        ("send", "event.event_name", Other("attribute set", (3, 5, 3, 21)))
    ]


def test_a_tampered_call_group_is_dropped_not_a_crash() -> None:
    text = codec.dumps(facts("analytics.track(u, 'x')\n")).replace('"@":"Call"', '"@":"Nope"')
    assert codec.loads(text).calls.get("track") == ()


def test_a_value_computed_out_of_sight_is_an_instance_of_its_annotated_class() -> None:
    result = facts(
        """
        def capture(local):
            ph: Posthog = getattr(local, "posthog", None)
            client: "posthog.Posthog | None" = local.client
            name: str = local.name
            anything: Any = local.anything
            count: Final = len(local)
            label: Label = "x"
        """
    )
    assert [(b.target, b.value) for b in result.bindings] == [
        ("ph", Call(("Posthog",), (), (), (), (2, 19, 2, 50))),
        ("client", Call(("posthog", "Posthog"), (), (), (), (3, 40, 3, 52))),
        ("name", Ref(("local", "name"), (4, 17, 4, 27))),
        ("anything", Ref(("local", "anything"), (5, 21, 5, 35))),
        ("count", Call(("len",), (Ref(("local",), (6, 24, 6, 29)),), (), (), (6, 20, 6, 30))),
        ("label", Str("x", (7, 20, 7, 23))),
    ]


def test_formatted_placeholders_are_not_their_value() -> None:
    call = only_call(facts('track(f"{PREFIX}_{n!r}_{size:>4}")\n'), "track")
    fstring = call.args[0]
    assert isinstance(fstring, FString) and fstring.prefix == ""
    assert [type(part) for part in fstring.parts] == [Ref, Str, Other, Str, Other]


def test_string_exits_are_the_strings_an_if_leaves_the_function_on() -> None:
    result = facts(
        """
        def publish(event_type, props):
            if event_type == "set_orgs":
                client.set_group(props)
                return
            if event_type in ("debug", 'trace', LEVEL):
                raise ValueError(event_type)
            if event_type == "audit":
                log(props)
            if props == "x":
                pass
            else:
                return
            if event_type != "skip":
                return
            for item in props:
                if item == "nested":
                    return
            client.track(event_type)
        """
    )
    (publish,) = result.functions
    assert publish.str_exits == (
        ("event_type", "set_orgs", 4),
        ("event_type", "debug", 6),
        ("event_type", "trace", 6),
    )


def test_abstract_methods_properties_and_type_parameters_are_recorded() -> None:
    result = facts(
        """
        class Client:
            @abstractmethod
            def capture(self, event): ...

            @property
            def name(self):
                return self.__class__.__name__

            @functools.cached_property
            def system(self) -> "System":
                return make()

            def instance(self, type: Type[T]) -> T: ...

            def lookup(self, key, kind: type[T] = object) -> T: ...

            def other(self, kind: Type[T]) -> Client: ...
        """
    )
    assert [
        (f.name, f.abstract, f.is_property, f.returns_instance_of) for f in result.functions
    ] == [
        ("capture", True, False, None),
        ("name", False, True, None),
        ("system", False, True, None),
        ("instance", False, False, "type"),
        ("lookup", False, False, "kind"),
        ("other", False, False, None),
    ]


def test_returned_tuples_keep_their_items_and_name_decorators_are_recorded() -> None:
    result = facts(
        """
        @send_telemetry
        @app.cached
        @telemetry.log_call("run")
        def running(tutorial_id):
            if tutorial_id:
                return "Tutorial", {"id": tutorial_id}
            return "a", 1
        """
    )
    (running,) = result.functions
    assert running.decorators == (("send_telemetry",), ("app", "cached"))
    assert [(b.target, b.value) for b in result.bindings] == [
        (
            "<return>",
            Items(
                (
                    Str("Tutorial", (6, 16, 6, 26)),
                    Mapping(
                        (Entry(Str("id", (6, 29, 6, 33)), Ref(("tutorial_id",), (6, 35, 6, 46))),),
                        (),
                        (6, 28, 6, 47),
                    ),
                ),
                (6, 16, 6, 47),
            ),
        ),
        ("<return>", Literal(["a", 1], (7, 12, 7, 18))),
    ]
    decoded = codec.loads(codec.dumps(result))
    assert decoded.functions == result.functions
    assert decoded.bindings == result.bindings
