"""The JS/TS front end alone: source -> neutral facts (no presets, no resolution)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from evdict.scanner import codec
from evdict.scanner.frontends.javascript import extract, grammar_for, module_name, module_path
from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Choice,
    Concat,
    Entry,
    FileFacts,
    FString,
    Import,
    Item,
    Literal,
    Lookup,
    Mapping,
    Other,
    Ref,
    Starred,
    Str,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "js"


def facts(source: str, filename: str = "x.ts") -> FileFacts:
    return extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"), filename)


def only_call(result: FileFacts, name: str) -> Call:
    sites = result.calls[name]
    assert len(sites) == 1, sites
    return sites[0].call


def first_arg(source: str, filename: str = "x.ts") -> object:
    return only_call(facts(source, filename), "f").args[0]


@pytest.mark.parametrize(
    ("suffix", "grammar"),
    [
        (".js", "javascript"),
        (".jsx", "javascript"),
        (".mjs", "javascript"),
        (".cjs", "javascript"),
        (".ts", "typescript"),
        (".mts", "typescript"),
        (".cts", "typescript"),
        (".tsx", "tsx"),
        (".TSX", "tsx"),
        (".py", None),
    ],
)
def test_grammar_follows_the_suffix(suffix: str, grammar: str | None) -> None:
    assert grammar_for(suffix) == grammar


def test_typescript_cast_and_tsx_tag_need_their_own_grammar() -> None:
    cast = "const x = <string>y;\nf(x);\n"
    assert facts(cast, "a.ts").failure is None
    assert facts(cast, "a.tsx").failure is not None
    assert facts("f(<div onClick={g} />);\n", "a.tsx").failure is None


@pytest.mark.parametrize(
    ("specifier", "expected"),
    [
        ("./events", ("events", 1)),
        ("./lib/events.js", ("lib.events", 1)),
        ("../lib/events.js", ("lib.events", 2)),
        ("../../a/b.tsx", ("a.b", 3)),
        (".", ("", 1)),
        ("..", ("", 2)),
        ("posthog-js", ("posthog-js", 0)),
        ("posthog-js/react", ("posthog-js.react", 0)),
        ("@segment/analytics-next", ("@segment.analytics-next", 0)),
        ("@/lib/posthog", ("lib.posthog", 0)),
        ("~/lib/posthog", ("lib.posthog", 0)),
        ("lib/posthog", ("lib.posthog", 0)),
    ],
)
def test_module_specifiers_read_like_python_imports(
    specifier: str, expected: tuple[str, int]
) -> None:
    assert module_path(specifier) == expected


def test_imports_of_every_form() -> None:
    result = facts(
        """
        import posthog from "posthog-js";
        import * as amplitude from "@amplitude/analytics-browser";
        import { track, init as start } from "@amplitude/analytics-browser";
        import def, { named } from "./mod";
        import type { Order } from "../types";
        const Mixpanel = require("mixpanel");
        const { trackEvent } = require("./analytics");
        export { trackEvent as te } from "./analytics";
        export * from "./events";
        export * as ns from "./ns";
        """
    )
    found = {(i.local, i.module, i.name, i.level) for i in result.imports}
    assert found == {
        ("posthog", "posthog-js", "default", 0),
        ("amplitude", "@amplitude.analytics-browser", None, 0),
        ("track", "@amplitude.analytics-browser", "track", 0),
        ("start", "@amplitude.analytics-browser", "init", 0),
        ("def", "mod", "default", 1),
        ("named", "mod", "named", 1),
        ("Order", "types", "Order", 2),
        ("Mixpanel", "mixpanel", None, 0),
        ("trackEvent", "analytics", "trackEvent", 1),
        ("te", "analytics", "trackEvent", 1),
        ("*", "events", "*", 1),
        ("ns", "ns", None, 1),
    }


def test_an_import_of_a_required_module_names_the_module() -> None:
    result = facts('import Analytics = require("analytics-node");\nimport C = ns.D;\n')
    assert result.imports == (
        Import("", "Analytics", "analytics-node", None, 0, (1, 1, 1, 46), "analytics-node"),
    )


def test_exports_bind_default_and_aliases() -> None:
    result = facts(
        """
        function trackClick(e) {}
        const a = 1;
        export default trackClick;
        export { a as b };
        """
    )
    bound = {(b.target, b.value.path) for b in result.bindings if isinstance(b.value, Ref)}
    assert bound == {("default", ("trackClick",)), ("b", ("a",))}
    declared = facts("export default function trackClick(e) {}\n")
    assert [(b.target, b.value) for b in declared.bindings] == [
        ("default", Ref(("trackClick",), (1, 25, 1, 35)))
    ]


def test_calls_are_grouped_by_their_last_name_with_their_scope() -> None:
    result = facts(
        """
        analytics.track("A");
        function outer() {
          window.analytics?.track("B");
          const inner = () => ph?.capture("C");
          items.forEach((item) => heap.track("D"));
        }
        useTrack()("E");
        console.log("F");
        tag`G`;
        """
    )
    sites = {
        (site.call.callee, site.scope, tuple(getattr(a, "value", a) for a in site.call.args))
        for group in result.calls.values()
        for site in group
    }
    assert sites == {
        (("analytics", "track"), "", ("A",)),
        (("window", "analytics", "track"), "outer", ("B",)),
        (("ph", "capture"), "outer.inner", ("C",)),
        (("heap", "track"), "outer", ("D",)),
        (("useTrack",), "", ()),
    }
    assert set(result.calls) == {"track", "capture", "useTrack"}


def test_positions_are_characters_not_bytes() -> None:
    path = FIXTURES / "sdks" / "posthog_react.tsx"
    result = extract(path.read_bytes(), path.name)
    call = next(s.call for s in result.calls["capture"] if s.call.pos[0] == 25)
    # ``✨`` is 3 bytes and ``é``/``à`` 2 bytes each before the call on that line.
    assert call.pos == (25, 46, 25, 107)
    assert call.args[0] == Str("banner_link_clicked", (25, 63, 25, 84))


def test_a_byte_order_mark_is_not_a_column() -> None:
    result = extract(b'\xef\xbb\xbfposthog.capture("a")\n', "x.js")
    assert only_call(result, "capture").pos == (1, 1, 1, 21)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('f("plain")', "plain"),
        ("f('single')", "single"),
        ("f(`template`)", "template"),
        (r'f("a\nb\t\x41\u0042\u{43}")', "a\nb\tABC"),
        (r'f("\uD83D\uDE00 \u{1F600}")', "\U0001f600 \U0001f600"),
        ('f("line \\\ncontinued")', "line continued"),
        (r'f("quote \" and \\ backslash")', 'quote " and \\ backslash'),
        ('f("seat_" + "added")', "seat_added"),
        ('f("quota_reached" as const)', "quota_reached"),
        ('f(("paren"))', "paren"),
        ("f(`multi\nline`)", "multi\nline"),
    ],
)
def test_string_values(source: str, expected: str) -> None:
    arg = first_arg(source + ";\n")
    assert isinstance(arg, Str)
    assert arg.value == expected


def test_dynamic_names_keep_what_is_known() -> None:
    whole = (1, 3, 1, 19)
    assert first_arg("f(`step_${n}_done`);") == FString(
        "step_", whole, (Str("step_", whole), Ref(("n",), (1, 11, 1, 12)), Str("_done", whole))
    )
    assert first_arg("f(`${APP}:signup`);") == FString(
        "", (1, 3, 1, 18), (Ref(("APP",), (1, 6, 1, 9)), Str(":signup", (1, 3, 1, 18)))
    )
    assert first_arg('f(ok ? "a" : "b");') == Choice(
        (Str("a", (1, 8, 1, 11)), Str("b", (1, 14, 1, 17))), (1, 3, 1, 17)
    )
    assert first_arg('f("export_" + kind);') == Concat(
        (Str("export_", (1, 3, 1, 12)), Ref(("kind",), (1, 15, 1, 19))), (1, 3, 1, 19)
    )
    assert first_arg('f(name ?? "fallback");') == Choice(
        (Ref(("name",), (1, 3, 1, 7)), Str("fallback", (1, 11, 1, 21))), (1, 3, 1, 21)
    )
    assert isinstance(first_arg("f(nameFor(kind));"), Call)


def test_literals_and_references() -> None:
    assert first_arg("f(3);") == Literal(3, (1, 3, 1, 4))
    assert first_arg("f(-2.5);") == Literal(-2.5, (1, 3, 1, 7))
    assert first_arg("f(0x10);") == Literal(16, (1, 3, 1, 7))
    assert first_arg("f(1_000n);") == Literal(1000, (1, 3, 1, 9))
    assert first_arg("f(true);") == Literal(True, (1, 3, 1, 7))
    assert first_arg("f(null);") == Literal(None, (1, 3, 1, 7))
    assert first_arg("f(undefined);") == Literal(None, (1, 3, 1, 12))
    assert first_arg('f(["a", 1]);') == Literal(["a", 1], (1, 3, 1, 11))
    assert first_arg("f(EVENTS.SIGNUP!);") == Ref(("EVENTS", "SIGNUP"), (1, 3, 1, 16))
    assert first_arg('f(Screens["BILLING"]);') == Ref(("Screens", "BILLING"), (1, 3, 1, 21))
    # The key kept where it may name the keys read: a name, a choice, a template.
    assert first_arg("f(a[b]);") == Lookup(("a",), (1, 3, 1, 7), Ref(("b",), (1, 5, 1, 6)))
    assert first_arg('f(a[c ? "X" : "Y"]);') == Lookup(
        ("a",),
        (1, 3, 1, 19),
        Choice((Str("X", (1, 9, 1, 12)), Str("Y", (1, 15, 1, 18))), (1, 5, 1, 18)),
    )
    assert first_arg("f(a[b.c()]);") == Lookup(("a",), (1, 3, 1, 11))
    assert first_arg("f(a()[b]);") == Other("subscript", (1, 3, 1, 9))
    assert first_arg("f(() => 1);") == Other("function", (1, 3, 1, 10))


def test_object_literals_keep_keys_spreads_and_computed_keys() -> None:
    arg = first_arg('f({ plan, "billing-cycle": "m", [key]: 1, 2: x, ...rest, m() {} });')
    assert isinstance(arg, Mapping)
    keys = [entry.key for entry in arg.entries]
    assert [k.value if isinstance(k, Str) else k for k in keys] == [
        "plan",
        "billing-cycle",
        Ref(("key",), (1, 34, 1, 37)),
        "2",
        "m",
    ]
    assert arg.entries[0].value == Ref(("plan",), (1, 5, 1, 9))
    assert arg.spreads == (Ref(("rest",), (1, 52, 1, 56)),)


def test_spread_arguments_are_starred() -> None:
    call = only_call(facts("f(...args);\n"), "f")
    assert call.args == (Starred(Ref(("args",), (1, 6, 1, 10)), (1, 3, 1, 10)),)


def test_functions_parameters_and_destructuring() -> None:
    result = facts(
        """
        export function trackEvent(name: string, props: object = {}, ...rest: unknown[]) {}
        export const trackAnalytics = ({ event, properties: props = {} }: Payload, opts?: O) => {
          analytics.track(event, props);
        };
        function trackClick(payload) {
          analytics.track(payload.event, { target: payload.target });
        }
        """
    )
    functions = {f.qualname: (f.kind, f.params, f.vararg) for f in result.functions}
    assert functions == {
        "trackEvent": ("function", ("name", "props"), "rest"),
        "trackAnalytics": ("function", ("{0}", "opts"), None),
        "trackClick": ("function", ("payload",), None),
    }
    destructured, member = (site.call for site in result.calls["track"])
    assert destructured.args == (
        Item(("{0}",), "event", (3, 19, 3, 24)),
        Item(("{0}",), "properties", (3, 26, 3, 31)),
    )
    assert member.args[0] == Item(("payload",), "event", (6, 19, 6, 32))


def test_a_generic_function_returning_its_parameters_type_returns_that_argument() -> None:
    result = facts(
        """
        abstract class BaseCommand {
          static create<T extends BaseCommand>(this: new (...args: any[]) => T, data: T): T {
            return plainToInstance(this, { ...data });
          }
        }
        async function settled<R>(value: R | undefined): Promise<R> { return value; }
        function either<T>(first: T, second: T): T { return first; }
        function withDefaults(command: Command): Command { return command; }
        function wrap<T>(data: T): Box<T> { return { data }; }
        """
    )
    returned = {f.qualname: f.returns_argument for f in result.functions}
    assert returned == {
        "BaseCommand.create": "data",
        "settled": "value",
        "either": None,
        "withDefaults": None,
        "wrap": None,
    }


def test_a_callback_parameter_hides_the_outer_one() -> None:
    result = facts(
        """
        function track(event) {
          list.map((event) => analytics.track(event));
        }
        """
    )
    assert only_call(result, "track").args == (Ref(("event",), (2, 39, 2, 44)),)


def test_a_returned_function_is_named_after_its_maker() -> None:
    result = facts(
        """
        export function useTrack() {
          const posthog = usePostHog();
          return useCallback((event: string, properties?: object) => {
            posthog.capture(event, properties);
          }, [posthog]);
        }
        export const useLog = () => (name) => heap.track(name);
        function helper() {
          items.forEach(() => { return () => noise.track("x"); });
        }
        """,
        "hooks.tsx",
    )
    functions = {f.qualname: f.params for f in result.functions}
    assert functions == {
        "useTrack": (),
        f"useTrack.{RETURNED}": ("event", "properties"),
        "useLog": (),
        f"useLog.{RETURNED}": ("name",),
        "helper": (),
    }
    scopes = {site.call.callee: site.scope for group in result.calls.values() for site in group}
    assert scopes[("posthog", "capture")] == f"useTrack.{RETURNED}"
    assert scopes[("heap", "track")] == f"useLog.{RETURNED}"
    assert scopes[("noise", "track")] == "helper"


def test_what_a_hook_returns_by_name_or_as_an_object_of_helpers() -> None:
    result = facts(
        """
        export function useCapture() {
          function capture(name: string) { posthog.capture(name); }
          return capture;
        }
        export function useAnalytics() {
          const track = useCallback((event: string) => { posthog.capture(event); }, [posthog]);
          return { track, page: () => posthog.capture("$pageview") };
        }
        """,
        "hooks.tsx",
    )
    functions = {f.qualname: (f.kind, f.params) for f in result.functions}
    assert functions == {
        "useCapture": ("function", ()),
        "useCapture.capture": ("function", ("name",)),
        "useAnalytics": ("function", ()),
        "useAnalytics.track": ("function", ("event",)),
        f"useAnalytics.{RETURNED}.page": ("staticmethod", ()),
    }
    page_view = Call(
        ("posthog", "capture"), (Str("$pageview", (7, 47, 7, 58)),), (), (), (7, 31, 7, 59)
    )
    assert [(b.scope, b.target, b.value) for b in result.bindings] == [
        ("useCapture", RETURNED, Ref(("capture",), (3, 10, 3, 17))),
        (f"useAnalytics.{RETURNED}", "track", Ref(("track",), (7, 12, 7, 17))),
        (f"useAnalytics.{RETURNED}.page", RETURNED, page_view),
    ]
    assert [c.qualname for c in result.classes] == [f"useAnalytics.{RETURNED}"]
    scopes = {site.call.callee: site.scope for group in result.calls.values() for site in group}
    assert scopes[("posthog", "capture")] == f"useAnalytics.{RETURNED}.page"
    inside = [site.scope for site in result.calls["capture"]]
    assert inside == ["useCapture.capture", "useAnalytics.track", f"useAnalytics.{RETURNED}.page"]


def test_destructuring_a_call_reads_keys_of_what_it_returns() -> None:
    result = facts(
        """
        function Button() {
          const { capture, identify: who } = usePostHog();
          const { event } = props;
        }
        """
    )
    holder = Call(("usePostHog",), (), (), (), (2, 38, 2, 50))
    assert [(b.target, b.value) for b in result.bindings] == [
        ("usePostHog()", holder),
        ("capture", Ref(("usePostHog()", "capture"), (2, 9, 2, 35))),
        ("who", Ref(("usePostHog()", "identify"), (2, 9, 2, 35))),
        ("event", Ref(("props", "event"), (3, 9, 3, 18))),
    ]


def test_bind_and_required_members_name_what_they_read() -> None:
    result = facts(
        """
        const analytics = new Analytics(key);
        export const track = analytics.track.bind(analytics);
        function lazy() {
          const posthog = require("posthog-js").default;
        }
        """,
        "a.js",
    )
    assert result.bindings[1].value == Ref(("analytics", "track"), (2, 22, 2, 37))
    assert [(i.scope, i.local, i.module, i.name) for i in result.imports] == [
        ("lazy", "posthog", "posthog-js", "default")
    ]


def test_classes_methods_this_and_fields() -> None:
    result = facts(
        """
        class Tracker extends Base.Client {
          private ready = false;
          @inject(IWriter) protected readonly writer: IWriter;
          label?: string;
          send = (name: string) => this.client.capture(name);
          constructor(private client: PostHog, key: string) {
            super();
            this.key = key;
          }
          track(name: string) { this.send(name); }
          static create(): Tracker | undefined { return new Tracker(); }
          static shared(): Promise<Base.Client> { Tracker.instance = this.create(); }
        }
        """
    )
    assert [(c.qualname, c.bases) for c in result.classes] == [("Tracker", (("Base", "Client"),))]
    functions = {
        f.qualname: (f.kind, f.class_name, f.params, f.annotations) for f in result.functions
    }
    assert functions == {
        "Tracker.send": ("method", "Tracker", ("this", "name"), ()),
        "Tracker.constructor": (
            "method",
            "Tracker",
            ("this", "client", "key"),
            (("client", ("PostHog",)),),
        ),
        "Tracker.track": ("method", "Tracker", ("this", "name"), ()),
        # ``this`` in a static method is the class: a classmethod, with what it returns.
        "Tracker.create": ("classmethod", "Tracker", ("this",), ((RETURNED, ("Tracker",)),)),
        "Tracker.shared": (
            "classmethod",
            "Tracker",
            ("this",),
            ((RETURNED, ("Base", "Client")),),
        ),
    }
    bindings = {(b.scope, b.target): type(b.value).__name__ for b in result.bindings}
    assert bindings == {
        ("Tracker", "ready"): "Literal",
        ("Tracker", "writer"): "Call",  # injected: a construction of its type stands in
        ("Tracker", "client"): "Ref",
        ("Tracker", "key"): "Ref",
        ("Tracker.send", RETURNED): "Call",
        ("Tracker.create", RETURNED): "Call",
        ("Tracker", "instance"): "Call",
    }
    assert only_call(result, "capture").callee == ("this", "client", "capture")


def test_a_getter_is_read_as_an_attribute_static_or_not() -> None:
    result = facts(
        """
        class TelemetryService {
          private static _instance: TelemetryService | null = null;
          static get instance() { return this._instance; }
          get ready() { return true; }
          set ready(value: boolean) {}
          captureEvent(name: string) {}
        }
        """
    )
    functions = {(f.qualname, f.kind, f.is_property) for f in result.functions}
    assert functions == {
        ("TelemetryService.instance", "classmethod", True),
        ("TelemetryService.ready", "method", True),
        ("TelemetryService.ready", "method", False),
        ("TelemetryService.captureEvent", "method", False),
    }


def test_interfaces_and_abstract_classes_declare_methods_implementations_define() -> None:
    result = facts(
        """
        export const IWriter = Symbol("IWriter");
        export interface IWriter extends Base<T>, ns.Closeable {
          track(msg: TrackMessage): void;
          page?(msg: PageMessage): void;
          send: (msg: M) => Promise<void>;
          readonly name: string;
        }
        export abstract class Writer extends Base implements IWriter, ns.Y<T> {
          abstract track(msg: TrackMessage): void;
          over(a: string): void;
          over(a: any) {}
        }
        declare global {
          interface Window { analytics: IWriter }
        }
        declare module "posthog-node" {
          interface PostHog { track(e: string): void }
        }
        """
    )
    classes = {(c.qualname, c.bases, c.abstract, c.implements) for c in result.classes}
    assert classes == {
        ("IWriter", (("Base",), ("ns", "Closeable")), True, ()),
        ("Writer", (("Base",),), True, (("IWriter",), ("ns", "Y"))),
    }
    functions = {f.qualname: (f.kind, f.params, f.abstract) for f in result.functions}
    # An overload's signature in a class is no abstract method: the body follows it.
    # An interface augmenting one defined elsewhere (``declare global``) is no class here.
    assert functions == {
        "IWriter.track": ("method", ("this", "msg"), True),
        "IWriter.page": ("method", ("this", "msg"), True),
        "IWriter.send": ("method", ("this", "msg"), True),
        "Writer.track": ("method", ("this", "msg"), True),
        "Writer.over": ("method", ("this", "a"), False),
    }


def test_enums_are_classes_of_constants() -> None:
    result = facts(
        """
        export enum Events {
          Signup = "signup_completed",
          Login = `user_signed_in`,
          "with-dash" = "x",
        }
        enum Level { Low, High, Max = 10, Over }
        """
    )
    assert [c.qualname for c in result.classes] == ["Events", "Level"]
    values = {(b.scope, b.target): getattr(b.value, "value", None) for b in result.bindings}
    assert values == {
        ("Events", "Signup"): "signup_completed",
        ("Events", "Login"): "user_signed_in",
        ("Events", "with-dash"): "x",
        ("Level", "Low"): 0,
        ("Level", "High"): 1,
        ("Level", "Max"): 10,
        ("Level", "Over"): 11,
        # A numeric member's reverse mapping (``Level[Level.Max]`` is "Max"); a string
        # member has none.
        ("Level", "0"): "Low",
        ("Level", "1"): "High",
        ("Level", "10"): "Max",
        ("Level", "11"): "Over",
    }


def test_a_case_method_keeps_what_it_is_called_on() -> None:
    result = facts(
        """
        const a = Step[step].toLowerCase();
        const b = name.toUpperCase();
        const c = Step[step].trim();
        """
    )
    values = {b.target: b.value for b in result.bindings}
    lowered = values["a"]
    assert isinstance(lowered, Call) and lowered.callee == ("?", "toLowerCase")
    receiver = lowered.receiver
    assert isinstance(receiver, Lookup) and receiver.base == ("Step",)
    assert isinstance(receiver.key, Ref) and receiver.key.path == ("step",)
    # A name's method keeps its receiver in the callee already; other methods lose theirs.
    assert [getattr(values[n], "receiver", 0) for n in "bc"] == [None, None]


def test_constant_objects_are_namespaces_of_constants() -> None:
    result = facts(
        """
        export const EVENTS = { SIGNUP: "signup_completed", nested: { INVITE: "x" } } as const;
        const FROZEN = Object.freeze({ A: "a", b });
        const CHECKED = { "with-dash": "d" } satisfies Record<string, string>;
        export const tracker = {
          track(name: string) { posthog.capture(name); },
          send: (name: string) => heap.track(name),
        };
        let MUTABLE = { C: "c" };
        const SPREAD = { ...base, D: "d" };
        """
    )
    assert [c.qualname for c in result.classes] == [
        "EVENTS",
        "EVENTS.nested",
        "FROZEN",
        "CHECKED",
        "tracker",
    ]
    members = {(b.scope, b.target): b.value for b in result.bindings if b.target != RETURNED}
    assert members == {
        ("EVENTS", "SIGNUP"): Str("signup_completed", (1, 33, 1, 51)),
        ("EVENTS.nested", "INVITE"): Str("x", (1, 71, 1, 74)),
        ("FROZEN", "A"): Str("a", (2, 35, 2, 38)),
        ("FROZEN", "b"): Ref(("b",), (2, 40, 2, 41)),
        ("CHECKED", "with-dash"): Str("d", (3, 32, 3, 35)),
        ("", "MUTABLE"): Mapping(
            (Entry(Str("C", (8, 17, 8, 18)), Str("c", (8, 20, 8, 23))),), (), (8, 15, 8, 25)
        ),
        ("", "SPREAD"): Mapping(
            (Entry(Str("D", (9, 27, 9, 28)), Str("d", (9, 30, 9, 33))),),
            (Ref(("base",), (9, 21, 9, 25)),),
            (9, 16, 9, 35),
        ),
    }
    functions = {f.qualname: (f.kind, f.class_name, f.params) for f in result.functions}
    assert functions == {
        # ``this`` in a method of an object literal is the object; an arrow function has none.
        "tracker.track": ("classmethod", "tracker", ("this", "name")),
        "tracker.send": ("staticmethod", "tracker", ("name",)),
    }


def test_bindings_of_clients_and_rebinding() -> None:
    result = facts(
        """
        const client = new PostHog(key);
        let amplitude = 0.5;
        amplitude = next();
        const { a, b: c } = settings;
        """
    )
    assert [(b.target, type(b.value).__name__) for b in result.bindings] == [
        ("client", "Call"),
        ("amplitude", "Literal"),
        ("amplitude", "Call"),
        ("a", "Ref"),
        ("c", "Ref"),
    ]
    assert result.bindings[4].value == Ref(("settings", "b"), (4, 7, 4, 18))
    client = result.bindings[0]
    assert isinstance(client, Binding) and isinstance(client.value, Call)
    assert client.value.callee == ("PostHog",)


def test_suppression_comments() -> None:
    result = facts(
        """
        // evdict: ignore[EV601]
        f(); /* evdict: ignore[ev601, EV607] */
        // evdict: file-ignore
        /*
         * evdict: ignore[EV6]
         */
        // not evdict at all
        """
    )
    assert [(s.codes, s.file_level, s.pos) for s in result.suppressions] == [
        (("EV601",), False, (1, 4, 1, 25)),
        (("EV601", "EV607"), False, (2, 9, 2, 37)),
        ((), True, (3, 4, 3, 23)),
        (("EV6",), False, (5, 4, 5, 23)),
    ]


def test_a_syntax_error_is_reported_and_the_rest_still_read() -> None:
    path = FIXTURES / "errors" / "broken.ts"
    result = extract(path.read_bytes(), path.name)
    assert result.failure is not None
    assert result.failure.message == "syntax error: missing `)`"
    assert result.failure.pos == (5, 13, 5, 13)
    assert [s.call.args[0] for s in result.calls["capture"]] == [
        Str("document_saved", (4, 19, 4, 35)),
        Str("document_renamed", (6, 21, 6, 39)),
    ]


def test_garbage_is_a_failure_with_a_position() -> None:
    result = facts('analytics.track("a";\n}}}\n', "x.js")
    assert result.failure is not None
    assert result.failure.pos[0] == 1
    assert "capture" not in result.calls and "track" not in result.calls


def test_invalid_utf8_is_a_failure() -> None:
    result = extract(b'f("ok");\nf("\xff");\n', "x.js")
    assert result.failure is not None
    assert result.failure.message.startswith("not valid UTF-8 text")
    assert result.failure.pos[:2] == (2, 4)


def test_declaration_files_hold_no_calls() -> None:
    assert extract(b'declare function f(): void;\nf("x");\n', "types.d.ts") == FileFacts(
        "typescript"
    )


def test_every_fixture_parses_except_the_broken_one_and_survives_the_cache() -> None:
    for path in sorted(FIXTURES.rglob("*")):
        if grammar_for(path.suffix) is None:
            continue
        result = extract(path.read_bytes(), path.name)
        assert (result.failure is not None) == (path.name == "broken.ts"), path
        again = codec.loads(codec.dumps(result))
        assert again.functions == result.functions
        assert again.bindings == result.bindings
        assert dict(again.calls.items()) == result.calls


def test_imports_are_scoped() -> None:
    result = facts("function f() { const m = require('m'); }\n", "x.js")
    assert result.imports == (Import("f", "m", "m", None, 0, (1, 22, 1, 38)),)


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("src/lib/events.ts", ("src.lib.events", False)),
        ("src/lib/index.tsx", ("src.lib", True)),
        ("server/billing.mts", ("server.billing", False)),
        ("index.js", ("index", False)),
    ],
)
def test_module_names(rel: str, expected: tuple[str, bool]) -> None:
    assert module_name(rel) == expected


def test_parameters_typed_with_a_class_are_annotated() -> None:
    result = facts(
        """
        function f(client: PostHog, m?: mp.Mixpanel, a: Analytics<T>, s: string, u: A | B) {}
        """
    )
    assert result.functions[0].annotations == (
        ("client", ("PostHog",)),
        ("m", ("mp", "Mixpanel")),
        ("a", ("Analytics",)),
    )


def test_extend_with_methods_makes_a_class_whose_this_is_an_instance() -> None:
    result = facts(
        """
        const AnalyticsView = Backbone.View.extend({
          events: { click: "onClick" },
          track: function (eventType, properties) { analytics.track(eventType, properties); },
          onClick() { this.track("clicked"); },
          later: () => this,
        });
        define([], function () {
          return Backbone.Model.extend({ save() {} });
        });
        const schema = z.object({}).extend({ name: z.string() });
        """,
        "a.js",
    )
    assert [(c.qualname, c.bases) for c in result.classes] == [
        ("AnalyticsView", (("Backbone", "View"),)),
        ("Model@8", (("Backbone", "Model"),)),
    ]
    functions = {f.qualname: (f.kind, f.params) for f in result.functions}
    assert functions == {
        "AnalyticsView.track": ("method", ("this", "eventType", "properties")),
        "AnalyticsView.onClick": ("method", ("this",)),
        "AnalyticsView.later": ("staticmethod", ()),  # an arrow function keeps the outer this
        "Model@8.save": ("method", ("this",)),
    }
    assert [site.scope for site in result.calls["track"]] == [
        "AnalyticsView.track",
        "AnalyticsView.onClick",
    ]
    assert "extend" in result.calls  # no function in it: a call like any other
    events = [
        b.value for b in result.bindings if (b.scope, b.target) == ("AnalyticsView", "events")
    ]
    assert [type(value).__name__ for value in events] == ["Mapping"]  # not a namespace


def test_the_objects_of_an_extended_prototype_are_no_namespaces() -> None:
    result = facts(
        """
        const Widget = Vue.extend({
          data() { return { open: false }; },
          methods: { track(name) { posthog.capture(name); } },
        });
        """,
        "a.js",
    )
    assert [c.qualname for c in result.classes] == ["Widget", f"Widget.data.{RETURNED}"]
    assert [f.qualname for f in result.functions] == ["Widget.data"]
    assert [site.scope for site in result.calls["capture"]] == [""]  # a callback, as before


def test_a_function_registered_for_a_channel_is_its_handler() -> None:
    result = facts(
        """
        function setup(bus) {
          bus.on("segment:track", function (name, props) { analytics.track(name, props); });
          this.listenTo(model, "page.view", (path) => analytics.page(path));
          bus.on(channel, (name) => analytics.track(name));
          emitter().once("x", handler);
          other.on("segment:track", (event) => console.info(event));
        }
        """,
        "a.js",
    )
    functions = {f.qualname: f.params for f in result.functions}
    assert functions == {
        "setup": ("bus",),
        "setup.on('segment:track')": ("name", "props"),
        "setup.listenTo('page:view')": ("path",),
        "setup.on('segment:track')@6": ("event",),
    }
    on, dynamic, _ = (site.call for site in result.calls["on"])
    assert on.args == (
        Str("segment:track", (2, 10, 2, 25)),
        Ref(("on('segment:track')",), (2, 27, 2, 83)),
    )
    assert isinstance(dynamic.args[1], Other)  # no literal channel: a callback as before
    listen = only_call(result, "listenTo")
    assert listen.args[2] == Ref(("listenTo('page:view')",), (3, 37, 3, 67))
    scopes = [site.scope for site in result.calls["track"]]
    assert scopes == ["setup.on('segment:track')", "setup"]  # a dynamic channel: a callback
    assert [site.scope for site in result.calls["page"]] == ["setup.listenTo('page:view')"]
    assert [site.call.callee for site in result.calls["once"]] == [("emitter()", "once")]


def test_module_exports_of_an_object_is_the_default_namespace() -> None:
    result = facts(
        """
        module.exports = {
          client() { const { PostHog } = require("posthog-node"); return new PostHog(key); },
          track(event) { this.client().capture({ event }); },
        };
        """,
        "a.js",
    )
    assert [c.qualname for c in result.classes] == ["default"]
    functions = {f.qualname: (f.kind, f.params) for f in result.functions}
    assert functions == {
        "default.client": ("classmethod", ("this",)),
        "default.track": ("classmethod", ("this", "event")),
    }
    assert [(i.scope, i.local, i.module, i.name) for i in result.imports] == [
        ("default.client", "PostHog", "posthog-node", "PostHog")
    ]
    assert only_call(result, "capture").callee == ("this.client()", "capture")


def test_nullish_assignment_binds_the_old_value_or_the_new() -> None:
    result = facts(
        """
        class Metrics {
          static get() {
            this.client ??= new PostHog(key);
            Metrics.other ||= make();
            this.count += 1;
            return new PostHog(key).capture({ event: "x" });
          }
        }
        """
    )
    bindings = [(b.scope, b.target, b.value) for b in result.bindings if b.target != RETURNED]
    new_client = Call(("PostHog",), (Ref(("key",), (3, 33, 3, 36)),), (), (), (3, 21, 3, 37))
    assert bindings == [
        (
            "Metrics",
            "client",
            Choice((Ref(("this", "client"), (3, 5, 3, 16)), new_client), (3, 5, 3, 37)),
        ),
        (
            "Metrics",
            "other",
            Choice(
                (
                    Ref(("Metrics", "other"), (4, 5, 4, 18)),
                    Call(("make",), (), (), (), (4, 23, 4, 29)),
                ),
                (4, 5, 4, 29),
            ),
        ),
        (
            "Metrics.get",
            "PostHog()",
            Call(("PostHog",), (Ref(("key",), (6, 24, 6, 27)),), (), (), (6, 12, 6, 28)),
        ),
    ]
    assert only_call(result, "capture").callee == ("PostHog()", "capture")
