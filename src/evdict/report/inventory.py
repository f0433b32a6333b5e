"""The inventory as ``evdict scan`` prints it: text for people, versioned JSON for machines.

JSON shape (``"version": 2``)::

    {"version": 2, "tool": {"name": "evdict", "version": "..."},
     "summary": {"calls": 12, "events": 9, "dynamic": 1, "files_scanned": 40,
                 "files_parsed": 7, "full_scan": true},
     "calls": [{"path", "line", "column", "end_line", "end_column",
                "event": "signup_completed" | null, "events": [...],
                "dynamic": null | {"kind": "f-string", "detail": "..."},
                "event_line", "event_column", "kind": "sdk" | "wrapper" | "inferred",
                "via": "segment" | "<wrapper>", "language": "python",
                "properties": [{"name", "line", "column", "value"?, "via"?}],
                "properties_complete": true, "evidence"?: "..."}],
     "wrappers": [{"name", "path", "line", "column", "event_param",
                   "chain": [{"path", "line", "column", "text"}], "chain_length": 3,
                   "continues": null | {"wrapper", "path", "line", "column"}}],
     "problems": [{"path", "line", "column", "message"}],
     "notes": ["..."],
     "suggestions": [{"callee", "language", "event", "properties", "calls", "sites",
                      "events", "evidence", "config"}]}

``value`` is present only for a literal value (it may be ``null``); a call's
``evidence`` only when it was found on evidence rather than proven (what made evdict
confident, ``docs/discovery.md``); ``suggestions`` only with ``--suggest-config``
(``config`` is the ``wrappers:`` entry, as YAML; ``evidence`` what makes the calls
plausible).

A wrapper's ``chain`` holds its own links only, up to the wrapper it calls when that
one is listed too: ``continues`` names it (its ``path``, ``line`` and ``column`` are
that entry's), whose ``chain`` goes on. Each link is printed once, so a chain of 3,000
nested wrappers is 3,000 links, not 4.5 million; ``chain_length`` counts the whole
chain. Version 1 printed every wrapper's whole chain and had no ``continues``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, TextIO

from evdict._version import __version__
from evdict.report.printable import printable_stream
from evdict.scanner.model import (
    Chain,
    Evidence,
    InferredWrapper,
    Inventory,
    Suggestion,
    TrackingCall,
)

SCHEMA_VERSION = 2
WHOLE_CHAIN = 8
"""``--explain-wrappers`` shows a chain of at most this many links whole."""


def _event_text(call: TrackingCall) -> str:
    if call.dynamic is None and len(call.events) == 1:
        return call.events[0]
    return f"<dynamic: {call.dynamic.detail}>" if call.dynamic else "<unknown>"


def _properties_text(call: TrackingCall) -> str:
    names = [prop.name for prop in call.properties]
    text = ", ".join(names) if names else "no properties"
    return text if call.complete else f"{text} (+ properties not visible here)"


def render_text(inventory: Inventory, out: TextIO, *, explain_wrappers: bool = False) -> None:
    for call in inventory.calls:
        line, column = call.pos[:2]
        via = call.via if call.kind == "sdk" else f"{call.kind} {call.via}"
        out.write(
            f"{call.path}:{line}:{column}: {_event_text(call)} [{via}] {_properties_text(call)}\n"
        )
    for problem in inventory.problems:
        line, column = problem.pos[:2]
        out.write(f"{problem.path}:{line}:{column}: cannot scan: {problem.message}\n")
    if explain_wrappers:
        _explain(inventory, out)
    for note in inventory.notes:
        out.write(f"note: {note}\n")
    events = {name for call in inventory.calls for name in call.events}
    files = inventory.files_scanned
    out.write(
        f"{len(inventory.calls)} tracking call{'s' if len(inventory.calls) != 1 else ''} "
        f"({len(events)} event{'s' if len(events) != 1 else ''}) in "
        f"{files} file{'s' if files != 1 else ''}"
        + (f"; {len(inventory.problems)} could not be scanned" if inventory.problems else "")
        + ".\n"
    )


@dataclass(frozen=True, slots=True)
class WrapperLinks:
    """A wrapper's chain as printed: its ``own`` links, then the wrapper it ``continues``
    into (listed too, its chain printed there); ``length`` counts the whole chain."""

    wrapper: InferredWrapper
    own: tuple[Evidence, ...]
    continues: InferredWrapper | None
    length: int


def wrapper_links(wrappers: Sequence[InferredWrapper]) -> list[WrapperLinks]:
    """Each wrapper's links up to the first link another wrapper's chain starts with: a
    wrapper's chain shares the links of the one it calls (:class:`Chain`), so each shared
    tail is printed once overall, in time and size linear in the links."""
    starts: dict[int, InferredWrapper] = {}
    for wrapper in wrappers:
        starts.setdefault(id(wrapper.chain), wrapper)
    lengths: dict[int, int] = {}
    shown: list[WrapperLinks] = []
    for wrapper in wrappers:
        own = [wrapper.chain.link]
        rest = wrapper.chain.rest
        while rest is not None and id(rest) not in starts:
            own.append(rest.link)
            rest = rest.rest
        continues = None if rest is None else starts[id(rest)]
        shown.append(WrapperLinks(wrapper, tuple(own), continues, _length(wrapper.chain, lengths)))
    return shown


def _length(chain: Chain, lengths: dict[int, int]) -> int:
    """Links in ``chain``, counted once per shared tail (``lengths`` by node id)."""
    walked: list[Chain] = []
    node: Chain | None = chain
    while node is not None and id(node) not in lengths:
        walked.append(node)
        node = node.rest
    count = 0 if node is None else lengths[id(node)]
    for node in reversed(walked):
        count += 1
        lengths[id(node)] = count
    return count


def _explain(inventory: Inventory, out: TextIO) -> None:
    if not inventory.wrappers:
        out.write("No wrapper inferred.\n")
        return
    out.write("Inferred wrappers (a function that passes a parameter on as the event):\n")
    for links in wrapper_links(inventory.wrappers):
        wrapper = links.wrapper
        out.write(
            f"  {wrapper.name} ({wrapper.path}:{wrapper.pos[0]}), event parameter "
            f"'{wrapper.event_param}':\n"
        )
        whole = links.length <= WHOLE_CHAIN
        for evidence in wrapper.chain if whole else links.own:
            out.write(f"    {evidence.path}:{evidence.pos[0]}:{evidence.pos[1]}: {evidence.text}\n")
        if not whole and links.continues is not None:  # else ``own`` is the whole chain
            more = links.length - len(links.own)
            out.write(
                f"    ... {more} more link{'s' if more != 1 else ''}: the chain of "
                f"{links.continues.name} ({links.continues.path}:{links.continues.pos[0]})\n"
            )


def _call_json(call: TrackingCall) -> dict[str, Any]:
    properties: list[dict[str, Any]] = []
    for prop in call.properties:
        shown: dict[str, Any] = {"name": prop.name, "line": prop.pos[0], "column": prop.pos[1]}
        if prop.has_value:
            shown["value"] = prop.value
        if prop.via:
            shown["via"] = prop.via
        properties.append(shown)
    line, column, end_line, end_column = call.pos
    return {
        "path": call.path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "event": call.event,
        "events": list(call.events),
        "dynamic": {"kind": call.dynamic.kind, "detail": call.dynamic.detail}
        if call.dynamic
        else None,
        "event_line": call.event_pos[0],
        "event_column": call.event_pos[1],
        "kind": call.kind,
        "via": call.via,
        "language": call.language,
        "properties": properties,
        "properties_complete": call.complete,
        **({"evidence": call.evidence} if call.evidence else {}),
    }


def _wrapper_json(links: WrapperLinks) -> dict[str, Any]:
    wrapper, continues = links.wrapper, links.continues
    return {
        "name": wrapper.name,
        "path": wrapper.path,
        "line": wrapper.pos[0],
        "column": wrapper.pos[1],
        "event_param": wrapper.event_param,
        "chain": [
            {"path": link.path, "line": link.pos[0], "column": link.pos[1], "text": link.text}
            for link in links.own
        ],
        "chain_length": links.length,
        "continues": None
        if continues is None
        else {
            "wrapper": continues.name,
            "path": continues.path,
            "line": continues.pos[0],
            "column": continues.pos[1],
        },
    }


def to_json(inventory: Inventory) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "evdict", "version": __version__},
        "summary": {
            "calls": len(inventory.calls),
            "events": len(inventory.tracked_events()),
            "dynamic": sum(1 for call in inventory.calls if call.dynamic is not None),
            "files_scanned": inventory.files_scanned,
            "files_parsed": inventory.files_parsed,
            "full_scan": inventory.full_scan,
        },
        "calls": [_call_json(call) for call in inventory.calls],
        "wrappers": [_wrapper_json(links) for links in wrapper_links(inventory.wrappers)],
        "problems": [
            {
                "path": problem.path,
                "line": problem.pos[0],
                "column": problem.pos[1],
                "message": problem.message,
            }
            for problem in inventory.problems
        ],
        "notes": list(inventory.notes),
        **(
            {}
            if inventory.suggestions is None
            else {
                "suggestions": [
                    {**asdict(found), "config": wrapper_line(found)}
                    for found in inventory.suggestions
                ]
            }
        ),
    }


def render_json(inventory: Inventory, out: TextIO) -> None:
    json.dump(to_json(inventory), out, indent=2, default=str)
    out.write("\n")


FORMATS = ("text", "json")


def wrapper_line(found: Suggestion) -> str:
    """The ``wrappers:`` entry that makes evdict read ``found``'s calls, as flow YAML."""
    spec = f"callee: {found.callee}, event: {_yaml_slot(found.event)}"
    if found.properties is not None:
        spec += f", properties: {_yaml_slot(found.properties)}"
    return "{" + spec + f", language: {found.language}}}"


def _yaml_slot(slot: str) -> str:
    # An index stays a number; "1|event" and "0.type" are strings that need quotes.
    return slot if slot.isdigit() else json.dumps(slot)


def render_suggestions(inventory: Inventory, out: TextIO) -> None:
    """The plausible calls that could not be proven, as the config lines that read them."""
    found = inventory.suggestions or ()
    if not found:
        out.write("No unproven calls that look like tracking calls.\n")
        return
    total = sum(item.calls for item in found)
    out.write(
        f"{_unproven(total)}; to read {'it' if total == 1 else 'them'}, "
        "add to evdict.yaml:\nwrappers:\n"
    )
    for item in found:
        sample = ", ".join(item.sites)
        names = ", ".join(item.events)
        evidence = f"; evidence: {item.evidence}" if item.evidence else ""
        out.write(
            f"  - {wrapper_line(item)}  # {item.calls} call{'s' if item.calls != 1 else ''}: "
            f"{sample}{', ...' if item.calls > len(item.sites) else ''} ({names}){evidence}\n"
        )


def render(
    inventory: Inventory,
    out: TextIO,
    fmt: str,
    *,
    explain_wrappers: bool = False,
    list_suggestions: bool = True,
) -> None:
    """Write ``inventory`` to ``out`` in ``fmt`` (one of :data:`FORMATS`). Its
    suggestions are listed, or with ``list_suggestions`` False only counted in a line of
    the text that says how to list them (nothing in JSON)."""
    if fmt == "json":
        render_json(inventory if list_suggestions else replace(inventory, suggestions=None), out)
        return
    out = printable_stream(out)
    render_text(inventory, out, explain_wrappers=explain_wrappers)
    if inventory.suggestions is None:
        return
    if list_suggestions:
        out.write("\n")
        render_suggestions(inventory, out)
    elif total := sum(item.calls for item in inventory.suggestions):
        out.write(
            f"{_unproven(total, more=bool(inventory.calls))}: `evdict scan --suggest-config` "
            f"lists the evdict.yaml lines that would read {'it' if total == 1 else 'them'}.\n"
        )


def _unproven(total: int, *, more: bool = False) -> str:
    """``3 (more) calls look like tracking calls but could not be proven``."""
    what = "call looks like a tracking call" if total == 1 else "calls look like tracking calls"
    return f"{total}{' more' if more else ''} {what} but could not be proven"
