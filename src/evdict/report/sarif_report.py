"""SARIF 2.1.0, the format GitHub code scanning ingests (``upload-sarif``).

Paths are relative to ``%SRCROOT%`` (the repository root on GitHub), columns are
code points, and every result carries a ``partialFingerprints`` entry hashed from what
the finding is (code, file, plan entry, message) rather than where it is, so an alert
survives lines being inserted above it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from evdict._version import __version__
from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.result import CheckResult, RuleInfo

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/evdict/evdict"
# Each rule's documentation: docs/rules.md, generated from the rule registry.
RULES_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"
FINGERPRINT_KEY = "evdict/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    rules = _rules(result)
    index = {rule.code: position for position, rule in enumerate(rules)}
    occurrences: Counter[str] = Counter()
    results = []
    for diagnostic in result.diagnostics:
        digest = fingerprint(diagnostic)
        occurrences[digest] += 1
        results.append(
            {
                "ruleId": diagnostic.code,
                "ruleIndex": index[diagnostic.code],
                "level": _LEVELS[diagnostic.severity],
                "message": {"text": diagnostic.message},
                "locations": [{"physicalLocation": _physical_location(diagnostic.location)}],
                "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{occurrences[digest]}"},
            }
        )
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if result.notes:
        invocation["toolExecutionNotifications"] = [
            {"level": "note", "message": {"text": note}} for note in result.notes
        ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "evdict",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                # Paths are shown relative to the working directory, where evdict ran.
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")


def fingerprint(diagnostic: Diagnostic) -> str:
    """A hash of what a finding is, not of the line it is on."""
    parts = (diagnostic.code, diagnostic.path, diagnostic.entry or "", diagnostic.message)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _artifact_location(path: str) -> dict[str, str]:
    """A relative path under ``%SRCROOT%`` as a URI; an absolute one as a ``file:`` URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _rules(result: CheckResult) -> list[RuleInfo]:
    """The run's rules, plus any code a finding carries that the run did not list."""
    rules = {rule.code: rule for rule in result.rules}
    for diagnostic in result.diagnostics:
        if diagnostic.code not in rules:
            rules[diagnostic.code] = RuleInfo(
                diagnostic.code, diagnostic.name, diagnostic.severity, diagnostic.name
            )
    return list(rules.values())


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    more = f"Run `evdict rule {rule.code}` for the full rule."
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title or rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {
            "text": f"{rule.summary}\n\n{more}",
            "markdown": rule.doc or f"{rule.summary}\n\n{more}",
        },
        "helpUri": f"{RULES_URI}#{rule.code.lower()}",
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _physical_location(location: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None or location.end_column is not None:
        region["endLine"] = location.end_line if location.end_line is not None else location.line
    if location.end_column is not None:
        region["endColumn"] = location.end_column
    return {"artifactLocation": _artifact_location(location.path), "region": region}
