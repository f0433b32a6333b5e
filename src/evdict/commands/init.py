"""``evdict init``: a commented config and an empty plan (or one drafted from the code)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from evdict.checker import lint, scan
from evdict.commands.draft import Draft, draft_plan
from evdict.config import CONFIG_NAMES, Config, Options, load_config
from evdict.errors import InitError
from evdict.fileio import write_atomic
from evdict.result import CheckResult

CONFIG_FILE = "evdict.yaml"
PLAN_FILE = "tracking-plan/events.yaml"
_TEMPLATES = {CONFIG_FILE: "evdict.yaml", PLAN_FILE: "events.yaml"}
# Rule families a fresh draft breaks by construction (TODO descriptions, no owners,
# a young plan under its budget's minimum): the draft's own notes cover them.
DRAFT_IGNORED_RULES = ("EV4", "EV5")


@dataclass(frozen=True)
class InitResult:
    written: tuple[Path, ...]
    # With --from-code: the draft, and the lint findings among the drafted events.
    draft: Draft | None = None
    findings: CheckResult | None = None


def template(name: str) -> str:
    return resources.files("evdict").joinpath("init_templates", name).read_text(encoding="utf-8")


def init_project(root: Path, *, force: bool = False, from_code: bool = False) -> InitResult:
    """Write ``evdict.yaml`` and ``tracking-plan/events.yaml`` under ``root``.

    Existing files (or another config file evdict would find first) are left
    alone unless ``force``. With ``from_code`` the plan is drafted from the
    tracking calls in the code under ``root``, then linted.
    """
    targets = [root / name for name in _TEMPLATES]
    other_configs = [root / name for name in CONFIG_NAMES if name != CONFIG_FILE]
    existing = [path for path in (*targets, *other_configs) if path.exists()]
    if existing and not force:
        names = ", ".join(path.relative_to(root).as_posix() for path in existing)
        plural = "s" if len(existing) == 1 else ""
        raise InitError(f"{names} already exist{plural} (use --force to overwrite)")
    texts = {name: template(source) for name, source in _TEMPLATES.items()}
    draft = _draft(root, texts[PLAN_FILE].splitlines()[0]) if from_code else None
    if draft is not None:
        texts[PLAN_FILE] = draft.text
        texts[CONFIG_FILE] = with_found_conventions(texts[CONFIG_FILE], draft)
    _write_all(root, texts)
    findings = _lint_draft(root) if draft is not None else None
    return InitResult(tuple(targets), draft, findings)


def _write_all(root: Path, texts: dict[str, str]) -> None:
    """Every folder first, then each file atomically: a folder that cannot be made
    leaves nothing written."""

    try:
        for name in texts:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            write_atomic(root / name, text)
    except OSError as exc:
        where = exc.filename or root
        raise InitError(f"cannot write {where}: {exc.strerror or exc}") from exc


def with_found_conventions(config_text: str, draft: Draft) -> str:
    """The scaffolded config with the case styles the code's names are written in, so the
    first lint holds the code to its own convention: the names that stray from it are
    the drift worth seeing (a team that writes "Title Case" is not told to rewrite all)."""
    for section, found in (("events", draft.event_case), ("properties", draft.property_case)):
        if found is None:
            continue
        style, fitting, total = found
        default = f"  {section}:\n    case: snake_case\n"
        detected = (
            f"  {section}:\n    case: {style}  # {fitting} of {total} names found in the code\n"
        )
        config_text = config_text.replace(default, detected, 1)
    return config_text


def _draft(root: Path, schema_line: str) -> Draft:
    # The scaffolded config holds the defaults, so the scan uses them before it is written.
    inventory = scan(Options(), Config(root=root.resolve()))
    return draft_plan(inventory, schema_line)


def _lint_draft(root: Path) -> CheckResult:
    options = Options(ignore=DRAFT_IGNORED_RULES)
    return lint(options, load_config(root / CONFIG_FILE))
