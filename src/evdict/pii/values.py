"""Personal data in values: :func:`detect_value` (an email address, a phone number, an
IP address, a Luhn-valid card number) and :func:`redact`.

A detector never returns the value itself, only a redacted preview; values from ranges
set aside for documentation and testing are marked ``reserved``. Every pattern is
precompiled, anchored or bounded, and free of nested quantifiers that could backtrack
catastrophically: the detectors run on untrusted payloads.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import TYPE_CHECKING

from evdict.pii.match import PiiMatch

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network


# A bounded local part (so a search over long text stays linear), labels that end at
# a dot (so the label split is unique), a letter TLD or punycode. Unicode letters are
# allowed for internationalised addresses; ``*`` is not, so redacted values never match.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]{0,63})@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})(?![\w-])",
    re.IGNORECASE,
)
_RESERVED_EMAIL_DOMAIN = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$", re.IGNORECASE
)
_PHONE_CHARS = re.compile(r"\+?[0-9 ().-]{6,30}", re.ASCII)
_PHONE_GROUPS = re.compile(r"[0-9]+", re.ASCII)
_DATE = re.compile(
    r"[0-9]{4}[-./ ][0-9]{1,2}[-./ ][0-9]{1,2}|[0-9]{1,2}[-./ ][0-9]{1,2}[-./ ][0-9]{2,4}",
    re.ASCII,
)
_NANP = re.compile(
    r"(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)|[2-9][0-9]{2})[ .-]?[0-9]{3}[ .-]?[0-9]{4}", re.ASCII
)
_NANP_FICTIONAL = re.compile(r"1?[2-9][0-9]{2}55501[0-9]{2}", re.ASCII)
_UK_DRAMA = re.compile(r"(?:44|0)7700900[0-9]{3}", re.ASCII)
_CARD = re.compile(r"[0-9](?:[ -]?[0-9]){12,18}", re.ASCII)
# Issuer prefixes: Visa, Mastercard, Amex, Diners, Discover, JCB, UnionPay, Maestro.
_CARD_ISSUER = re.compile(
    r"4|5[1-5]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)|3[47]|3(?:0[0-5]|[689])"
    r"|6(?:011|5|4[4-9]|2)|5[06-9]",
    re.ASCII,
)
_TEST_CARDS = frozenset(
    {
        "4111111111111111",
        "4242424242424242",
        "4012888888881881",
        "4000056655665556",
        "5555555555554444",
        "5105105105105100",
        "378282246310005",
        "371449635398431",
        "6011111111111117",
        "3056930009020004",
        "3566002020360505",
    }
)
_IP_CHARS = re.compile(r"[0-9a-fA-F:.]{2,45}(?:%[\w.-]{1,20})?", re.ASCII)


def detect_value(value: object) -> PiiMatch | None:
    """The personal data ``value`` is or contains, or ``None``.

    Strings are checked whole for a card number, an IP address and a phone number, and
    searched for an email address (free text and URLs leak addresses). Integers can
    only be card numbers: a plain integer is never taken for a phone number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _card(str(value)) if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) <= 45:
        found = _card(text) or _ip(text) or _phone(text)
        if found is not None:
            return found
    return _email(value) if "@" in value else None


def _email(text: str) -> PiiMatch | None:
    match = _EMAIL.search(text)
    if match is None:
        return None
    local, _, domain = match.group().rpartition("@")
    reserved = _RESERVED_EMAIL_DOMAIN.search(domain) is not None
    return PiiMatch("email address", "contact", f"{local[0]}***@{domain}", reserved)


def _card(text: str) -> PiiMatch | None:
    if _CARD.fullmatch(text) is None:
        return None
    digits = "".join(char for char in text if char.isdigit())
    if _CARD_ISSUER.match(digits) is None or not _luhn_valid(digits):
        return None
    preview = _mask_digits(text, keep=4)
    return PiiMatch("card number", "financial", preview, digits in _TEST_CARDS)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _ip(text: str) -> PiiMatch | None:
    if _IP_CHARS.fullmatch(text) is None or ("." not in text and ":" not in text):
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified:
        return None
    reserved = any(
        address.version == network.version and address in network
        for network in _documentation_networks()
    )
    if address.version == 4:
        preview = ".".join(text.split(".")[:2]) + ".*.*"
    else:
        preview = text.split(":", 1)[0] + ":***"
    return PiiMatch("IP address", "device", preview, reserved)


@functools.cache
def _documentation_networks() -> tuple[IPv4Network | IPv6Network, ...]:
    """The ranges RFC 5737 and RFC 3849 set aside for documentation."""
    return tuple(
        ipaddress.ip_network(cidr)
        for cidr in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
    )


def _phone(text: str) -> PiiMatch | None:
    """E.164 (``+`` and 8-15 digits), ``00`` international, or a national format.

    A national number needs separators and a phone-like shape (NANP ``(415) 555-2671``,
    or a trunk ``0`` with 9-12 digits): plain integers, dates and versions are not phones.
    """
    if _PHONE_CHARS.fullmatch(text) is None or _DATE.fullmatch(text) is not None:
        return None
    groups = _PHONE_GROUPS.findall(text)
    digits = "".join(groups)
    if text.startswith("+"):
        plausible = 8 <= len(digits) <= 15 and "+" not in text[1:]
    elif "+" in text or len(groups) < 2:
        plausible = False
    elif digits.startswith("00"):
        plausible = 10 <= len(digits) <= 15
    elif _NANP.fullmatch(text) is not None:
        plausible = True
    else:
        plausible = (
            digits.startswith("0")
            and 9 <= len(digits) <= 12
            and all(len(group) >= 2 for group in groups)
        )
    if not plausible:
        return None
    reserved = bool(
        _NANP_FICTIONAL.fullmatch(digits) or _UK_DRAMA.fullmatch(digits.removeprefix("00"))
    )
    return PiiMatch("phone number", "contact", _mask_digits(text, keep=2), reserved)


def _mask_digits(text: str, *, keep: int) -> str:
    """Every digit but the last ``keep`` replaced by ``*``, separators kept."""
    total = sum(char.isdigit() for char in text)
    seen = 0
    out = []
    for char in text:
        if char.isdigit():
            seen += 1
            out.append(char if seen > total - keep else "*")
        else:
            out.append(char)
    return "".join(out)


def redact(value: object) -> str:
    """A preview that never shows the whole value: the detector's, or the first characters."""
    found = detect_value(value)
    if found is not None and found.preview is not None:
        return found.preview
    text = str(value)
    return f"{text[:2]}***" if len(text) > 4 else "***"
