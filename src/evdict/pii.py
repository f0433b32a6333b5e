"""Personal data in names and values: the detectors shared by plan rules, scanning and validation.

Three questions, each a small function:

- :func:`classify_name` (or a configured :class:`NameClassifier`): does a property
  *name* say it carries personal data (``userEmail``, ``ip_address``, ``firstName``)?
  The personal-data noun must be the *head* of the name, so ``email_template_id``,
  ``phone_verified`` and ``has_email`` are not personal data.
- :func:`detect_value`: is a *value* personal data (an email address, a phone number,
  an IP address, a Luhn-valid card number)? It never returns the value itself, only a
  redacted preview.
- :func:`looks_hashed`: does a value look like the output of a hash function?

Every pattern is precompiled, anchored or bounded, and free of nested quantifiers
that could backtrack catastrophically: the detectors run on untrusted payloads.
"""

from __future__ import annotations

import base64
import binascii
import functools
import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evdict.names.case import split_words

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network

CATEGORIES = ("contact", "identifier", "financial", "location", "government id", "device")


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """What kind of personal data was found.

    ``preview`` is a redacted rendering of a detected value (``j***@gmail.com``), never
    the value itself; it is ``None`` for names. ``reserved`` marks values from ranges
    set aside for documentation and testing (``@example.com``, ``192.0.2.0/24``,
    ``555-0100`` to ``555-0199``, well-known test card numbers): they have the shape of
    personal data but identify no one, so they are what a plan's examples should use.
    """

    kind: str
    category: str
    preview: str | None = None
    reserved: bool = False

    @property
    def label(self) -> str:
        """``contact: email address``, as messages show it."""
        return f"{self.category}: {self.kind}"


# --- names ---------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# (category, kind, whether values can be numbers, names as space-separated words).
_NAME_TABLE: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    ("contact", "email address", False, ("email", "email address")),
    ("contact", "phone number", True, ("phone", "telephone", "tel", "mobile", "msisdn", "fax")),
    (
        "contact",
        "postal address",
        False,
        ("address", "street", "street address", "street name", "postal address"),
    ),
    ("location", "postal code", True, ("zip", "zip code", "postcode", "post code", "postal code")),
    (
        "location",
        "geolocation",
        True,
        (
            "lat",
            "lng",
            "lon",
            "latitude",
            "longitude",
            "lat long",
            "geo",
            "geolocation",
            "geo location",
            "geo point",
            "gps",
            "coordinates",
            "coords",
        ),
    ),
    (
        "identifier",
        "person name",
        False,
        (
            "full name",
            "first name",
            "last name",
            "middle name",
            "given name",
            "family name",
            "maiden name",
            "legal name",
            "real name",
            "surname",
        ),
    ),
    (
        "identifier",
        "date of birth",
        True,
        ("dob", "birth date", "date of birth", "birthday", "birth year", "year of birth"),
    ),
    (
        "government id",
        "national ID number",
        True,
        (
            "ssn",
            "social security",
            "national id",
            "national identifier",
            "national insurance",
            "tax id",
            "taxpayer id",
        ),
    ),
    ("government id", "passport number", True, ("passport", "passport id")),
    (
        "government id",
        "driver's license number",
        True,
        (
            "driver license",
            "drivers license",
            "driving license",
            "driver licence",
            "drivers licence",
            "driving licence",
        ),
    ),
    (
        "financial",
        "card number",
        True,
        ("card number", "credit card", "debit card", "cc number", "cvv", "cvc"),
    ),
    (
        "financial",
        "bank account number",
        True,
        ("iban", "bank account", "routing number", "sort code"),
    ),
    ("device", "IP address", True, ("ip", "ip address", "remote address")),
    ("device", "user agent", False, ("user agent",)),
    (
        "device",
        "device identifier",
        True,
        ("mac address", "idfa", "gaid", "advertising id", "imei"),
    ),
)

# Whose name a ``X_name`` is: these make it a person's name.
_PERSON_NOUNS = _words(
    "user customer contact person member owner recipient sender cardholder holder buyer "
    "seller shopper employee patient author lead admin guest attendee applicant candidate "
    "invitee inviter signer student subscriber visitor referrer referee parent spouse "
    "teammate colleague reviewer assignee requester approver beneficiary payee payer"
)
# Infrastructure addresses are not a person's.
_TECH_MODIFIERS = _words(
    "server host proxy gateway node dns smtp bind listen memory base web url network subnet "
    "broadcast router cluster"
)
# Words that may follow the personal-data noun without changing what the value is
# (``phone_number``, ``email_hash``, ``address_line_1``): hashed or not, it still needs
# a declaration.
_VALUE_SUFFIXES = _words(
    "number value raw hash hashed sha1 sha256 sha512 md5 digest encrypted masked redacted "
    "plain plaintext text str string normalized normalised lower lowercase formatted e164 "
    "line line1 line2 line3 v4 v6"
)
# A first word that makes the name a flag or a count about personal data, not the data.
_FLAG_PREFIXES = _words(
    "is no with without has have had was were can should did does do allow allows enable "
    "disable show hide needs require requires include includes use uses want wants accepts"
)
_COUNT_PREFIXES = _words("num n number count total max min")
# Single tokens that are several words written together.
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "firstname": ("first", "name"),
    "lastname": ("last", "name"),
    "fullname": ("full", "name"),
    "username": ("user", "name"),
    "zipcode": ("zip", "code"),
    "postalcode": ("postal", "code"),
    "emailaddress": ("email", "address"),
    "ipaddress": ("ip", "address"),
    "ipaddr": ("ip", "address"),
    "ipv4": ("ip",),
    "ipv6": ("ip",),
    "phonenumber": ("phone", "number"),
    "useragent": ("user", "agent"),
    "birthdate": ("birth", "date"),
    "dateofbirth": ("date", "of", "birth"),
    "creditcard": ("credit", "card"),
    "cardnumber": ("card", "number"),
    "streetaddress": ("street", "address"),
    "latlng": ("lat", "lng"),
    "latlong": ("lat", "long"),
    "geoloc": ("geolocation",),
}
_ALIASES = {"addr": "address", "num": "number", "nr": "number", "nbr": "number", "no": "number"}
_SAFE = None
_PERSON_ALTERNATION = "|".join(sorted(_PERSON_NOUNS))
# "the customer's full name", "users' names", "first name", "name of the user".
_NAME_DESCRIBES_PERSON = re.compile(
    rf"\b(?:(?:{_PERSON_ALTERNATION})(?:['\u2019]s|s['\u2019]|s)?(?:\s+(?:display|full))?"
    r"|full|first|last|legal|real|given|family)\s+names?\b"
    rf"|\bname\s+of\s+(?:the|a|an|this|that|each)\s+(?:{_PERSON_ALTERNATION})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Term:
    kind: str
    category: str
    numeric: bool


_PERSON_NAME = _Term("person name", "identifier", False)
# Bare ``name``: a person's name only in context (compared by identity).
_AMBIGUOUS_NAME = _Term("person name", "identifier", False)


def _term_table(
    extra_names: Mapping[str, Iterable[str]],
) -> dict[tuple[str, ...], _Term | None]:
    terms: dict[tuple[str, ...], _Term | None] = {}
    for category, kind, numeric, names in _NAME_TABLE:
        for name in names:
            terms[tuple(name.split())] = _Term(kind, category, numeric)
    for noun in _PERSON_NOUNS:
        terms.setdefault((noun, "name"), _PERSON_NAME)
    for modifier in _TECH_MODIFIERS:
        for head in (("address",), ("ip",), ("ip", "address")):
            terms[(modifier, *head)] = _SAFE
    for category, extra in extra_names.items():
        for name in extra:
            words = tuple(_normalize(split_words(name)))
            if words:
                terms[words] = _Term(" ".join(words), category, True)
    return terms


def _normalize(words: Sequence[str]) -> list[str]:
    """Join split compounds (``e mail``, ``i pv4``), expand glued ones, apply aliases."""
    joined: list[str] = []
    for word in words:
        if joined and len(joined[-1]) == 1 and (joined[-1] + word) in _JOINABLE:
            joined[-1] += word
        else:
            joined.append(word)
    out: list[str] = []
    for index, word in enumerate(joined):
        if word in _COMPOUNDS:
            out.extend(_COMPOUNDS[word])
        elif index > 0 and word in _ALIASES:
            out.append(_ALIASES[word])
        else:
            out.append(_singular(word))
    return out


def _singular(word: str) -> str:
    if word in _VOCABULARY:
        return word
    for ending in ("es", "s"):
        if word.endswith(ending) and word[: -len(ending)] in _VOCABULARY:
            return word[: -len(ending)]
    return word


_VOCABULARY = frozenset(
    word for _, _, _, names in _NAME_TABLE for name in names for word in name.split()
) | {"name"}
_JOINABLE = _VOCABULARY | frozenset(_COMPOUNDS)
_BUILTIN_TERMS = _term_table({})


class NameClassifier:
    """Property names that look like personal data, with a project's extra and safe names.

    The policy (documented in EV301 and the README): the name is split into words
    whatever its casing; a personal-data term must be the name's *head* (its last
    words, optionally followed only by value suffixes such as ``number``, ``hash`` or
    ``line_1``). A term used as a modifier (``email_template_id``, ``ip_pool_size``)
    is not personal data, nor is a flag or count about it (``has_email``,
    ``phone_verified``, ``email_count``, ``num_emails``, any ``boolean``), nor a text
    kind typed as a number (``email: {type: integer}`` is a count). Bare ``name`` is a
    person's name only when the description says so (``the user's full name``) or,
    without a description, when the event is about a person (``user_signed_up``);
    ``$name`` (Mixpanel's profile name) always is.
    """

    def __init__(
        self,
        extra_names: Mapping[str, Iterable[str]] | None = None,
        safe_names: Iterable[str] = (),
    ) -> None:
        self._terms = _term_table(extra_names) if extra_names else _BUILTIN_TERMS
        self._max_term = max(len(term) for term in self._terms)
        self._safe = frozenset(safe_names)

    def classify(
        self,
        name: str,
        *,
        type: str | Sequence[str] | None = None,
        description: str | None = None,
        event: str | None = None,
    ) -> PiiMatch | None:
        """The kind of personal data ``name`` holds, or ``None``.

        ``type`` is the property's JSON type(s), ``description`` its description and
        ``event`` the name of the event it belongs to (they settle ambiguous names).
        """
        if name in self._safe or _is_flag_type(type):
            return None
        raw = split_words(name)
        if not raw or (len(raw) > 1 and raw[0] in _FLAG_PREFIXES | _COUNT_PREFIXES):
            return None
        words = _normalize(raw)
        found = self._head_term(words)
        if found is None or (
            found is _AMBIGUOUS_NAME and not _names_a_person(name, words, description, event)
        ):
            return None
        if not found.numeric and _is_numeric_type(type):
            return None
        return PiiMatch(found.kind, found.category)

    def _head_term(self, words: list[str]) -> _Term | None:
        """The longest term ending the name (after value suffixes); ``None`` if none or safe."""
        for stripped in range(len(words)):
            if stripped and not _is_value_suffix(words[len(words) - stripped]):
                return None
            stem = words[: len(words) - stripped]
            for length in range(min(self._max_term, len(stem)), 0, -1):
                candidate = tuple(stem[-length:])
                if candidate in self._terms:
                    return self._terms[candidate]
            if stem[-1] == "name":
                return _AMBIGUOUS_NAME if stem in (["name"], ["display", "name"]) else None
        return None


def _names_a_person(
    name: str, words: list[str], description: str | None, event: str | None
) -> bool:
    """Whether a bare ``name`` is a person's: ``$name``, the description, or the event says so."""
    if name.startswith("$") and words == ["name"]:
        return True
    if description and description.strip():
        return _NAME_DESCRIBES_PERSON.search(description) is not None
    event_words = set(split_words(event or ""))
    return bool(event_words & (_PERSON_NOUNS | {"profile", "signup", "registration"}))


def _is_value_suffix(word: str) -> bool:
    return word in _VALUE_SUFFIXES or word.isdigit()


def _types(type: str | Sequence[str] | None) -> set[str]:
    if type is None:
        return set()
    return {type} if isinstance(type, str) else {item for item in type if isinstance(item, str)}


def _is_flag_type(type: str | Sequence[str] | None) -> bool:
    types = _types(type) - {"null"}
    return types == {"boolean"}


def _is_numeric_type(type: str | Sequence[str] | None) -> bool:
    types = _types(type) - {"null"}
    return bool(types) and types <= {"integer", "number"}


_DEFAULT_CLASSIFIER = NameClassifier()


def classify_name(
    name: str,
    *,
    type: str | Sequence[str] | None = None,
    description: str | None = None,
    event: str | None = None,
) -> PiiMatch | None:
    """:meth:`NameClassifier.classify` with the built-in names only."""
    return _DEFAULT_CLASSIFIER.classify(name, type=type, description=description, event=event)


# --- values --------------------------------------------------------------------------------

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


# --- hashes --------------------------------------------------------------------------------

_HEX_DIGEST = re.compile(
    r"(?i:(?:md5|sha1|sha224|sha256|sha384|sha512|sha3-256|sha3-512|blake2b|blake2s)[:$])?"
    r"(?P<hex>[0-9a-f]+|[0-9A-F]+)",
    re.ASCII,
)
_HEX_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{22,88}={0,2}", re.ASCII)
_DIGEST_BYTES = frozenset({16, 20, 28, 32, 48, 64})
_PASSWORD_HASH = re.compile(
    r"\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}"
    r"|\$argon2(?:id|i|d)\$v=[0-9]+\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+"
    r"|\$scrypt\$[A-Za-z0-9$=,./+]+"
    r"|pbkdf2_sha(?:1|256|512)\$[0-9]+\$[A-Za-z0-9./+]+\$[A-Za-z0-9./+=]+",
    re.ASCII,
)


def looks_hashed(value: object) -> bool:
    """Whether ``value`` looks like a digest: hex of a common hash length (with an
    optional ``sha256:`` prefix), base64 of a 128-512 bit digest, or a bcrypt,
    argon2, scrypt or PBKDF2 password hash."""
    if not isinstance(value, str) or len(value) > 300:
        return False
    text = value.strip()
    hex_match = _HEX_DIGEST.fullmatch(text)
    if hex_match is not None:
        digest = hex_match.group("hex")
        return len(digest) in _HEX_LENGTHS and _mixes_letters_and_digits(digest)
    if _PASSWORD_HASH.fullmatch(text) is not None:
        return True
    return _is_base64_digest(text)


def _mixes_letters_and_digits(text: str) -> bool:
    return any(char.isdigit() for char in text) and any(char.isalpha() for char in text)


def _is_base64_digest(text: str) -> bool:
    if _BASE64.fullmatch(text) is None:
        return False
    body = text.rstrip("=")
    if not (any(c.isupper() for c in body) and any(c.islower() for c in body)):
        return False
    if not any(c.isdigit() or c in "+/_-" for c in body):
        return False
    standard = body.replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(raw) in _DIGEST_BYTES
