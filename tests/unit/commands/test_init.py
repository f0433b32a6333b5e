"""``evdict init``: a commented config and an empty plan that lint clean."""

from __future__ import annotations

import shutil
from pathlib import Path

from evdict.api import Options, load_plan, scan
from evdict.config import (
    DEFAULT_CATEGORIES,
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    DEFAULT_PLAN,
    load_config,
)
from tests.conftest import EXAMPLES, REPO, RunCli, WriteFiles
from tests.unit.scanner.test_suggest import PLUGIN, SUGGESTED


def test_init_writes_config_and_plan(in_tmp: Path, run: RunCli) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert result.output == (
        "created evdict.yaml\n"
        "created tracking-plan/events.yaml\n"
        "wrote .evdict/schemas/ (the plan and config JSON Schemas, for your editor)\n"
        "next: describe your events in tracking-plan/events.yaml, then run `evdict lint`\n"
    )
    config = load_config(in_tmp / "evdict.yaml")  # validated by the config schema
    assert config.plan == DEFAULT_PLAN
    assert config.include == DEFAULT_INCLUDE
    assert config.exclude == DEFAULT_EXCLUDE
    assert config.categories == DEFAULT_CATEGORIES
    assert config.raw["budget"] == {"min": 50, "max": 150, "hard_max": 200}
    assert config.raw["diff"] == {"deprecation_period_days": 90}


def test_scaffold_lints_clean(in_tmp: Path, run: RunCli) -> None:
    run("init")
    result = run("lint")
    assert result.exit_code == 0
    # An empty plan is only under its budget's minimum; the schema accepts it.
    assert result.output == (
        "tracking-plan/events.yaml:10:1: EV502 [warning] 0 active events, under the minimum of 50\n"
        "0 events in 1 file: 1 warning\n"
    )


def test_files_point_editors_at_their_schemas(in_tmp: Path, run: RunCli) -> None:
    """The schemas are written under .evdict/schemas/ and named relatively, so an editor
    finds them offline, and they are the installed evdict's own."""
    result = run("init")
    assert result.output.splitlines()[2] == (
        "wrote .evdict/schemas/ (the plan and config JSON Schemas, for your editor)"
    )
    for written, schema in [
        ("evdict.yaml", "config.schema.json"),
        ("tracking-plan/events.yaml", "plan.schema.json"),
    ]:
        document = in_tmp / written
        first_line = document.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first_line.startswith(prefix)
        pointed = (document.parent / first_line.removeprefix(prefix)).resolve()
        assert pointed == in_tmp / ".evdict" / "schemas" / schema
        assert pointed.read_bytes() == (REPO / "schemas" / schema).read_bytes()
    assert (
        (in_tmp / "tracking-plan/events.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../.evdict/schemas/plan.schema.json\n")
    )


def test_schema_command_writes_both_schemas(in_tmp: Path, run: RunCli) -> None:
    result = run("schema", "--out", "editor/schemas")
    assert result.exit_code == 0
    assert result.output == (
        "wrote editor/schemas/plan.schema.json\nwrote editor/schemas/config.schema.json\n"
    )
    for name in ("plan.schema.json", "config.schema.json"):
        written = in_tmp / "editor" / "schemas" / name
        assert written.read_bytes() == (REPO / "schemas" / name).read_bytes()


def test_schema_command_into_a_file_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(taken="x")
    result = run("schema", "--out", "taken/schemas")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: cannot write taken/schemas: ")


def test_the_commented_example_is_a_clean_event(in_tmp: Path, run: RunCli) -> None:
    run("init")
    plan = in_tmp / "tracking-plan" / "events.yaml"
    example = plan.read_text(encoding="utf-8").split("# An example to copy", 1)[1]
    lines = example.splitlines()[2:]
    assert all(line.startswith("#") for line in lines)
    plan.write_text("\n".join(line[2:] for line in lines) + "\n", encoding="utf-8")
    result = run("lint", "--ignore", "EV502")
    assert result.output == "1 event in 1 file: all checks passed\n"


def test_an_existing_config_is_kept_and_names_the_plan_file(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"evdict.yaml": "plan: [mine.yaml]\n"})
    result = run("init")
    assert result.exit_code == 0
    assert result.output == (
        "kept evdict.yaml (its settings were used)\n"
        "created mine.yaml\n"
        "wrote .evdict/schemas/ (the plan and config JSON Schemas, for your editor)\n"
        "next: describe your events in mine.yaml, then run `evdict lint`\n"
    )
    assert (root / "evdict.yaml").read_text(encoding="utf-8") == "plan: [mine.yaml]\n"
    assert (root / "mine.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert not (root / "tracking-plan").exists()


def test_an_existing_plan_is_not_replaced_without_force(write: WriteFiles, run: RunCli) -> None:
    root = write(**{".evdict.yaml": "plan: [mine.yaml]\n", "mine.yaml": "events: {}\n"})
    result = run("init")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: mine.yaml already exists (use --force to replace the plan)\n"
    )
    assert (root / "mine.yaml").read_text(encoding="utf-8") == "events: {}\n"
    assert not (root / "evdict.yaml").exists()


def test_force_replaces_the_plan_and_never_the_config(write: WriteFiles, run: RunCli) -> None:
    config = "plan: [tracking-plan/events.yaml]\nsources: {include: [app/**/*.py]}\n"
    root = write(**{"evdict.yaml": config, "tracking-plan/events.yaml": "events: {}\n"})
    result = run("init", "--force")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "kept evdict.yaml (its settings were used)",
        "replaced tracking-plan/events.yaml",
    ]
    assert (root / "evdict.yaml").read_text(encoding="utf-8") == config
    plan = (root / "tracking-plan" / "events.yaml").read_text(encoding="utf-8")
    assert plan.startswith("# yaml-language-server")


def test_a_plan_pattern_with_no_file_name_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "plan: [plans/*.yml]\n"})
    result = run("init")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: the config's plan patterns (plans/*.yml) name no file to write "
        "the plan to: add a file name (e.g. tracking-plan/events.yaml) to `plan:`\n"
    )


SIGNUP_CODE = """
import analytics


def signup(user, fmt, step):
    analytics.track(user.id, "signup_completed", {"plan": "pro", "seats": 3, "trial": True})
    analytics.track(user.id, "signup_completed", {"plan": None, "seats": 3.5})
    analytics.track(user.id, "Signup Completed", {"plan": "team"})
    analytics.track(user.id, f"step_{step}_viewed", {})
    analytics.track(user.id, "report_exported", {"format": fmt, "seats": "many"})
"""

DRAFTED_PLAN = """\
# yaml-language-server: $schema=../.evdict/schemas/plan.schema.json
#
# Drafted by `evdict init --from-code` from 5 tracking call(s) in 1 file(s).
# Each `description: TODO` needs a sentence saying when the event fires or what the
# property holds; each event also needs an owner and a category.

properties:
  format:
    description: TODO
  plan:
    type: ["null", "string"]
    description: TODO
  seats:
    type: ["number", "string"]
    description: TODO
  trial:
    type: boolean
    description: TODO

events:
  "Signup Completed":
    description: TODO
    # tracked at app/signup.py:7 (segment)
    properties:
      plan: {}
  report_exported:
    description: TODO
    # tracked at app/signup.py:9 (segment)
    properties:
      format: {}
      seats: {}
  signup_completed:
    description: TODO
    # tracked at app/signup.py:5 (segment), app/signup.py:6 (segment)
    properties:
      plan: {}
      seats: {}
      trial: {}
"""


def test_from_code_drafts_the_plan_and_reports_what_needs_a_human(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"app/signup.py": SIGNUP_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert result.output == (
        "created evdict.yaml\n"
        "created tracking-plan/events.yaml (3 event(s) from 5 tracking call(s) in 1 file(s))\n"
        "wrote .evdict/schemas/ (the plan and config JSON Schemas, for your editor)\n"
        "needs a human:\n"
        "  - 3 event(s): replace each 'description: TODO' with when it fires, "
        "and give it an owner and a category\n"
        "  - app/signup.py:8:5: an event name built at run time "
        "(an f-string starting with 'step_'): add the events it sends by hand\n"
        "  - 1 property has no type (the code sends no literal value, nor one whose form says its type): format\n"
        "  - property `seats` is sent as integer, number and string: keep one type\n"
        "naming: 2 findings (EV101 1, EV201 1); `evdict lint --select EV1,EV2` lists them\n"
        "documentation: 13 findings (EV401 7, EV402 3, EV403 3); "
        "`evdict lint --select EV4` lists them\n"
        "next: describe your events in tracking-plan/events.yaml, then run `evdict lint`\n"
    )
    assert (root / "tracking-plan/events.yaml").read_text(encoding="utf-8") == DRAFTED_PLAN


PII_CODE = """
import analytics


def signup(user, ip):
    analytics.track(user.id, "signupCompleted", {"email": user.email, "plan": "pro"})
    analytics.track(user.id, "report_exported", {"format": "csv", "client_ip": ip})
    analytics.track(user.id, "reports_exported", {"format": "pdf"})
"""


def test_from_code_names_personal_data_first_then_counts(write: WriteFiles, run: RunCli) -> None:
    """Personal data must not drown among naming and documentation findings."""
    write(**{"app/signup.py": PII_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0
    summary = result.output.split("needs a human:\n", 1)[1].split("  - ")[-1].split("\n", 1)[1]
    assert summary == (
        "personal data among the drafted events (declare `pii` on each):\n"
        "  tracking-plan/events.yaml:8:3: EV301 [warning] property `client_ip` (shared) looks "
        "like personal data (device: IP address) and has no `pii` declaration\n"
        "  tracking-plan/events.yaml:10:3: EV301 [warning] property `email` (shared) looks "
        "like personal data (contact: email address) and has no `pii` declaration\n"
        "naming: 2 findings (EV101 1, EV202 1); `evdict lint --select EV1,EV2` lists them\n"
        "documentation: 13 findings (EV401 7, EV402 3, EV403 3); "
        "`evdict lint --select EV4` lists them\n"
        "next: describe your events in tracking-plan/events.yaml, then run `evdict lint`\n"
    )


def test_from_code_draft_passes_the_structure_rules(write: WriteFiles, run: RunCli) -> None:
    write(**{"app/signup.py": SIGNUP_CODE})
    run("init", "--from-code")
    # The schema, the shared-property reuses and the references all hold.
    assert run("lint", "--select", "EV0").output == "3 events in 1 file: all checks passed\n"


def test_from_code_without_tracking_calls(in_tmp: Path, run: RunCli) -> None:
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert "created tracking-plan/events.yaml (0 event(s) from 0 tracking call(s)" in result.output
    assert "needs a human" not in result.output
    assert run("lint", "--select", "EV0").exit_code == 0


def test_from_code_refuses_to_overwrite_before_scanning(write: WriteFiles, run: RunCli) -> None:
    write(**{"tracking-plan/events.yaml": "events: {}\n", "app/signup.py": SIGNUP_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 2
    assert "already exists" in result.output


TITLE_CASE_CODE = """\
import analytics


def checkout(user, order):
    analytics.track(
        user.id, "Order Completed", {"orderId": order.id, "cartTotal": 12.5, "$current_url": "/c"}
    )
    analytics.track(user.id, "Checkout Started", {"orderId": order.id})
    analytics.track(user.id, "product_viewed", {"productId": "p1"})
"""


def test_from_code_holds_the_code_to_its_own_case_convention(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"app/checkout.py": TITLE_CASE_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert result.output.splitlines()[3:5] == [
        "event names are mostly Title Case (2 of 3): evdict.yaml holds the code to it",
        "property names are mostly camelCase (3 of 3): evdict.yaml holds the code to it",
    ]
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert "  events:\n    case: Title Case  # 2 of 3 names found in the code\n" in config
    assert "  properties:\n    case: camelCase  # 3 of 3 names found in the code\n" in config
    # The drift is the one name that strays from the team's own convention; the SDK's
    # own property (`$current_url`) is spelled as the SDK spells it.
    findings = run("lint", "--select", "EV101,EV104", "-q").output.splitlines()
    assert findings == [
        "tracking-plan/events.yaml:33:3: EV101 [warning] `product_viewed`: not Title Case; "
        "e.g. `Product Viewed`"
    ]


META_PIXEL_CODE = """\
import mixpanel from 'mixpanel-browser';

export function subscribe(value, docId) {
  fbq('track', 'Subscribe', { value, currency: 'KRW', predicted_ltv: value });
  fbq('track', 'CompleteRegistration');
  mixpanel.track('document_shared', { docId, shareMode: 'link' });
  mixpanel.track('plan_upgraded', { planName: 'pro', order_id: 'o1' });
}
"""


def test_from_code_leaves_a_vendors_names_in_the_vendors_spelling(
    write: WriteFiles, run: RunCli
) -> None:
    # typie's shape: Meta Pixel's standard events and parameters beside the team's own
    # snake_case events and camelCase properties. `predicted_ltv` is Meta's and is not
    # counted; `order_id` on the team's own event is, and strays.
    write(**{"web/subscribe.js": META_PIXEL_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert "property names are mostly camelCase (3 of 4): evdict.yaml holds the code to it" in (
        result.output.splitlines()
    )
    findings = run("lint", "--select", "EV101,EV102,EV104", "-q").output.splitlines()
    assert findings == [
        "tracking-plan/events.yaml:13:3: EV104 [warning] shared property `order_id`: "
        "not camelCase; e.g. `orderId`"
    ]


def _ploomber_like(count: int) -> str:
    """Code sending ``count`` names of ploomber-core's shape (`jupysql-execute-success`),
    none of which reads as a word order."""
    actions = ["execute", "bar", "boxplot", "histogram", "connect", "plot", "render"]
    calls = "".join(
        f"    posthog.capture('u', 'jupysql-{actions[n // 2]}-{('success', 'error')[n % 2]}')\n"
        for n in range(count)
    )
    return f"import posthog\n\n\ndef run():\n{calls}"


def test_from_code_sets_no_grammar_when_no_word_order_fits_most_names(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"app/telemetry.py": _ploomber_like(10)})
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert (
        "event names follow no one word order (none of the 10 names found fits a word order "
        "evdict reads): evdict.yaml sets `grammar: none`; set one to hold new names to it"
    ) in result.output.splitlines()
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert (
        "    grammar: none  # no one word order (none of the 10 names found fits a word order"
        " evdict reads)\n"
    ) in config
    assert run("lint", "--select", "EV102", "-q").output == ""


def test_from_code_says_the_word_order_it_found_when_not_the_default(
    write: WriteFiles, run: RunCli
) -> None:
    names = ["billing:plan_upgrade", "billing:checkout_start", "insights:dashboard_share"]
    calls = "".join(f"    posthog.capture('u', '{name}')\n" for name in names)
    write(**{"app/telemetry.py": f"import posthog\n\n\ndef run():\n{calls}"})
    result = run("init", "--from-code")
    assert (
        "event names follow a convention of their own (3 of 3 names are "
        "category:object_action in the present tense): evdict.yaml holds the code to it"
    ) in result.output.splitlines()


def test_from_code_keeps_the_default_grammar_for_a_few_names(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"app/telemetry.py": _ploomber_like(9)})
    result = run("init", "--from-code")
    assert "word order" not in result.output
    assert "    grammar: object_action\n" in (root / "evdict.yaml").read_text(encoding="utf-8")
    assert "EV102 9" in result.output


def test_the_example_code_redrafts_a_plan_that_checks_clean_once_described(
    in_tmp: Path, run: RunCli
) -> None:
    example = EXAMPLES / "acme-enrich"
    for part in ("backend", "web"):
        shutil.copytree(example / part, in_tmp / part, ignore=shutil.ignore_patterns(".evdict*"))
    result = run("init", "--from-code")
    assert result.exit_code == 0
    draft = in_tmp / "tracking-plan" / "events.yaml"
    text = draft.read_text(encoding="utf-8")
    # What a human adds: when each event fires, who owns it, where it belongs.
    text = text.replace(
        "    description: TODO\n    # tracked",
        "    description: Fires when the user finishes this step.\n"
        "    owner: team-growth\n"
        "    category: activation\n"
        "    # tracked",
    ).replace("description: TODO", "description: What the property holds.")
    draft.write_text(text, encoding="utf-8")
    drafted = set(load_plan(load_config(in_tmp / "evdict.yaml"), use_cache=False).events)
    tracked = {
        name
        for call in scan(Options(config_path=example / "evdict.yaml", use_cache=False)).calls
        for name in call.events
    }
    assert drafted == tracked
    assert run("check").output == "78 events, 86 tracking calls in 23 files: all checks passed\n"


def test_a_folder_that_cannot_be_made_leaves_nothing_written(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"tracking-plan": "a file where the plan's folder goes\n"})
    result = run("init")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: cannot write tracking-plan/events.yaml (Not a directory): "
        "nothing was changed\n"
    )
    assert not (root / "evdict.yaml").exists()


def test_from_code_scans_with_the_config_it_finds(write: WriteFiles, run: RunCli) -> None:
    # The project's own config says which wrapper to read: the draft holds its events,
    # and the config is left byte for byte as it was.
    config = "wrappers:\n  - {callee: emit, event: 0, properties: 1}\n"
    root = write(
        **{
            "evdict.yaml": config,
            "app/views.py": 'from app.bus import emit\n\nemit("invoice_paid", {"amount": 3})\n',
            "app/bus.py": "def emit(name, props):\n    pass\n",
        }
    )
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "kept evdict.yaml (its settings were used)",
        "created tracking-plan/events.yaml (1 event(s) from 1 tracking call(s) in 1 file(s))",
    ]
    assert (root / "evdict.yaml").read_text(encoding="utf-8") == config
    assert "  invoice_paid:\n" in (root / "tracking-plan" / "events.yaml").read_text("utf-8")


def test_from_code_says_what_it_could_not_prove_and_how_to_read_it(
    write: WriteFiles, run: RunCli
) -> None:
    write(**PLUGIN)
    output = run("init", "--from-code").output.splitlines()
    assert output[:2] == [
        "created evdict.yaml",
        "created tracking-plan/events.yaml (1 event(s) from 1 tracking call(s) in 1 file(s))",
    ]
    start = output.index(SUGGESTED[0])
    assert output[start : start + len(SUGGESTED)] == SUGGESTED


def test_from_code_says_when_the_code_imports_an_sdk_but_no_call_is_proven(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"app/client.py": "from posthog import Posthog\n\nclient = Posthog('phc_key')\n"})
    output = run("init", "--from-code").output.splitlines()
    assert (
        "note: the code imports posthog but no tracking call was proven: "
        "`evdict scan --suggest-config` lists the calls that look like ones"
    ) in output


def test_from_code_escapes_terminal_controls_in_what_it_prints(
    write: WriteFiles, run: RunCli
) -> None:
    """A name in the code holding an OSC 52 sequence (set the clipboard) or a bare ESC is
    shown escaped, never sent to the terminal."""
    write(
        **{
            "app/signup.py": (
                "import analytics\n\n\ndef signup(user):\n"
                '    analytics.track(user.id, "report_exported", {"user_email\\x1b]52;c;aGk=\\x07": user.email})\n'
            )
        }
    )
    result = run("init", "--from-code")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert (
        "  - 1 property has no type (the code sends no literal value, nor one whose form says its type): "
        "user_email\\x1b]52;c;aGk=\\x07\n"
    ) in result.output
