"""EV201 and EV202 on event names real products use (tests/fixtures/realworld_event_names.yaml).

Every pair asserted here was reviewed by hand as a plausible duplicate; every other pair
of the 236 names must stay unreported, so a change that floods real plans fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from evdict.api import Options, check
from evdict.config import load_config
from tests.conftest import TESTS

FIXTURE = TESTS / "fixtures" / "realworld_event_names.yaml"

# (rule, later event, earlier event it duplicates)
EXPECTED = {
    # The same event under another case (croct's SDK beside Segment's spec).
    ("EV201", "productViewed", "Product Viewed"),
    ("EV201", "cartViewed", "Cart Viewed"),
    ("EV201", "checkoutStarted", "Checkout Started"),
    ("EV201", "user_signed_up", "userSignedUp"),
    # Sign-up, sign-in and sign-out as each product names them.
    ("EV202", "userSignedUp", "Signed Up"),
    ("EV202", "userSignedIn", "Signed In"),
    ("EV202", "userSignedOut", "Signed Out"),
    ("EV202", "signup", "Signed Up"),
    ("EV202", "sign_up", "Signed Up"),
    ("EV202", "user--sign-up", "Signed Up"),
    ("EV202", "login", "Signed In"),
    ("EV202", "sign_in", "Signed In"),
    ("EV202", "user_logged_in", "Signed In"),
    ("EV202", "user--sign-in", "Signed In"),
    ("EV202", "user--sign-out", "Signed Out"),
    # A page view: croct's pageOpened, cal.com's page_view, PostHog's $pageview.
    ("EV202", "page_view", "pageOpened"),
    ("EV202", "$pageview", "pageOpened"),
    # Braze's namespaced e-commerce events are Segment's and croct's without `ecommerce.`.
    ("EV202", "ecommerce.product_viewed", "Product Viewed"),
    ("EV202", "ecommerce.checkout_started", "Checkout Started"),
    ("EV202", "ecommerce.order_cancelled", "Order Cancelled"),
    ("EV202", "ecommerce.order_refunded", "Order Refunded"),
    ("EV202", "orderPlaced", "ecommerce.order_placed"),
}


def _names() -> list[str]:
    sources = YAML(typ="safe").load(FIXTURE.read_text(encoding="utf-8"))["sources"]
    return [name for source in sources for name in source["names"]]


def test_the_fixture_holds_enough_distinct_names() -> None:
    names = _names()
    assert len(names) == len(set(names)) >= 150


def test_exactly_the_reviewed_pairs_are_reported(in_tmp: Path) -> None:
    events = "".join(f"  {json.dumps(name)}: {{}}\n" for name in _names())
    (in_tmp / "events.yaml").write_text("events:\n" + events, encoding="utf-8")
    (in_tmp / "evdict.yaml").write_text(
        "plan: [events.yaml]\nnaming: {events: {case: any}}\n", encoding="utf-8"
    )
    result = check(Options(select=("EV201", "EV202")), load_config(in_tmp / "evdict.yaml"))

    reported = {
        (d.code, d.entry.removeprefix("events."), d.suggestion)
        for d in result.diagnostics
        if d.entry is not None
    }
    assert reported == EXPECTED
