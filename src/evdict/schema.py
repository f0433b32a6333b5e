"""The shipped JSON Schemas, and their errors told as a person reads them.

jsonschema reports an error against a path into the data; this module turns it
into a message that names the dotted key and the expected shape, and into the
line and column of the offending key or value in the YAML file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evdict.plan.yamlsource import PathKey, YamlDocument

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

PLAN_SCHEMA = "plan.schema.json"
CONFIG_SCHEMA = "config.schema.json"


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
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def dotted(path: PathKey) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


def _json_type(value: Any) -> str:
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
    if isinstance(value, list):
        return "array"
    return "object"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, default=str)[:80]


def _describe(error: ValidationError) -> tuple[str, PathKey, bool]:
    """Message, the path it points at, and whether the position is the key's."""
    from jsonschema.exceptions import best_match

    if error.validator in ("oneOf", "anyOf") and error.context:
        return _describe(best_match(error.context))
    path: PathKey = tuple(error.absolute_path)
    where = dotted(path)
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
            return (
                f"{where}: expected {expected}, got {_json_type(value)} {_show(value)}",
                path,
                False,
            )
        case "additionalProperties":
            schema = error.schema if isinstance(error.schema, dict) else {}
            allowed = sorted(schema.get("properties", {}))
            extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
            name = extra[0] if extra else "?"
            hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
            return f"{dotted((*path, name))}: unknown key '{name}'{hint}", (*path, name), True
        case "required":
            missing = str(validator_value[0]) if validator_value else "?"
            for key in validator_value:
                if isinstance(value, dict) and key not in value:
                    missing = key
                    break
            return f"{where}: missing required key '{missing}'", path, True
        case "propertyNames":
            return f"{where}: invalid name {error.message}", path, True
        case "pattern":
            return (
                f"{where}: {_show(value)} does not match the pattern {validator_value}",
                path,
                False,
            )
        case "minItems" | "minLength":
            return f"{where}: must not be empty", path, False
        case _:
            return f"{where}: {error.message}", path, False


def check_document(document: YamlDocument, schema_name: str) -> Iterator[SchemaProblem]:
    """Validate the document's data; yield one located problem per error."""
    errors = sorted(
        validator(schema_name).iter_errors(document.data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    for error in errors:
        message, path, at_key = _describe(error)
        line, column = document.locate(path, key=at_key)
        yield SchemaProblem(message, line, column, path)
