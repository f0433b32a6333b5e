"""``evdict init``: a commented config and an empty plan (or one drafted from the code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from evdict.checker import lint, scan
from evdict.commands.draft import Draft, draft_plan
from evdict.commands.schemas import PROJECT_SCHEMAS, SCHEMAS, schema_line
from evdict.config import Config, Options, discover, load_config
from evdict.errors import InitError
from evdict.globs import glob_regex
from evdict.names.convention import FoundConvention
from evdict.result import CheckResult
from evdict.scanner.model import Inventory
from evdict.schema import CONFIG_SCHEMA, PLAN_SCHEMA, schema_dir
from evdict.transaction import FileWrite, write_all

CONFIG_FILE = "evdict.yaml"
PLAN_FILE = "tracking-plan/events.yaml"
# Rule families a fresh draft breaks by construction (a young plan under its budget's
# minimum): the draft's own notes cover them. Its TODO descriptions and missing owners
# (EV4) are linted, for the summary's documentation count.
DRAFT_IGNORED_RULES = ("EV5",)


@dataclass(frozen=True)
class InitResult:
    written: tuple[Path, ...]
    # The plan file among them (drafted with --from-code).
    plan_file: Path
    # The folder of the JSON Schemas the written files point editors at.
    schemas: Path
    # The config found in the folder: used, never written (None: one was created).
    kept_config: Path | None = None
    # The plan file existed and --force replaced it.
    replaced_plan: bool = False
    # With --from-code: the draft, the lint findings among the drafted events, and the
    # scan (its notes, and the calls it could not prove, with the config that reads them).
    draft: Draft | None = None
    findings: CheckResult | None = None
    inventory: Inventory | None = None


def template(name: str) -> str:
    return resources.files("evdict").joinpath("init_templates", name).read_text(encoding="utf-8")


def init_project(root: Path, *, force: bool = False, from_code: bool = False) -> InitResult:
    """Write what the folder lacks: ``evdict.yaml`` and the plan (empty, or with
    ``from_code`` drafted from the tracking calls in the code, then linted).

    A config file already in the folder (``evdict.yaml``, ``.evdict.yaml``, ``[tool.evdict]``
    in ``pyproject.toml``...) is never written: its settings (plan files, sources,
    wrappers, receivers) are used. An existing plan file is replaced only with ``force``.
    """
    found = discover(root)
    kept = found if found is not None and found.parent == root.resolve() else None
    config = load_config(kept) if kept is not None else Config(root=root.resolve())
    plan_file = _plan_target(root, config)
    if plan_file.exists() and not force:
        shown = plan_file.relative_to(root).as_posix()
        raise InitError(f"{shown} already exists (use --force to replace the plan)")
    texts: dict[Path, str] = {}
    schemas = root / PROJECT_SCHEMAS
    if kept is None:
        texts[root / CONFIG_FILE] = _pointed_at(
            template("evdict.yaml"), root / CONFIG_FILE, schemas / CONFIG_SCHEMA
        )
    plan_text = _pointed_at(template("events.yaml"), plan_file, schemas / PLAN_SCHEMA)
    draft = inventory = None
    if from_code:
        inventory = scan(Options(suggest_config=True), config)
        draft = draft_plan(inventory, plan_text.splitlines()[0])
        plan_text = draft.text
        if kept is None:
            texts[root / CONFIG_FILE] = with_found_conventions(texts[root / CONFIG_FILE], draft)
    replaced = plan_file.exists()
    texts[plan_file] = plan_text
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    # The schemas are evdict's own: written again whenever they are there already.
    schema_files = {schemas / name: (schema_dir() / name).read_bytes() for name in SCHEMAS}
    _write_all(root, {**files, **schema_files}, {*schema_files, *([plan_file] if replaced else [])})
    findings = _lint_draft(kept or root / CONFIG_FILE) if draft is not None else None
    return InitResult(tuple(texts), plan_file, schemas, kept, replaced, draft, findings, inventory)


def _pointed_at(text: str, document: Path, schema: Path) -> str:
    """A template whose first line (the editor's schema line) names ``schema`` relatively."""
    _, rest = text.split("\n", 1)
    return f"{schema_line(document, schema)}\n{rest}"


def _plan_target(root: Path, config: Config) -> Path:
    """Where the plan is written: ``tracking-plan/events.yaml`` when the config's plan
    patterns read it, else the config's first plain file name."""
    if any(glob_regex(pattern).match(PLAN_FILE) for pattern in config.plan):
        return root / PLAN_FILE
    for pattern in config.plan:
        if not any(char in pattern for char in "*?[{"):
            return config.root / pattern
    raise InitError(
        f"the config's plan patterns ({', '.join(config.plan)}) name no file to write the "
        f"plan to: add a file name (e.g. {PLAN_FILE}) to `plan:`"
    )


def _write_all(root: Path, files: dict[Path, bytes], replaceable: set[Path]) -> None:
    """Every file or none (:func:`evdict.transaction.write_all`): a file that appeared
    meanwhile, a folder that cannot be made or Ctrl-C leaves the folder as it was.
    Only the ``replaceable`` files may exist already."""
    write_all(
        [
            FileWrite(
                path,
                data,
                path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path),
                create=path not in replaceable,
            )
            for path, data in files.items()
        ],
        root,
    )


def with_found_conventions(config_text: str, draft: Draft) -> str:
    """The scaffolded config with the case styles the code's names are written in, so the
    first lint holds the code to its own convention: the names that stray from it are
    the drift worth seeing (a team that writes "Title Case" is not told to rewrite all)."""
    for section, found, split in (
        ("events", draft.event_case, draft.event_cases),
        ("properties", draft.property_case, draft.property_cases),
    ):
        default = f"  {section}:\n    case: snake_case\n"
        if split is not None:
            styles = ", ".join(json.dumps(found.style) for found in split)
            where = "; ".join(found.describe() for found in split)
            detected = (
                f"  {section}:\n    case: [{styles}]  # one per part of the product: {where}\n"
            )
        elif found is not None:
            style, fitting, total = found
            detected = (
                f"  {section}:\n    case: {style}  # {fitting} of {total} names found in the code\n"
            )
        else:
            continue
        config_text = config_text.replace(default, detected, 1)
    if draft.no_grammar is not None:
        return config_text.replace(
            "    grammar: object_action\n",
            f"    grammar: none  # no one word order ({no_grammar_reason(draft.no_grammar)})\n",
            1,
        )
    return _with_found_grammar(config_text, draft.event_convention)


def no_grammar_reason(closest: FoundConvention) -> str:
    """Why the config sets no grammar: how near the names found come to a word order."""
    if not closest.fitting:
        return f"none of the {closest.total} names found fits a word order evdict reads"
    return f"the closest: {closest.describe()}"


def _with_found_grammar(config_text: str, found: FoundConvention | None) -> str:
    """The event names' word order, tense, category prefix (with its values when the
    names use a closed set) and suffix, when most names found follow one: the first lint then shows
    the names that stray."""
    if found is None:
        return config_text
    lines = [f"    grammar: {found.grammar}  # {found.describe()}\n"]
    if found.tense != "past" or found.grammar != "object_action":
        lines.append(f"    tense: {found.tense}\n")
        config_text = config_text.replace("    # tense: past\n", "", 1)  # its example
    if found.suffix is not None:
        lines.append(f"    suffix: {json.dumps(found.suffix)}  # read past by the grammar\n")
        config_text = config_text.replace("    # suffix: Event\n", "", 1)
    if found.separator is not None:
        config_text = config_text.replace(
            '    # category: {separator: ":", values: [billing, auth], required: false}\n', "", 1
        )
        if found.categories is None:
            lines.append(f'    category: {{separator: "{found.separator}", required: true}}\n')
        else:
            lines.append(
                f'    category:\n      separator: "{found.separator}"\n      required: true\n'
                f"      values:  # a closed set: {found.categories.describe()}\n"
            )
            # JSON strings are YAML strings, whatever a category holds (`no`, `1`, `#`).
            lines.extend(f"        - {json.dumps(value)}\n" for value in found.categories.values)
    return config_text.replace("    grammar: object_action\n", "".join(lines), 1)


def _lint_draft(config_file: Path) -> CheckResult:
    options = Options(ignore=DRAFT_IGNORED_RULES)
    return lint(options, load_config(config_file))
