"""Event and property names a vendor defines: a team spells them as the vendor does.

Meta Pixel's standard events (`CompleteRegistration`), GA4's recommended events
(`add_to_cart`) and Segment's semantic events (`Order Completed`) are matched by name
by the vendor and by the destinations that forward to it. Written in the team's own
case they would be custom events, and the vendor's reports, conversions and
destination mappings would no longer see them. So the naming rules leave these
names, and the parameters the vendor defines for them, as the vendor spells them.

The tables are data: each vendor's documented names, spelled exactly. GA4's one-word
names (`login`, `purchase`, `search`, `share`, `refund`) are left out: in a
snake_case plan they are ordinary words, so nothing tells them from a team's own
name, which the grammar rule should still read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vendor:
    """A vendor's standard events and the parameters it defines for them."""

    name: str
    events: frozenset[str]
    properties: frozenset[str]


_META_PIXEL = Vendor(
    "Meta Pixel",
    events=frozenset(
        {
            "AddPaymentInfo",
            "AddToCart",
            "AddToWishlist",
            "CompleteRegistration",
            "Contact",
            "CustomizeProduct",
            "Donate",
            "FindLocation",
            "InitiateCheckout",
            "Lead",
            "PageView",
            "Purchase",
            "Schedule",
            "Search",
            "StartTrial",
            "SubmitApplication",
            "Subscribe",
            "ViewContent",
        }
    ),
    properties=frozenset(
        {
            "content_category",
            "content_ids",
            "content_name",
            "content_type",
            "contents",
            "currency",
            "delivery_category",
            "num_items",
            "predicted_ltv",
            "search_string",
            "status",
            "value",
        }
    ),
)

_GA4 = Vendor(
    "Google Analytics 4",
    events=frozenset(
        {
            "add_payment_info",
            "add_shipping_info",
            "add_to_cart",
            "add_to_wishlist",
            "begin_checkout",
            "close_convert_lead",
            "close_unconvert_lead",
            "disqualify_lead",
            "earn_virtual_currency",
            "generate_lead",
            "join_group",
            "level_end",
            "level_start",
            "level_up",
            "post_score",
            "qualify_lead",
            "remove_from_cart",
            "select_content",
            "select_item",
            "select_promotion",
            "sign_up",
            "spend_virtual_currency",
            "tutorial_begin",
            "tutorial_complete",
            "unlock_achievement",
            "view_cart",
            "view_item",
            "view_item_list",
            "view_promotion",
            "working_lead",
        }
    ),
    properties=frozenset(
        {
            "achievement_id",
            "content_type",
            "coupon",
            "creative_name",
            "creative_slot",
            "currency",
            "disqualified_lead_reason",
            "group_id",
            "item_id",
            "item_list_id",
            "item_list_name",
            "items",
            "lead_source",
            "level_name",
            "method",
            "payment_type",
            "promotion_id",
            "promotion_name",
            "score",
            "search_term",
            "shipping",
            "shipping_tier",
            "success",
            "tax",
            "transaction_id",
            "unconvert_lead_reason",
            "value",
            "virtual_currency_name",
        }
    ),
)

_SEGMENT_SPEC = Vendor(
    "Segment's semantic events",
    events=frozenset(
        {
            # E-commerce (v2).
            "Products Searched",
            "Product List Viewed",
            "Product List Filtered",
            "Promotion Viewed",
            "Promotion Clicked",
            "Product Clicked",
            "Product Viewed",
            "Product Added",
            "Product Removed",
            "Cart Viewed",
            "Checkout Started",
            "Checkout Step Viewed",
            "Checkout Step Completed",
            "Payment Info Entered",
            "Order Completed",
            "Order Updated",
            "Order Refunded",
            "Order Cancelled",
            "Coupon Entered",
            "Coupon Applied",
            "Coupon Denied",
            "Coupon Removed",
            "Product Added to Wishlist",
            "Product Removed from Wishlist",
            "Wishlist Product Added to Cart",
            "Product Shared",
            "Cart Shared",
            "Product Reviewed",
            # B2B SaaS.
            "Account Created",
            "Account Deleted",
            "Signed Up",
            "Signed In",
            "Signed Out",
            "Invite Sent",
            "Account Added User",
            "Account Removed User",
            "Trial Started",
            "Trial Ended",
        }
    ),
    properties=frozenset(
        {
            "account_name",
            "affiliation",
            "cart_id",
            "checkout_id",
            "coupon",
            "coupon_id",
            "coupon_name",
            "currency",
            "discount",
            "image_url",
            "invitee_email",
            "invitee_first_name",
            "invitee_last_name",
            "invitee_role",
            "list_id",
            "order_id",
            "payment_method",
            "product_id",
            "products",
            "promotion_id",
            "review_body",
            "review_id",
            "revenue",
            "share_message",
            "share_via",
            "shipping",
            "shipping_method",
            "tax",
            "total",
            "trial_end_date",
            "trial_plan_name",
            "trial_start_date",
            "wishlist_id",
            "wishlist_name",
        }
    ),
)

VENDORS = (_META_PIXEL, _GA4, _SEGMENT_SPEC)


def standard_event(name: str) -> Vendor | None:
    """The vendor whose standard event ``name`` is, spelled exactly as it spells it."""
    return next((vendor for vendor in VENDORS if name in vendor.events), None)


def standard_property(name: str, events: Iterable[str]) -> bool:
    """Whether ``name`` is a parameter a vendor defines, sent only with that vendor's
    standard events (``events``, at least one): `predicted_ltv` on Meta's `Subscribe`,
    not on the team's own `plan_upgraded`."""
    vendors = [standard_event(event) for event in events]
    return bool(vendors) and all(
        vendor is not None and name in vendor.properties for vendor in vendors
    )
