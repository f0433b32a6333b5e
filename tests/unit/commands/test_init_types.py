"""``init --from-code`` types a property from the form of the value the code sends when
it is no literal: ``len(items)`` is an integer, `` `${a}` `` a string, ``a === b`` a
boolean; a value whose type depends on what it reads stays untyped."""

from __future__ import annotations

import re

from tests.conftest import RunCli, WriteFiles

PYTHON = """\
import time

import posthog


def len(items):  # the project's own len: not the builtin
    return items


def events(user, items, name, start, end, total, flag):
    count = __builtins__.len(items)
    posthog.capture(
        user,
        "report_exported",
        {
            "item_count": count,
            "label": f"{name}-export",
            "title": "Report: " + name,
            "is_admin": user.role == "admin",
            "is_guest": not user.id,
            "ratio": float(total),
            "rounded": int(total),
            "sent_at": time.time(),
            "named": name.lower(),
            "prefixed": name.startswith("x"),
            "own_len": len(items),
            "sum": start + end,
            "duration": end - start,
            "flag": flag,
            "either": flag or name,
        },
    )
"""
TYPESCRIPT = """\
import posthog from "posthog-js";

declare const prisma: any;

export async function exported(items: string[], name: string, a: number, b: number) {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`SELECT 1`;
  const size = items.length;
  posthog.capture("report_exported", {
    itemCount: size,
    label: `${name}-export`,
    title: "Report: " + name,
    isEmpty: items.length === 0,
    missing: !name,
    kind: typeof name,
    ratio: a / b,
    at: new Date().toISOString(),
    now: Date.now(),
    parsed: parseInt(name, 10),
    upper: name.toUpperCase(),
    rows: rows,
    sum: a + b,
    less: a < b,
    either: name || "none",
  });
}
"""
# Each property drafted, and its type (None: left to a human).
DRAFTED = [
    ("at", "string"),
    ("duration", None),
    ("either", None),
    ("flag", None),
    ("isEmpty", "boolean"),
    ("is_admin", "boolean"),
    ("is_guest", "boolean"),
    ("itemCount", "integer"),
    ("item_count", None),
    ("kind", "string"),
    ("label", "string"),
    ("less", None),
    ("missing", "boolean"),
    ("named", "string"),
    ("now", "integer"),
    ("own_len", None),
    ("parsed", "integer"),
    ("prefixed", "boolean"),
    ("ratio", "number"),
    ("rounded", "integer"),
    ("rows", None),
    ("sent_at", "number"),
    ("sum", None),
    ("title", "string"),
    ("upper", "string"),
]


def test_from_code_types_what_the_form_of_a_value_says(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"py/app.py": PYTHON, "web/track.ts": TYPESCRIPT})
    result = run("init", "--from-code")
    assert result.exit_code == 0, result.output
    assert (
        "  - 8 properties have no type (the code sends no literal value, nor one whose form"
        " says its type): duration, either, flag, item_count, less, own_len, rows, sum\n"
    ) in result.output
    plan = (root / "tracking-plan" / "events.yaml").read_text(encoding="utf-8")
    section = plan[plan.index("properties:\n") : plan.index("\nevents:")]
    drafted = re.findall(r"^  (\S+):\n(?:    type: (\S+)\n)?    description", section + "\n", re.M)
    assert [(name, kind or None) for name, kind in drafted] == DRAFTED
