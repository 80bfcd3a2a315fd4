"""claims.part_of: the stated total a figure is one part of ("21 killed, including 13 soldiers")

Revision ID: breakdown_0007_part_of
Revises: places_0006_place_link
"""

import sqlalchemy as sa
from alembic import op

revision = "breakdown_0007_part_of"
down_revision = "places_0006_place_link"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("part_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("part_of")
