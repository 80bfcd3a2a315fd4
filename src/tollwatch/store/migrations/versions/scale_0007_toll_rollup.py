"""event_rollup (per partition, country, outcome, category: event sums) and case-insensitive
region indexes on events, so toll queries do not read every event (issue 15)

Revision ID: scale_0007_toll_rollup
Revises: coding_0006_event_coding
"""

import sqlalchemy as sa
from alembic import op

revision = "scale_0007_toll_rollup"
down_revision = "coding_0006_event_coding"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_rollup",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("view", sa.String(length=10), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.Column("country", sa.String(length=2)),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("scoped", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
    )
    op.create_index("ix_event_rollup_view_part", "event_rollup", ["view", "part"])
    op.create_index("ix_event_rollup_view_country", "event_rollup", ["view", "country"])
    op.create_index(
        "ix_events_view_lower_admin1_name", "events", ["view", sa.text("lower(admin1_name)")]
    )
    op.create_index(
        "ix_events_view_lower_place_name", "events", ["view", sa.text("lower(place_name)")]
    )
    # events stored before this migration: their sums, as write_reconciliation writes them
    op.execute(
        "INSERT INTO event_rollup (view, part, country, outcome, category, scoped, n, low, "
        "best, high) SELECT view, part, country, outcome, category, scope_id IS NOT NULL, "
        "count(*), sum(counted_low), sum(counted_best), sum(counted_high) FROM events "
        "GROUP BY view, part, country, outcome, category, scope_id IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_events_view_lower_place_name", table_name="events")
    op.drop_index("ix_events_view_lower_admin1_name", table_name="events")
    op.drop_index("ix_event_rollup_view_country", table_name="event_rollup")
    op.drop_index("ix_event_rollup_view_part", table_name="event_rollup")
    op.drop_table("event_rollup")
