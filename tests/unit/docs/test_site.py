"""The HTML site of the acme-enrich example: every page says what the plan says."""

from __future__ import annotations

import json
from pathlib import Path

from evdict.api import load_plan
from evdict.config import load_config
from evdict.docs.slugs import assign_slugs
from tests.conftest import EXAMPLES
from tests.unit.docs.conftest import EXAMPLE_CONFIG, build, in_example
from tests.unit.docs.pages import broken_links, parse


def test_every_event_has_a_page_linked_from_the_index(example_site: Path) -> None:
    plan = load_plan(load_config(EXAMPLE_CONFIG))
    slugs = assign_slugs(plan.events)
    index = parse(example_site / "index.html")
    linked = {link for link in index.links() if link.startswith("events/")}
    assert linked == {f"events/{slugs[name]}.html" for name in plan.events}
    assert len(plan.events) > 50
    for name in plan.events:
        assert name in parse(example_site / "events" / f"{slugs[name]}.html").all_text


def test_every_internal_link_resolves(example_site: Path) -> None:
    assert broken_links(example_site) == []


def test_index_row_shows_what_a_product_manager_scans_for(
    example_site: Path, example_places: dict[str, list[tuple[str, int]]]
) -> None:
    text = parse(example_site / "index.html").all_text
    assert (
        "signup_completed Fires once per user, server-side, when the signup form (or the SSO"
        in text
    )
    places = len(example_places["signup_completed"])
    assert places >= 1
    assert (
        f"activation active team-growth active 7 PII · Hashed {places} "
        f"{'place' if places == 1 else 'places'}"
    ) in text


def test_embedded_search_index_lists_every_event(
    example_site: Path, example_places: dict[str, list[tuple[str, int]]]
) -> None:
    index = parse(example_site / "index.html")
    (records,) = [text for attrs, text in index.scripts if attrs.get("id") == "event-index"]
    data = json.loads(records)
    signup = next(record for record in data if record["name"] == "signup_completed")
    assert signup["slug"] == "signup_completed"
    assert "auth_method" in signup["text"]  # property names are searchable
    assert "account_registered" in signup["text"]  # and former names
    assert signup["tracked"] == len(example_places["signup_completed"])
    assert len(data) == len(load_plan(load_config(EXAMPLE_CONFIG)).events)


def test_event_page_lists_properties_funnels_and_history(example_site: Path) -> None:
    page = parse(example_site / "events" / "signup_completed.html")
    text = page.all_text
    for prop in ("workspace_id", "user_id", "email_hash", "auth_method", "utm_source"):
        assert prop in text
    assert "email_password google_sso microsoft_sso saml_sso" in text  # enum values
    assert "matches ^ws_[a-z0-9]{12}$" in text
    assert "PII · Hashed Lets marketing join signups" in text
    assert "Previously named account_registered" in text
    assert "activation step 1 of 4" in text
    assert ("a", {"href": "../properties/workspace_id.html", "class": "mono"}) in page.tags
    assert ("a", {"href": "../funnels.html#activation"}) in page.tags


def test_event_page_links_where_the_code_tracks_it(
    example_site: Path, example_places: dict[str, list[tuple[str, int]]]
) -> None:
    page = parse(example_site / "events" / "signup_completed.html")
    base = "https://github.com/acme/enrich/blob/main/examples/acme-enrich/"
    links = [attrs["href"] for tag, attrs in page.tags if attrs.get("class") == "mono code-link"]
    expected = [
        f"{base}{in_example(path)}#L{line}"
        for path, line in sorted(example_places["signup_completed"])
    ]
    assert links == [*expected, f"{base}tracking-plan/growth.yaml#L13"]  # then "defined in"


def test_without_a_scan_the_site_says_so(tmp_path: Path) -> None:
    site = build(EXAMPLE_CONFIG, tmp_path, scan=False)
    text = parse(site / "events" / "signup_completed.html").all_text
    assert "— The code was not scanned for this build." in text
    assert (
        "activation active team-growth active 7 PII · Hashed —"
        in parse(site / "index.html").all_text
    )
    assert "Tracked" not in parse(site / "budget.html").all_text


def test_plan_locations_link_to_the_repository(example_site: Path) -> None:
    page = parse(example_site / "events" / "signup_completed.html")
    assert (
        "a",
        {
            "class": "mono code-link",
            "href": "https://github.com/acme/enrich/blob/main/examples/acme-enrich/"
            "tracking-plan/growth.yaml#L13",
        },
    ) in page.tags


def test_deprecated_event_names_its_replacement(example_site: Path) -> None:
    page = parse(example_site / "events" / "bulk_lookup_completed.html")
    assert "Deprecated since 2026-06. Track enrichment_run_completed instead." in page.all_text
    assert ("a", {"class": "mono", "href": "../events/enrichment_run_completed.html"}) in page.tags
    replacement = parse(example_site / "events" / "enrichment_run_completed.html")
    assert "Replaces bulk_lookup_completed" in replacement.all_text


def test_shared_property_page_lists_the_events_using_it(example_site: Path) -> None:
    plan = load_plan(load_config(EXAMPLE_CONFIG))
    users = sorted(name for name, event in plan.events.items() if "email_hash" in event.properties)
    page = parse(example_site / "properties" / "email_hash.html")
    events = [attrs["href"] for tag, attrs in page.tags if attrs.get("href", "").startswith("../e")]
    assert events == [f"../events/{name}.html" for name in users]
    assert "Personal data: Hashed." in page.all_text
    assert "workspace_id" in parse(example_site / "properties" / "index.html").all_text


def test_funnels_page_shows_steps_and_time_windows(example_site: Path) -> None:
    text = parse(example_site / "funnels.html").all_text
    assert (
        "1 signup_completed within 7 days 2 first_enrichment_run within 30 days "
        "3 contact_enriched within 60 days 4 plan_upgraded"
    ) in text


def test_budget_page_renders_the_budget_table(
    example_site: Path, example_places: dict[str, list[tuple[str, int]]]
) -> None:
    plan = load_plan(load_config(EXAMPLE_CONFIG))
    active = [name for name, event in plan.events.items() if event.status != "deprecated"]
    tracked = sum(1 for name in active if example_places.get(name))
    text = parse(example_site / "budget.html").all_text
    assert f"total (active) {len(active)} {tracked} 50 150 200 ok" in text
    assert "category: activation" in text
    assert "owner: team-billing" in text


def test_health_page_counts_findings_per_rule(example_site: Path) -> None:
    text = parse(example_site / "health.html").all_text
    assert "0 errors 0 warnings 0 notes" in text
    assert "EV401 missing-description warning 0" in text


def test_health_page_of_a_plan_with_findings(edge_site: Path) -> None:
    page = parse(edge_site / "health.html")
    assert "EV004 unknown-reference error 1" in page.all_text
    assert "not_declared" in page.all_text
    assert ("a", {"href": "#EV004"}) in page.tags


def test_pages_are_plain_files_that_need_no_network(example_site: Path) -> None:
    for path in example_site.rglob("*.html"):
        for link in parse(path).links():
            if link.startswith(("http://", "https://")):
                assert link.startswith("https://github.com/acme/enrich/"), (path, link)
    styles = (example_site / "assets" / "style.css").read_text(encoding="utf-8")
    assert "@import" not in styles
    assert "url(" not in styles
    assert "prefers-color-scheme: dark" in styles
    assert "@media print" in styles


def test_a_rebuild_removes_pages_of_deleted_events_and_keeps_other_files(
    tmp_path: Path,
) -> None:
    plan_dir = tmp_path / "project"
    plan_dir.mkdir()
    (plan_dir / "events.yaml").write_text(
        "events:\n"
        "  a_created: {description: An a was created.}\n"
        "  b_created: {description: A b was created.}\n",
        encoding="utf-8",
    )
    config = plan_dir / "evdict.yaml"
    config.write_text("plan: [events.yaml]\n", encoding="utf-8")
    site = build(config, tmp_path / "site")
    (site / "CNAME").write_text("docs.example.com\n", encoding="utf-8")
    assert (site / "events" / "b_created.html").is_file()
    (plan_dir / "events.yaml").write_text(
        "events:\n  a_created: {description: An a was created.}\n", encoding="utf-8"
    )
    build(config, site)
    assert not (site / "events" / "b_created.html").exists()
    assert (site / "events" / "a_created.html").is_file()
    assert (site / "CNAME").is_file()


def test_health_counts_code_findings_when_the_code_was_scanned(tmp_path: Path) -> None:
    site = build(EXAMPLES / "messy" / "evdict.yaml", tmp_path / "site")
    text = parse(site / "health.html").all_text
    assert "EV601 undeclared-event error 3" in text
    assert "EV602 unused-event warning 11" in text
    assert "What evdict check finds today" in text
    unused = parse(site / "events" / "weekly_login.html").all_text
    assert "weekly_login is declared active but no code tracks it" in unused


def test_health_without_a_scan_counts_plan_findings_only(tmp_path: Path) -> None:
    site = build(EXAMPLES / "messy" / "evdict.yaml", tmp_path / "site", scan=False)
    text = parse(site / "health.html").all_text
    assert "EV601" not in text
    assert "EV102 event-name-grammar warning" in text
    assert "What evdict lint finds today" in text
