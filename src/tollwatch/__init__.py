"""tollwatch: casualty monitoring from reports to reconciled, explainable tolls."""

from tollwatch.errors import TollwatchError
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    Event,
    GeoPrecision,
    Outcome,
    Place,
    PlaceRef,
    Qualifier,
    Report,
    Scope,
    Source,
    Toll,
)

__version__ = "0.1.0"

__all__ = [
    "Category",
    "Claim",
    "DatePrecision",
    "DateRange",
    "Event",
    "GeoPrecision",
    "Outcome",
    "Place",
    "PlaceRef",
    "Qualifier",
    "Report",
    "Scope",
    "Source",
    "Toll",
    "TollwatchError",
    "__version__",
]
