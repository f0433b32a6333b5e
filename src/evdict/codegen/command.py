"""``evdict codegen``: the plan as typed tracking code, written to a file or compared
with it (``--check``, for CI and pre-commit: a unified diff when the file is stale)."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from evdict.checker import config_for, lint, load_plan
from evdict.codegen.clients import Client
from evdict.codegen.naming import CodegenError
from evdict.codegen.python import PythonModule
from evdict.codegen.typescript import TypeScriptModule
from evdict.config import Config, Options
from evdict.errors import UsageError
from evdict.plan.model import Plan
from evdict.result import CheckResult

Language = Literal["python", "typescript"]
LANGUAGES: tuple[Language, ...] = ("python", "typescript")


@dataclass(frozen=True)
class Generated:
    """The module's text, or why there is none: plan structure errors (``structure``
    failing) or names the generator cannot write (``errors``)."""

    text: str | None
    structure: CheckResult
    errors: tuple[CodegenError, ...] = ()


def render(
    plan: Plan, language: Language, client: Client, sources: list[str]
) -> tuple[str, list[CodegenError]]:
    """The module for ``plan``, and the errors that make it unusable (when any, the text
    must not be written)."""
    module = (PythonModule if language == "python" else TypeScriptModule)(plan, client, sources)
    text = module.render()
    return text, module.errors


def generate(
    options: Options, language: Language, client: Client, config: Config | None = None
) -> Generated:
    if language == "python" and client.name == "wrapper" and not _dotted(client.module):
        raise UsageError(
            f"--client wrapper:{client.module}:{client.callee}: a Python module is a dotted "
            "name (wrapper:acme.analytics:track_event)"
        )
    config = config or config_for(options)
    structure = lint(replace(options, select=("EV0",), ignore=()), config)
    if structure.exit_code:
        return Generated(None, structure)
    plan = load_plan(config, use_cache=options.use_cache)
    sources = sorted({_shown(document.path, config.root) for document in plan.documents})
    text, errors = render(plan, language, client, sources)
    return Generated(None if errors else text, structure, tuple(errors))


def stale_diff(path: Path, text: str) -> str:
    """The unified diff from the file at ``path`` to ``text``; empty when it is current."""
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    if current == text:
        return ""
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{path} (on disk)",
            tofile=f"{path} (from the plan)",
        )
    )


def _dotted(module: str) -> bool:
    return all(part.isidentifier() for part in module.split("."))


def _shown(path: str, root: Path) -> str:
    """A plan file as the header names it: relative to the project root (``../`` for a plan
    beside it), with ``/``, so the generated file is the same on every machine."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(path).as_posix()
