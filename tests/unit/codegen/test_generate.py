"""``evdict codegen``: golden files on the example plan, the generated code type-checked
by mypy --strict (against stubs with each SDK's real signature) and ruff, collisions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evdict.checker import load_plan
from evdict.codegen.clients import CLIENTS, Client, parse_client
from evdict.codegen.command import render
from evdict.config import load_config
from evdict.errors import UsageError
from evdict.plan.load import merge, parse_document
from evdict.plan.model import Plan
from tests.conftest import EXAMPLES
from tests.unit.codegen.sdk_stubs import write_stubs

GOLDEN = Path(__file__).parent / "golden"
ACME = EXAMPLES / "acme-enrich"
SOURCES = ["tracking-plan/growth.yaml"]
BIN = Path(sys.executable).parent


def acme_plan() -> Plan:
    return load_plan(load_config(ACME / "evdict.yaml"), use_cache=False)


def plan_of(text: str) -> Plan:
    return merge([parse_document(text, "plan.yaml")])


@pytest.mark.parametrize(
    ("language", "client", "golden"),
    [
        ("python", "segment", "acme_enrich_segment.py.golden"),
        ("typescript", "posthog", "acme_enrich_posthog.ts.golden"),
    ],
)
def test_example_plan_generates_its_golden_file(language: str, client: str, golden: str) -> None:
    text, errors = render(acme_plan(), language, parse_client(client), SOURCES)  # type: ignore[arg-type]
    assert errors == []
    if os.environ.get("EVDICT_UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / golden).read_text(encoding="utf-8")
    again, _ = render(acme_plan(), language, parse_client(client), SOURCES)  # type: ignore[arg-type]
    assert again == text  # deterministic


def test_generated_python_passes_mypy_strict_and_ruff_for_every_client(tmp_path: Path) -> None:
    write_stubs(tmp_path)
    plan = acme_plan()
    modules = []
    for name in [*CLIENTS, "wrapper:acme_tracking:track_event"]:
        text, _ = render(plan, "python", parse_client(name), SOURCES)
        module = tmp_path / f"events_{name.split(':')[0]}.py"
        module.write_text(text, encoding="utf-8")
        modules.append(module.name)
    caller = tmp_path / "caller.py"
    caller.write_text(
        "from events_segment import track_user_signed_in\n\n"
        "track_user_signed_in(user_id='u', workspace_id='w', auth_method='google_sso',"
        " platform='web_app', days_since_last_sign_in=3)\n",
        encoding="utf-8",
    )
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", *modules, caller.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(tmp_path)},
    )
    assert mypy.returncode == 0, mypy.stdout
    ruff = subprocess.run(
        [
            BIN / "ruff",
            "check",
            "--isolated",
            "--select",
            "E,F,W,I,B,UP,SIM,RUF,C4,PIE,RET",
            *modules,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout


def test_mypy_rejects_a_value_the_plan_does_not_allow(tmp_path: Path) -> None:
    write_stubs(tmp_path)
    text, _ = render(acme_plan(), "python", Client("segment"), SOURCES)
    (tmp_path / "events.py").write_text(text, encoding="utf-8")
    (tmp_path / "caller.py").write_text(
        "from events import track_user_signed_in\n\n"
        "track_user_signed_in(user_id='u', workspace_id='w', auth_method='fax',"
        " platform='web_app')\n",
        encoding="utf-8",
    )
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "caller.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(tmp_path)},
    )
    assert mypy.returncode == 1
    assert (
        'caller.py:3: error: Argument "auth_method" to "track_user_signed_in" has incompatible type "Literal[\'fax\']"'
        in mypy.stdout
    )


def test_mypy_checks_a_property_set_against_the_events_typed_dict(tmp_path: Path) -> None:
    write_stubs(tmp_path)
    text, _ = render(acme_plan(), "python", Client("segment"), SOURCES)
    (tmp_path / "events.py").write_text(text, encoding="utf-8")
    (tmp_path / "caller.py").write_text(
        "from events import UserSignedInProperties\n\n"
        "ok: UserSignedInProperties = {'auth_method': 'google_sso', 'platform': 'web_app',"
        " 'user_id': 'u', 'workspace_id': 'w'}\n"
        "short: UserSignedInProperties = {'auth_method': 'google_sso', 'platform': 'web_app',"
        " 'user_id': 'u'}\n",
        encoding="utf-8",
    )
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", "caller.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(tmp_path)},
    )
    # the optional property may be left out, a required one may not
    assert mypy.stdout.splitlines()[:-1] == [
        'caller.py:4: error: Missing key "workspace_id" for TypedDict'
        ' "UserSignedInProperties"  [typeddict-item]'
    ], mypy.stdout


PLAN = """\
events:
  signupCompleted:
    description: The user signed up.
    properties:
      class: {type: string, enum: [a, "b\\"c"], required: true, description: "Say '''hi''' \\\\o/"}
      default: {type: integer}
      email: {type: string, pii: allowed, pii_reason: support}
  old_thing_done:
    status: deprecated
    deprecated: {replaced_by: signupCompleted, reason: Gone.}
"""


def test_reserved_words_get_a_trailing_underscore_and_the_plan_names_are_sent() -> None:
    text, errors = render(plan_of(PLAN), "python", Client("posthog"), ["plan.yaml"])
    assert errors == []
    assert (
        'def track_signup_completed(\n    *,\n    distinct_id: str,\n    class_: Literal["a", "b\\"c"],\n'
        in text
    )
    assert "    default: int | None = None,\n" in text
    assert (
        '    _posthog.capture(\n        "signupCompleted",\n        distinct_id=distinct_id,\n'
        '        properties={\n            "class": class_,\n'
        '            **({"default": default} if default is not None else {}),\n' in text
    )
    assert "        class_: Say '''hi''' \\\\o/\n        email: Personal data (allowed).\n" in text
    assert (
        "@deprecated(\"Gone. Use 'signupCompleted' instead.\")\ndef track_old_thing_done(" in text
    )
    compile(text, "events.py", "exec")


def test_names_that_collide_after_conversion_are_reported_not_emitted() -> None:
    plan = plan_of(
        "events:\n  signup_completed: {}\n  SignupCompleted: {}\n"
        "  a_done:\n    properties:\n      userId: {type: string}\n      user_id: {type: string}\n"
    )
    _, errors = render(plan, "python", Client("segment"), ["plan.yaml"])
    assert [str(error) for error in errors] == [
        "plan.yaml:2:3: event 'signup_completed' and 'SignupCompleted' would both be written "
        "'track_signup_completed': rename one",
        "plan.yaml:7:7: property of event 'a_done': 'user_id' and 'userId' would both be written "
        "'user_id': rename one",
    ]


def test_typescript_keeps_property_names_as_written_and_marks_deprecation() -> None:
    text, errors = render(plan_of(PLAN), "typescript", Client("mixpanel"), ["plan.yaml"])
    assert errors == []
    assert '  class: "a" | "b\\"c";\n' in text
    assert "  default?: number;\n" in text
    assert " * @deprecated Gone. Use 'signupCompleted' instead.\n" in text
    assert 'mixpanel.track("signupCompleted", properties);' in text
    assert 'export type EventName =\n  | "old_thing_done"\n  | "signupCompleted";\n' in text


def test_a_bad_client_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="expected one of segment, posthog"):
        parse_client("wrapper:nothing")
    assert parse_client("wrapper:acme.analytics:client.track") == Client(
        "wrapper", "acme.analytics", "client.track"
    )
