"""``evdict validate`` and ``evdict.validate_event``: export payloads against the plan."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.api import load_plan
from evdict.checker import Selection
from evdict.commands.validate import Payload, Skipped, read_payload, validate_event, validate_lines
from evdict.config import Config
from evdict.plan.model import Plan
from tests.conftest import RunCli, WriteFiles

PLAN = """\
events:
  report_exported:
    description: A report was downloaded as a file.
    category: retention
    owner: team-insights
    properties:
      format: {type: string, enum: [csv, xlsx], required: true, description: File type.}
      report_id: {type: string, pattern: "^rep_[0-9]+$", description: The report.}
      email_hash: {type: string, pii: hashed, description: SHA-256 of the address.}
  legacy_export_done:
    description: The old export job finished.
    category: retention
    owner: team-insights
    status: deprecated
    deprecated: {since: "2026-01", replaced_by: report_exported}
"""


def line(record: dict[str, object]) -> str:
    return json.dumps(record) + "\n"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"type": "track", "event": "Order Completed", "userId": "u1", "properties": {"a": 1}},
            Payload("Order Completed", {"a": 1}, "segment"),
        ),
        (
            {"event": "signup", "anonymousId": "x", "properties": {"$ip": "1.2.3.4"}},
            Payload("signup", {"$ip": "1.2.3.4"}, "segment"),
        ),
        (
            {"event": "signup", "distinct_id": "u1", "properties": {"$browser": "x", "plan": "f"}},
            Payload("signup", {"plan": "f"}, "posthog"),
        ),
        (
            {
                "event": "signup",
                "properties": {"time": 1, "distinct_id": "u", "mp_lib": "py", "plan": "f"},
            },
            Payload("signup", {"plan": "f"}, "mixpanel"),
        ),
        (
            {"event_type": "signup", "user_id": "u", "event_properties": {"plan": "f"}},
            Payload("signup", {"plan": "f"}, "amplitude"),
        ),
        ({"event_type": "signup"}, Payload("signup", {}, "amplitude")),
        ({"type": "identify", "userId": "u", "traits": {}}, Skipped("Segment identify calls")),
        ({"type": "page", "event": "x"}, Skipped("Segment page calls")),
        ({"event": "$pageview", "properties": {}}, Skipped("automatic events of the SDKs")),
        ({"event_type": "[Amplitude] Page Viewed"}, Skipped("automatic events of the SDKs")),
        ({"event": "signup", "properties": ["not", "a", "mapping"]}, None),
        ({"name": "signup"}, None),
        (["event", "signup"], None),
        ("signup", None),
    ],
)
def test_export_shapes(record: object, expected: Payload | Skipped | None) -> None:
    assert read_payload(record) == expected


def test_findings_with_lines_columns_and_counts(write: WriteFiles, run: RunCli) -> None:
    first = line(
        {"event": "report_exported", "properties": {"format": "pdf", "report_id": "rep_1"}}
    )
    write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": first
            + line({"event": "report_exported", "properties": {"format": "pdf"}})
            + line({"event": "report_exportd", "properties": {"format": "csv"}})
            + "\n"
            + line({"event": "legacy_export_done", "properties": {}})
            + line({"event": "report_exported", "properties": {"format": "csv", "mail": "a@b.io"}})
            + line({"type": "identify", "userId": "u1"})
            + "{not json\n",
        }
    )
    result = run("validate", "export.ndjson")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "export.ndjson:1:45: EV605 [error] value of property `format` of event "
        "`report_exported` breaks its schema: 'pdf' is not one of ['csv', 'xlsx'] "
        "(first of 2 payloads)",
        "export.ndjson:3:11: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?)",
        "export.ndjson:5:11: EV607 [warning] event `legacy_export_done` is deprecated since "
        "2026-01: track `report_exported` instead",
        "export.ndjson:6:62: EV302 [error] payload sends a literal personal-data value "
        "'a***@b.io' (contact: email address) as property `mail` of event `report_exported`",
        "export.ndjson:6:62: EV603 [warning] property `mail` is not declared for event "
        "`report_exported`",
        "note: validated 5 payloads",
        "note: skipped 1 record: Segment identify calls",
        "note: 1 line is not an event of a known export shape (Segment, PostHog, Mixpanel, "
        "Amplitude): line 8",
        "1 file: 3 errors, 2 warnings",
    ]


def test_missing_required_property_and_unhashed_value(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": line(
                {"event_type": "report_exported", "event_properties": {"email_hash": "ana@x.io"}}
            ),
        }
    )
    result = run("validate", "export.ndjson", "--quiet")
    assert result.output.splitlines() == [
        "export.ndjson:1:1: EV604 [error] event `report_exported` is missing required property "
        "`format`",
        "export.ndjson:1:56: EV303 [error] payload sends 'a***@x.io' as property `email_hash` of "
        "event `report_exported`, declared `pii: hashed`, but it is not a hash "
        "(contact: email address)",
    ]


def test_select_narrows_and_clean_export_passes(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": line({"event": "report_exportd", "properties": {"format": "pdf"}})
            + line({"event": "report_exported", "properties": {"format": "csv"}}),
        }
    )
    assert run("validate", "export.ndjson", "--select", "EV605", "-q").output == ""
    clean = run("validate", "export.ndjson", "--ignore", "EV6")
    assert clean.exit_code == 0
    assert clean.output.splitlines()[-1] == "1 file: all checks passed"


def test_stdin_in_a_real_process(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN})
    payloads = line({"event": "report_exportd", "properties": {}}).encode()
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "validate", "-", "--format", "json"],
        input=payloads,
        cwd=root,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [(d["path"], d["line"], d["code"]) for d in report["diagnostics"]] == [
        ("<stdin>", 1, "EV601")
    ]


def test_unreadable_export_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    result = run("validate", "missing.ndjson")
    assert result.exit_code == 2
    assert result.output == "evdict: error: cannot read missing.ndjson: No such file or directory\n"


def test_undecodable_lines_are_reported_not_fatal(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": b'{"event": "report_exported", "properties": {"format": "\xff"}}\n'
            + line({"event": "report_exported", "properties": {"format": "csv"}}).encode(),
        }
    )
    result = run("validate", "export.ndjson")
    assert result.exit_code == 0
    assert "note: 1 line is not an event of a known export shape" in result.output
    assert "line 1\n" in result.output


def test_validate_event_for_pipelines(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN})
    config = Config.from_data({}, root)
    plan = load_plan(config, use_cache=False)
    found = validate_event(
        plan, {"event": "report_exported", "properties": {"format": "csv", "report_id": "r1"}}
    )
    assert [(d.code, d.location.path, d.location.line) for d in found] == [
        ("EV605", "<payload>", 1)
    ]
    assert validate_event(plan, {"type": "identify", "userId": "u"}) == []
    with pytest.raises(ValueError, match="not an event payload"):
        validate_event(plan, {"name": "x"})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "event",
                    "event_type",
                    "type",
                    "properties",
                    "event_properties",
                    "userId",
                    "time",
                    "distinct_id",
                    "format",
                    "email_hash",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=8,
)
EXPORT_LINES = st.binary(max_size=80) | JSON_VALUES.map(lambda value: json.dumps(value).encode())


@pytest.fixture(scope="module")
def fuzz_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Plan]:
    root = tmp_path_factory.mktemp("plan")
    (root / "events.yaml").write_text(PLAN, encoding="utf-8")
    config = Config.from_data({}, root)
    return config, load_plan(config, use_cache=False)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(EXPORT_LINES, max_size=6))
def test_arbitrary_lines_never_crash(fuzz_plan: tuple[Config, Plan], lines: list[bytes]) -> None:
    config, plan = fuzz_plan
    seen = validate_lines(lines, "fuzz.ndjson", plan, config, Selection.build(config.rules))
    assert seen.payloads + sum(seen.skipped.values()) + len(seen.not_understood) <= len(lines)


def test_did_you_mean_stops_after_its_budget_with_a_note(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two comparisons a name (the plan's two events): the first two names are looked up,
    # a name seen before is answered again, a third new one is not looked up.
    monkeypatch.setattr("evdict.commands.validate.COMPARISONS", 4)
    names = ["report_exportd", "legacy_export_don", "report_exportd", "report_exprted"]
    write(
        **{
            "events.yaml": PLAN,
            "export.ndjson": "".join(line({"event": name, "properties": {}}) for name in names),
        }
    )
    result = run("validate", "export.ndjson")
    assert result.output.splitlines() == [
        "export.ndjson:1:11: EV601 [error] event `report_exportd` is not declared in the plan "
        "(did you mean `report_exported`?) (first of 2 payloads)",
        "export.ndjson:2:11: EV601 [error] event `legacy_export_don` is not declared in the "
        "plan (did you mean `legacy_export_done`?)",
        "export.ndjson:4:11: EV601 [error] event `report_exprted` is not declared in the plan",
        "note: validated 4 payloads",
        'note: 1 payload of undeclared events reported without a "did you mean": comparing '
        "their names with the plan's stops after 4 comparisons",
        "1 file: 3 errors",
    ]
