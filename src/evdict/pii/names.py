"""Property names that say they carry personal data (``userEmail``, ``ip_address``,
``firstName``): the term tables and :class:`NameClassifier`.

The personal-data noun must be the *head* of the name, so ``email_template_id``,
``phone_verified`` and ``has_email`` are not personal data (the policy is
:class:`NameClassifier`'s docstring).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evdict.names.case import split_words
from evdict.pii.match import PiiMatch


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
_KNOWN_NAMES = 65_536  # names remembered by a classifier, then forgotten at once
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
        self._may_be_personal = _fragment_search(self.name_fragments())
        # Each name's term, read once: ``evdict validate`` asks it of every payload.
        self._known: dict[str, tuple[list[str], _Term | None]] = {}

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
        known = self._known.get(name)
        if known is None:
            # Most names hold no fragment of a term: answered without splitting them.
            if self._may_be_personal(_NOT_A_WORD_LETTER.sub("", name).lower()) is None:
                return None
            if len(self._known) >= _KNOWN_NAMES:
                self._known.clear()
            known = self._known[name] = self._name_term(name)
        words, found = known
        if found is None or (
            found is _AMBIGUOUS_NAME and not _names_a_person(name, words, description, event)
        ):
            return None
        if not found.numeric and _is_numeric_type(type):
            return None
        return PiiMatch(found.kind, found.category)

    def name_fragments(self) -> frozenset[str]:
        """Lower-case ASCII text one of which any name :meth:`classify` takes for personal
        data contains, its separators removed: each term's words, and the glued
        compounds and aliases that normalise to them (a filter for the warehouse SQL)."""
        words = {word for term, kind in self._terms.items() if kind is not None for word in term}
        return frozenset(words | {"name"} | set(_COMPOUNDS) | set(_ALIASES))

    def _name_term(self, name: str) -> tuple[list[str], _Term | None]:
        """The words of ``name`` and the term it ends with, whatever its type or event."""
        raw = split_words(name)
        if not raw or (len(raw) > 1 and raw[0] in _FLAG_PREFIXES | _COUNT_PREFIXES):
            return [], None
        words = _normalize(raw)
        return words, self._head_term(words)

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


# What split_words keeps of a name is its ASCII letters and digits.
_NOT_A_WORD_LETTER = re.compile(r"[^A-Za-z0-9]+")


@functools.cache
def _fragment_search(fragments: frozenset[str]) -> Callable[[str], re.Match[str] | None]:
    """One regex finding any of ``fragments``, written as a trie so a position costs one
    branch by its letter, not one per fragment (a name is searched in one pass)."""
    trie: dict[str, Any] = {}
    for fragment in fragments:
        node = trie
        for letter in fragment:
            node = node.setdefault(letter, {})
        node[""] = {}  # a fragment ends here: what follows need not match

    def alternation(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [
            re.escape(letter) + alternation(child) for letter, child in sorted(node.items())
        ]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(alternation(trie)).search


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
