"""The done-when cases of issue 4 plus resolution behaviour, on real gazetteers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tollwatch.geo import (
    Gazetteer,
    GeoContext,
    build_context,
    contains,
    geocode,
    haversine_km,
    recognise,
)
from tollwatch.models import GeoPrecision

# True coordinates (Wikipedia / GeoNames) of the places the shared example names.
TRUE = {
    "Latakia": (35.5167, 35.7833),
    "Baniyas": (35.1822, 35.9403),
    "Hmeimim": (35.4117, 35.9450),
    "Damascus": (33.5131, 36.2919),
}


@pytest.fixture
def example_context(example_path: Path, builtin: Gazetteer) -> GeoContext:
    text = example_path.read_text(encoding="utf-8")
    return build_context([t.text for t in recognise(text, builtin)], builtin)


@pytest.mark.parametrize("name", sorted(TRUE))
def test_resolver_example_places_within_10_km(
    name: str, example_context: GeoContext, builtin: Gazetteer
) -> None:
    ref = geocode(name, example_context, builtin)
    assert ref.resolved and ref.lat is not None and ref.lon is not None
    assert haversine_km(ref.lat, ref.lon, *TRUE[name]) < 10
    assert ref.country == "SY"
    assert ref.precision == GeoPrecision.EXACT


@pytest.mark.parametrize(
    ("name", "iso"), [("Lebanon", "LB"), ("Syria", "SY"), ("Syrian", "SY"), ("Lebanese", "LB")]
)
def test_resolver_countries_and_demonyms_resolve_as_countries(
    name: str, iso: str, example_context: GeoContext, builtin: Gazetteer
) -> None:
    ref = geocode(name, example_context, builtin)
    assert ref.country == iso
    assert ref.precision == GeoPrecision.COUNTRY


def test_resolver_example_context_is_syria(example_context: GeoContext) -> None:
    assert example_context.countries[0] == "SY"


@pytest.mark.parametrize("name", ["Tuwaym", "Al-Tuwaym", "Tuwaim"])
def test_resolver_tuwaym_unresolved_without_it_keeps_country(
    name: str, example_context: GeoContext, builtin: Gazetteer
) -> None:
    ref = geocode(name, example_context, builtin)
    assert not ref.resolved
    assert ref.lat is None and ref.precision is None
    assert ref.mention == name and ref.country == "SY"


@pytest.mark.parametrize("name", ["Tuwaym", "Al-Tuwaym", "Tuwaim", "At Tuwaym"])
def test_resolver_tuwaym_resolves_when_gazetteer_holds_it(
    name: str, with_tuwaym: Gazetteer
) -> None:
    ctx = build_context(["Syria", "Latakia", "Baniyas"], with_tuwaym)
    ref = geocode(name, ctx, with_tuwaym)
    assert ref.place_id == "geonames:9000001"  # the Syrian one, not the Saudi homonym
    assert ref.country == "SY" and ref.precision == GeoPrecision.EXACT


def test_resolver_homonym_follows_country_focus(fixture_only: Gazetteer) -> None:
    saudi = build_context(["Saudi Arabia"], fixture_only)
    assert geocode("Tuwaym", saudi, fixture_only).country == "SA"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Humaymim", "tollwatch:khmeimim-air-base"),
        ("Khmeimim", "tollwatch:khmeimim-air-base"),
        ("the Hmeimim air base", "tollwatch:khmeimim-air-base"),
        ("Banias", "geonames:171830"),
        ("Lattakia", "geonames:173576"),
        ("Al-Ladhiqiyah", "geonames:173576"),
        ("Jableh", "geonames:169304"),
    ],
)
def test_resolver_spelling_variants(mention: str, expected: str, builtin: Gazetteer) -> None:
    ctx = build_context(["Syria"], builtin)
    assert geocode(mention, ctx, builtin).place_id == expected


@pytest.mark.parametrize(
    "mention", ["Latakia province", "Latakia Governorate", "province of Latakia"]
)
def test_resolver_admin_mentions_resolve_at_admin_level(mention: str, builtin: Gazetteer) -> None:
    ref = geocode(mention, build_context(["Syria"], builtin), builtin)
    assert ref.precision == GeoPrecision.ADM1
    assert (ref.country, ref.admin1) == ("SY", "02")


@pytest.mark.parametrize("village", ["Jableh", "Mukhtariyeh", "Qardaha", "Hmeimim"])
def test_resolver_places_inside_latakia_governorate(village: str, builtin: Gazetteer) -> None:
    ctx = build_context(["Syria"], builtin)
    governorate = geocode("Latakia province", ctx, builtin)
    assert contains(governorate, geocode(village, ctx, builtin), builtin)


@pytest.mark.parametrize("outside", ["Baniyas", "Damascus"])
def test_resolver_places_outside_latakia_governorate(outside: str, builtin: Gazetteer) -> None:
    ctx = build_context(["Syria"], builtin)
    governorate = geocode("Latakia province", ctx, builtin)
    assert not contains(governorate, geocode(outside, ctx, builtin), builtin)
    assert contains(geocode("Syria", ctx, builtin), geocode(outside, ctx, builtin), builtin)


def test_resolver_coastal_region_needs_syrian_context(builtin: Gazetteer) -> None:
    syria = build_context(["Syria", "Latakia"], builtin)
    ref = geocode("the coastal region", syria, builtin)
    assert ref.precision == GeoPrecision.REGION and ref.country == "SY"
    assert contains(ref, geocode("Baniyas", syria, builtin), builtin)
    assert not geocode("the coastal region", build_context(["Kenya"], builtin), builtin).resolved


def test_resolver_near_widens_precision(builtin: Gazetteer) -> None:
    ref = geocode("near Baniyas", build_context(["Syria"], builtin), builtin)
    assert ref.place_id == "geonames:171830" and ref.precision == GeoPrecision.NEAR


@pytest.mark.parametrize(
    "mention",
    ["Xqzvplk", "Rami Abdurrahman", "Syrian Observatory for Human Rights", "", "Hamas", "Assad"],
)
def test_resolver_non_places_stay_unresolved(mention: str, builtin: Gazetteer) -> None:
    ref = geocode(mention, build_context(["Syria"], builtin), builtin)
    assert not ref.resolved and ref.lat is None


def test_resolver_country_focus_picks_homonym(builtin: Gazetteer) -> None:
    us = geocode("Alexandria", build_context(["Louisiana", "Pineville"], builtin), builtin)
    eg = geocode("Alexandria", build_context(["Egypt", "Cairo"], builtin), builtin)
    assert us.country == "US" and us.admin1 == "LA"
    assert eg.country == "EG"


def test_resolver_default_gazetteer_is_the_configured_one(
    builtin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tollwatch.config import get_settings

    monkeypatch.setenv("TOLLWATCH_GAZETTEER_PATH", str(builtin_path))
    get_settings.cache_clear()
    try:
        ref = geocode("Damascus", build_context(["Syria"]))
        assert ref.place_id == "geonames:170654"
        assert contains(geocode("Syria"), ref)
    finally:
        get_settings.cache_clear()
