"""Baselines: record today's findings once, then report only new ones.

A finding is keyed by what it is about, not where it sits: rule code, file,
plan entry and a fingerprint (``Diagnostic.fingerprint``, else the message with
positions such as ``events.yaml:12`` removed). Editing an unrelated part of a
file shifts line numbers without making old findings new. Keys are counted: an
entry recorded once hides one finding, so a second identical one is reported.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from evdict.anchored import reason, write_file
from evdict.diagnostics import Diagnostic
from evdict.errors import ConfigError
from evdict.result import CheckResult

BASELINE_VERSION = 1
_POSITION = re.compile(r":\d+(?::\d+)?\b|\b(line|column) \d+")


@dataclass(frozen=True, order=True)
class Key:
    path: str
    code: str
    entry: str
    fingerprint: str


def fingerprint(diagnostic: Diagnostic) -> str:
    """What makes a finding itself: the rule's fingerprint, else its message without positions."""
    if diagnostic.fingerprint:
        return diagnostic.fingerprint
    return _POSITION.sub(lambda match: match.group(1) or "", diagnostic.message)


def key_of(diagnostic: Diagnostic, directory: Path) -> Key:
    """The key of a finding; its path is relative to the baseline file's directory, so
    the baseline works from any working directory."""
    path = _relative(diagnostic.path, str(directory), str(Path.cwd()))
    return Key(path, diagnostic.code, diagnostic.entry or "", fingerprint(diagnostic))


@lru_cache(maxsize=4096)
def _relative(path: str, directory: str, cwd: str) -> str:
    """``path`` (as shown, relative to ``cwd``) relative to ``directory``; findings share a
    few paths, so this runs once per file, not once per finding."""
    absolute = Path(cwd, path).resolve()
    return Path(os.path.relpath(absolute, Path(directory).resolve())).as_posix()


@dataclass(frozen=True)
class Baseline:
    counts: Counter[Key]

    @classmethod
    def record(cls, diagnostics: Iterable[Diagnostic], directory: Path) -> Baseline:
        return cls(Counter(key_of(diagnostic, directory) for diagnostic in diagnostics))

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing or malformed one is a usage error (exit 2)."""
        if path.exists() and not path.is_file():
            raise ConfigError("not a regular file: a baseline is a JSON file", str(path))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(
                f"baseline file not found: {path} (record one with --update-baseline)"
            ) from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read the baseline: {exc}", str(path)) from exc
        except RecursionError as exc:
            raise ConfigError("cannot read the baseline: nested too deeply", str(path)) from exc
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(
                f"not an evdict baseline of version {BASELINE_VERSION} "
                "(re-record it with --update-baseline)",
                str(path),
            )
        try:
            return cls(Counter({_key(item): int(item["count"]) for item in data["findings"]}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"malformed baseline entry ({exc})", str(path)) from exc

    def to_json(self) -> str:
        """Sorted and indented, one key a line: stable under re-recording, diff-friendly."""
        findings = [
            {
                "code": key.code,
                "path": key.path,
                "entry": key.entry,
                "fingerprint": key.fingerprint,
                "count": count,
            }
            for key, count in sorted(self.counts.items())
        ]
        document = {"version": BASELINE_VERSION, "findings": findings}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def write(self, path: Path) -> None:
        """Write atomically: a crash leaves the old baseline or the new one, never half."""
        try:
            write_file(path, self.to_json().encode("utf-8"), durable=True)
        except OSError as exc:
            raise ConfigError(f"cannot write the baseline: {reason(exc)}", str(path)) from exc

    def split(
        self, diagnostics: Sequence[Diagnostic], directory: Path
    ) -> tuple[list[Diagnostic], int, int]:
        """(new findings, how many were known, how many known ones are gone)."""
        remaining = Counter(self.counts)
        new: list[Diagnostic] = []
        for diagnostic in diagnostics:
            key = key_of(diagnostic, directory)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(diagnostic)
        matched = len(diagnostics) - len(new)
        return new, matched, sum(remaining.values())


def _key(item: dict[str, Any]) -> Key:
    return Key(str(item["path"]), str(item["code"]), str(item["entry"]), str(item["fingerprint"]))


def apply_baseline(result: CheckResult, path: Path, *, update: bool = False) -> CheckResult:
    """Hide the findings ``path`` records; with ``update``, record the current ones first."""
    directory = path.resolve().parent
    if update:
        previous = Baseline.load(path) if path.exists() else Baseline(Counter())
        current = Baseline.record(result.diagnostics, directory)
        current.write(path)
        fixed = previous.split(result.diagnostics, directory)[2]
        return replace(
            result,
            diagnostics=(),
            baseline_fixed=fixed,
            baseline_recorded=len(result.diagnostics),
        )
    new, matched, fixed = Baseline.load(path).split(result.diagnostics, directory)
    return replace(result, diagnostics=tuple(new), baseline_matched=matched, baseline_fixed=fixed)
