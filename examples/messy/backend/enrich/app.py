"""The HTTP API (Flask): routes delegate to the services; the web app's events come through
``/api/events``."""

from __future__ import annotations

import posthog
from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from enrich import analytics, enrichment, signup
from enrich.analytics import track_event

app = Flask(__name__)
app.teardown_appcontext(lambda _: analytics.shutdown())


@app.post("/signup")
def signup_route() -> ResponseReturnValue:
    form = request.get_json()
    signup.complete_signup(
        form["user_id"], form["workspace_id"], form["email"], form["method"], form["plan_tier"]
    )
    return jsonify(ok=True)


@app.post("/runs")
def start_run_route() -> ResponseReturnValue:
    body = request.get_json()
    enrichment.start_run(body["user_id"], body["workspace_id"], len(body["contact_ids"]))
    return jsonify(ok=True), 202


@app.get("/billing")
def billing_page() -> ResponseReturnValue:
    # EV603: billing_page_visited declares no properties, not even the workspace_id the
    # wrapper adds from its second argument
    track_event(
        request.headers["X-User-Id"],
        request.headers["X-Workspace-Id"],
        "billing_page_visited",
        {"ip_address": request.remote_addr},  # EV301 (and EV603): the client's IP address
    )
    return jsonify(ok=True)


@app.post("/api/events")
def relay_event() -> ResponseReturnValue:
    """The web app's events, relayed by the backend so that ad blockers do not drop them."""
    payload = request.get_json()
    posthog.capture(
        payload["distinct_id"],
        payload["event"],  # evdict: ignore[EV606] names come from the web app's typed constants
        payload.get("properties", {}),
    )
    return "", 204
