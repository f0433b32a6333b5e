"""Event names, as the tracking plan declares them (``tracking-plan/*.yaml``).

Services never spell an event name twice: they use these constants and enums.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Final

# --- Growth: signup, onboarding, help (PostHog) -------------------------------------------
SIGNUP_COMPLETED: Final = "signup_completed"
USER_SIGNED_IN: Final = "user_signed_in"
WORKSPACE_CREATED: Final = "workspace_created"
ONBOARDING_SURVEY_SUBMITTED: Final = "onboarding_survey_submitted"
ONBOARDING_CHECKLIST_COMPLETED: Final = "onboarding_checklist_completed"
ONBOARDING_STEP_SKIPPED: Final = "onboarding_step_skipped"
TEAMMATE_INVITED: Final = "teammate_invited"
INVITATION_ACCEPTED: Final = "invitation_accepted"
PRODUCT_TOUR_DISMISSED: Final = "product_tour_dismissed"
PRICING_PAGE_VIEWED: Final = "pricing_page_viewed"
HELP_ARTICLE_OPENED: Final = "help_article_opened"
SUPPORT_CHAT_OPENED: Final = "support_chat_opened"
NPS_SURVEY_SUBMITTED: Final = "nps_survey_submitted"
ERROR_SHOWN: Final = "error_shown"

# --- Reporting (Amplitude) -------------------------------------------------------------------
REPORT_CREATED: Final = "report_created"
DASHBOARD_WIDGET_ADDED: Final = "dashboard_widget_added"
REPORT_VIEWED: Final = "report_viewed"
REPORT_FILTER_APPLIED: Final = "report_filter_applied"
REPORT_SHARED: Final = "report_shared"
REPORT_EXPORTED: Final = "report_exported"
REPORT_DIGEST_SCHEDULED: Final = "report_digest_scheduled"
REPORT_DIGEST_SENT: Final = "report_digest_sent"
REPORT_DELETED: Final = "report_deleted"
REPORT_LOAD_FAILED: Final = "report_load_failed"


class IntegrationEvent(str, Enum):
    """Integrations and the public API (Segment)."""

    CONNECTED = "integration_connected"
    FIELD_MAPPING_SAVED = "crm_field_mapping_saved"
    DATA_PULLED = "data_pulled"
    WRITEBACK_COMPLETED = "crm_writeback_completed"
    RECORD_REJECTED = "crm_record_rejected"
    AUTH_FAILED = "integration_auth_failed"
    TOKEN_EXPIRED = "integration_token_expired"
    DISCONNECTED = "integration_disconnected"
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"
    API_CALLED = "api_called"
    API_RATE_LIMIT_EXCEEDED = "api_rate_limit_exceeded"
    WEBHOOK_DELIVERY_FAILED = "webhook_delivery_failed"


class BillingEvent(StrEnum):
    """Plans, trials, payments and credits (Segment)."""

    BILLING_PAGE_VISITED = "billing_page_visited"
    TRIAL_STARTED = "trial_started"
    TRIAL_EXPIRED = "trial_expired"
    CHECKOUT_STARTED = "checkout_started"
    CHECKOUT_ABANDONED = "checkout_abandoned"
    PLAN_UPGRADED = "plan_upgraded"
    PLAN_DOWNGRADED = "plan_downgraded"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_METHOD_UPDATED = "payment_method_updated"
    INVOICE_PAID = "invoice_paid"
    SUBSCRIPTION_RENEWED = "subscription_renewed"
    CREDIT_PACK_PURCHASED = "credit_pack_purchased"
    CREDIT_LIMIT_REACHED = "credit_limit_reached"
    SUBSCRIPTION_CANCELED = "subscription_canceled"
