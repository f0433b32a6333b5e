"""``evdict import avo`` and ``evdict import amplitude`` as a user runs them, in-process
and as a subprocess: the plan written, the notes, the lint, the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import RunCli, WriteFiles

AVO_EXPORT = {
    "name": "Exported Tracking Plan: main",
    "events": [
        {
            "id": "3ysJ7dtvo",
            "name": "link_clicked",
            "description": "When a user clicks a web link",
            "triggers": [],
            "tags": ["Tier 3 - UI"],
            "categories": ["ujPLZEoj9"],
            "actions": ["logEvent"],
            "sources": [{"id": "Z8siDew5I", "name": "Website", "implementWithCodegen": True}],
            "stakeholderDomains": [{"id": "d1", "name": "web-team", "isOwner": True}],
            "rules": {
                "$schema": "http://json-schema.org/draft-06/schema#",
                "type": "object",
                "required": ["properties", "nameMapping"],
                "nameMapping": [],
                "properties": {
                    "properties": {
                        "type": "object",
                        "properties": {
                            "link_url": {
                                "id": "najwoUnNr",
                                "index": 0,
                                "description": "The destination URL of the link",
                                "nameMapping": [],
                                "isSystemProperty": False,
                                "type": "string",
                            }
                        },
                        "additionalProperties": False,
                        "required": ["link_url"],
                    }
                },
            },
        }
    ],
    "categories": {"ujPLZEoj9": {"id": "ujPLZEoj9", "name": "User Interaction"}},
    "metrics": {},
    "propertyGroups": {},
}
AVO_PLAN = """\
# Imported by `evdict import avo` from export.json
events:
  link_clicked:
    description: When a user clicks a web link
    category: User Interaction
    owner: web-team
    tags: ["Tier 3 - UI", "source:Website"]
    properties:
      link_url:
        description: The destination URL of the link
        type: string
        required: true
"""
AMPLITUDE_CSV = (
    "Object Type,Object Name,Object Description,Event Category,Event Property Name,"
    "Property Value Type,Property Required,Enum Values\r\n"
    "Event,Song Played,A song started playing.,Engagement,,,,\r\n"
    ',,,,genre,enum,True,"rock,jazz"\r\n'
    ",,,,,string,,\r\n"
)
AMPLITUDE_PLAN = """\
# Imported by `evdict import amplitude` from events.csv
events:
  "Song Played":
    description: A song started playing.
    category: Engagement
    properties:
      genre:
        type: string
        enum: ["rock", "jazz"]
        required: true
"""


def test_avo_export_is_written_and_linted(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"export.json": json.dumps(AVO_EXPORT)})
    result = run("import", "avo", "export.json", "--out", "plan")
    assert result.exit_code == 0, result.output
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == AVO_PLAN
    lines = result.output.splitlines()
    assert lines[:3] == [
        "wrote plan/events.yaml (1 event(s))",
        "imported 1 event(s) from 1 file(s); 0 note(s)",
        "lint of the imported plan:",
    ]
    assert any("EV403" in line and "'User Interaction'" in line for line in lines)


def test_amplitude_csv_is_written_with_its_notes(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.csv": AMPLITUDE_CSV})
    result = run("import", "amplitude", "events.csv", "--out", "plan", "--split", "category")
    assert result.exit_code == 0, result.output
    assert (root / "plan" / "Engagement.yaml").read_text(encoding="utf-8") == AMPLITUDE_PLAN
    assert result.output.splitlines()[:3] == [
        "note: events.csv:4: an empty property name (a plan name has a character): skipped",
        "wrote plan/Engagement.yaml (1 event(s))",
        "imported 1 event(s) from 1 file(s); 1 note(s)",
    ]


def test_as_a_subprocess_nothing_read_exits_1(write: WriteFiles) -> None:
    root = write(**{"events.csv": "Object Type,Event Property Name\r\nEvent,x\r\n"})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "import", "amplitude", "events.csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == "note: events.csv:1: no 'Object Name' column: skipped\n"
    assert completed.stderr == "evdict: no event read from 1 file(s)\n"
    assert not (root / "tracking-plan").exists()


def test_as_a_subprocess_avo_writes_the_plan(write: WriteFiles) -> None:
    root = write(**{"export.json": json.dumps(AVO_EXPORT)})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "import", "avo", "export.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("wrote tracking-plan/events.yaml (1 event(s))\n")
    written = (root / "tracking-plan" / "events.yaml").read_text(encoding="utf-8")
    assert written == AVO_PLAN
