"""events: ACLED event type, sub-event type, actors, interaction; UCDP type of violence, sides

Revision ID: coding_0006_event_coding
Revises: 0002_reconcile (the branch that made the events table)
"""

import sqlalchemy as sa
from alembic import op

revision = "coding_0006_event_coding"
down_revision = "0002_reconcile"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("event_type", sa.String(length=40)),
    ("sub_event_type", sa.String(length=60)),
    ("actor1", sa.String(length=200)),
    ("inter1", sa.Integer()),
    ("actor2", sa.String(length=200)),
    ("inter2", sa.Integer()),
    ("interaction", sa.Integer()),
    ("type_of_violence", sa.Integer()),
    ("side_a", sa.String(length=200)),
    ("side_b", sa.String(length=200)),
    ("coding_evidence", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
