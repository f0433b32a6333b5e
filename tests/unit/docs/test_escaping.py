"""Hostile names and text from the plan render as text, and odd names get safe file names."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.docs.conftest import build
from tests.unit.docs.pages import broken_links, parse

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def test_every_internal_link_resolves(edge_site: Path) -> None:
    assert broken_links(edge_site) == []


def test_payloads_never_become_markup(edge_site: Path) -> None:
    for path in edge_site.rglob("*.html"):
        page = parse(path)
        assert not [tag for tag, _ in page.tags if tag == "img"], path
        scripts = [attrs for tag, attrs in page.tags if tag == "script"]
        assert scripts in (
            [],
            [
                {"type": "application/json", "id": "event-index"},
                {"src": "assets/search.js", "defer": ""},
            ],
        ), path
        for tag, attrs in page.tags:
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            assert not attrs.get("href", "").lower().startswith("javascript"), (path, attrs)


def test_payloads_show_as_text(edge_site: Path) -> None:
    text = parse(edge_site / "events" / "xss_event.html").all_text
    assert '<script>alert(1)</script><script>window.__xss=1</script> "><img src=x' in text
    assert "<b>bold owner</b>" in text
    for payload in PAYLOADS:
        assert payload in text
    order = parse(edge_site / "events" / "order-completed-a7fc025e.html").all_text
    assert '"><img src=x onerror=window.__xss=1>' in order  # a property name
    assert "<script>window.__xss = 1</script>" in order  # its description


def test_description_links_keep_only_safe_schemes(edge_site: Path) -> None:
    page = parse(edge_site / "events" / "order-completed-a7fc025e.html")
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert "https://example.com/spec" in hrefs
    assert "[a trap](javascript:alert(1))" in page.all_text
    assert "[another](JaVaScRiPt:window.__xss=1)" in page.all_text


def test_search_index_cannot_close_its_script_element(edge_site: Path) -> None:
    raw = (edge_site / "index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/json" id="event-index">')
    body = raw[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    records = json.loads(body)
    assert any(PAYLOADS[0] in record["text"] for record in records)


def test_odd_event_names_get_distinct_safe_file_names(edge_site: Path) -> None:
    pages = sorted(path.name for path in (edge_site / "events").iterdir())
    assert pages == [
        "a-b.html",
        "entry-2ad2ee18.html",  # 注文完了
        "entry-c577bd8f.html",  # ..
        "legacy_order_paid.html",
        "order-completed-5254157e.html",  # order completed
        "order-completed-a7fc025e.html",  # Order Completed
        "pageview.html",  # $pageview
        "xss_event.html",
    ]
    assert "注文完了" in parse(edge_site / "events" / "entry-2ad2ee18.html").all_text


def test_funnel_step_that_names_no_event_is_shown_not_linked(edge_site: Path) -> None:
    page = parse(edge_site / "funnels.html")
    assert "3 not_declared" in page.all_text
    assert ("span", {"class": "mono missing", "title": "Not declared in the dictionary"}) in (
        page.tags
    )


BROKEN_PLAN = """\
properties:
  p: {type: 5, enum: 3, examples: x, pii: 7}
events:
  a_b:
    description: 5
    category: [x]
    owner: {a: 1}
    status: weird
    tags: 7
    renamed_from: 3
    deprecated: 7
    properties:
      p: {}
      q: {type: {a: 1}, required: 7}
  c_d: 3
  e_f:
    properties: [1, 2]
funnels:
  f: {steps: 3}
  g: {steps: [{event: 5}, a_b, {event: c_d, within: 9}]}
"""


def test_a_plan_that_breaks_the_schema_still_renders(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    config = tmp_path / "evdict.yaml"
    config.write_text("plan: [events.yaml]\n", encoding="utf-8")
    site = build(config, tmp_path / "site")
    assert broken_links(site) == []
    assert "EV002 schema-violation error" in parse(site / "health.html").all_text
    assert "any" in parse(site / "events" / "a_b.html").all_text  # q's type is unreadable
    build(config, tmp_path / "md", "markdown")
