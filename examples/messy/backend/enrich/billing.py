"""Payments: the billing team's events (Segment, through the team wrapper).

Committed in the middle of a merge: the file does not parse (EV608), so its calls are
not checked at all, and payment_failed counts as tracked nowhere (EV602).
"""

from __future__ import annotations

from enrich.analytics import track_event


def on_payment_failed(user_id: str, workspace_id: str, error_code: str, retries: int) -> None:
    """Stripe webhook: a charge was declined."""
<<<<<<< HEAD
    track_event(user_id, workspace_id, "payment_failed", {"error_code": error_code})
=======
    track_event(
        user_id,
        workspace_id,
        "payment_failed",
        {"error_code": error_code, "retry_count": retries},
    )
>>>>>>> billing/retry-count
