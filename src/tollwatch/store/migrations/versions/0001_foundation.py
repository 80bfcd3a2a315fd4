"""foundation: sources, reports, ingest failures, places, claims

Revision ID: 0001_foundation
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("options", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=20), nullable=True),
        sa.Column("admin1_name", sa.String(length=300), nullable=True),
        sa.Column("admin2", sa.String(length=80), nullable=True),
        sa.Column("admin2_name", sa.String(length=300), nullable=True),
        sa.Column("feature_class", sa.String(length=1), nullable=True),
        sa.Column("feature_code", sa.String(length=10), nullable=True),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_sources_name")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("date_missing", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=True),
        sa.Column("geocoder_version", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_reports_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reports_extractor_version"), ["extractor_version"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reports_geocoder_version"), ["geocoder_version"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reports_published"), ["published"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("best", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("quantity_text", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("children", sa.Integer(), nullable=True),
        sa.Column("women", sa.Integer(), nullable=True),
        sa.Column("men", sa.Integer(), nullable=True),
        sa.Column("perpetrator", sa.Text(), nullable=True),
        sa.Column("place_mention", sa.Text(), nullable=True),
        sa.Column("place_id", sa.String(length=64), nullable=True),
        sa.Column("place_name", sa.String(length=300), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=20), nullable=True),
        sa.Column("admin1_name", sa.String(length=300), nullable=True),
        sa.Column("admin2", sa.String(length=80), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("geocoder_version", sa.String(length=40), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("date_expression", sa.Text(), nullable=True),
        sa.Column("date_anchor", sa.Date(), nullable=True),
        sa.Column("attributed_to", sa.Text(), nullable=True),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("review_state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_claims_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_country_admin1", ["country", "admin1"], unique=False)
        batch_op.create_index("ix_claims_date_start", ["date_start"], unique=False)
        batch_op.create_index("ix_claims_outcome_category", ["outcome", "category"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_place_id"), ["place_id"], unique=False)
        batch_op.create_index("ix_claims_report_id", ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_report_id")
        batch_op.drop_index(batch_op.f("ix_claims_place_id"))
        batch_op.drop_index("ix_claims_outcome_category")
        batch_op.drop_index("ix_claims_date_start")
        batch_op.drop_index("ix_claims_country_admin1")

    op.drop_table("claims")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_published"))
        batch_op.drop_index(batch_op.f("ix_reports_geocoder_version"))
        batch_op.drop_index(batch_op.f("ix_reports_extractor_version"))
        batch_op.drop_index(batch_op.f("ix_reports_content_hash"))

    op.drop_table("reports")
    op.drop_table("sources")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_country"))

    op.drop_table("places")
    op.drop_table("ingest_failures")
