"""Document-level disambiguation: mentions that could all lie in one admin1 unit pull together."""

from __future__ import annotations

import pytest

from tollwatch.geo import Gazetteer, build_context, geocode


@pytest.mark.parametrize(
    ("mentions", "name", "country", "admin1"),
    [
        # Ohio is the one state that holds a Dublin, a Marion and a Springfield together
        (["Dublin", "Marion", "Springfield", "Delaware"], "Dublin", "US", "OH"),
        (["Dublin", "Marion", "Springfield", "Delaware"], "Springfield", "US", "OH"),
        # a Lexington and a Georgetown both lie in Kentucky
        (["Lexington", "Georgetown", "Versailles"], "Georgetown", "US", "KY"),
        # Paris on its own reading is clear: towns elsewhere do not move it
        (["Paris", "Lexington", "Georgetown"], "Paris", "FR", None),
        (["Paris", "Lyon", "Marseille"], "Paris", "FR", None),
        # a country is never pulled to a town that shares its name
        (["China", "Athens", "Tyler"], "China", "CN", None),
    ],
)
def test_resolver_document_shared_admin1(
    mentions: list[str], name: str, country: str, admin1: str | None, builtin: Gazetteer
) -> None:
    ref = geocode(name, build_context(mentions, builtin), builtin)
    assert ref.country == country
    if admin1 is not None:
        assert ref.admin1 == admin1


def test_resolver_document_shared_admin1_counts_distinct_mentions(builtin: Gazetteer) -> None:
    ctx = build_context(["Dublin", "Dublin", "Marion"], builtin)
    assert ("US", "OH", 2) in ctx.shared_admin1
    assert "dublin" in ctx.ambiguous and "marion" in ctx.ambiguous


def test_resolver_document_one_mention_gets_no_support(builtin: Gazetteer) -> None:
    ctx = build_context(["Springfield"], builtin)
    assert ctx.shared_admin1 == ()


@pytest.mark.parametrize(
    ("mentions", "near", "country", "admin1"),
    [
        # the state named next to it decides, not the vote "Paris" cast for France itself
        (["Paris", "Illinois"], ["Illinois"], "US", "IL"),
        (["Paris", "Henderson County", "Texas"], [], "US", "TX"),
        # with nothing else in the report, or other French places, Paris is the capital
        (["Paris"], [], "FR", None),
        (["Paris", "Lyon"], [], "FR", None),
    ],
)
def test_resolver_document_town_is_not_its_own_evidence(
    mentions: list[str], near: list[str], country: str, admin1: str | None, builtin: Gazetteer
) -> None:
    ref = geocode("Paris", build_context(mentions, builtin, near=near), builtin)
    assert ref.country == country
    if admin1 is not None:
        assert ref.admin1 == admin1


def test_resolver_document_countries_keep_their_own_vote(builtin: Gazetteer) -> None:
    # "Norway" votes for Norway; a US-heavy report must not turn it into a town in Maine
    ctx = build_context(["Norway", "Texas", "Ohio", "Boston"], builtin)
    assert geocode("Norway", ctx, builtin).country == "NO"
    assert not any(k == "norway" for k, *_ in ctx.lent)


@pytest.mark.parametrize(
    ("mentions", "town", "country"),
    [
        # a report about Mali alone: its "Moura" is not the Portuguese town of that name
        (["Moura", "Mali"], "Moura", "ML"),
        # a report clearly about Burkina Faso, which names Mali once in passing
        (
            ["Solhan", "Burkina Faso", "Dori", "Ouagadougou", "Sebba", "Kaya", "Mali"],
            "Solhan",
            "BF",
        ),
    ],
)
def test_resolver_document_town_abroad_with_nothing_behind_it_is_left_unresolved(
    mentions: list[str], town: str, country: str, builtin: Gazetteer
) -> None:
    ref = geocode(town, build_context(mentions, builtin), builtin)
    assert ref.place_id is None  # our gazetteer does not hold this town
    assert ref.country == country


@pytest.mark.parametrize(
    ("mentions", "town", "country"),
    [
        # a demonym alone does not make a report about a country ("Israeli strike on Qana")
        (["Israeli", "Qana"], "Qana", "LB"),
        # two countries named as often: the town's own reading stands
        (["Moura", "Mali", "Portugal"], "Moura", "PT"),
    ],
)
def test_resolver_document_town_abroad_kept_when_the_report_is_not_clearly_elsewhere(
    mentions: list[str], town: str, country: str, builtin: Gazetteer
) -> None:
    ref = geocode(town, build_context(mentions, builtin), builtin)
    assert ref.place_id is not None and ref.country == country
