"""The REST API (FastAPI): ``create_app(settings)``; see docs/api.md."""

from tollwatch.api.app import create_app

__all__ = ["create_app"]
