"""The personal-data detectors: names, values and hashes, on realistic tables and fuzzed text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.pii.hashes import looks_hashed
from evdict.pii.match import PiiMatch
from evdict.pii.names import NameClassifier, classify_name
from evdict.pii.values import detect_value, redact
from evdict.settings import PiiSettings

PII_NAMES = [
    # contact
    ("email", "contact", "email address"),
    ("e_mail", "contact", "email address"),
    ("E-Mail", "contact", "email address"),
    ("userEmail", "contact", "email address"),
    ("EmailAddress", "contact", "email address"),
    ("$email", "contact", "email address"),
    ("email_hash", "contact", "email address"),
    ("invitee_emails", "contact", "email address"),
    ("phone", "contact", "phone number"),
    ("mobile", "contact", "phone number"),
    ("phoneNumber", "contact", "phone number"),
    ("Phone Number", "contact", "phone number"),
    ("phone_no", "contact", "phone number"),
    ("street", "contact", "postal address"),
    ("address", "contact", "postal address"),
    ("shipping_address", "contact", "postal address"),
    ("address_line_1", "contact", "postal address"),
    # location
    ("zip", "location", "postal code"),
    ("zipCode", "location", "postal code"),
    ("postcode", "location", "postal code"),
    ("lat", "location", "geolocation"),
    ("lng", "location", "geolocation"),
    ("geolocation", "location", "geolocation"),
    ("geo_location", "location", "geolocation"),
    ("Latitude", "location", "geolocation"),
    # identifier
    ("full_name", "identifier", "person name"),
    ("first_name", "identifier", "person name"),
    ("last_name", "identifier", "person name"),
    ("firstName", "identifier", "person name"),
    ("FirstName", "identifier", "person name"),
    ("Last Name", "identifier", "person name"),
    ("customer_name", "identifier", "person name"),
    ("$name", "identifier", "person name"),
    ("dob", "identifier", "date of birth"),
    ("DOB", "identifier", "date of birth"),
    ("birth_date", "identifier", "date of birth"),
    ("dateOfBirth", "identifier", "date of birth"),
    # government id
    ("ssn", "government id", "national ID number"),
    ("social_security_number", "government id", "national ID number"),
    ("national_id", "government id", "national ID number"),
    ("nationalId", "government id", "national ID number"),
    ("passport", "government id", "passport number"),
    ("passport_number", "government id", "passport number"),
    # financial
    ("card_number", "financial", "card number"),
    ("cardNumber", "financial", "card number"),
    ("credit_card", "financial", "card number"),
    ("iban", "financial", "bank account number"),
    ("IBAN", "financial", "bank account number"),
    ("bank_account_number", "financial", "bank account number"),
    # device
    ("ip", "device", "IP address"),
    ("$ip", "device", "IP address"),
    ("ip_address", "device", "IP address"),
    ("ipAddr", "device", "IP address"),
    ("IPAddress", "device", "IP address"),
    ("IPv4", "device", "IP address"),
    ("client_ip", "device", "IP address"),
    ("user_agent", "device", "user agent"),
    ("userAgent", "device", "user agent"),
    ("User Agent", "device", "user agent"),
    ("mac_address", "device", "device identifier"),
]

NOT_PII_NAMES = [
    "email_template_id",
    "ip_pool_size",
    "phone_verified",
    "email_count",
    "has_email",
    "is_mobile",
    "num_emails",
    "address_book_id",
    "zip_export_format",
    "ship_count",
    "zipped",
    "tip",
    "description",
    "lat_ms",
    "latency",
    "email_domain",
    "name",
    "display_name",
    "report_name",
    "templateName",
    "server_ip",
    "host_address",
    "card_type",
    "card_id",
    "workspace_id",
    "plan_tier",
    "credits_used",
    "page_path",
]


@pytest.mark.parametrize(("name", "category", "kind"), PII_NAMES)
def test_personal_data_names(name: str, category: str, kind: str) -> None:
    assert classify_name(name) == PiiMatch(kind, category)


@pytest.mark.parametrize("name", NOT_PII_NAMES)
def test_names_that_are_not_personal_data(name: str) -> None:
    assert classify_name(name) is None


def test_a_boolean_is_never_personal_data() -> None:
    assert classify_name("mobile", type="boolean") is None
    assert classify_name("email", type=["boolean", "null"]) is None


def test_a_text_kind_typed_as_a_number_is_a_count() -> None:
    assert classify_name("email", type="integer") is None
    assert classify_name("zip", type="integer") == PiiMatch("postal code", "location")
    assert classify_name("lat", type=["number", "null"]) == PiiMatch("geolocation", "location")


@pytest.mark.parametrize(
    ("description", "event", "is_person"),
    [
        ("The customer's full name.", None, True),
        ("Name of the user who signed up.", None, True),
        ("First name as typed in the profile form.", None, True),
        ("Members\u2019 names as shown in the header.", None, True),
        ("Name of the report.", "user_signed_up", False),
        ("New name of the workspace, chosen by a user.", None, False),
        (None, "user_signed_up", True),
        (None, "contact_created", True),
        (None, "signup_completed", True),
        (None, "report_created", False),
        (None, None, False),
    ],
)
def test_bare_name_reads_its_context(
    description: str | None, event: str | None, is_person: bool
) -> None:
    found = classify_name("name", description=description, event=event)
    assert (found == PiiMatch("person name", "identifier")) is is_person


def test_config_adds_names_and_safe_names() -> None:
    settings = PiiSettings.from_section(
        {"extra_names": {"contact": ["whatsapp_handle"]}, "safe_names": ["support_email"]}
    )
    classifier = NameClassifier(settings.extra_names, settings.safe_names)
    assert classifier.classify("whatsappHandle") == PiiMatch("whatsapp handle", "contact")
    assert classifier.classify("support_email") is None
    assert classifier.classify("email") == PiiMatch("email address", "contact")
    assert classify_name("whatsapp_handle") is None


PII_VALUES = [
    ("jane.doe@gmail.com", "email address", "j***@gmail.com"),
    ("jane.doe+newsletter@gmail.com", "email address", "j***@gmail.com"),
    ("JANE_DOE@Acme.CO.UK", "email address", "J***@Acme.CO.UK"),
    ("josé.müller@bücher.de", "email address", "j***@bücher.de"),
    ("user@xn--bcher-kva.de", "email address", "u***@xn--bcher-kva.de"),
    ("contact me at jane@acme.io please", "email address", "j***@acme.io"),
    ("+1 415 555 2671", "phone number", "+* *** *** **71"),
    ("+14155552671", "phone number", "+*********71"),
    ("(415) 555-2671", "phone number", "(***) ***-**71"),
    ("415-555-2671", "phone number", "***-***-**71"),
    ("415.555.2671", "phone number", "***.***.**71"),
    ("+44 20 7946 0958", "phone number", "+** ** **** **58"),
    ("020 7946 0958", "phone number", "*** **** **58"),
    ("06 12 34 56 78", "phone number", "** ** ** ** 78"),
    ("0049 30 12345678", "phone number", "**** ** ******78"),
    ("81.2.69.160", "IP address", "81.2.*.*"),
    ("192.168.1.20", "IP address", "192.168.*.*"),
    ("1.2.3.4", "IP address", "1.2.*.*"),
    ("2a00:1450:4001:82b::200e", "IP address", "2a00:***"),
    ("4539 1488 0343 6467", "card number", "**** **** **** 6467"),
    ("4539-1488-0343-6467", "card number", "****-****-****-6467"),
    ("5425233430109903", "card number", "************9903"),
    ("3712 345678 90120", "card number", "**** ****** *0120"),
    (4539148803436467, "card number", "************6467"),
]


@pytest.mark.parametrize(("value", "kind", "preview"), PII_VALUES)
def test_personal_data_values(value: object, kind: str, preview: str) -> None:
    found = detect_value(value)
    assert found is not None
    assert (found.kind, found.preview, found.reserved) == (kind, preview, False)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("jane@example.com", "email address"),
        ("ops@staging.example.org", "email address"),
        ("bot@ci.test", "email address"),
        ("203.0.113.7", "IP address"),
        ("2001:db8::1", "IP address"),
        ("(202) 555-0143", "phone number"),
        ("+44 7700 900123", "phone number"),
        ("4111 1111 1111 1111", "card number"),
        ("4242424242424242", "card number"),
    ],
)
def test_documentation_values_are_reserved(value: str, kind: str) -> None:
    found = detect_value(value)
    assert found is not None
    assert (found.kind, found.reserved) == (kind, True)


@pytest.mark.parametrize(
    "value",
    [
        "2026-09-01",
        "01/09/2026",
        "2026.09.01",
        "1234",
        "v1.2.3",
        "1.2.3",
        "10.15.7",
        "14155552671",
        14155552671,
        "555-2671",
        "1000-2000-3000",
        "978-3-16-148410-0",
        "4111 1111 1111 1112",
        "4539148803436468",
        "1234567890123456789",
        "::1",
        "127.0.0.1",
        "0.0.0.0",
        "12:30",
        "j***@example.com",
        "@jane_doe",
        "jane@localhost",
        "ws_4f9a2c7e1b3d",
        "growth",
        "",
        True,
        None,
        3.14,
        ["jane@gmail.com"],
    ],
)
def test_values_that_are_not_personal_data(value: object) -> None:
    assert detect_value(value) is None


HASHES = [
    "5d41402abc4b2a76b9719d911017c592",  # md5
    "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",  # sha1
    "ea09ae9cc6768c50fcee903ed054556e5bfc8347907f12598aa24193",  # sha224
    "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824",  # sha256, upper
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7"
    "2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",  # sha512
    "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",  # base64 sha256
    "LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ",  # base64url, unpadded
    "XUFAKrxLKna5cZ2REBfFkg==",  # base64 md5
    "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",  # bcrypt
    "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
    "pbkdf2_sha256$600000$salt1234$Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg==",
]
NOT_HASHES = [
    "jane.doe@gmail.com",
    "hello",
    "00000000000000000000000000000000",
    "deadbeefdeadbeefdeadbeefdeadbeef",
    "5d41402abc4b2a76b9719d911017c59",  # 31 hex digits
    "5d41402abc4b2a76B9719d911017c592",  # mixed case
    "usr_7k2m9q1z0a8b",
    "HelloWorldHelloWorldHi",
    "***",
    "+1 415 555 2671",
    12345,
    None,
]


@pytest.mark.parametrize("value", HASHES)
def test_hashes(value: str) -> None:
    assert looks_hashed(value)


@pytest.mark.parametrize("value", NOT_HASHES)
def test_not_hashes(value: object) -> None:
    assert not looks_hashed(value)


def test_redact_never_shows_the_whole_value() -> None:
    assert redact("jane.doe@gmail.com") == "j***@gmail.com"
    assert redact("plaintext-token") == "pl***"
    assert redact("abc") == "***"
    assert redact(12345) == "12***"


def _luhn_completed(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return body + str(-total % 10)


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_every_luhn_valid_visa_number_is_a_card(digits: str) -> None:
    number = _luhn_completed("4" + digits)
    found = detect_value(" ".join(number[i : i + 4] for i in range(0, 16, 4)))
    assert found is not None
    assert found.kind == "card number"
    assert found.preview == "**** **** **** " + number[-4:]


@given(
    st.from_regex(
        r"[a-z][a-z0-9.+_-]{0,20}@[a-z](?:[a-z0-9-]{0,10}[a-z0-9])?\.(com|org|io|de)",
        fullmatch=True,
    )
)
def test_generated_addresses_are_emails_and_never_shown_whole(address: str) -> None:
    found = detect_value(address)
    assert found is not None
    assert found.kind == "email address"
    assert found.preview != address


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(), st.text(alphabet="0123456789 +-().:@abcdef$=/"), st.integers()))
def test_detectors_never_raise(value: str | int) -> None:
    found = detect_value(value)
    assert found is None or (found.preview is not None and found.preview != str(value))
    looks_hashed(value)
    redact(value)
    if isinstance(value, str):
        classify_name(value, description=value, event=value)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000 + "@",
        "a." * 50_000 + "@b",
        "x@" + "b." * 50_000,
        "@a" * 50_000,
        ("a" * 63 + "@") * 2_000,
        "1 " * 50_000,
        "1-" * 50_000 + "x",
        "0" * 100_000,
        "$2b$12$" + "a" * 100_000,
        "f" * 100_000,
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    # Linear-time patterns: each of these returns at once; a backtracking regex would hang.
    detect_value(text)
    looks_hashed(text)
    classify_name(text[:1_000], description=text)


def _without_prefilter(classifier: NameClassifier) -> NameClassifier:
    """The same classifier splitting every name, as it did before its fragment search
    (the oracle: the search may only skip names this finds nothing in)."""
    classifier._may_be_personal = lambda text: re.match("", text)  # type: ignore[method-assign]
    return classifier


_EXTRA = PiiSettings.from_section({"extra_names": {"contact": ["whatsapp_handle", "ICQ"]}})
_NAME_PIECES = sorted(
    NameClassifier(_EXTRA.extra_names).name_fragments()
    | {"has", "num", "is", "count", "line", "1", "v6", "es", "s", "x", "e", "id", "Id", "ID"}
    | {"template", "server", "display", "verified", "of", "the", "Ma", "IL", "\u00e9", "\uff45"}
)


@settings(max_examples=400)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_NAME_PIECES) | st.text(max_size=4),
            st.sampled_from(["", "_", "-", " ", ".", "$", "2"]),
            st.booleans(),
        ),
        max_size=5,
    ),
    st.sampled_from([None, "string", "integer", ["string", "null"]]),
    st.sampled_from([None, "", "the user's full name", "a product"]),
    st.sampled_from([None, "user_signed_up", "order_completed"]),
)
def test_the_fragment_search_answers_as_splitting_every_name(
    pieces: list[tuple[str, str, bool]],
    type: str | list[str] | None,
    description: str | None,
    event: str | None,
) -> None:
    name = "".join(
        (piece.title() if upper else piece) + separator for piece, separator, upper in pieces
    )
    for extra in ({}, _EXTRA.extra_names):
        found = NameClassifier(extra).classify(
            name, type=type, description=description, event=event
        )
        expected = _without_prefilter(NameClassifier(extra)).classify(
            name, type=type, description=description, event=event
        )
        assert found == expected


def test_every_fragment_in_context_answers_as_splitting_every_name() -> None:
    classifier = NameClassifier(_EXTRA.extra_names)
    oracle = _without_prefilter(NameClassifier(_EXTRA.extra_names))
    for piece in _NAME_PIECES:
        for name in (
            piece,
            f"home_{piece}",
            f"card{piece.title()}",
            f"{piece}_number",
            f"x{piece}s",
        ):
            assert classifier.classify(name) == oracle.classify(name), name
