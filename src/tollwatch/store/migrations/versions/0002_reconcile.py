"""reconcile: events, event claims, running-toll series and scopes, flags, runs

Revision ID: 0002_reconcile
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_reconcile"
down_revision = "0001_foundation"
branch_labels = ("reconcile",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_claims",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("view", "claim_id", name=op.f("pk_event_claims")),
    )
    with op.batch_alter_table("event_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_claims_view_event_id"), ["view", "event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_claims_view_part"), ["view", "part"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("counted_low", sa.Integer(), nullable=False),
        sa.Column("counted_best", sa.Integer(), nullable=False),
        sa.Column("counted_high", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.String(length=64), nullable=True),
        sa.Column("place_name", sa.String(length=300), nullable=True),
        sa.Column("place_mention", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=20), nullable=True),
        sa.Column("admin1_name", sa.String(length=300), nullable=True),
        sa.Column("admin2", sa.String(length=80), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("date_expression", sa.Text(), nullable=True),
        sa.Column("focus_country", sa.String(length=2), nullable=True),
        sa.Column("scope_id", sa.String(length=32), nullable=True),
        sa.Column("scope_start", sa.Date(), nullable=True),
        sa.Column("scope_end", sa.Date(), nullable=True),
        sa.Column("scope_admin1_name", sa.String(length=300), nullable=True),
        sa.Column("scope_region_name", sa.String(length=300), nullable=True),
        sa.Column("cover_reason", sa.Text(), nullable=True),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("view", "id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_view_admin1_name"), ["view", "admin1_name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_events_view_country_date_start"),
            ["view", "country", "date_start"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_events_view_date_start"), ["view", "date_start"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_view_part"), ["view", "part"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_view_scope_id"), ["view", "scope_id"], unique=False
        )

    op.create_table(
        "reconcile_flags",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("claim_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconcile_flags")),
    )
    with op.batch_alter_table("reconcile_flags", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reconcile_flags_view_part"), ["view", "part"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reconcile_flags_view_subject_id"), ["view", "subject_id"], unique=False
        )

    op.create_table(
        "reconcile_runs",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("view", "part", name=op.f("pk_reconcile_runs")),
    )

    op.create_table(
        "series_claims",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("series_id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("view", "claim_id", name=op.f("pk_series_claims")),
    )
    with op.batch_alter_table("series_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_series_claims_view_part"), ["view", "part"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_series_claims_view_series_id_published"),
            ["view", "series_id", "published"],
            unique=False,
        )

    op.create_table(
        "toll_scopes",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("region_name", sa.String(length=300), nullable=True),
        sa.Column("admin1_name", sa.String(length=300), nullable=True),
        sa.Column("cum", sa.Text(), nullable=False),
        sa.Column("total_low", sa.Integer(), nullable=False),
        sa.Column("total_best", sa.Integer(), nullable=False),
        sa.Column("total_high", sa.Integer(), nullable=False),
        sa.Column("civilians_low", sa.Integer(), nullable=False),
        sa.Column("civilians_best", sa.Integer(), nullable=False),
        sa.Column("civilians_high", sa.Integer(), nullable=False),
        sa.Column("state_forces_low", sa.Integer(), nullable=False),
        sa.Column("state_forces_best", sa.Integer(), nullable=False),
        sa.Column("state_forces_high", sa.Integer(), nullable=False),
        sa.Column("non_state_armed_low", sa.Integer(), nullable=False),
        sa.Column("non_state_armed_best", sa.Integer(), nullable=False),
        sa.Column("non_state_armed_high", sa.Integer(), nullable=False),
        sa.Column("unknown_low", sa.Integer(), nullable=False),
        sa.Column("unknown_best", sa.Integer(), nullable=False),
        sa.Column("unknown_high", sa.Integer(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("covered", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("view", "id", name=op.f("pk_toll_scopes")),
    )
    with op.batch_alter_table("toll_scopes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_toll_scopes_view_country"), ["view", "country"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_toll_scopes_view_part"), ["view", "part"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_toll_scopes_view_period_start"), ["view", "period_start"], unique=False
        )

    op.create_table(
        "toll_series",
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("family_id", sa.String(length=32), nullable=False),
        sa.Column("scope_id", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("region_level", sa.String(length=10), nullable=False),
        sa.Column("region_name", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=20), nullable=True),
        sa.Column("admin2", sa.String(length=80), nullable=True),
        sa.Column("place_id", sa.String(length=64), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("latest_claim_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("view", "id", name=op.f("pk_toll_series")),
    )
    with op.batch_alter_table("toll_series", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_toll_series_view_part"), ["view", "part"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_toll_series_view_scope_id"), ["view", "scope_id"], unique=False
        )


def downgrade() -> None:
    for table in (
        "toll_series",
        "toll_scopes",
        "series_claims",
        "reconcile_runs",
        "reconcile_flags",
        "events",
        "event_claims",
    ):
        op.drop_table(table)
