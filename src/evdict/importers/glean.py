"""Mozilla Glean ``metrics.yaml`` files: their ``event`` metrics.

Each ``<category>: <name>: {type: event, ...}`` is the event ``<category>.<name>``:
``description``; ``extra_keys`` its properties (``string``, ``boolean``, ``quantity``
as a non-negative integer; Glean's v1 extras, description only, untyped);
``notification_emails`` the owner (the first; the others noted); ``expires``,
``bugs``, ``data_reviews``, ``metadata.tags`` and ``data_sensitivity`` kept as tags. Data
that Glean calls ``stored_content`` or ``highly_sensitive`` needed a data review: its
extras are marked ``pii: allowed`` with that review as the reason. The file is read
by evdict's own YAML reader (plain data, anchors and merge keys honoured, never an
object built). Other metric types are not events: each is a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evdict.importers.model import Imported
from evdict.importers.yaml_files import Located, read_yaml_files
from evdict.yamlsource import PathKey

_EXTRA_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "boolean": {"type": "boolean"},
    "quantity": {"type": "integer", "minimum": 0},
}
_SENSITIVE = ("stored_content", "web_activity", "highly_sensitive")
# Keys of a metric the event's plan entry holds, or keeps as tags.
_READ = frozenset(
    {
        "type",
        "description",
        "extra_keys",
        "notification_emails",
        "expires",
        "bugs",
        "data_reviews",
        "data_sensitivity",
        "metadata",
    }
)
_TAGGED = (("expires", "expires"), ("bugs", "bug"), ("data_reviews", "data_review"))


def read(sources: list[Path], imported: Imported) -> None:
    for located in read_yaml_files(sources, imported):
        _read_document(located, located.document.data)


def _read_document(located: Located, data: dict[str, Any]) -> None:
    for category, metrics in data.items():
        if category.startswith("$"):  # $schema, $tags: the file's own keys
            if category != "$schema":
                located.note((category,), f"{category!r} is not kept")
            continue
        if not isinstance(metrics, dict):
            located.note((category,), "not a mapping of metrics: skipped")
            continue
        for name, metric in metrics.items():
            path = (category, name)
            if not isinstance(metric, dict):
                located.note(path, "not a metric definition: skipped")
            elif metric.get("type") != "event":
                located.note(path, f"a {metric.get('type')!r} metric, not an event: not imported")
            else:
                _read_event(located, f"{category}.{name}", metric, path)


def _read_event(located: Located, name: str, metric: dict[str, Any], path: PathKey) -> None:
    spec: dict[str, Any] = {}
    if isinstance(metric.get("description"), str):
        spec["description"] = metric["description"].strip()
    emails = metric.get("notification_emails")
    if isinstance(emails, list) and emails:
        spec["owner"] = str(emails[0])
        if len(emails) > 1:
            others = ", ".join(map(str, emails[1:]))
            located.note((*path, "notification_emails", 1), f"not kept (one owner): {others}")
    tags = _tags(metric)
    if tags:
        spec["tags"] = tags
    for key in metric:
        if key not in _READ:
            located.note((*path, key), f"{key!r} is not kept (a plan event has no {key})")
    reviews = [str(review) for review in metric.get("data_reviews") or []]
    sensitivity = metric.get("data_sensitivity") or []
    sensitive = [level for level in sensitivity if level in _SENSITIVE]
    extras = metric.get("extra_keys") or {}
    properties: dict[str, dict[str, Any]] = {}
    for extra, definition in extras.items() if isinstance(extras, dict) else ():
        where = (*path, "extra_keys", extra)
        if not isinstance(definition, dict):
            located.note(where, "not an extra key definition: kept untyped")
            definition = {}
        prop: dict[str, Any] = dict(_EXTRA_TYPES.get(str(definition.get("type", "")), {}))
        if "type" in definition and not prop:
            located.note((*where, "type"), f"extra type {definition['type']!r}: kept untyped")
        if isinstance(definition.get("description"), str):
            prop["description"] = definition["description"].strip()
        if sensitive:
            reviewed = f" (data review: {', '.join(reviews)})" if reviews else ""
            prop["pii"] = "allowed"
            prop["pii_reason"] = f"Glean data_sensitivity {', '.join(sensitive)}{reviewed}"
        properties[extra] = prop
    if properties:
        spec["properties"] = properties
    located.imported.add_event(name, spec, located.where(path))


def _tags(metric: dict[str, Any]) -> list[str]:
    tags: list[str] = []
    for key, prefix in _TAGGED:
        value = metric.get(key)
        for item in value if isinstance(value, list) else [value] if value is not None else []:
            tags.append(f"{prefix}:{item}")
    sensitivity = metric.get("data_sensitivity")
    if isinstance(sensitivity, list):
        tags.extend(f"data_sensitivity:{level}" for level in sensitivity)
    metadata = metric.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("tags"), list):
        tags.extend(str(tag) for tag in metadata["tags"])
    return tags
