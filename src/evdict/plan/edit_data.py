"""What renaming an event means for a plan file's plain data: the data an edit of its
text must load as (:func:`renamed_data`, key order included), and where the file names
the old event (:func:`mentions`, :func:`reference_paths`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from evdict.yamlsource import PathKey

ANCHOR_KEYS = ("description", "status")
"""An event's keys ``renamed_from`` goes after (the last of them present), else at its end."""


def renamed_data(data: Any, old: str, new: str) -> Any:
    """The plain data of a plan file after renaming event ``old`` to ``new``: what an
    edit of its text must load as (key order included)."""
    if not isinstance(data, dict):
        return data
    result = dict(data)
    events = data.get("events")
    if isinstance(events, dict):
        renamed: dict[str, Any] = {}
        for name, spec in events.items():
            spec = _with_replacement_renamed(spec, old, new)
            if name == old:
                name, spec = new, _with_renamed_from(spec, old)
            renamed[name] = spec
        result["events"] = renamed
    funnels = data.get("funnels")
    if isinstance(funnels, dict):
        result["funnels"] = {
            name: _with_steps_renamed(spec, old, new) for name, spec in funnels.items()
        }
    return result


def _with_replacement_renamed(spec: Any, old: str, new: str) -> Any:
    deprecated = spec.get("deprecated") if isinstance(spec, dict) else None
    if not isinstance(deprecated, dict) or deprecated.get("replaced_by") != old:
        return spec
    return {**spec, "deprecated": {**deprecated, "replaced_by": new}}


def _with_renamed_from(spec: Any, old: str) -> Any:
    if spec is None:
        return {"renamed_from": [old]}
    if not isinstance(spec, dict):
        return spec
    previous = spec.get("renamed_from")
    if isinstance(previous, list):
        return {**spec, "renamed_from": previous if old in previous else [*previous, old]}
    if previous is not None:
        return spec  # a schema error (EV002) the edit cannot fix: refused by rename_event
    items = list(spec.items())
    position = anchor_position(list(spec))
    items.insert(position, ("renamed_from", [old]))
    return dict(items)


def anchor_position(keys: list[Any]) -> int:
    """Where ``renamed_from`` goes among an event's keys: after the last of
    ``description``/``status``, else at the end."""
    anchors = [index for index, key in enumerate(keys) if key in ANCHOR_KEYS]
    return anchors[-1] + 1 if anchors else len(keys)


def _with_steps_renamed(spec: Any, old: str, new: str) -> Any:
    steps = spec.get("steps") if isinstance(spec, dict) else None
    if not isinstance(steps, list):
        return spec
    renamed = [
        new
        if step == old
        else {**step, "event": new}
        if isinstance(step, dict) and step.get("event") == old
        else step
        for step in steps
    ]
    return {**spec, "steps": renamed}


def reference_paths(data: Any, old: str) -> Iterator[PathKey]:
    """The scalar values that name ``old``: funnel steps and ``replaced_by``."""
    if not isinstance(data, dict):
        return
    funnels = data.get("funnels")
    for name, spec in (funnels if isinstance(funnels, dict) else {}).items():
        steps = spec.get("steps") if isinstance(spec, dict) else None
        for index, step in enumerate(steps if isinstance(steps, list) else ()):
            if step == old:
                yield ("funnels", name, "steps", index)
            elif isinstance(step, dict) and step.get("event") == old:
                yield ("funnels", name, "steps", index, "event")
    events = data.get("events")
    for name, spec in (events if isinstance(events, dict) else {}).items():
        deprecated = spec.get("deprecated") if isinstance(spec, dict) else None
        if isinstance(deprecated, dict) and deprecated.get("replaced_by") == old:
            yield ("events", name, "deprecated", "replaced_by")


def mentions(data: Any, old: str) -> bool:
    """A plan file's data defines event ``old`` or refers to it."""
    return event_spec(data, old)[0] or next(reference_paths(data, old), None) is not None


def event_spec(data: Any, old: str) -> tuple[bool, Any]:
    """Whether a plan file's data defines event ``old``, and its spec."""
    events = data.get("events") if isinstance(data, dict) else None
    if isinstance(events, dict) and old in events:
        return True, events[old]
    return False, None
