"""event_rollup.span: the longest event of each rollup row in days, so a date window reads an
index range of events' first days; covering date indexes on events, so a window's sums and
counts read the index alone (issue 15)

Revision ID: scale_0008_event_span
Revises: scale_0007_toll_rollup
"""

import sqlalchemy as sa
from alembic import op

revision = "scale_0008_event_span"
down_revision = "scale_0007_toll_rollup"
branch_labels = None
depends_on = None


COVER = ["scope_id", "outcome", "category", "counted_low", "counted_best", "counted_high"]


def upgrade() -> None:
    op.drop_index("ix_events_view_country_date_start", table_name="events")
    op.drop_index("ix_events_view_date_start", table_name="events")
    op.create_index(
        "ix_events_view_country_date_cover",
        "events",
        ["view", "country", "date_start", "date_end", *COVER],
    )
    op.create_index(
        "ix_events_view_date_cover", "events", ["view", "date_start", "date_end", "country", *COVER]
    )
    with op.batch_alter_table("event_rollup") as batch:
        batch.add_column(sa.Column("span", sa.Integer(), nullable=True))
    # rows stored before this migration: their events' longest span, as rollup_rows writes it
    # (NULL when one of them has a last day but no first day)
    if op.get_bind().dialect.name == "postgresql":
        days = "coalesce(e.date_end, e.date_start) - e.date_start"
    else:
        days = (
            "CAST(julianday(coalesce(e.date_end, e.date_start)) - julianday(e.date_start) "
            "AS INTEGER)"
        )
    op.execute(
        "UPDATE event_rollup SET span = ("
        "SELECT CASE WHEN max(CASE WHEN e.date_start IS NULL AND e.date_end IS NOT NULL "
        f"THEN 1 ELSE 0 END) = 1 THEN NULL WHEN coalesce(max({days}), 0) < 0 THEN 0 "
        f"ELSE coalesce(max({days}), 0) END "
        "FROM events e WHERE e.view = event_rollup.view AND e.part = event_rollup.part "
        "AND (e.country = event_rollup.country "
        "OR (e.country IS NULL AND event_rollup.country IS NULL)) "
        "AND e.outcome = event_rollup.outcome AND e.category = event_rollup.category "
        "AND (e.scope_id IS NOT NULL) = event_rollup.scoped)"
    )


def downgrade() -> None:
    op.drop_index("ix_events_view_date_cover", table_name="events")
    op.drop_index("ix_events_view_country_date_cover", table_name="events")
    op.create_index("ix_events_view_date_start", "events", ["view", "date_start"])
    op.create_index(
        "ix_events_view_country_date_start", "events", ["view", "country", "date_start"]
    )
    with op.batch_alter_table("event_rollup") as batch:
        batch.drop_column("span")
