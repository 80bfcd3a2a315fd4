"""Names an analyst marked public (e.g. an official spokesperson): never redacted; nor are
outlet and place names known to the database (they are not people).

Every change is audited. ``public_names_cached`` is what request handlers use: it re-reads
the table at most every few seconds, and at once after a change made by this process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, insert, select

from tollwatch.audit import record
from tollwatch.errors import UserError
from tollwatch.redact.detect import name_key
from tollwatch.store.tables.core import places, sources
from tollwatch.store.tables.security import public_names

__all__ = [
    "PublicName",
    "list_public_names",
    "mark_public",
    "public_name_set",
    "public_names_cached",
    "unmark_public",
]

_TTL_SECONDS = 5.0
_cache: dict[str, tuple[float, int, frozenset[str]]] = {}
_lock = threading.Lock()
_generation = [0]


@dataclass(frozen=True, slots=True)
class PublicName:
    name: str
    added_by: str
    added_at: datetime
    reason: str


def list_public_names(conn: Connection) -> list[PublicName]:
    rows = conn.execute(select(public_names).order_by(public_names.c.key))
    return [PublicName(r.name, r.added_by, r.added_at, r.reason) for r in rows]


def public_name_set(conn: Connection) -> frozenset[str]:
    """Names never hidden: those marked public, plus terms known not to be people — the
    outlets in ``sources`` and the resolved places (name, admin1 and admin2 names)."""
    names = set(conn.execute(select(public_names.c.name)).scalars())
    names.update(conn.execute(select(sources.c.name)).scalars())
    for row in conn.execute(
        select(places.c.name, places.c.admin1_name, places.c.admin2_name).distinct()
    ):
        names.update(v for v in row if v)
    return frozenset(names)


def mark_public(
    conn: Connection, name: str, *, actor: str, reason: str, now: datetime | None = None
) -> PublicName:
    """Mark ``name`` public. A reason is required (who they are, why naming them is safe)."""
    clean = " ".join(name.split())
    if "\x00" in name or "\x00" in reason:
        raise UserError("a NUL character in the name or reason", hint="remove it")
    if len(clean) < 2 or len(clean) > 300:
        raise UserError(f"not a name: {name!r}", hint="give the person's name as written")
    if not reason.strip():
        raise UserError(
            f"no reason given for making {clean!r} public",
            hint="say who they are, e.g. 'official spokesperson of the ministry'",
        )
    key = name_key(clean)
    if conn.execute(select(public_names.c.id).where(public_names.c.key == key)).first():
        raise UserError(f"{clean!r} is already public")
    at = now or datetime.now(UTC)
    conn.execute(
        insert(public_names).values(
            key=key, name=clean, added_by=actor, added_at=at, reason=reason.strip()
        )
    )
    record(
        conn, actor, "name.public", f"name:{key}", None, {"name": clean, "reason": reason}, at=at
    )
    _bump()
    return PublicName(clean, actor, at, reason.strip())


def unmark_public(conn: Connection, name: str, *, actor: str, reason: str) -> None:
    key = name_key(name)
    if "\x00" in key or "\x00" in reason:
        raise UserError("a NUL character in the name or reason", hint="remove it")
    row = conn.execute(select(public_names).where(public_names.c.key == key)).first()
    if row is None:
        raise UserError(f"{name!r} is not marked public")
    conn.execute(delete(public_names).where(public_names.c.key == key))
    record(
        conn,
        actor,
        "name.private",
        f"name:{key}",
        {"name": row.name, "reason": row.reason},
        {"reason": reason},
    )
    _bump()


def _bump() -> None:
    with _lock:
        _generation[0] += 1


def public_names_cached(engine: Engine) -> frozenset[str]:
    """The public names, re-read at most every 5 s (at once after a local change)."""
    key = engine.url.render_as_string(hide_password=False)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
        generation = _generation[0]
    if hit and hit[1] == generation and now - hit[0] < _TTL_SECONDS:
        return hit[2]
    with engine.connect() as conn:
        names = public_name_set(conn)
    with _lock:
        _cache[key] = (now, generation, names)
    return names
