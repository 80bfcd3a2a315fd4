"""Roles and the authenticated principal.

    viewer  < analyst < admin

A viewer reads (with names redacted), an analyst also reviews claims, merges and splits
events, marks names public and sees original report text; an admin also manages users.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tollwatch.errors import UserError

__all__ = ["Principal", "Role", "parse_role"]


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, needed: Role) -> bool:
        """True when this role is at least ``needed``."""
        return self.rank >= needed.rank


_RANK = {Role.VIEWER: 1, Role.ANALYST: 2, Role.ADMIN: 3}


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise UserError(
            f"unknown role {value!r}", hint="use one of: viewer, analyst, admin"
        ) from None


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user, how they authenticated (session or token) and their role."""

    user_id: int
    name: str
    role: Role
    via: str = "session"  # "session" | "token" | "cli"

    def allows(self, needed: Role) -> bool:
        return self.role.allows(needed)

    @property
    def sees_originals(self) -> bool:
        """Analysts and admins see report text unredacted."""
        return self.role.allows(Role.ANALYST)
