"""Funnel changes, classified, in every output of ``evdict diff``."""

from __future__ import annotations

import json

import pytest

from evdict.api import diff
from evdict.config import load_config
from tests.conftest import RunCli
from tests.unit.commands.diff.conftest import GitRepo
from tests.unit.commands.diff.test_classify import Row, rows

FIRST_RUN = "  first_run: {description: The first enrichment ran.}\n"
EVENTS = f"""events:
  signup_completed: {{}}
{FIRST_RUN}  contact_enriched: {{}}
  report_exported: {{}}
"""

ACTIVATION = """funnels:
  activation:
    description: Signup to enrichment.
    steps:
      - signup_completed
      - {event: first_run, within: 7d}
      - {event: contact_enriched, within: 30d}
"""

RATES = "conversion rates change meaning"

# (name, base funnels, head funnels, expected (kind, subject, detail, classification) rows);
# both sides declare EVENTS.
CASES: list[tuple[str, str, str, list[Row]]] = [
    (
        "funnel added",
        "",
        "funnels:\n  retention:\n    steps: [signup_completed, report_exported]\n",
        [("funnel-added", "retention", "", "non-breaking")],
    ),
    (
        "funnel removed",
        ACTIVATION,
        "",
        [
            (
                "funnel-removed",
                "activation",
                "dashboards and alerts built on it lose their definition",
                "breaking",
            )
        ],
    ),
    (
        "step added",
        ACTIVATION,
        ACTIVATION.replace(
            "      - {event: first_run", "      - report_exported\n      - {event: first_run"
        ),
        [
            (
                "funnel-step-added",
                "activation",
                f"(none) -> `report_exported`; now step 2 of 4, so {RATES}",
                "breaking",
            )
        ],
    ),
    (
        "step removed",
        ACTIVATION,
        ACTIVATION.replace("      - {event: first_run, within: 7d}\n", ""),
        [
            (
                "funnel-step-removed",
                "activation",
                f"`first_run` -> (none); was step 2 of 3, so {RATES}",
                "breaking",
            )
        ],
    ),
    (
        "steps reordered",
        ACTIVATION,
        ACTIVATION.replace(
            "      - signup_completed\n      - {event: first_run, within: 7d}\n",
            "      - {event: first_run, within: 7d}\n      - signup_completed\n",
        ),
        [
            (
                "funnel-steps-reordered",
                "activation",
                "[`signup_completed`, `first_run`, `contact_enriched`] -> "
                f"[`first_run`, `signup_completed`, `contact_enriched`]; {RATES}",
                "breaking",
            )
        ],
    ),
    (
        "a step replaced is one removed and one added",
        ACTIVATION,
        ACTIVATION.replace("event: first_run,", "event: report_exported,"),
        [
            (
                "funnel-step-added",
                "activation",
                f"(none) -> `report_exported`; now step 2 of 3, so {RATES}",
                "breaking",
            ),
            (
                "funnel-step-removed",
                "activation",
                f"`first_run` -> (none); was step 2 of 3, so {RATES}",
                "breaking",
            ),
        ],
    ),
    (
        "a step moved and one added",
        ACTIVATION,
        ACTIVATION.replace("- signup_completed", "- report_exported").replace(
            "within: 30d}", "within: 30d}\n      - signup_completed"
        ),
        [
            (
                "funnel-step-added",
                "activation",
                f"(none) -> `report_exported`; now step 1 of 4, so {RATES}",
                "breaking",
            ),
            (
                "funnel-steps-reordered",
                "activation",
                "[`signup_completed`, `first_run`, `contact_enriched`] -> "
                f"[`first_run`, `contact_enriched`, `signup_completed`]; {RATES}",
                "breaking",
            ),
        ],
    ),
    (
        "time windows tightened and loosened",
        ACTIVATION,
        ACTIVATION.replace("within: 7d", "within: 3d").replace("within: 30d", "within: 6w"),
        [
            (
                "funnel-window-loosened",
                "activation",
                "within: '30d' -> '6w'; step 3 `contact_enriched`: "
                "past conversion rates no longer compare",
                "breaking",
            ),
            (
                "funnel-window-tightened",
                "activation",
                "within: '7d' -> '3d'; step 2 `first_run`: past conversion rates no longer compare",
                "breaking",
            ),
        ],
    ),
    (
        "a window added tightens, a window dropped loosens",
        ACTIVATION,
        ACTIVATION.replace("- signup_completed", "- {event: signup_completed, within: 1h}").replace(
            "{event: contact_enriched, within: 30d}", "contact_enriched"
        ),
        [
            (
                "funnel-window-loosened",
                "activation",
                "within: '30d' -> (none); step 3 `contact_enriched`: "
                "past conversion rates no longer compare",
                "breaking",
            ),
            (
                "funnel-window-tightened",
                "activation",
                "within: (none) -> '1h'; step 1 `signup_completed`: "
                "past conversion rates no longer compare",
                "breaking",
            ),
        ],
    ),
    (
        "a funnel that visits an event twice loses the second visit",
        "funnels:\n  loop:\n    steps: [report_exported, first_run, report_exported]\n",
        "funnels:\n  loop:\n    steps: [report_exported, first_run]\n",
        [
            (
                "funnel-step-removed",
                "loop",
                f"`report_exported` -> (none); was step 3 of 3, so {RATES}",
                "breaking",
            )
        ],
    ),
    (
        "windows the schema rejects (EV002) are compared without crashing",
        "funnels:\n  loop:\n    steps: [first_run, {event: report_exported, within: 2 days}]\n",
        "funnels:\n  loop:\n    steps: [first_run, {event: report_exported, within: 3 days}]\n",
        [
            (
                "funnel-window-tightened",
                "loop",
                "within: '2 days' -> '3 days'; step 2 `report_exported`: "
                "past conversion rates no longer compare",
                "breaking",
            )
        ],
    ),
    (
        "the same window written in another unit is no change",
        ACTIVATION,
        ACTIVATION.replace("within: 7d", "within: 1w").replace("within: 30d", "within: 720h"),
        [],
    ),
    (
        "description and owner changes are metadata",
        ACTIVATION,
        ACTIVATION.replace("Signup to enrichment.", "Signup to the first enrichment.").replace(
            "    steps:", "    owner: team-growth\n    steps:"
        ),
        [
            (
                "metadata-changed",
                "activation",
                "description: 'Signup to enrichment.' -> 'Signup to the first enrichment.'",
                "metadata",
            ),
            ("metadata-changed", "activation", "owner: (none) -> 'team-growth'", "metadata"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("base", "head", "expected"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_funnel_change_is_classified(
    repo: GitRepo, base: str, head: str, expected: list[Row]
) -> None:
    repo.commit(**{"events.yaml": EVENTS + base})
    repo.write(**{"events.yaml": EVENTS + head})
    assert rows(diff(load_config(), "HEAD").changes) == expected


@pytest.mark.parametrize("recorded", [True, False])
def test_a_step_following_its_event_rename_is_no_step_change(repo: GitRepo, recorded: bool) -> None:
    """The rename is reported once, as an event change (breaking when not recorded)."""
    repo.commit(**{"events.yaml": EVENTS + ACTIVATION})
    renamed = "  first_run_done:\n    description: The first enrichment ran.\n"
    if recorded:
        renamed += "    renamed_from: [first_run]\n"
    repo.write(
        **{
            "events.yaml": EVENTS.replace(FIRST_RUN, renamed)
            + ACTIVATION.replace("event: first_run,", "event: first_run_done,")
        }
    )
    note = "recorded in `renamed_from`" if recorded else "not recorded in `renamed_from`"
    assert rows(diff(load_config(), "HEAD").changes) == [
        (
            "event-renamed",
            "first_run_done",
            f"`first_run` -> `first_run_done`; {note}",
            "non-breaking" if recorded else "breaking",
        )
    ]


# Every kind of funnel change at once, for the outputs and the EV701 positions.
HEAD = (
    EVENTS
    + """funnels:
  activation:
    description: Signup to enrichment.
    steps:
      - signup_completed
      - {event: first_run, within: 3d}
      - {event: contact_enriched, within: 30d}
  retention:
    steps: [report_exported, contact_enriched]
"""
)

BASE = (
    EVENTS
    + ACTIVATION
    + "  retention:\n    steps: [contact_enriched, report_exported]\n"
    + "  onboarding:\n    steps: [signup_completed, first_run]\n"
)


@pytest.fixture
def funnels_changed(repo: GitRepo) -> GitRepo:
    repo.commit(**{"events.yaml": BASE})
    repo.write(**{"events.yaml": HEAD})
    return repo


def test_funnel_findings_point_where_the_change_is_written(funnels_changed: GitRepo) -> None:
    findings = [
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} | {d.suggestion}"
        for d in diff(load_config(), "HEAD").diagnostics
    ]
    keep = "until what is built on it has moved"
    assert findings == [
        # The removed funnel points at the `funnels` key of the file that held it.
        "events.yaml:6:1: EV701 funnel `onboarding` removed: dashboards and alerts built on it "
        "lose their definition | None",
        # The window's new value.
        "events.yaml:11:36: EV701 funnel `activation` time window tightened: within: '7d' -> "
        "'3d'; step 2 `first_run`: past conversion rates no longer compare "
        f"| define the new steps as a new funnel and keep `activation` {keep}",
        # The `steps` key of the reordered funnel.
        "events.yaml:14:5: EV701 funnel `retention` steps reordered: "
        "[`contact_enriched`, `report_exported`] -> [`report_exported`, `contact_enriched`]; "
        f"{RATES} | define the new steps as a new funnel and keep `retention` {keep}",
    ]


def test_text_output(funnels_changed: GitRepo, run: RunCli) -> None:
    result = run("diff", "HEAD")
    assert result.exit_code == 1
    short = funnels_changed.short()
    # The table's columns are as wide as their widest cell (the reordering's values, cut).
    table = [
        ("kind", "event/property/funnel", "before -> after", "classification"),
        (
            "funnel-window-tightened",
            "activation",
            "within: '7d' -> '3d'; step 2 `first_run`: past conversion rates no longer compare",
            "breaking",
        ),
        (
            "funnel-removed",
            "onboarding",
            "dashboards and alerts built on it lose their definition",
            "breaking",
        ),
        (
            "funnel-steps-reordered",
            "retention",
            "[`contact_enriched`, `report_ex… -> [`report_exported`, `contact_en…; "
            "conversion rates change meaning",
            "breaking",
        ),
    ]
    assert result.output == (
        f"Plan changes: {short} (HEAD) -> working tree\n"
        "\n"
        + "".join(
            f"{kind:<23}  {name:<21}  {values:<101}  {impact}\n"
            for kind, name, values, impact in table
        )
        + "\n"
        "events.yaml:6:1: EV701 [error] funnel `onboarding` removed: dashboards and alerts built "
        "on it lose their definition\n"
        "events.yaml:11:36: EV701 [error] funnel `activation` time window tightened: within: "
        "'7d' -> '3d'; step 2 `first_run`: past conversion rates no longer compare\n"
        "events.yaml:14:5: EV701 [error] funnel `retention` steps reordered: "
        "[`contact_enriched`, `report_exported`] -> [`report_exported`, `contact_enriched`]; "
        "conversion rates change meaning\n"
        "Budget: 4 -> 4 events, under min by 46\n"
        "Found 3 changes: 3 breaking, 0 non-breaking, 0 metadata.\n"
    )


def test_json_output(funnels_changed: GitRepo, run: RunCli) -> None:
    report = json.loads(run("diff", "HEAD", "--format", "json").output)
    assert report["summary"] == {"changes": 3, "breaking": 3, "non_breaking": 0, "metadata": 0}
    assert report["changes"] == [
        {
            "kind": "funnel-window-tightened",
            "classification": "breaking",
            "event": None,
            "property": None,
            "funnel": "activation",
            "field": "within",
            "before": "7d",
            "after": "3d",
            "note": "step 2 `first_run`: past conversion rates no longer compare",
            "message": "funnel `activation` time window tightened: within: '7d' -> '3d'; "
            "step 2 `first_run`: past conversion rates no longer compare",
            "entry": "funnels.activation",
            "path": "events.yaml",
            "line": 11,
            "column": 36,
        },
        {
            "kind": "funnel-removed",
            "classification": "breaking",
            "event": None,
            "property": None,
            "funnel": "onboarding",
            "field": None,
            "before": None,
            "after": None,
            "note": "dashboards and alerts built on it lose their definition",
            "message": "funnel `onboarding` removed: "
            "dashboards and alerts built on it lose their definition",
            "entry": "funnels.onboarding",
            "path": "events.yaml",
            "line": 6,
            "column": 1,
        },
        {
            "kind": "funnel-steps-reordered",
            "classification": "breaking",
            "event": None,
            "property": None,
            "funnel": "retention",
            "field": None,
            "before": ["contact_enriched", "report_exported"],
            "after": ["report_exported", "contact_enriched"],
            "note": RATES,
            "message": "funnel `retention` steps reordered: "
            "[`contact_enriched`, `report_exported`] -> [`report_exported`, `contact_enriched`]; "
            f"{RATES}",
            "entry": "funnels.retention",
            "path": "events.yaml",
            "line": 14,
            "column": 5,
        },
    ]
    assert [d["entry"] for d in report["diagnostics"]] == [
        "funnels.onboarding",
        "funnels.activation",
        "funnels.retention",
    ]


def test_markdown_output(funnels_changed: GitRepo, run: RunCli) -> None:
    output = run("diff", "HEAD", "--format", "markdown").output
    assert output == (
        "### Tracking plan changes\n"
        "\n"
        f"{funnels_changed.short()} (HEAD) → working tree: "
        "3 changes (**3 breaking**, 0 non-breaking, 0 metadata)\n"
        "\n"
        "| Kind | Event / property / funnel | Before → after | Classification |\n"
        "|---|---|---|---|\n"
        "| funnel-window-tightened | `activation` | within: '7d' → '3d'; step 2 `first_run`: "
        "past conversion rates no longer compare | **breaking** |\n"
        "| funnel-removed | `onboarding` | dashboards and alerts built on it lose their "
        "definition | **breaking** |\n"
        "| funnel-steps-reordered | `retention` | [`contact_enriched`, `report_ex… → "
        "[`report_exported`, `contact_en…; conversion rates change meaning | **breaking** |\n"
        "\n"
        "**Budget:** 4 → 4 events, under min by 46\n"
    )
