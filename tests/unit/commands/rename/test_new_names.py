"""New names that need quoting or escaping, in every form a name is written (YAML plain,
single- and double-quoted keys and references; Python and JavaScript string literals,
constants, enum values): the rename writes each so that it reads back as the new name,
and changes no other byte. Names with control characters are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evdict.plan.load import load_plan_files
from tests.conftest import RunCli, WriteFiles

OLD = "signup_completed"

PLANS = {
    "plain": f"events:\n  {OLD}:  # the key\n    description: x\n",
    "single": f"events:\n  '{OLD}': {{description: x}}\n",
    "double": f'events:\n  "{OLD}":\n    description: x\n',
}

REFERENCES = f"""\
events:
  report_exported:
    deprecated: {{since: "2026-01", replaced_by: '{OLD}'}}
funnels:
  f:
    steps:
      - {OLD}   # plain
      - "{OLD}"
      - {{event: '{OLD}', within: 7d}}
"""

PYTHON = f"""\
import enum

import analytics

NAME = "{OLD}"  # a constant


class Events(str, enum.Enum):
    SIGNUP = '{OLD}'


def view(user):
    analytics.track(user, "{OLD}")
    analytics.track(user, '{OLD}', {{"k": 1}})
    analytics.track(user, r"{OLD}")
    analytics.track(user, \"\"\"{OLD}\"\"\")
    analytics.track(user, NAME)
    analytics.track(user, Events.SIGNUP.value)
    analytics.track(user, "signup_" "completed")
"""

TYPESCRIPT = f"""\
import posthog from "posthog-js";

export const EVENTS = {{ SIGNUP: "{OLD}" }} as const;
export enum Tracked {{
  Signup = '{OLD}',
}}

posthog.capture("{OLD}");
posthog.capture('{OLD}', {{ k: 1 }});
posthog.capture(`{OLD}`);
posthog.capture(EVENTS.SIGNUP);
posthog.capture(Tracked.Signup);
"""

NAMES = [
    'it\'s "q"',
    "back\\slash",
    "a # b",
    "a: b",
    "-leading dash",
    "${x} and `tick`",
    "été 🚀 ünïcode",
    "'quoted'",
    '"x"',
    "\\n not a newline",
]


@pytest.mark.parametrize("style", PLANS)
@pytest.mark.parametrize("new", NAMES)
def test_a_name_that_needs_quoting_reads_back_everywhere_and_nothing_else_changes(
    write: WriteFiles, run: RunCli, new: str, style: str
) -> None:
    root = write(
        **{
            "evdict.yaml": 'plan: ["plan/*.yaml"]\n',
            "plan/events.yaml": PLANS[style] + "  report_exported: {}\n",
            "plan/refs.yaml": REFERENCES.replace(
                "events:\n  report_exported:\n", "events:\n  other_event:\n"
            ),
            "app/views.py": PYTHON,
            "web/app.ts": TYPESCRIPT,
        }
    )
    names = ["plan/events.yaml", "plan/refs.yaml", "app/views.py", "web/app.ts"]
    before = {name: (root / name).read_bytes() for name in names}
    result = run("rename", "--", OLD, new)
    assert result.exit_code == 0, result.output
    assert "12 call site(s), 4 file(s)" in result.stdout
    # Every line that did not hold the old name is kept byte for byte (the plan also
    # gains its renamed_from entry).
    for name in names:
        old_lines = before[name].splitlines(keepends=True)
        new_lines = (root / name).read_bytes().splitlines(keepends=True)
        kept = [line for line in old_lines if OLD.encode() not in line and b"signup_" not in line]
        assert [line for line in new_lines if line in kept] == kept, name
    # The plan and the code agree on the new name.
    plan = load_plan_files(sorted((root / "plan").glob("*.yaml")))
    assert not plan.problems
    assert plan.events[new].renamed_from == [OLD]
    assert OLD not in plan.events
    refs = (root / "plan/refs.yaml").read_text(encoding="utf-8")
    assert OLD not in refs.replace("renamed_from", "")
    scanned = json.loads(run("scan", "--format", "json").stdout)
    assert [call["events"] for call in scanned["calls"]] == [[new]] * 12


@pytest.mark.parametrize(
    ("new", "codes"),
    [
        ("a\nb", "U+000A"),
        ("tab\there", "U+0009"),
        ("bell\a", "U+0007"),
        ("del\x7f", "U+007F"),
        ("c1\x85\x9b", "U+0085, U+009B"),
        ("line\u2028sep", "U+2028"),
        ("lone\udcff", "U+DCFF"),
    ],
)
def test_a_name_with_a_control_character_is_refused(
    write: WriteFiles, run: RunCli, new: str, codes: str
) -> None:
    root = write(**{"events.yaml": PLANS["plain"], "app/views.py": PYTHON})
    result = run("rename", "--", OLD, new)
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: {new!r} holds a control character ({codes}): an event name cannot; "
        "choose a name without one\n"
    )
    assert (root / "events.yaml").read_text(encoding="utf-8") == PLANS["plain"]


def test_renamed_back_and_forth_the_files_are_as_before(write: WriteFiles, run: RunCli) -> None:
    """Python and TypeScript sources come back byte for byte after a rename to a name
    that needs escaping and back (the plan keeps its renamed_from history)."""
    root = write(
        **{"events.yaml": PLANS["double"], "app/views.py": PYTHON, "web/app.ts": TYPESCRIPT}
    )
    sources = {name: (root / name).read_bytes() for name in ("app/views.py", "web/app.ts")}
    assert run("rename", OLD, 'it\'s "q" \\ ${x}').exit_code == 0
    plan = Path(root / "events.yaml").read_text(encoding="utf-8")
    (root / "events.yaml").write_text(
        plan.replace(f"renamed_from: [{OLD}]", "renamed_from: []"), encoding="utf-8"
    )
    assert run("rename", 'it\'s "q" \\ ${x}', OLD).exit_code == 0
    after = {name: (root / name).read_bytes() for name in sources}
    # The implicit concatenation became one literal, the raw string lost its r (the
    # name between held a backslash); everything else is as it was.
    assert after["web/app.ts"] == sources["web/app.ts"]
    assert after["app/views.py"] == sources["app/views.py"].replace(
        b'"signup_" "completed"', f'"{OLD}"'.encode()
    ).replace(f'r"{OLD}"'.encode(), f'"{OLD}"'.encode())


def test_an_old_name_with_a_terminal_escape_is_printed_escaped(
    write: WriteFiles, run: RunCli
) -> None:
    """A plan may declare a name holding ESC (YAML's ``\\e``): renaming it away is how it is
    fixed, and what rename prints shows it escaped, never sent to the terminal."""
    root = write(**{"events.yaml": 'events:\n  "bad\\e[2Jname":\n    description: x\n'})
    result = run("rename", "bad\x1b[2Jname", "good_name")
    assert result.exit_code == 0
    assert result.stdout == (
        "rewrote events.yaml\n`bad\\x1b[2Jname` -> `good_name`: 0 call site(s), 1 file(s)\n"
    )
    assert "good_name" in (root / "events.yaml").read_text(encoding="utf-8")
