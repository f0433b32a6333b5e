"""``evdict import mixpanel-lexicon`` and ``evdict import rudderstack`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import RunCli, WriteFiles

LEXICON_CSV = (
    "Entity Type,Entity Name,Entity Display Name,Entity Description,Event Tags,Event Hidden,"
    "Event Dropped,Property Name,Property Description,Property Type,Property Required,"
    "Property Sensitive\r\n"
    "event,Song Played,,A track started playing.,Playback,FALSE,FALSE,,,,,\r\n"
    ",,,,,,,song_id,Catalog id of the track.,string,TRUE,FALSE\r\n"
    ",,,,,,,listener_email,E-mail of the listener.,string,FALSE,TRUE\r\n"
    "event,Legacy Login,,The old login.,,TRUE,TRUE,,,,,\r\n"
)
LEXICON_PLAN = """\
# Imported by `evdict import mixpanel-lexicon` from lexicon.csv
events:
  "Song Played":
    description: A track started playing.
    category: Playback
    properties:
      song_id:
        type: string
        description: Catalog id of the track.
        required: true
      listener_email:
        type: string
        description: E-mail of the listener.
        pii: allowed
        pii_reason: Mixpanel Lexicon classifies it sensitive
  "Legacy Login":
    description: The old login.
    tags: ["hidden"]
    deprecated:
      reason: Dropped at ingestion by Mixpanel Lexicon.
"""
RUDDER_FILES = {
    "catalog/events.yaml": (
        "version: rudder/v1\nkind: events\nmetadata:\n  name: events\nspec:\n  events:\n"
        "    - id: signup_completed\n      name: signup_completed\n      event_type: track\n"
        "      description: A visitor finished the signup form.\n"
    ),
    "catalog/properties.yaml": (
        "version: rudder/v1\nkind: properties\nmetadata:\n  name: props\nspec:\n  properties:\n"
        "    - id: plan_tier\n      name: plan_tier\n      type: string\n"
        "      config:\n        enum: [free, pro]\n"
    ),
    "catalog/plan.yaml": (
        "version: rudder/v1\nkind: tracking-plan\nmetadata:\n  name: web\nspec:\n  id: web\n"
        "  display_name: Web\n  rules:\n    - type: event_rule\n      id: signup_rule\n"
        "      event: '#event:signup_completed'\n      properties:\n"
        "        - property: '#property:plan_tier'\n          required: true\n"
        "        - property: '#property:seats'\n"
    ),
}
RUDDER_PLAN = """\
# Imported by `evdict import rudderstack` from catalog
events:
  signup_completed:
    description: A visitor finished the signup form.
    tags: ["tracking-plan:web"]
    properties:
      plan_tier:
        type: string
        enum: ["free", "pro"]
        required: true
"""


def test_mixpanel_lexicon_csv_is_written_noted_and_linted(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"lexicon.csv": LEXICON_CSV})
    result = run("import", "mixpanel-lexicon", "lexicon.csv", "--out", "plan")
    assert result.exit_code == 0, result.output
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == LEXICON_PLAN
    lines = result.output.splitlines()
    assert lines[:3] == [
        "wrote plan/events.yaml (2 event(s))",
        "imported 2 event(s) from 1 file(s); 0 note(s)",
        "lint of the imported plan:",
    ]
    assert any("EV402" in line and "Song Played" in line for line in lines)


def test_mixpanel_lexicon_split_by_category(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"lexicon.csv": LEXICON_CSV})
    result = run("import", "mixpanel-lexicon", "lexicon.csv", "--split", "category")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "tracking-plan").iterdir()) == [
        "Playback.yaml",
        "no-category.yaml",
    ]


def test_rudderstack_project_through_a_subprocess(write: WriteFiles) -> None:
    root = write(**RUDDER_FILES)
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "import", "rudderstack", "catalog", "--out", "plan"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == RUDDER_PLAN
    assert completed.stdout.splitlines()[:3] == [
        "note: catalog/plan.yaml:15:11: unknown property '#property:seats': skipped",
        "wrote plan/events.yaml (1 event(s))",
        "imported 1 event(s) from 3 file(s); 1 note(s)",
    ]


def test_nothing_usable_exits_1_and_writes_nothing(write: WriteFiles) -> None:
    root = write(**{"schemas.json": json.dumps({"results": [{"entityType": "profile"}]})})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "import", "mixpanel-lexicon", "schemas.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == (
        "note: schemas.json#/results/0: a 'profile' schema (None), not an event: not imported\n"
    )
    assert completed.stderr == "evdict: no event read from 1 file(s)\n"
    assert not (root / "tracking-plan").exists()


def test_rudderstack_nothing_read_exits_1(write: WriteFiles, run: RunCli) -> None:
    write(**{"plan.yaml": "version: rudder/v1\nkind: tracking-plan\nspec: [\n"})
    result = run("import", "rudderstack", "plan.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("note: plan.yaml:4:1: ")
