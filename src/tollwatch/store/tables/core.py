"""Foundation tables: sources, reports, ingest failures, claims, places.

Claims carry their geocoding result denormalised (place_id, lat, lon, admin codes, precision)
so a toll query never needs the gazetteer; ``places`` holds each resolved place once.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from tollwatch.store.tables._meta import metadata

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("kind", String(40)),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("url", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("published", Date, index=True),
    Column("date_missing", Boolean, nullable=False, default=False),
    Column("language", String(12), nullable=False, default="en"),
    Column("origin", Text),
    Column("sensitive", Boolean, nullable=False, default=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Which extractor / geocoder version last processed this report (NULL = not yet).
    Column("extractor_version", String(40), index=True),
    Column("geocoder_version", String(40), index=True),
)

ingest_failures = Table(
    "ingest_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),  # file path or "stdin:<hash>"
    Column("line", Integer),  # line or row number when known
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", LargeBinary),  # the raw input so it can be retried
    Column("options", Text),  # JSON of the ingest options used (format, column map, date)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("resolved_at", DateTime(timezone=True)),
)

places = Table(
    "places",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("country", String(2), index=True),
    Column("admin1", String(20)),
    Column("admin1_name", String(300)),
    Column("admin2", String(80)),
    Column("admin2_name", String(300)),
    Column("feature_class", String(1)),
    Column("feature_code", String(10)),
    Column("population", Integer, nullable=False, default=0),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("report_id", String(32), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("extractor_version", String(40), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("quantity_text", Text),
    Column("category", String(20), nullable=False),
    Column("children", Integer),
    Column("women", Integer),
    Column("men", Integer),
    Column("perpetrator", Text),
    Column("place_mention", Text),
    Column("place_id", String(64), index=True),
    Column("place_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", String(20)),
    Column("admin1_name", String(300)),
    Column("admin2", String(80)),
    Column("geo_precision", Integer),
    Column("place_link", String(12)),  # clause | lede | attribution | focus
    Column("geocoder_version", String(40)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10), nullable=False, default="unknown"),
    Column("date_expression", Text),
    Column("date_anchor", Date),
    Column("attributed_to", Text),
    Column("scope", String(16), nullable=False),
    Column("reliability", String(12), nullable=False, default="reported"),
    Column("source_entity", String(120)),
    Column("subject", Text),
    Column("revision", Boolean, nullable=False, default=False),
    Column("revises", Integer),
    Column("part_of", Integer),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("review_state", String(12), nullable=False, default="unreviewed"),
    Index("ix_claims_report_id", "report_id"),
    Index("ix_claims_outcome_category", "outcome", "category"),
    Index("ix_claims_date_start", "date_start"),
    Index("ix_claims_country_admin1", "country", "admin1"),
)
