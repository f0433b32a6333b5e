"""``evdict validate`` on a broken plan and on hostile input: a finding or a clear
error, never a pass it did not earn and never a traceback."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles

BAD_PATTERN_PLAN = """\
events:
  signup_completed:
    description: A user signed up.
    properties:
      code: {type: string, description: A code., pattern: '(['}
"""


def test_a_pattern_that_is_no_regex_fails_validate_with_its_line(
    write: WriteFiles, run: RunCli
) -> None:
    write(
        **{
            "events.yaml": BAD_PATTERN_PLAN,
            "export.ndjson": '{"event": "signup_completed", "properties": {"code": "x"}}\n',
        }
    )
    result = run("validate", "export.ndjson")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "events.yaml:5:59: EV002 [error] events.signup_completed.properties.code.pattern: "
        "'([' is not a valid regular expression (unterminated character set at position 1)"
    )
    # --select narrows the plan's findings as it does the payloads'.
    assert run("validate", "export.ndjson", "--select", "EV6").exit_code == 0
