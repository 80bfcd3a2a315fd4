"""security: name_cache (names found per text, so public pages need not run NER again)

Revision ID: 0004_name_cache
Revises: 0003_security
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_name_cache"
down_revision = "0003_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("mentions", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_name_cache")),
    )


def downgrade() -> None:
    op.drop_table("name_cache")
