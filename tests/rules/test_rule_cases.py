"""Every rule's must-flag and must-pass cases, as data: ``cases/EVxxx.yaml``.

A case file looks like::

    rule: EV402
    cases:
      - name: event without owner is flagged
        files:                       # plan files (default name events.yaml via `plan:`)
          events.yaml: |
            events:
              signup_completed: {description: A user signed up here.}
        config: {categories: [core]} # optional evdict.yaml content (a mapping)
        expect:                      # exact findings of this rule: "path:line:col: message"
          - "events.yaml:2:3: event `signup_completed` has no owner"
      - name: event with owner passes
        plan: |                      # shorthand for files: {events.yaml: ...}
          events:
            signup_completed: {owner: team-growth}
        expect: []

Only the case's rule is selected, so the other rules' findings do not interfere.

A ``diff:`` key (the old ``events.yaml``) makes the case a plan change for the
``evdict diff`` rules (EV701): it is committed in a fresh git repository, the
case's files are the working tree, and ``expect`` lists the diff's findings.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from evdict.api import Options, check, diff
from evdict.config import load_config
from evdict.diagnostics import Diagnostic

CASES = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for case_file in sorted(CASES.glob("*.yaml")):
        spec = YAML(typ="safe").load(case_file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}"))
    return params


def run_case(rule: str, case: dict[str, Any], root: Path) -> list[str]:
    files = dict(case.get("files") or {})
    if "plan" in case:
        files["events.yaml"] = case["plan"]
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    config = dict(case.get("config") or {})
    config.setdefault("plan", ["events.yaml", "tracking-plan/**/*.yaml"])
    with (root / "evdict.yaml").open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(config, handle)
    previous = Path.cwd()
    os.chdir(root)
    try:
        if "diff" in case:
            diagnostics = _diff_findings(root, case["diff"], files)
        else:
            options = Options(select=(rule,), paths=tuple(Path(p) for p in case.get("paths", ())))
            diagnostics = check(options, load_config(root / "evdict.yaml")).diagnostics
    finally:
        os.chdir(previous)
    return [f"{d.path}:{d.line}:{d.column}: {d.message}" for d in diagnostics if d.code == rule]


def _diff_findings(root: Path, base: str, files: dict[str, str]) -> tuple[Diagnostic, ...]:
    """Commit ``base`` as events.yaml, restore the case's files, diff HEAD to the work tree."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q")
    (root / "events.yaml").write_text(base, encoding="utf-8")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")
    return diff(load_config(root / "evdict.yaml"), "HEAD").diagnostics


@pytest.mark.parametrize(("rule", "case"), _load_cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert run_case(rule, case, tmp_path) == list(case["expect"])
