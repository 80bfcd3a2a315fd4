"""claims: what a figure means (scope incident_toll, reliability, source entity, subject, revision)

Revision ID: 0005_claim_meaning
Revises: 0004_name_cache
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_claim_meaning"
down_revision = "0004_name_cache"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("scope", existing_type=sa.String(length=12), type_=sa.String(length=16))
        batch.add_column(
            sa.Column(
                "reliability", sa.String(length=12), nullable=False, server_default="reported"
            )
        )
        batch.add_column(sa.Column("source_entity", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("subject", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("revision", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("revises", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("revises")
        batch.drop_column("revision")
        batch.drop_column("subject")
        batch.drop_column("source_entity")
        batch.drop_column("reliability")
        batch.alter_column("scope", existing_type=sa.String(length=16), type_=sa.String(length=12))
