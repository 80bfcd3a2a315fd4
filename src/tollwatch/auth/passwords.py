"""Password hashing with argon2id (argon2-cffi's maintained defaults, RFC 9106 low-memory),
and the password policy: 10 to 256 characters, no control characters, not a common password.

The common-password check needs no network: ``data/common-passwords.txt`` ships with the
package (stems written by the team from public knowledge). A password is refused when,
normalised (lower case, digits and symbols trimmed from both ends, letter-for-symbol swaps
undone), it is a listed stem or a repetition of one ("password12", "P@ssw0rd!",
"qwertyqwerty"), a run of one or two characters, a keyboard or alphabet sequence, or the
user's own name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tollwatch.errors import WeakPassword

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "burn_verification",
    "check_password_policy",
    "common_passwords",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
_HASHER = PasswordHasher()
_SWAPS = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s",
                        "5": "s", "7": "t", "+": "t"})  # fmt: skip
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords and stems (lower case)."""
    text = resources.files("tollwatch").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _stems(password: str) -> set[str]:
    low = password.casefold()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", low)
    swapped = low.translate(_SWAPS)
    trimmed = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", swapped)
    return {low, core, swapped, trimmed, core.translate(_SWAPS)} - {""}


def _repeats_of(word: str, pool: frozenset[str]) -> bool:
    """``word`` is a listed stem repeated ("passwordpassword") or a run of one short unit."""
    for size in range(1, len(word) // 2 + 1):
        unit = word[:size]
        if len(word) % size == 0 and unit * (len(word) // size) == word:
            return size <= 3 or unit in pool
    return False


def _sequence(word: str) -> bool:
    if len(word) < 4:
        return False
    return any(word in seq or word in seq[::-1] for seq in _SEQUENCES)


def _weak(reason: str, hint: str) -> WeakPassword:
    return WeakPassword(f"password refused: {reason}", hint=hint)


def check_password_policy(password: str, name: str | None = None) -> None:
    """Refuse passwords too short, too long, with control characters, or easy to guess."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise _weak(
            f"too short ({len(password)} characters)",
            f"use at least {MIN_PASSWORD_LENGTH} characters",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise _weak(
            f"too long ({len(password)} characters)",
            f"use at most {MAX_PASSWORD_LENGTH} characters",
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029" for ch in password):
        raise _weak("it contains a control character", "use printable characters only")
    if not password.strip() or len(set(password)) < 4:
        raise _weak("too few different characters", "mix at least four different characters")
    pool = common_passwords()
    for stem in _stems(password):
        if stem in pool or _repeats_of(stem, pool) or _sequence(stem):
            raise _weak(
                "it is a common password or a variation of one",
                "use a passphrase of several unrelated words",
            )
        if name and len(name) >= 3 and name.casefold() in stem:
            raise _weak("it contains the user name", "choose a password unrelated to the name")


def hash_password(password: str, name: str | None = None) -> str:
    check_password_policy(password, name)
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; never raises for a wrong password or a bad hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy: list[str] = []


def burn_verification(password: str) -> None:
    """Spend the time of one verification (for unknown user names: timing tells nothing)."""
    if not _dummy:
        _dummy.append(_HASHER.hash("tollwatch-dummy-password"))
    verify_password(_dummy[0], password)


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
