"""Draft a tracking plan from the tracking calls already in the code (``init --from-code``).

Every event found becomes an entry with ``description: TODO``; every property name
becomes one shared definition (reused by the events that send it), typed from the
literal values the code sends and from values whose form says their type (`len(items)`,
`a === b`: :mod:`evdict.scanner.resolve.value_json_types`), untyped when it sends neither. What the code cannot
tell (descriptions, owners, categories, types, names built at run time) is listed
for a human.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from evdict.names.case import majority_case
from evdict.names.case_areas import AreaStyle, two_conventions
from evdict.names.convention import (
    MIN_NAMES_WITHOUT_GRAMMAR,
    FoundConvention,
    closest_convention,
    majority_convention,
    strip_prefix,
)
from evdict.names.standard import standard_property
from evdict.rules.naming import reserved_by, reserved_property
from evdict.scanner.model import Inventory, TrackingCall
from evdict.schema import json_type

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# What YAML allows in a stream and reads as itself (not NEL or the line and paragraph
# separators, which YAML 1.1 reads as line breaks; not a BOM).
_NOT_YAML_PRINTABLE = re.compile(
    r"[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})
_SHOWN_SITES = 3
_SHOWN_NAMES = 10


@dataclass(frozen=True)
class Draft:
    text: str
    events: int
    calls: int
    files: int
    needs_human: tuple[str, ...]
    # The case styles most event and property names found are written in, with how many
    # are of how many (None: nothing found, or no name fits a style).
    event_case: tuple[str, int, int] | None = None
    property_case: tuple[str, int, int] | None = None
    # Two styles, each kept by the parts of the product (areas) that send some names,
    # the more used first: the config accepts both.
    event_cases: tuple[AreaStyle, AreaStyle] | None = None
    property_cases: tuple[AreaStyle, AreaStyle] | None = None
    # The word order, tense and category prefix a clear majority of event names follow.
    event_convention: FoundConvention | None = None
    # The one that fits the most names when none fits most of enough names
    # (MIN_NAMES_WITHOUT_GRAMMAR): the names follow no word order evdict reads.
    no_grammar: FoundConvention | None = None


def yaml_key(name: str) -> str:
    """A mapping key as YAML reads it back unchanged (JSON quoting when needed)."""
    plain = _PLAIN_KEY.fullmatch(name) and name.lower() not in YAML_WORDS
    return name if plain else yaml_quoted(name)


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar: JSON's quoting, with the characters YAML
    does not allow in a file (DEL, C1 controls, lone surrogates...) as escapes."""
    return _NOT_YAML_PRINTABLE.sub(
        lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _type_value(types: set[str]) -> str:
    if "number" in types:
        types = types - {"integer"}
    ordered = sorted(types)
    if len(ordered) == 1 and ordered[0] != "null":
        return ordered[0]
    return json.dumps(ordered[0] if len(ordered) == 1 else ordered)


def _site(call: TrackingCall) -> str:
    return f"{_escaped(call.path)}:{call.pos[0]} ({call.via})"


def _writable(name: str) -> bool:
    """``name`` can be written to a plan file: it holds no lone surrogate (a ``\\udcff``
    escape in the code, or a byte of a file name that is not UTF-8)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def draft_plan(inventory: Inventory, schema_line: str) -> Draft:
    """The plan text for ``inventory``'s tracking calls, and what a human must add."""
    sites: dict[str, list[TrackingCall]] = defaultdict(list)
    properties: dict[str, set[str]] = defaultdict(set)
    sent_by: dict[str, set[str]] = defaultdict(set)
    needs_human: list[str] = []
    for call in inventory.calls:
        if not call.events:
            line, column = call.pos[0], call.pos[1]
            detail = call.dynamic.detail if call.dynamic else "unknown"
            needs_human.append(
                f"{call.path}:{line}:{column}: an event name built at run time ({detail}): "
                "add the events it sends by hand"
            )
        for event in call.events:
            if not _writable(event):
                needs_human.append(
                    f"{_site(call)}: the event name '{_escaped(event)}' holds a lone surrogate"
                    " (not text a plan can hold): not drafted, fix the name in the code"
                )
                continue
            sites[event].append(call)
            for prop in call.properties:
                if not _writable(prop.name):
                    needs_human.append(
                        f"{_site(call)}: the property name '{_escaped(prop.name)}' holds a lone"
                        " surrogate (not text a plan can hold): not drafted, fix it in the code"
                    )
                    continue
                sent_by[prop.name].add(event)
                seen = json_type(prop.value) if prop.has_value else prop.value_type
                properties[prop.name].update({seen} if seen else set())
    if sites:
        needs_human.insert(
            0,
            f"{len(sites)} event(s): replace each 'description: TODO' with when it fires, "
            "and give it an owner and a category",
        )
    untyped = sorted(name for name, types in properties.items() if not types)
    if untyped:
        shown = ", ".join(untyped[:_SHOWN_NAMES]) + (", ..." if len(untyped) > _SHOWN_NAMES else "")
        needs_human.append(
            f"{len(untyped)} propert{'y has' if len(untyped) == 1 else 'ies have'} no type "
            f"(the code sends no literal value, nor one whose form says its type): {shown}"
        )
    for name, types in sorted(properties.items()):
        # A number also holds integers, and null beside one type is a nullable property.
        if len(types - {"null", *({"integer"} if "number" in types else ())}) > 1:
            *first, last = sorted(types)
            needs_human.append(
                f"property `{name}` is sent as {', '.join(first)} and {last}: keep one type"
            )
    needs_human.extend(
        f"{problem.path}:{problem.pos[0]}:{problem.pos[1]}: not scanned: {problem.message}"
        for problem in inventory.problems
    )
    files = len({call.path for call in inventory.calls})
    text = _render(schema_line, sites, properties, len(inventory.calls), files)
    # Names an SDK reserves ($set, [Amplitude] ...) follow the SDK's convention, not the
    # team's; so do the parameters a vendor defines for its standard events (Meta's
    # `predicted_ltv`). A standard event's own name is counted: a team that writes
    # Segment's `Order Completed` writes Title Case.
    own_names = [name for name in sites if reserved_by(name) is None]
    closest = closest_convention(own_names)
    convention = majority_convention(own_names, closest)
    if convention is not None or len(own_names) < MIN_NAMES_WITHOUT_GRAMMAR:
        closest = None  # a convention found, or too few names to say there is none
    separator = convention.separator if convention is not None else None
    event_names = {
        name: (strip_prefix(name, separator) or name) if separator else name for name in own_names
    }
    own_properties = [
        name
        for name in properties
        if not reserved_property(name) and not standard_property(name, sent_by[name])
    ]
    return Draft(
        text,
        len(sites),
        len(inventory.calls),
        files,
        tuple(needs_human),
        event_case=_convention(list(event_names.values()) if separator else sites),
        property_case=_convention(own_properties),
        event_cases=two_conventions(
            ((written, call.path) for name, written in event_names.items() for call in sites[name]),
            set(event_names.values()),
        ),
        property_cases=two_conventions(
            ((prop.name, call.path) for call in inventory.calls for prop in call.properties),
            set(own_properties),
        ),
        event_convention=convention,
        no_grammar=closest,
    )


def _convention(names: Collection[str]) -> tuple[str, int, int] | None:
    found = majority_case(names)
    return (*found, len(names)) if found else None


def _render(
    schema_line: str,
    sites: dict[str, list[TrackingCall]],
    properties: dict[str, set[str]],
    call_count: int,
    files: int,
) -> str:
    lines = [
        schema_line,
        "#",
        f"# Drafted by `evdict init --from-code` from {call_count} tracking call(s) in {files} file(s).",
        "# Each `description: TODO` needs a sentence saying when the event fires or what the",
        "# property holds; each event also needs an owner and a category.",
        "",
    ]
    lines.append("properties:" if properties else "properties: {}")
    for name, types in sorted(properties.items()):
        lines.append(f"  {yaml_key(name)}:")
        if types:
            lines.append(f"    type: {_type_value(types)}")
        lines.append("    description: TODO")
    lines.append("")
    lines.append("events:" if sites else "events: {}")
    for event, event_calls in sorted(sites.items()):
        tracked = ", ".join(_site(call) for call in event_calls[:_SHOWN_SITES])
        extra = len(event_calls) - _SHOWN_SITES
        more = f" and {extra} more" if extra > 0 else ""
        sent = sorted(
            {
                prop.name
                for call in event_calls
                for prop in call.properties
                if prop.name in properties
            }
        )
        lines.append(f"  {yaml_key(event)}:")
        lines.append("    description: TODO")
        lines.append(f"    # tracked at {tracked}{more}")
        if sent:
            lines.append("    properties:")
            lines.extend(f"      {yaml_key(name)}: {{}}" for name in sent)
    return "\n".join(lines) + "\n"
