"""Secrets: password hashes (argon2), random tokens, and the hashes stored in their place."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()

# Verified against when the email is unknown, so that a wrong email costs the same time as a
# wrong password and response times do not reveal who has an account.
_DUMMY_HASH = _hasher.hash("no such account")

# NCSC: length over complexity rules, and a deny list of the passwords people commonly choose.
MIN_PASSWORD_LENGTH = 12
# zxcvbn's score, 0 to 4, from its lists of common passwords, words and names and its patterns
# (keyboard walks, repeats, dates): 3 is "safely unguessable" against throttled online guessing.
MIN_PASSWORD_SCORE = 3
# zxcvbn's time grows with the length; past this many characters it judges the beginning.
_SCORED_LENGTH = 100


def password_problem(password: str, *, about: Sequence[str] = ()) -> str | None:
    """What is wrong with a new password, in words, or None. `about` are the person's own
    details (email, name), which a password must not lean on."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters"
    result = zxcvbn(password[:_SCORED_LENGTH], user_inputs=[a for a in about if a])
    if result["score"] < MIN_PASSWORD_SCORE:
        warning = result["feedback"]["warning"] or "It is too easy to guess."
        return (
            f"Choose a password that is harder to guess. {warning} "
            "Three or more random words together make a strong password"
        )
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Session tokens and API key secrets are long and random: SHA-256 suffices to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
