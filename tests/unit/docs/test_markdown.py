"""``--format markdown``: the same pages as Markdown files, as safe in a wiki as the HTML."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from evdict.api import load_plan
from evdict.config import load_config
from evdict.docs.slugs import assign_slugs
from tests.unit.docs.conftest import EDGE_CONFIG, EXAMPLE_CONFIG, build, in_example
from tests.unit.docs.pages import broken_markdown_links


def test_example_as_markdown(tmp_path: Path) -> None:
    site = build(EXAMPLE_CONFIG, tmp_path, "markdown", scan=False)
    plan = load_plan(load_config(EXAMPLE_CONFIG))
    slugs = assign_slugs(plan.events)
    assert {path.name for path in (site / "events").iterdir()} == {
        f"{slug}.md" for slug in slugs.values()
    }
    assert broken_markdown_links(site) == []
    event = (site / "events" / "signup_completed.md").read_text(encoding="utf-8")
    assert event.startswith("# `signup_completed`\n")
    assert (
        "| [`auth_method`](../properties/auth_method.md) | `string` | yes | `email_password`, "
        "`google_sso`, `microsoft_sso`, `saml_sso` |"
    ) in event
    assert "- **Previously named:** `account_registered`" in event
    assert "- [activation](../funnels.md) (step 1 of 4)" in event
    deprecated = (site / "events" / "bulk_lookup_completed.md").read_text(encoding="utf-8")
    assert (
        "> **Deprecated since 2026-06.** Track "
        "[`enrichment_run_completed`](enrichment_run_completed.md) instead.\n>\n> The v1 bulk"
    ) in deprecated
    funnels = (site / "funnels.md").read_text(encoding="utf-8")
    assert "2. [`first_enrichment_run`](events/first_enrichment_run.md) — within 7 days" in funnels
    active = sum(1 for event in plan.events.values() if event.status != "deprecated")
    budget = (site / "budget.md").read_text(encoding="utf-8")
    assert f"| total (active) | {active} | 50 | 150 | 200 | ok |" in budget
    assert not list(site.rglob("*.html"))


def test_hostile_text_stays_text_when_a_wiki_renders_the_markdown(tmp_path: Path) -> None:
    site = build(EDGE_CONFIG, tmp_path, "markdown")
    assert broken_markdown_links(site) == []
    # A wiki renderer that lets raw HTML through (as MkDocs does) must still see no tag.
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    for path in site.rglob("*.md"):
        html = renderer.render(path.read_text(encoding="utf-8"))
        assert not re.search(r"<(script|img)\b", html), path
        assert 'href="javascript' not in html.lower(), path
    xss = (site / "events" / "xss_event.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xss
    assert "**Owner:** &lt;b&gt;bold owner&lt;/b&gt;" in xss


def test_markdown_links_where_the_code_tracks_an_event(
    tmp_path: Path, example_places: dict[str, list[tuple[str, int]]]
) -> None:
    site = build(EXAMPLE_CONFIG, tmp_path, "markdown")
    event = (site / "events" / "signup_completed.md").read_text(encoding="utf-8")
    base = "https://github.com/acme/enrich/blob/main/examples/acme-enrich/"
    for path, line in example_places["signup_completed"]:
        shown = in_example(path)
        assert f"- [`{shown}:{line}`](<{base}{shown}#L{line}>)" in event
