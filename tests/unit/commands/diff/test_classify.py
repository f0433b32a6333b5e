"""Every change kind, classified, between a committed plan and the working tree."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from evdict.api import diff
from evdict.config import load_config
from tests.unit.commands.diff.conftest import GitRepo

# One "today" for the cases and the diff, so a run across midnight agrees with itself.
TODAY_DATE = date.today()
TODAY = TODAY_DATE.isoformat()
DAYS_SINCE_2000 = (TODAY_DATE - date(2000, 1, 1)).days

Row = tuple[str, str, str, str]

# (name, base plan, head plan, expected (kind, subject, detail, classification) rows, config)
CASES: list[tuple[str, str, str, list[Row], str]] = [
    (
        "event added",
        "events:\n  signup_completed: {description: A user signed up.}\n",
        "events:\n  signup_completed: {description: A user signed up.}\n"
        "  report_exported: {description: A report was exported.}\n",
        [("event-added", "report_exported", "", "non-breaking")],
        "",
    ),
    (
        "event removed without deprecation",
        "events:\n  signup_completed: {}\n  lead_imported: {}\n",
        "events:\n  signup_completed: {}\n",
        [("event-removed", "lead_imported", "not deprecated first", "breaking")],
        "",
    ),
    (
        "event removed after its deprecation period",
        "events:\n  lead_imported: {status: deprecated, deprecated: {since: '2000-01'}}\n",
        "events: {}\n",
        [
            (
                "event-removed",
                "lead_imported",
                f"deprecated since 2000-01, {DAYS_SINCE_2000} days",
                "non-breaking",
            )
        ],
        "",
    ),
    (
        "event removed too soon after deprecation",
        f"events:\n  lead_imported: {{status: deprecated, deprecated: {{since: '{TODAY}'}}}}\n",
        "events: {}\n",
        [("event-removed", "lead_imported", f"deprecated since {TODAY}, 0 of 90 days", "breaking")],
        "",
    ),
    (
        "deprecation period is configurable",
        f"events:\n  lead_imported: {{status: deprecated, deprecated: {{since: '{TODAY}'}}}}\n",
        "events: {}\n",
        [("event-removed", "lead_imported", f"deprecated since {TODAY}, 0 days", "non-breaking")],
        "diff: {deprecation_period_days: 0}\n",
    ),
    (
        "event removed deprecated with no date",
        "events:\n  lead_imported: {status: deprecated}\n",
        "events: {}\n",
        [("event-removed", "lead_imported", "deprecated with no `since` date", "breaking")],
        "",
    ),
    (
        "planned event removed",
        "events:\n  lead_imported: {status: planned}\n",
        "events: {}\n",
        [("event-removed", "lead_imported", "was only planned", "non-breaking")],
        "",
    ),
    (
        "rename recorded in renamed_from",
        "events:\n  signup_done:\n    properties:\n      plan: {type: string}\n",
        "events:\n  signup_completed:\n    renamed_from: [signup_done]\n    properties:\n"
        "      plan: {type: string}\n      method: {type: string}\n",
        [
            (
                "event-renamed",
                "signup_completed",
                "`signup_done` -> `signup_completed`; recorded in `renamed_from`",
                "non-breaking",
            ),
            ("property-added", "signup_completed.method", "", "non-breaking"),
        ],
        "",
    ),
    (
        "rename not recorded",
        "events:\n  signup_done: {description: A user signed up.}\n",
        "events:\n  signup_completed: {description: A user signed up.}\n",
        [
            (
                "event-renamed",
                "signup_completed",
                "`signup_done` -> `signup_completed`; not recorded in `renamed_from`",
                "breaking",
            )
        ],
        "",
    ),
    (
        "properties added and removed",
        "events:\n  contact_enriched:\n    properties:\n      source: {type: string}\n"
        "      legacy_id: {type: string}\n",
        "events:\n  contact_enriched:\n    properties:\n      source: {type: string}\n"
        "      region: {type: string, required: true}\n      note: {type: string}\n",
        [
            ("property-removed", "contact_enriched.legacy_id", "", "breaking"),
            ("required-property-added", "contact_enriched.region", "", "breaking"),
            ("property-added", "contact_enriched.note", "", "non-breaking"),
        ],
        "",
    ),
    (
        "types narrowed, changed and widened",
        "events:\n  order_paid:\n    properties:\n      a: {type: [string, number]}\n"
        "      b: {type: string}\n      c: {type: integer}\n      d: {type: [string]}\n"
        "      e: {type: number}\n",
        "events:\n  order_paid:\n    properties:\n      a: {type: string}\n"
        "      b: {type: integer}\n      c: {type: number}\n      d: {type: [string, 'null']}\n"
        "      e: {type: integer}\n",
        [
            ("type-narrowed", "order_paid.a", "type: ['string', 'number'] -> 'string'", "breaking"),
            ("type-changed", "order_paid.b", "type: 'string' -> 'integer'", "breaking"),
            ("type-narrowed", "order_paid.e", "type: 'number' -> 'integer'", "breaking"),
            ("type-widened", "order_paid.c", "type: 'integer' -> 'number'", "non-breaking"),
            (
                "type-widened",
                "order_paid.d",
                "type: ['string'] -> ['string', 'null']",
                "non-breaking",
            ),
        ],
        "",
    ),
    (
        "enum values removed and added, enums added and dropped",
        "events:\n  order_paid:\n    properties:\n      p: {type: string, enum: [a, b, c]}\n"
        "      q: {type: string}\n      r: {type: string, enum: [x]}\n",
        "events:\n  order_paid:\n    properties:\n      p: {type: string, enum: [a, c, d]}\n"
        "      q: {type: string, enum: [x]}\n      r: {type: string}\n",
        [
            ("enum-value-removed", "order_paid.p", "enum: 'b' -> (none)", "breaking"),
            ("constraint-tightened", "order_paid.q", "enum: (none) -> ['x']", "breaking"),
            ("enum-value-added", "order_paid.p", "enum: (none) -> 'd'", "non-breaking"),
            ("constraint-loosened", "order_paid.r", "enum: ['x'] -> (none)", "non-breaking"),
        ],
        "",
    ),
    (
        "constraints tightened",
        "events:\n  order_paid:\n    properties:\n"
        "      amount: {type: number, minimum: 0, maximum: 100}\n"
        "      code: {type: string, maxLength: 10}\n"
        "      sku: {type: string}\n"
        "      ref: {type: string, pattern: '^A'}\n"
        "      currency: {type: string}\n",
        "events:\n  order_paid:\n    properties:\n"
        "      amount: {type: number, minimum: 1, maximum: 50}\n"
        "      code: {type: string, maxLength: 5}\n"
        "      sku: {type: string, pattern: '^[0-9]+$', format: uuid}\n"
        "      ref: {type: string, pattern: '^B'}\n"
        "      currency: {type: string, required: true}\n",
        [
            ("constraint-tightened", "order_paid.amount", "maximum: 100 -> 50", "breaking"),
            ("constraint-tightened", "order_paid.amount", "minimum: 0 -> 1", "breaking"),
            ("constraint-tightened", "order_paid.code", "maxLength: 10 -> 5", "breaking"),
            ("constraint-tightened", "order_paid.currency", "required: false -> true", "breaking"),
            ("constraint-tightened", "order_paid.ref", "pattern: '^A' -> '^B'", "breaking"),
            ("constraint-tightened", "order_paid.sku", "format: (none) -> 'uuid'", "breaking"),
            (
                "constraint-tightened",
                "order_paid.sku",
                "pattern: (none) -> '^[0-9]+$'",
                "breaking",
            ),
        ],
        "",
    ),
    (
        "constraints loosened",
        "events:\n  order_paid:\n    properties:\n"
        "      amount: {type: number, minimum: 1, maximum: 50}\n"
        "      code: {type: string, maxLength: 5, pattern: '^A'}\n"
        "      currency: {type: string, required: true}\n",
        "events:\n  order_paid:\n    properties:\n"
        "      amount: {type: number, minimum: 0}\n"
        "      code: {type: string, maxLength: 10}\n"
        "      currency: {type: string}\n",
        [
            ("constraint-loosened", "order_paid.amount", "maximum: 50 -> (none)", "non-breaking"),
            ("constraint-loosened", "order_paid.amount", "minimum: 1 -> 0", "non-breaking"),
            ("constraint-loosened", "order_paid.code", "maxLength: 5 -> 10", "non-breaking"),
            ("constraint-loosened", "order_paid.code", "pattern: '^A' -> (none)", "non-breaking"),
            (
                "constraint-loosened",
                "order_paid.currency",
                "required: true -> false",
                "non-breaking",
            ),
        ],
        "",
    ),
    (
        "array items compared like properties",
        "events:\n  order_paid:\n    properties:\n"
        "      tags: {type: array, items: {type: [string, integer]}}\n",
        "events:\n  order_paid:\n    properties:\n      tags: {type: array, items: {type: string}}\n",
        [
            (
                "type-narrowed",
                "order_paid.tags",
                "items.type: ['string', 'integer'] -> 'string'",
                "breaking",
            )
        ],
        "",
    ),
    (
        "metadata changes",
        "events:\n  order_paid:\n    description: An order was paid.\n    owner: team-a\n"
        "    category: activation\n    properties:\n"
        "      amount: {type: number, description: Total.}\n",
        "events:\n  order_paid:\n    description: An order was paid in full.\n    owner: team-b\n"
        "    category: retention\n    status: deprecated\n    properties:\n"
        "      amount: {type: number, description: Total in cents.}\n",
        [
            ("metadata-changed", "order_paid", "category: 'activation' -> 'retention'", "metadata"),
            (
                "metadata-changed",
                "order_paid",
                "description: 'An order was paid.' -> 'An order was paid in full.'",
                "metadata",
            ),
            ("metadata-changed", "order_paid", "owner: 'team-a' -> 'team-b'", "metadata"),
            ("metadata-changed", "order_paid", "status: (none) -> 'deprecated'", "metadata"),
            (
                "metadata-changed",
                "order_paid.amount",
                "description: 'Total.' -> 'Total in cents.'",
                "metadata",
            ),
        ],
        "",
    ),
    (
        "a shared definition's change reaches every event reusing it",
        "properties:\n  workspace_id: {type: string}\n"
        "events:\n  order_paid:\n    properties:\n      workspace_id: {required: true}\n",
        "properties:\n  workspace_id: {type: integer}\n"
        "events:\n  order_paid:\n    properties:\n      workspace_id: {required: true}\n",
        [("type-changed", "order_paid.workspace_id", "type: 'string' -> 'integer'", "breaking")],
        "",
    ),
    (
        "values the schema rejects (EV002) are compared without crashing",
        "events:\n  order_paid:\n    properties:\n      a: {type: 5, minimum: low}\n      b: [1]\n",
        "events:\n  order_paid:\n    properties:\n      a: {type: string, minimum: 3}\n"
        "      b: {type: string}\n",
        [
            ("constraint-tightened", "order_paid.a", "minimum: 'low' -> 3", "breaking"),
            ("type-narrowed", "order_paid.a", "type: 5 -> 'string'", "breaking"),
            ("type-narrowed", "order_paid.b", "type: (none) -> 'string'", "breaking"),
        ],
        "",
    ),
    (
        "no change",
        "events:\n  order_paid: {description: An order was paid.}\n",
        "events:\n  order_paid:\n    description: An order was paid.  # reformatted\n",
        [],
        "",
    ),
]


def rows(changes: Any) -> list[Row]:
    return [
        (change.kind.value, change.subject, change.detail, change.impact.value)
        for change in changes
    ]


@pytest.mark.parametrize(
    ("base", "head", "expected", "config"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_change_is_classified(
    repo: GitRepo, base: str, head: str, expected: list[Row], config: str
) -> None:
    if config:
        repo.write(**{"evdict.yaml": config})
    repo.commit(**{"events.yaml": base})
    repo.write(**{"events.yaml": head})
    result = diff(load_config(), "HEAD", today=TODAY_DATE)
    assert rows(result.changes) == expected


def test_breaking_changes_become_ev701_findings(repo: GitRepo) -> None:
    repo.commit(**{"events.yaml": "events:\n  a_done: {}\n  b_done: {}\n"})
    repo.write(
        **{"events.yaml": "events:\n  a_done:\n    properties:\n      x: {required: true}\n"}
    )
    findings = [
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.value} {d.message}"
        for d in diff(load_config(), "HEAD").diagnostics
    ]
    assert findings == [
        # The removed event points at the `events` key of the file that held it.
        "events.yaml:1:1: EV701 error event `b_done` removed: not deprecated first",
        "events.yaml:4:7: EV701 error property `a_done.x` added as required",
    ]
