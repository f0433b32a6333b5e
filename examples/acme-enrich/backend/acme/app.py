"""The HTTP API (FastAPI): routes delegate to ``acme.services``; public API calls are metered."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import Depends, FastAPI, Request, Response

from acme.analytics import clients
from acme.analytics.events import IntegrationEvent
from acme.analytics.tracking import track_event
from acme.context import RequestContext, context_for
from acme.services import billing, growth, reporting

app = FastAPI(title="Acme Enrich API", on_shutdown=[clients.shutdown])

PUBLIC_ENDPOINTS = {
    "/v2/contacts/enrich": "contacts_enrich",
    "/v2/contacts/search": "contacts_search",
    "/v2/leads/import": "leads_import",
    "/v2/workflows/trigger": "workflows_trigger",
    "/v2/reports": "reports_fetch",
}


@app.middleware("http")
async def meter_public_api(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    endpoint = PUBLIC_ENDPOINTS.get(request.url.path)
    if endpoint is not None:
        ctx = context_for(request)
        track_event(
            ctx,
            IntegrationEvent.API_CALLED,
            {
                "workspace_id": ctx.workspace_id,
                "api_endpoint": endpoint,
                "http_status": response.status_code,
                "duration_ms": int((time.perf_counter() - started) * 1000),
                "credits_used": int(response.headers.get("x-credits-used", "0")),
                "api_version": "v2",
            },
        )
    return response


@app.get("/billing")
def billing_page(tab: str = "overview", ctx: RequestContext = Depends(context_for)) -> dict[str, str]:
    billing.visit_billing_page(ctx, tab)
    return {"tab": tab}


@app.get("/pricing")
def pricing(surface: str = "navigation_menu", ctx: RequestContext = Depends(context_for)) -> dict[str, str]:
    growth.view_pricing(ctx, surface)
    return {"plan_tier": ctx.plan_tier}


@app.get("/reports/{report_id}")
def report(report_id: str, ctx: RequestContext = Depends(context_for)) -> dict[str, str]:
    found = reporting.load(ctx, report_id)
    reporting.view_report(ctx, found, "dashboard")
    return {"id": found.id, "type": found.report_type}
