"""EV3xx: personal data is declared, kept out of the plan's literals, and hashed when it says so;
in the plan, and at the call sites (and payloads) that send it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from evdict.diagnostics import Diagnostic, Severity
from evdict.pii.hashes import looks_hashed
from evdict.pii.match import PiiMatch
from evdict.pii.names import NameClassifier
from evdict.pii.values import detect_value, redact
from evdict.plan.model import Event, Property
from evdict.rules.context import RuleContext, call_location
from evdict.rules.registry import Rule, register
from evdict.scanner.model import PropertySeen, TrackingCall

# Values from ranges reserved for documentation: what a plan's examples should use.
_DOCUMENTATION_VALUES = {
    "email address": "jane@example.com",
    "phone number": "+1 202 555 0143",
    "IP address": "192.0.2.10",
    "card number": "4111 1111 1111 1111",
}
_LITERAL_KEYS = (("examples", "example"), ("enum", "enum value"))


def _where(owner: Event | None, prop: Property) -> str:
    if owner is None:
        return f"property `{prop.name}` (shared)"
    return f"property `{prop.name}` of event `{owner.name}`"


def _entry(owner: Event | None, prop: Property) -> str:
    if owner is None:
        return f"properties.{prop.name}"
    return f"events.{owner.name}.properties.{prop.name}"


def _literals(spec: dict[str, Any]) -> Iterator[tuple[str, tuple[str | int, ...], object]]:
    """Every scalar written in ``examples``, ``enum`` and ``const``: (label, key path, value).

    Values nested in objects and arrays are included; a YAML alias that refers to its
    own ancestor is visited once.
    """
    roots: list[tuple[str, tuple[str | int, ...], object]] = []
    for key, label in _LITERAL_KEYS:
        values = spec.get(key)
        if isinstance(values, list):
            roots.extend((label, (key, index), value) for index, value in enumerate(values))
    if "const" in spec:
        roots.append(("const", ("const",), spec["const"]))
    seen: set[int] = set()
    stack = roots[::-1]
    while stack:
        label, path, value = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((label, (*path, sub), item) for sub, item in reversed(list(items)))
        else:
            yield label, path, value


@register
class PiiProperty(Rule):
    """
    ## What it does
    Reports a property whose name looks like personal data and that has no `pii`
    declaration, naming the category (contact, identifier, financial, location,
    government id, device) and the kind (`email address`, `IP address`, ...).
    Also reports `pii: allowed` without a `pii_reason`. When code is scanned, a
    property the plan does not declare, sent in a tracking call under such a
    name, is reported at the call.

    The name is split into words whatever its casing (`userEmail`, `e_mail`,
    `IP Address`, `$ip`). A personal-data term must be the name's head: its last
    words, or followed only by value suffixes (`phone_number`, `email_hash`,
    `address_line_1`; a `_hash` suffix states an intent, the declaration still
    says it). Not personal data: a term used as a modifier (`email_template_id`,
    `ip_pool_size`, `address_book_id`), a flag or count about it (`has_email`,
    `is_mobile`, `phone_verified`, `email_count`, `num_emails`, any `boolean`), a
    text kind typed as a number (`email: {type: integer}` is a count), whole-word
    look-alikes (`zipped`, `tip`, `lat_ms`) and infrastructure addresses
    (`server_ip`, `host_address`). Bare `name` and `display_name` are a person's
    name only when the description says so ("the customer's full name") or, with
    no description, when the event is about a person (`user_signed_up`);
    `customer_name` and `$name` always are. `pii: none` states that a property is
    not personal data. A property that reuses a shared definition is judged there.

    Config: `pii.extra_names` adds names per category
    (`{contact: [whatsapp_handle]}`), `pii.safe_names` lists property names never
    reported.

    ## Why is this bad
    Personal data sent to an analytics tool must be known, minimised and
    justified (GDPR, CCPA): an undeclared `userEmail` flows into every downstream
    tool and export, and nobody reviews it.

    ## Example
    ```yaml
    events:
      signup_completed:
        properties:
          userEmail: {type: string}
    ```

    ## Fix
    Declare what is sent: `pii: hashed` (a digest), `pii: redacted` (masked), or
    `pii: allowed` with a `pii_reason` saying why the raw value is needed. When
    the name misleads, `pii: none` or a safe name in the config.
    """

    code = "EV301"
    judges_payloads = True
    name = "pii-property"
    title = "A property that looks like personal data with no `pii` declaration"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.inventory is not None:
            yield from pii_names_sent(ctx, self)
        if ctx.calls_only:
            return
        classifier = NameClassifier(ctx.config.pii.extra_names, ctx.config.pii.safe_names)
        for owner, prop in ctx.plan.all_properties():
            effective = prop.effective
            if prop.spec.get("pii") == "allowed" and not _has_reason(effective):
                yield self.diagnostic(
                    f"{_where(owner, prop)} is declared `pii: allowed` without a `pii_reason`",
                    prop.origin.location("pii", key=False),
                    entry=_entry(owner, prop),
                )
            if "pii" in effective or (prop.is_reuse and prop.base is not None):
                continue
            found = classifier.classify(
                prop.name,
                type=prop.type,
                description=prop.description,
                event=owner.name if owner else None,
            )
            if found is not None:
                yield self.diagnostic(
                    f"{_where(owner, prop)} looks like personal data ({found.label}) "
                    "and has no `pii` declaration",
                    prop.origin.location(),
                    entry=_entry(owner, prop),
                    suggestion="declare `pii: hashed`, `pii: redacted` or `pii: allowed` with a "
                    "`pii_reason`; `pii: none` if it is not personal data",
                )


def _has_reason(spec: dict[str, Any]) -> bool:
    reason = spec.get("pii_reason")
    return isinstance(reason, str) and bool(reason.strip())


@register
class PiiValue(Rule):
    """
    ## What it does
    Reports a literal written in the plan (`examples`, `enum`, `const`, including
    values nested in objects and arrays) that is personal data: an email address
    (anywhere in the text), a phone number (E.164 or a national format with enough
    digits; not plain integers, dates or versions), an IPv4 or IPv6 address, or a
    Luhn-valid card number. The message shows a redacted preview, never the value.

    Values from ranges reserved for documentation are not reported, since they
    identify no one: `@example.com` (and `.test`, `.invalid`, `.example`),
    `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`, NANP
    `555-0100` to `555-0199`, UK `07700 900xxx`, and the well-known test cards.
    Properties declared `pii: hashed` are left to EV303, which reports any value
    there that is not a hash. When code is scanned, literal values sent in
    tracking calls are judged the same way.

    ## Why is this bad
    The plan lives in git and is published as a documentation site: a real
    customer's address in an example is a personal-data leak that stays in the
    history forever.

    ## Example
    ```yaml
    properties:
      contact_email:
        pii: allowed
        pii_reason: Sent to the CRM sync.
        examples: [maria.lopez@gmail.com]
    ```

    ## Fix
    Use a documentation value: `jane@example.com`, `+1 202 555 0143`, `192.0.2.10`,
    `4111 1111 1111 1111`. Rewrite the git history if a real value was committed.
    """

    code = "EV302"
    judges_payloads = True
    name = "pii-value"
    title = "Personal data written as a literal in the plan"
    severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.inventory is not None:
            yield from pii_values_sent(ctx, self)
        if ctx.calls_only:
            return
        for owner, prop in ctx.plan.all_properties():
            if prop.pii == "hashed":
                continue
            for label, path, value in _literals(prop.spec):
                found = detect_value(value)
                if found is None or found.reserved:
                    continue
                yield self.diagnostic(
                    f"{label} '{found.preview}' of {_where(owner, prop)} is personal data "
                    f"({found.label})",
                    prop.origin.location(*path, key=False),
                    entry=_entry(owner, prop),
                    suggestion=f"use a documentation value such as "
                    f"{_DOCUMENTATION_VALUES[found.kind]}",
                )


@register
class PiiUnhashed(Rule):
    """
    ## What it does
    Reports a property declared `pii: hashed` whose `examples`, `enum` or `const`
    hold a value that is visibly not a hash. A hash is hex of a common digest
    length (32, 40, 56, 64, 96 or 128 digits, optionally prefixed `sha256:`),
    base64 of a 128 to 512 bit digest, or a bcrypt, argon2, scrypt or PBKDF2
    string. The message shows a redacted preview and, when the value is personal
    data, which kind. When code is scanned (or payloads validated), a literal value
    sent as such a property is judged the same way, where it is sent.

    ## Why is this bad
    The declaration is a promise to everyone downstream. An example that shows a
    raw address teaches engineers to send the raw address, and the tracking plan
    says the opposite of what the data holds.

    ## Example
    ```yaml
    properties:
      email_hash:
        type: string
        pii: hashed
        examples: [jane.doe@example.com]
    ```

    ## Fix
    Show a digest (`examples: [5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8]`),
    or, if the raw value really is sent, declare `pii: allowed` with a `pii_reason`.
    """

    code = "EV303"
    judges_payloads = True
    name = "pii-unhashed"
    title = "A `pii: hashed` property whose values are not digests"
    severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.inventory is not None:
            yield from pii_unhashed_sent(ctx, self)
        if ctx.calls_only:
            return
        for owner, prop in ctx.plan.all_properties():
            if prop.pii != "hashed":
                continue
            for label, path, value in _literals(prop.spec):
                if value is None or isinstance(value, bool) or looks_hashed(value):
                    continue
                found = detect_value(value)
                what = f" (it is {_article(found.kind)} {found.kind})" if found else ""
                yield self.diagnostic(
                    f"{_where(owner, prop)} is declared `pii: hashed` but its {label} "
                    f"'{redact(value)}' is not a hash{what}",
                    prop.origin.location(*path, key=False),
                    entry=_entry(owner, prop),
                    suggestion="show a digest of the value, or declare `pii: allowed` with a "
                    "`pii_reason` if the raw value is sent",
                )


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" or noun.startswith("IP") else "a"


# --- the call-site halves: properties and values sent by code or in payloads -------------


def _sender(call: TrackingCall) -> str:
    """What sent the values: a call in code, or a payload of an export (``evdict validate``)."""
    return "payload" if call.language == "payload" else "call"


def _event_label(call: TrackingCall) -> str:
    return f"event `{call.events[0]}`" if len(call.events) == 1 else "a tracking call"


def pii_names_sent(ctx: RuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """EV301 at call sites: a property the plan does not declare, sent under a
    personal-data name."""
    classifier = NameClassifier(ctx.config.pii.extra_names, ctx.config.pii.safe_names)
    for call in ctx.calls():
        for prop in call.properties:
            if ctx.declared_property(call, prop) is not None:
                continue  # declared in the plan: the plan half of EV301 judges it there
            found = classifier.classify(prop.name, event=call.events[0] if call.events else None)
            if found is None:
                continue
            yield rule.diagnostic(
                f"{_sender(call)} sends property `{prop.name}` to {_event_label(call)}: it looks like "
                f"personal data ({found.label}) and the plan does not declare it",
                call_location(call.path, prop.pos),
                entry=f"events.{call.events[0]}" if len(call.events) == 1 else None,
                suggestion="stop sending it, or declare it with `pii: hashed`, `pii: redacted` "
                "or `pii: allowed` and a `pii_reason`",
            )


def personal_value(value: object) -> PiiMatch | None:
    """The personal data a value sent is (EV302), unless from a documentation range."""
    found = detect_value(value)
    return None if found is None or found.reserved else found


def unhashed_value(value: object) -> bool:
    """Whether a value sent as a ``pii: hashed`` property is visibly not a hash (EV303)."""
    return not (value is None or isinstance(value, bool) or looks_hashed(value))


def pii_values_sent(ctx: RuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """EV302 at call sites: a literal value in a tracking call that is personal data."""
    for call in ctx.calls():
        for prop in call.properties:
            if not prop.has_value or _is_hashed(ctx, call, prop):
                continue  # a property declared `pii: hashed` is judged by EV303
            found = personal_value(prop.value)
            if found is None:
                continue
            yield rule.diagnostic(
                f"{_sender(call)} sends a literal personal-data value '{found.preview}' ({found.label}) "
                f"as property `{prop.name}` of {_event_label(call)}",
                call_location(call.path, prop.value_pos or prop.pos),
                entry=f"events.{call.events[0]}" if len(call.events) == 1 else None,
            )


def _is_hashed(ctx: RuleContext, call: TrackingCall, prop: PropertySeen) -> bool:
    declared = ctx.declared_property(call, prop)
    return declared is not None and declared.pii == "hashed"


def pii_unhashed_sent(ctx: RuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """EV303 at call sites: a literal value sent as a property declared ``pii: hashed``
    that is visibly not a hash."""
    for call in ctx.calls():
        for prop in call.properties:
            if not prop.has_value or not _is_hashed(ctx, call, prop):
                continue
            value = prop.value
            if not unhashed_value(value):
                continue
            found = detect_value(value)
            what = f" ({found.label})" if found is not None else ""
            yield rule.diagnostic(
                f"{_sender(call)} sends '{redact(value)}' as property `{prop.name}` of {_event_label(call)}, "
                f"declared `pii: hashed`, but it is not a hash{what}",
                call_location(call.path, prop.value_pos or prop.pos),
                entry=f"events.{call.events[0]}.properties.{prop.name}"
                if len(call.events) == 1
                else None,
                suggestion="send a digest of the value (for example SHA-256 of the normalised "
                "value), never the value itself",
            )
