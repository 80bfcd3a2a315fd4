"""Offline geocoding: place text -> ``PlaceRef`` over a GeoNames gazetteer (see docs/geocoding.md).

from tollwatch.geo import GeoContext, geocode, load_gazetteer
gaz = load_gazetteer()                       # built-in gazetteer, built on first use
ctx = build_context(["Syria", "Latakia"], gaz)
geocode("Baniyas", ctx, gaz)                 # -> PlaceRef(place_id="geonames:171830", ...)
"""

from tollwatch.geo.builtin import build_builtin, default_gazetteer_path, ensure_gazetteer
from tollwatch.geo.gazetteer import Entry, Gazetteer, haversine_km
from tollwatch.geo.importer import import_files
from tollwatch.geo.precision import from_acled, precision_for, to_acled
from tollwatch.geo.recognise import Toponym, recognise
from tollwatch.geo.resolver import GeoContext, build_context, candidates, contains, geocode
from tollwatch.geo.service import GEOCODER_VERSION, GeocodeStats, geocode_reports, load_gazetteer

__all__ = [
    "GEOCODER_VERSION",
    "Entry",
    "Gazetteer",
    "GeoContext",
    "GeocodeStats",
    "Toponym",
    "build_builtin",
    "build_context",
    "candidates",
    "contains",
    "default_gazetteer_path",
    "ensure_gazetteer",
    "from_acled",
    "geocode",
    "geocode_reports",
    "haversine_km",
    "import_files",
    "load_gazetteer",
    "precision_for",
    "recognise",
    "to_acled",
]
