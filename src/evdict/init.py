"""``evdict init``: a commented config and an empty plan to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from evdict.config import CONFIG_NAMES

CONFIG_FILE = "evdict.yaml"
PLAN_FILE = "tracking-plan/events.yaml"
_TEMPLATES = {CONFIG_FILE: "evdict.yaml", PLAN_FILE: "events.yaml"}


class InitError(Exception):
    """The scaffold would overwrite files (exit 2 unless ``--force``)."""


def template(name: str) -> str:
    return resources.files("evdict").joinpath("init_templates", name).read_text(encoding="utf-8")


def scaffold(root: Path, *, force: bool = False) -> list[Path]:
    """Write ``evdict.yaml`` and ``tracking-plan/events.yaml`` under ``root``.

    Existing files (or another config file evdict would find first) are left
    alone unless ``force``; the files written are returned.
    """
    targets = {root / name: template(source) for name, source in _TEMPLATES.items()}
    other_configs = [root / name for name in CONFIG_NAMES if name != CONFIG_FILE]
    existing = [path for path in (*targets, *other_configs) if path.exists()]
    if existing and not force:
        names = ", ".join(path.relative_to(root).as_posix() for path in existing)
        raise InitError(
            f"{names} already exist{'s' if len(existing) == 1 else ''} (use --force to overwrite)"
        )
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(targets)
