"""Plans, trials, checkout, invoices and credits: the billing team's events (Segment).

Stripe webhooks call the ``on_*`` handlers; the web app calls the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from acme.analytics.events import BillingEvent
from acme.analytics.tracking import track_event
from acme.context import RequestContext


@dataclass
class Invoice:
    amount_cents: int
    currency: str
    billing_period: str
    attempt_count: int


def visit_billing_page(ctx: RequestContext, tab: str) -> None:
    track_event(
        ctx,
        BillingEvent.BILLING_PAGE_VISITED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "plan_tier": ctx.plan_tier,
            "user_role": ctx.user_role,
            "billing_tab": tab,
        },
    )


def start_trial(ctx: RequestContext, tier: str) -> None:
    track_event(
        ctx,
        BillingEvent.TRIAL_STARTED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "plan_tier": tier,
            "trial_length_days": 14,
        },
    )


def expire_trial(ctx: RequestContext, runs: int) -> None:
    track_event(
        ctx,
        BillingEvent.TRIAL_EXPIRED,
        {"workspace_id": ctx.workspace_id, "plan_tier": ctx.plan_tier, "enrichment_run_count": runs},
    )


def start_checkout(ctx: RequestContext, tier: str, period: str) -> None:
    track_event(
        ctx,
        BillingEvent.CHECKOUT_STARTED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "plan_tier": tier,
            "billing_period": period,
        },
    )


def abandon_checkout(ctx: RequestContext, tier: str, period: str, last_step: str) -> None:
    track_event(
        ctx,
        BillingEvent.CHECKOUT_ABANDONED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "plan_tier": tier,
            "billing_period": period,
            "last_checkout_step": last_step,
        },
    )


def change_plan(ctx: RequestContext, new_tier: str, period: str, mrr_change_cents: int) -> None:
    tiers = ["free", "starter", "growth", "enterprise"]
    if tiers.index(new_tier) > tiers.index(ctx.plan_tier):
        track_event(
            ctx,
            BillingEvent.PLAN_UPGRADED,
            {
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "previous_plan_tier": ctx.plan_tier,
                "plan_tier": new_tier,
                "billing_period": period,
                "mrr_change_cents": mrr_change_cents,
                "upgrade_trigger": "self_serve",
            },
        )
    else:
        track_event(
            ctx,
            BillingEvent.PLAN_DOWNGRADED,
            {
                "workspace_id": ctx.workspace_id,
                "previous_plan_tier": ctx.plan_tier,
                "plan_tier": new_tier,
                "billing_period": period,
            },
        )


def on_payment_failed(ctx: RequestContext, invoice: Invoice, decline_code: str) -> None:
    track_event(
        ctx,
        BillingEvent.PAYMENT_FAILED,
        {
            "workspace_id": ctx.workspace_id,
            "amount_cents": invoice.amount_cents,
            "currency": invoice.currency,
            "error_code": f"BIL_{decline_code}",
            "attempt_number": invoice.attempt_count,
        },
    )


def update_payment_method(ctx: RequestContext, method_type: str) -> None:
    track_event(
        ctx,
        BillingEvent.PAYMENT_METHOD_UPDATED,
        {"workspace_id": ctx.workspace_id, "user_id": ctx.user_id, "payment_method_type": method_type},
    )


def on_invoice_paid(ctx: RequestContext, invoice: Invoice, renewal: bool) -> None:
    properties = {
        "workspace_id": ctx.workspace_id,
        "plan_tier": ctx.plan_tier,
        "billing_period": invoice.billing_period,
        "amount_cents": invoice.amount_cents,
        "currency": invoice.currency,
    }
    track_event(ctx, BillingEvent.INVOICE_PAID, properties)
    if renewal:
        track_event(ctx, BillingEvent.SUBSCRIPTION_RENEWED, properties)


def buy_credit_pack(ctx: RequestContext, size: int, invoice: Invoice) -> None:
    track_event(
        ctx,
        BillingEvent.CREDIT_PACK_PURCHASED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "credit_pack_size": size,
            "amount_cents": invoice.amount_cents,
            "currency": invoice.currency,
        },
    )


def reach_credit_limit(ctx: RequestContext, used: int, limit: int) -> None:
    track_event(
        ctx,
        BillingEvent.CREDIT_LIMIT_REACHED,
        {
            "workspace_id": ctx.workspace_id,
            "plan_tier": ctx.plan_tier,
            "credits_used": used,
            "monthly_credit_limit": limit,
        },
    )


def cancel_subscription(ctx: RequestContext, reason: str, tenure_months: int) -> None:
    track_event(
        ctx,
        BillingEvent.SUBSCRIPTION_CANCELED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "plan_tier": ctx.plan_tier,
            "cancellation_reason": reason,
            "tenure_months": tenure_months,
        },
    )
