"""Reconciliation tables: events, their claims, running-toll series, scopes and flags.

Every row carries ``view``: "all" (every claim not rejected) or "verified" (verified claims
only), so ``tolls --verified`` is a query, not a recomputation; and ``part``: the partition
it was reconciled in (a country; "" for claims with none). ``reconcile_all`` rewrites a
partition only when what it reads changed (``reconcile_runs.fingerprint``).
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    func,
)

from tollwatch.store.tables._meta import metadata

__all__ = [
    "event_claims",
    "event_rollup",
    "events",
    "reconcile_flags",
    "reconcile_runs",
    "series_claims",
    "toll_scopes",
    "toll_series",
]

events = Table(
    "events",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), nullable=False),  # partition: the country reconciled together
    Column("id", String(32), primary_key=True),
    Column("outcome", String(16), nullable=False),
    Column("category", String(20), nullable=False),
    Column("role", String(10), nullable=False),  # "incident" or "total"
    Column("low", Integer, nullable=False),
    Column("best", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    # what the event adds to a toll (differs from the range only for role "total")
    Column("counted_low", Integer, nullable=False),
    Column("counted_best", Integer, nullable=False),
    Column("counted_high", Integer, nullable=False),
    Column("place_id", String(64)),
    Column("place_name", String(300)),
    Column("place_mention", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", String(20)),
    Column("admin1_name", String(300)),
    Column("admin2", String(80)),
    Column("geo_precision", Integer),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10), nullable=False),
    Column("date_expression", Text),
    Column("focus_country", String(2)),
    Column("scope_id", String(32)),
    # the covering scope's ground and period, so a toll query can tell in SQL whether the
    # scope's stored toll applies to its filter or the event must be counted by itself
    Column("scope_start", Date),
    Column("scope_end", Date),
    Column("scope_admin1_name", String(300)),
    Column("scope_region_name", String(300)),
    Column("cover_reason", Text),
    Column("n_claims", Integer, nullable=False),
    Column("n_reports", Integer, nullable=False),
    # event coding (tollwatch.coding): ACLED's typology and actors, UCDP's type of violence;
    # coding_evidence is JSON {field: the words that justify it}
    Column("event_type", String(40)),
    Column("sub_event_type", String(60)),
    Column("actor1", String(200)),
    Column("inter1", Integer),
    Column("actor2", String(200)),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("type_of_violence", Integer),
    Column("side_a", String(200)),
    Column("side_b", String(200)),
    Column("coding_evidence", Text),
    Index("ix_events_view_part", "view", "part"),
    # a date window's events, and what its sums read of them, from the index alone
    # (migration scale_0008_event_span; they replaced (view, country, date_start) and
    # (view, date_start))
    Index(
        "ix_events_view_country_date_cover",
        "view",
        "country",
        "date_start",
        "date_end",
        "scope_id",
        "outcome",
        "category",
        "counted_low",
        "counted_best",
        "counted_high",
    ),
    Index(
        "ix_events_view_date_cover",
        "view",
        "date_start",
        "date_end",
        "country",
        "scope_id",
        "outcome",
        "category",
        "counted_low",
        "counted_best",
        "counted_high",
    ),
    Index("ix_events_view_scope_id", "view", "scope_id"),
    Index("ix_events_view_admin1_name", "view", "admin1_name"),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), nullable=False),  # partition: the country reconciled together
    Column("claim_id", String(32), primary_key=True),
    Column("event_id", String(32), nullable=False),
    Column("report_id", String(32), nullable=False),
    Column("role", String(12), nullable=False),  # figure, merged, total
    Column("reason", Text, nullable=False),
    Index("ix_event_claims_view_part", "view", "part"),
    Index("ix_event_claims_view_event_id", "view", "event_id"),
)

toll_scopes = Table(
    "toll_scopes",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), nullable=False),  # partition: the country reconciled together
    Column("id", String(32), primary_key=True),
    Column("outcome", String(16), nullable=False),
    Column("country", String(2)),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("region_name", String(300)),  # the one region all its tolls speak for, if one
    Column("admin1_name", String(300)),  # the one admin-1 unit they all lie in, if one
    Column("cum", Text, nullable=False),  # JSON {category: [low, best, high]}
    Column("total_low", Integer, nullable=False),
    Column("total_best", Integer, nullable=False),
    Column("total_high", Integer, nullable=False),
    # the scope's toll per category (max(cumulative, covered incidents), unknown residual)
    *(
        Column(f"{cat}_{k}", Integer, nullable=False)
        for cat in ("civilians", "state_forces", "non_state_armed", "unknown")
        for k in ("low", "best", "high")
    ),
    Column("n_events", Integer, nullable=False),
    Column("covered", Text, nullable=False),  # JSON {category: [low, best, high]} of its incidents
    Index("ix_toll_scopes_view_part", "view", "part"),
    Index("ix_toll_scopes_view_country", "view", "country"),
    Index("ix_toll_scopes_view_period_start", "view", "period_start"),
)

toll_series = Table(
    "toll_series",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), nullable=False),  # partition: the country reconciled together
    Column("id", String(32), primary_key=True),
    Column("family_id", String(32), nullable=False),
    Column("scope_id", String(32), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("category", String(20), nullable=False),
    Column("source", Text, nullable=False),
    Column("region_level", String(10), nullable=False),
    Column("region_name", String(300)),
    Column("country", String(2)),
    Column("admin1", String(20)),
    Column("admin2", String(80)),
    Column("place_id", String(64)),
    Column("lat", Float),
    Column("lon", Float),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("low", Integer, nullable=False),
    Column("best", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    Column("latest_claim_id", String(32), nullable=False),
    Index("ix_toll_series_view_part", "view", "part"),
    Index("ix_toll_series_view_scope_id", "view", "scope_id"),
)

series_claims = Table(
    "series_claims",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), nullable=False),  # partition: the country reconciled together
    Column("claim_id", String(32), primary_key=True),
    Column("series_id", String(32), nullable=False),
    Column("report_id", String(32), nullable=False),
    Column("published", Date),
    Column("low", Integer, nullable=False),
    Column("best", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    Column("role", String(12), nullable=False),  # latest, superseded, decrease, peak
    Column("reason", Text, nullable=False),
    Index("ix_series_claims_view_part", "view", "part"),
    Index("ix_series_claims_view_series_id_published", "view", "series_id", "published"),
)

reconcile_flags = Table(
    "reconcile_flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("view", String(10), nullable=False),
    Column("part", String(8), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("subject_id", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("claim_ids", Text, nullable=False),  # JSON list
    Index("ix_reconcile_flags_view_part", "view", "part"),
    Index("ix_reconcile_flags_view_subject_id", "view", "subject_id"),
)

reconcile_runs = Table(
    "reconcile_runs",
    metadata,
    Column("view", String(10), primary_key=True),
    Column("part", String(8), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("claims", Integer, nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)

# a region query matches an admin-1 or place name case-insensitively: without these, every
# event of the view was read to find one region's (migration scale_0007_toll_rollup)
Index("ix_events_view_lower_admin1_name", events.c.view, func.lower(events.c.admin1_name))
Index("ix_events_view_lower_place_name", events.c.view, func.lower(events.c.place_name))

event_rollup = Table(
    "event_rollup",
    metadata,
    # what the events of one partition add up to, per country, outcome, category and whether
    # a running toll covers them: a toll query with no region and no date window sums these
    # few rows instead of every event of its country (written with the events)
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("view", String(10), nullable=False),
    Column("part", String(8), nullable=False),
    Column("country", String(2)),
    Column("outcome", String(16), nullable=False),
    Column("category", String(20), nullable=False),
    Column("scoped", Boolean, nullable=False),
    Column("n", Integer, nullable=False),
    Column("low", Integer, nullable=False),
    Column("best", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    # the longest of these events in days (last day minus first), NULL when one has a last
    # day but no first: a date window's lower bound on events' first day (``event_span``)
    Column("span", Integer),
    Index("ix_event_rollup_view_part", "view", "part"),
    Index("ix_event_rollup_view_country", "view", "country"),
)
