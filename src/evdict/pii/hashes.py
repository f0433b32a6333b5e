"""Values that look like the output of a hash function: :func:`looks_hashed` (hex
digests, base64 digests, password hashes).

Every pattern is precompiled, anchored or bounded, and free of nested quantifiers that
could backtrack catastrophically: the detector runs on untrusted payloads.
"""

from __future__ import annotations

import base64
import binascii
import re

# The pattern sources are RE2's syntax too: the warehouse SQL (``validate --sql``) uses them.
HEX_PREFIXES = (
    *("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
    *("sha3-256", "sha3-512", "blake2b", "blake2s"),
)
_HEX_PREFIX = f"(?i:(?:{'|'.join(HEX_PREFIXES)})[:$])"
_HEX_DIGEST = re.compile(_HEX_PREFIX + r"?(?P<hex>[0-9a-f]+|[0-9A-F]+)", re.ASCII)
HEX_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
BASE64 = re.compile(r"[A-Za-z0-9+/_-]{22,88}={0,2}", re.ASCII)
DIGEST_BYTES = frozenset({16, 20, 28, 32, 48, 64})
# Longer text is never taken for a hash.
MAX_HASH = 300
PASSWORD_HASH = re.compile(
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
    if not isinstance(value, str) or len(value) > MAX_HASH:
        return False
    text = value.strip()
    hex_match = _HEX_DIGEST.fullmatch(text)
    if hex_match is not None:
        digest = hex_match.group("hex")
        return len(digest) in HEX_LENGTHS and _mixes_letters_and_digits(digest)
    if PASSWORD_HASH.fullmatch(text) is not None:
        return True
    return _is_base64_digest(text)


def _mixes_letters_and_digits(text: str) -> bool:
    return any(char.isdigit() for char in text) and any(char.isalpha() for char in text)


def _is_base64_digest(text: str) -> bool:
    if BASE64.fullmatch(text) is None:
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
    return len(raw) in DIGEST_BYTES
