"""SQLAlchemy tables, one module per stage; all share ``metadata``.

Each module that adds tables has its own Alembic migration (see store/migrations/versions).
"""

from tollwatch.store.tables import reconcile as _reconcile  # noqa: F401  (registers tables)
from tollwatch.store.tables import security as _security  # noqa: F401  (registers tables)
from tollwatch.store.tables._meta import metadata
from tollwatch.store.tables.core import claims, ingest_failures, places, reports, sources

__all__ = ["claims", "ingest_failures", "metadata", "places", "reports", "sources"]
