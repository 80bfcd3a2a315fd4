"""claims.place_link: how a claim was linked to its place (clause, lede, attribution, focus)

Revision ID: places_0006_place_link
Revises: 0005_claim_meaning
"""

import sqlalchemy as sa
from alembic import op

revision = "places_0006_place_link"
down_revision = "0005_claim_meaning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("place_link", sa.String(length=12), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("place_link")
