"""The shipped JSON Schemas, and their errors told as a person reads them.

jsonschema reports an error against a path into the data; this module turns it
into a message that names the dotted key and the expected shape, and into the
line and column of the offending key or value in the YAML file.

Validating a large plan with jsonschema (pure Python) takes seconds, so
jsonschema-rs checks the data first. A valid document, the usual case, stops
there; otherwise jsonschema, whose errors carry what the messages need, runs on
the plan entries jsonschema-rs flagged, not on the whole file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evdict.yamlsource import PathKey, YamlDocument

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

PLAN_SCHEMA = "plan.schema.json"
CONFIG_SCHEMA = "config.schema.json"

# Top-level sections whose entries the schema checks independently of each other
# (no ``required``/``minProperties`` across entries), so one entry can be checked alone.
_INDEPENDENT_ENTRIES = {PLAN_SCHEMA: frozenset({"properties", "events", "funnels"})}
_SHOWN_LENGTH = 80


@dataclass(frozen=True)
class SchemaProblem:
    message: str
    line: int
    column: int
    path: PathKey


def schema_dir() -> Path:
    """Where the schemas are: inside the installed package, or the source tree's ``schemas/``."""
    packaged = Path(str(resources.files("evdict"))) / "schemas"
    if packaged.is_dir():
        return packaged
    # An editable install maps the package to src/evdict; the schemas stay at the top level.
    return Path(__file__).resolve().parents[2] / "schemas"


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    with (schema_dir() / name).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def validator(name: str) -> Validator:
    from jsonschema import Draft202012Validator  # 65 ms: only to explain a value that fails

    return Draft202012Validator(load_schema(name))


@functools.cache
def fast_validator(name: str) -> jsonschema_rs.Validator:
    import jsonschema_rs  # 24 ms: only when a document is checked

    return jsonschema_rs.validator_for(load_schema(name))


def suspect_part(data: Any, schema_name: str) -> Any | None:
    """The part of ``data`` that jsonschema-rs finds invalid; ``None`` when all is valid.

    Entries of the independent sections are kept only when flagged; anything
    jsonschema-rs cannot take (bytes, say) is all suspect.
    """
    try:
        paths = [
            tuple(error.instance_path) for error in fast_validator(schema_name).iter_errors(data)
        ]
    except ValueError:
        return data
    if not paths:
        return None
    sections = _INDEPENDENT_ENTRIES.get(schema_name, frozenset())
    if not isinstance(data, dict) or any(
        len(path) < 2 or path[0] not in sections for path in paths
    ):
        return data
    # jsonschema-rs gives a key that looks like a number ("0") as an int.
    flagged: dict[str, set[str]] = {}
    for path in paths:
        flagged.setdefault(str(path[0]), set()).add(str(path[1]))
    return {
        section: {name: spec for name, spec in data[section].items() if name in names}
        if isinstance(data[section], dict)
        else data[section]
        for section, names in flagged.items()
    }


def dotted(path: PathKey) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


def json_type(value: object) -> str | None:
    """The JSON Schema type of a plain value (a plan's YAML, a literal in code), or
    None for one JSON has no type for."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return None


def _show(value: Any) -> str:
    """A value as the message quotes it: short, and cheap however large the value."""
    if isinstance(value, str):
        text = repr(value)
    else:
        text = ""
        for chunk in json.JSONEncoder(default=str).iterencode(value):
            text += chunk
            if len(text) > _SHOWN_LENGTH:
                break
    return text if len(text) <= _SHOWN_LENGTH else f"{text[: _SHOWN_LENGTH - 3]}..."


def _describe(error: ValidationError) -> tuple[str, PathKey, bool]:
    """Message, the path it points at, and whether the position is the key's."""
    from jsonschema.exceptions import best_match  # as in validator()

    if error.validator in ("oneOf", "anyOf") and error.context:
        # The branch whose type fits the value, and that got deepest into it, says
        # best what is wrong.
        fitting = [e for e in error.context if e.validator != "type" or e.relative_path]
        if fitting:
            return _describe(max(fitting, key=lambda e: len(e.relative_path)))
        return _describe(best_match(error.context))
    path: PathKey = tuple(error.absolute_path)
    where = dotted(path)
    if "propertyNames" in error.absolute_schema_path and error.validator in _NAME_LENGTHS:
        return _describe_name(error, path)
    value = error.instance
    validator_value: Any = error.validator_value
    match error.validator:
        case "enum":
            options = ", ".join(str(option) for option in validator_value)
            return f"{where}: {_show(value)} is not one of {options}", path, False
        case "type":
            expected = (
                validator_value
                if isinstance(validator_value, str)
                else " or ".join(validator_value)
            )
            got = "null" if value is None else f"{json_type(value) or 'object'} {_show(value)}"
            return f"{where}: expected {expected}, got {got}", path, False
        case "additionalProperties":
            return _unknown_keys(error)[0]
        case "required":
            missing = str(validator_value[0]) if validator_value else "?"
            for key in validator_value:
                if isinstance(value, dict) and key not in value:
                    missing = key
                    break
            return f"{where}: missing required key `{missing}`", path, True
        case "pattern":
            return (
                f"{where}: {_show(value)} does not match the pattern {validator_value}",
                path,
                False,
            )
        case "minItems" | "minLength" if validator_value == 1:
            return f"{where}: must not be empty", path, False
        case "minItems":
            return f"{where}: must list at least {validator_value}", path, False
        case "uniqueItems":
            return f"{where}: lists a value twice", path, False
        case _:
            return f"{where}: {error.message}", path, False


_NAME_LENGTHS = ("minLength", "maxLength")


def _unknown_keys(error: ValidationError) -> list[tuple[str, PathKey, bool]]:
    """One problem per key the schema does not allow, with the likely intended key
    (``wrapers``: did you mean `wrappers`?) or else the keys allowed there."""
    import difflib  # only to explain a key that fails

    path: PathKey = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema.get("properties", {}))
    value = error.instance
    extra = sorted(str(key) for key in set(value) - set(allowed)) if isinstance(value, dict) else []
    problems = []
    for name in extra or ["?"]:
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
        if close:
            hint = f" (did you mean `{close[0]}`?)"
        else:
            hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        problems.append(
            (f"{dotted((*path, name))}: unknown key `{name}`{hint}", (*path, name), True)
        )
    return problems


def _describe_name(error: ValidationError, path: PathKey) -> tuple[str, PathKey, bool]:
    """A name (a key) that is empty or too long: told at the key itself."""
    name = str(error.instance)
    if error.validator == "minLength":
        reason = "must not be empty"
    else:
        reason = f"is longer than {error.validator_value} characters"
    return f"{dotted(path)}: the name {_show(name)} {reason}", (*path, name), True


def check_document(document: YamlDocument, schema_name: str) -> Iterator[SchemaProblem]:
    """Validate the document's data; yield one located problem per error."""
    suspect = suspect_part(document.data, schema_name)
    if suspect is None:
        return
    errors = sorted(
        validator(schema_name).iter_errors(suspect),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    for error in errors:
        described = (
            _unknown_keys(error)
            if error.validator == "additionalProperties"
            else [_describe(error)]
        )
        for message, path, at_key in described:
            line, column = document.locate(path, key=at_key)
            yield SchemaProblem(message, line, column, path)
