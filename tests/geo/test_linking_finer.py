from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.geo.service import load_gazetteer


def _place(text: str, sentence: str, mention: str | None = None) -> tuple[str | None, str | None]:
    start = text.index(sentence)
    ref = place_claims(text, [ClaimSpot(start, start + len(sentence), mention)], load_gazetteer())[
        0
    ]
    return ref.name, ref.link


def test_country_clause_takes_the_report_town_inside_it() -> None:
    text = "Gunmen raided a market in Kharkiv on Monday. Police said 12 people died in Ukraine."
    name, link = _place(text, "Police said 12 people died in Ukraine.", "Ukraine")
    assert (name, link) == ("Kharkiv", "lede")


def test_place_of_an_older_event_is_not_the_lede() -> None:
    text = (
        "Our reporter visited Lyon in 2015 for a festival. A bomb went off in 2024. "
        "Officials said 9 people died."
    )
    name, _link = _place(text, "Officials said 9 people died.")
    assert name != "Lyon"
