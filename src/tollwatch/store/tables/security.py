"""Accounts, sessions, the audit log, claim review, public names and event overrides.

- ``users``: one row per person; ``password_hash`` is an argon2id hash, never the password.
- ``api_tokens``: scripts' bearer tokens, stored as sha256 of the random token (the token
  itself is shown once, at creation).
- ``web_sessions``: browser sessions; ``id`` is sha256 of the cookie value, ``csrf_token`` the
  synchronizer token every state-changing request from that session must echo.
- ``audit_log``: append-only, hash-chained (see tollwatch.audit); ``audit_head`` its newest entry.
- ``claim_reviews``: every review step (history); ``claim_corrections``: the current corrected
  values of a claim whose state is "corrected" (the original claim row is never changed).
- ``public_names``: names an analyst marked public (not redacted).
- ``event_overrides``: manual merges and splits reconciliation must honour.
- ``name_cache``: names found per text, so public pages need not run NER again.

Review rows carry claim ids without a foreign key on purpose: the history must outlive a
claim that re-extraction replaces.
"""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from tollwatch.store.tables._meta import metadata

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(12), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True)),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(60), nullable=False, index=True),
    Column("target", String(200), nullable=False, index=True),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

# The newest entry's seq and hash, updated in the same transaction as every append: a row
# deleted from the end of audit_log no longer matches it. Exactly one row, id = 1.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

claim_reviews = Table(
    "claim_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(32), nullable=False, index=True),
    Column("state", String(12), nullable=False),
    Column("previous_state", String(12), nullable=False),
    Column("reviewer", String(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("corrected", Text),  # JSON of the new values when state == "corrected"
)

claim_corrections = Table(
    "claim_corrections",
    metadata,
    Column("claim_id", String(32), primary_key=True),
    Column("corrected", Text, nullable=False),  # JSON: field -> new value
    Column("reviewer", String(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
)

public_names = Table(
    "public_names",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # casefolded, spaces folded
    Column("name", String(300), nullable=False),
    Column("added_by", String(80), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
)

# Names found in a text by a model (before public names are applied): key is
# sha256(model, text), mentions a JSON list of [start, end, rule]. A cache: safe to empty.
name_cache = Table(
    "name_cache",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("mentions", Text, nullable=False),
)

event_overrides = Table(
    "event_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # "merge" | "split"
    Column("claim_groups", Text, nullable=False),  # JSON: list of lists of claim ids
    Column("reviewer", String(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", String(80)),
)
