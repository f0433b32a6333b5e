"""The bundled examples: acme-enrich is clean, messy shows what every rule catches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evdict.api import Options, check
from evdict.rules import all_rules
from tests.conftest import EXAMPLES


def test_acme_enrich_is_clean() -> None:
    result = check(Options(paths=(EXAMPLES / "acme-enrich",)))
    assert [f"{d.path}:{d.line}: {d.code} {d.message}" for d in result.diagnostics] == []
    assert result.exit_code == 0


def test_messy_shows_every_rule() -> None:
    """Every rule but those only `evdict diff` runs (EV701) fires on the messy example."""
    result = check(Options(paths=(EXAMPLES / "messy",)))
    found = {d.code for d in result.diagnostics}
    expected = {rule.code for rule in all_rules() if rule.scope != "diff"}
    assert expected - found == set()
    assert result.exit_code == 1


# One finding per code rule (and the call-site halves of EV301/EV302), each at the call
# site `examples/messy/backend/` comments with its code.
MESSY_CODE_FINDINGS = [
    "backend/enrich/enrichment.py:17:40: EV601 event 'enrichment_started' was renamed to "
    "'enrichment_run_started': track 'enrichment_run_started'",
    "backend/enrich/enrichment.py:36:40: EV601 event 'contact_enrihced' is not declared in the "
    "plan (did you mean 'contact_enriched' or 'contacts_enriched' or "
    "'contact_enrichment_completed'?)",
    "tracking-plan/friction.yaml:17:3: EV602 event 'payment_failed' is declared active but no "
    "code tracks it",
    "backend/enrich/enrichment.py:64:13: EV603 property 'providers' is not declared for event "
    "'enrichment_settings_changed' (did you mean 'provider'?)",
    "backend/enrich/signup.py:37:5: EV604 event 'signup_completed' is missing required property "
    "'plan_tier'",
    "backend/enrich/enrichment.py:30:44: EV605 value of property 'credits_used' of event "
    "'contact_enriched' breaks its schema: '0' is not of type 'integer'",
    "backend/enrich/signup.py:30:78: EV605 value of property 'signup_method' of event "
    "'signup_completed' breaks its schema: 'github' is not one of ['google', 'email', 'sso']",
    "backend/enrich/enrichment.py:41:40: EV606 event name cannot be resolved statically: "
    "'event' (a subscript expression)",
    "backend/enrich/enrichment.py:46:40: EV606 event name cannot be resolved statically: "
    "an f-string starting with 'enrichment_'",
    "backend/enrich/enrichment.py:53:40: EV607 event 'bulk_lookup_completed' is deprecated "
    "since 2026-03: track 'contact_enrichment' instead",
    "backend/enrich/billing.py:14:1: EV608 does not parse: invalid syntax; its tracking calls "
    "are not checked",
    "backend/enrich/enrichment.py:67:42: EV901 'evdict: ignore[EV603]' suppresses nothing",
    "backend/enrich/signup.py:20:13: EV301 call sends property 'email' to event "
    "'signup_completed': it looks like personal data (contact: email address) and the plan "
    "does not declare it",
    "backend/enrich/signup.py:49:20: EV302 call sends a literal personal-data value "
    "'m***@acmeenrich.io' (contact: email address) as property 'tester' of event "
    "'test_event_fired'",
]


def test_messy_code_findings_are_where_the_comments_say() -> None:
    messy = (EXAMPLES / "messy").resolve()
    result = check(Options(paths=(messy,)))
    lines = {
        f"{Path(d.path).resolve().relative_to(messy).as_posix()}:{d.line}:{d.column}: "
        f"{d.code} {d.message}"
        for d in result.diagnostics
    }
    assert [line for line in MESSY_CODE_FINDINGS if line not in lines] == []
    # The relay's `# evdict: ignore[EV606]` suppresses its dynamic name, and is used.
    assert [line for line in lines if line.startswith("backend/enrich/app.py:52:")] == []


def test_messy_as_a_subprocess_exits_1_with_located_findings() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "check", str(EXAMPLES / "messy")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stdout.splitlines()
    assert any(
        line.endswith(
            "growth.yaml:18:3: EV102 [warning] `weekly_login`: ends in 'login', "
            "not a past-tense verb; e.g. `user_logged_in`"
        )
        for line in lines
    )
