"""JSX elements of components read as calls of them: the facts, and what a scan parses."""

from __future__ import annotations

import textwrap
from pathlib import Path

from evdict.config import Config
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.javascript import extract
from evdict.scanner.model import Call, Entry, FileFacts, Item, Literal, Mapping, Ref, Str
from tests.conftest import WriteFiles


def facts(source: str, filename: str = "x.tsx") -> FileFacts:
    return extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"), filename)


def props(call: Call) -> dict[str, object]:
    (mapping,) = call.args
    assert isinstance(mapping, Mapping)
    return {entry.key.value: entry.value for entry in mapping.entries if isinstance(entry.key, Str)}


def test_a_component_element_is_a_call_with_one_object_of_its_attributes() -> None:
    result = facts(
        """
        export function Page({ label }) {
          return <CtaButton captureEvent="cta_click" href={"/a"} to={EVENTS.CTA} on
            text={label} {...rest}>Go</CtaButton>;
        }
        """
    )
    (site,) = result.calls["CtaButton"]
    assert site.scope == "Page"
    assert site.call.callee == ("CtaButton",)
    assert site.call.pos[:2] == (2, 10)  # the ``<`` of the opening tag
    values = props(site.call)
    assert values["captureEvent"] == Str("cta_click", (2, 34, 2, 45))
    assert isinstance(values["href"], Str) and values["href"].value == "/a"
    assert isinstance(values["to"], Ref) and values["to"].path == ("EVENTS", "CTA")
    assert isinstance(values["on"], Literal) and values["on"].value is True
    assert isinstance(values["text"], Item) and values["text"].key == "label"
    (mapping,) = site.call.args
    assert isinstance(mapping, Mapping)
    assert [spread.path for spread in mapping.spreads if isinstance(spread, Ref)] == [("rest",)]


def test_member_tags_and_self_closing_elements_are_calls() -> None:
    result = facts('const a = <Analytics.Track event="x" properties={{ plan: "pro" }} />;\n')
    (site,) = result.calls["Track"]
    assert site.call.callee == ("Analytics", "Track")
    properties = props(site.call)["properties"]
    assert isinstance(properties, Mapping)
    assert properties.entries[0] == Entry(Str("plan", (1, 52, 1, 56)), Str("pro", (1, 58, 1, 63)))


def test_intrinsic_elements_fragments_and_bare_tags_are_not_calls() -> None:
    result = facts(
        """
        const a = (
          <React.Fragment key="k">
            <button data-event="x" onClick={() => go("y")}>Go</button>
            <Fragment key="f" />
            <my-element event="z" />
            <Layout />
          </React.Fragment>
        );
        """
    )
    assert set(result.calls) == {"go"}


def test_a_jsx_string_is_read_as_written() -> None:
    (site,) = facts('const a = <Track event="a\\b" />;\n', "x.jsx").calls["Track"]
    assert props(site.call)["event"] == Str("a\\b", (1, 24, 1, 29))


def test_a_component_wrapper_gets_only_its_callers_parsed(write: WriteFiles) -> None:
    root = write(
        **{
            "src/Track.tsx": """
                import posthog from "posthog-js";
                export function Track({ event }: { event: string }) {
                  posthog.capture(event);
                  return null;
                }
            """,
            "src/Page.tsx": """
                import { Track } from "./Track";
                export const Page = () => <Track event="page_viewed" />;
            """,
            **{
                f"src/Other{index}.tsx": "export const O = () => <Layout title='t' />;\n"
                for index in range(20)
            },
        }
    )
    inventory = scan_project(Config.from_data({}, root), use_cache=False, jobs=1)
    found = [(Path(call.path).name, call.events, call.pos[:2]) for call in inventory.calls]
    assert found == [("Page.tsx", ("page_viewed",), (2, 27))]
    assert inventory.files_parsed == 2
