"""Plan-level ``ignore:`` lists, and EV901 for the ones that suppress nothing.

An ignore is judged only when every rule it covers ran: a prefix or a code that
``--select`` left out may be needed in a full run.
"""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles

PLAN = """
events:
  signup_completed:
    description: A new user finished the signup form.
    category: activation
    ignore: [EV402]
  report_exported:
    owner: team-reporting
    ignore: [EV4]
  report_shared:
    description: A report was shared with a teammate.
    category: adoption
    owner: team-reporting
    ignore: [EV402]
    properties:
      channel: {type: string, ignore: [EV401]}
      seats: {type: integer, description: Seats in the workspace., ignore: [EV401]}
"""


def findings(run: RunCli, *options: str) -> list[str]:
    """The finding lines of ``evdict lint``, without the summary."""
    return run("lint", *options).output.splitlines()[:-1]


def test_used_ignores_suppress_and_unused_ones_are_reported(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    # signup_completed has no owner (EV402 ignored on the event), report_exported has
    # neither description nor category (the EV4 prefix), channel has no description
    # (EV401 ignored on the property): all suppressed.
    assert findings(run, "--select", "EV4,EV901") == [
        "events.yaml:13:5: EV901 [warning] 'ignore: [EV402]' on events.report_shared "
        "suppresses nothing",
        "events.yaml:16:68: EV901 [warning] 'ignore: [EV401]' on "
        "events.report_shared.properties.seats suppresses nothing",
    ]


def test_an_event_ignore_covers_its_properties(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": """
            events:
              signup_completed:
                description: A new user finished the signup form.
                owner: team-growth
                category: activation
                ignore: [EV401]
                properties:
                  plan: {type: string}
            """
        }
    )
    assert findings(run, "--select", "EV401,EV901") == []


def test_ignores_of_rules_that_did_not_run_are_not_judged(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    # EV401 did not run: the property ignores are not judged. EV402 did: the one on
    # report_shared is unused. EV4 covers rules that did not run: not judged.
    assert findings(run, "--select", "EV402,EV901") == [
        "events.yaml:13:5: EV901 [warning] 'ignore: [EV402]' on events.report_shared "
        "suppresses nothing",
    ]
    assert findings(run, "--select", "EV403,EV901") == []


def test_ev901_can_be_ignored_itself(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    assert findings(run, "--select", "EV4", "--ignore", "EV901") == []
