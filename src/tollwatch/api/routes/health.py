"""``/api/v1/health``: is the service up and its database reachable."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tollwatch import __version__
from tollwatch.api.deps import EngineDep
from tollwatch.api.schemas import HealthPublic
from tollwatch.api.security import optional_principal

__all__ = ["router"]

# Anyone, logged in or not (monitoring probes); a bad token is still refused.
router = APIRouter(tags=["health"], dependencies=[Depends(optional_principal)])


@router.get(
    "/health",
    response_model=HealthPublic,
    summary="Service and database status",
    responses={503: {"model": HealthPublic, "description": "Database unreachable"}},
)
def health(engine: EngineDep) -> JSONResponse:
    """``200`` with the version when the database answers, ``503`` otherwise."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        reachable = True
    except SQLAlchemyError:
        reachable = False
    body = HealthPublic(
        status="ok" if reachable else "degraded",
        version=__version__,
        database="ok" if reachable else "unreachable",
        dialect=engine.dialect.name,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if reachable else 503)
