"""Sentences written for tollwatch (none copied from news): a toll word before a figure with an
aside of its own, a toll raised for a named incident, deaths inside a category's casualties,
one possessed victim, displacement by "forced ... from their homes"."""

from __future__ import annotations

from datetime import date

from tollwatch.extract import extract
from tollwatch.models import Claim

PUB = date(2025, 3, 8)  # a Saturday


def _claims(text: str, published: date = PUB) -> list[Claim]:
    return extract(text, published, report_id="t")


def _by_outcome(text: str) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for c in _claims(text):
        out.setdefault(c.outcome.value, []).append(c)
    return out


def test_toll_figure_is_killed_when_an_aside_gives_the_wounded() -> None:
    found = _by_outcome(
        "The toll from Tuesday's shelling of the bus depot has climbed to 19, with 64 people "
        "hurt, the regional office said."
    )
    assert [c.best for c in found["killed"]] == [19]
    assert found["killed"][0].revision is True
    assert [c.best for c in found["injured"]] == [64]


def test_aside_without_its_own_figure_still_reaches_the_verb() -> None:
    found = _by_outcome("Nine guards, with their dog handler, were killed at the gate.")
    assert [c.best for c in found["killed"]] == [9]


def test_raised_toll_for_a_named_incident_is_a_revision_of_that_incident() -> None:
    found = _by_outcome(
        "Health officials raised the toll from Wednesday's blast at the fuel market to 23 "
        "dead and 51 wounded."
    )
    killed = found["killed"][0]
    assert (killed.best, killed.revision, killed.scope.value) == (23, True, "incident_toll")
    assert killed.date is not None and killed.date.start == date(2025, 3, 5)
    injured = found["injured"][0]
    assert (injured.best, injured.revision) == (51, True)


def test_pair_after_a_plain_figure_is_not_a_revision() -> None:
    found = _by_outcome("Gunmen left 6 dead and 8 wounded in the market on Friday.")
    assert [(c.best, c.revision) for c in found["killed"]] == [(6, False)]
    assert [(c.best, c.revision) for c in found["injured"]] == [(8, False)]


def test_deaths_inside_civilian_casualties_are_civilians() -> None:
    found = _by_outcome(
        "Over the winter the mission logged 140 civilian casualties in the valley, including "
        "38 deaths."
    )
    assert [(c.best, c.category.value) for c in found["killed"]] == [(38, "civilians")]


def test_deaths_inside_plain_casualties_stay_unknown() -> None:
    found = _by_outcome("The clinic counted 90 casualties, including 12 deaths, after the raid.")
    assert [(c.best, c.category.value) for c in found["killed"]] == [(12, "unknown")]


def test_possessed_person_after_a_wounding_verb_is_one_victim() -> None:
    found = _by_outcome(
        "A gunman shot dead a shepherd and wounded his teenage nephew near the well on Monday."
    )
    assert [c.best for c in found["killed"]] == [1]
    assert [c.best for c in found["injured"]] == [1]


def test_possessed_people_with_a_figure_are_counted_by_the_figure() -> None:
    found = _by_outcome("Raiders killed his three brothers in the orchard.")
    assert [c.best for c in found["killed"]] == [3]


def test_possessed_body_part_is_not_a_victim() -> None:
    assert _claims("The blast injured his arm and left deep scars.") == []


def test_forced_from_their_homes_is_displacement() -> None:
    found = _by_outcome(
        "Two weeks of flooding and fighting have forced some 12,500 people from their homes."
    )
    assert [c.best for c in found["displaced"]] == [12500]


def test_forced_to_retreat_is_not_displacement() -> None:
    assert _claims("Soldiers forced 40 fighters to retreat into the hills.") == []


def test_corrected_toll_is_a_revision_of_its_incident() -> None:
    found = _by_outcome(
        "The governor said on Thursday that the corrected toll of the depot fire is 27, "
        "after some victims were counted twice."
    )
    killed = found["killed"][0]
    assert (killed.best, killed.revision, killed.scope.value) == (27, True, "incident_toll")
    assert killed.category.value == "unknown"  # "the depot fire" is not who was counted


def test_earlier_clause_without_a_figure_dates_the_figure() -> None:
    found = _by_outcome(
        "On the night of 14 February a shell landed on the clinic; staff now say 12 patients "
        "died there."
    )
    killed = found["killed"][0]
    assert killed.best == 12
    assert killed.date is not None and killed.date.start == date(2025, 2, 14)


def test_earlier_clause_with_its_own_figure_does_not_date_the_next() -> None:
    found = _by_outcome(
        "Four guards were shot dead on 14 February; two more people died of their wounds later."
    )
    by_best = {c.best: c for c in found["killed"]}
    assert by_best[4].date is not None and by_best[4].date.start == date(2025, 2, 14)
    assert by_best[2].date is None or by_best[2].date.start != date(2025, 2, 14)


def test_republished_copy_resolves_weekdays_from_the_original_day() -> None:
    text = (
        "(Republished from The Lakeside Courier, 3 March 2025) Bandits killed five herders "
        "near the dam on Saturday, police said on Sunday."
    )
    killed = _claims(text, date(2025, 3, 28))
    assert [c.best for c in killed] == [5]
    assert killed[0].date is not None and killed[0].date.start == date(2025, 3, 1)


def test_a_later_original_date_is_not_a_republication() -> None:
    text = "Originally published 9 April 2025. Bandits killed five herders on Saturday."
    killed = _claims(text, date(2025, 3, 28))
    assert killed[0].date is not None and killed[0].date.start == date(2025, 3, 22)


def test_our_count_of_an_incident_is_its_running_toll() -> None:
    found = _by_outcome(
        "Our count of the ferry sinking of 2 March, drawn from the harbour registers kept by "
        "relatives, stands at 64 people dead."
    )
    killed = found["killed"][0]
    assert (killed.best, killed.scope.value) == (64, "incident_toll")
    assert killed.subject is not None and "ferry sinking" in killed.subject


def test_so_far_from_one_named_incident_is_its_running_toll() -> None:
    found = _by_outcome(
        "The district clinic has so far taken in 19 bodies from the blast at the cattle "
        "market on Thursday."
    )
    killed = found["killed"][0]
    assert (killed.best, killed.scope.value) == (19, "incident_toll")


def test_so_far_over_an_area_stays_cumulative() -> None:
    found = _by_outcome("So far 300 people have been killed across the province.")
    assert [(c.best, c.scope.value) for c in found["killed"]] == [(300, "cumulative")]


def test_now_confirmed_dead_and_now_counts_are_revisions() -> None:
    first = _by_outcome("By evening 31 people were now confirmed dead in the port, officials said.")
    assert [(c.best, c.revision) for c in first["killed"]] == [(31, True)]
    second = _by_outcome(
        "The rights group now counts 88 civilians killed in the region since 1 January."
    )
    assert [(c.best, c.revision) for c in second["killed"]] == [(88, True)]


def test_confirmed_dead_without_now_is_not_a_revision() -> None:
    found = _by_outcome("Thirty-one people were confirmed dead in the port, officials said.")
    assert [(c.best, c.revision) for c in found["killed"]] == [(31, False)]


def test_could_run_into_the_hundreds_is_a_projection() -> None:
    found = _by_outcome(
        "Medics said scores of bodies were brought in, and a councillor warned that the final "
        "toll could run into the hundreds."
    )
    marks = sorted((c.best, c.reliability.value) for c in found["killed"])
    assert marks == [(20, "reported"), (100, "projection")]


def test_bringing_to_n_the_number_killed_is_the_toll_of_the_named_incident() -> None:
    found = _by_outcome(
        "A fourth ranger hurt in Wednesday's ambush on the park road died on Friday, bringing "
        "to four the number of rangers killed."
    )
    killed = found["killed"][0]
    assert (killed.best, killed.revision, killed.scope.value) == (4, True, "incident_toll")
    assert killed.category.value == "state_forces"
    assert killed.date is not None and killed.date.start == date(2025, 3, 5)


def test_bringing_a_figure_to_a_place_is_not_a_toll() -> None:
    assert _claims("The convoy was bringing 40 tonnes of food to the town.") == []


def test_headline_strike_so_far_is_its_running_toll() -> None:
    found = _by_outcome("Shelling of the grain market in the old town: 17 dead so far, many hurt.")
    killed = found["killed"][0]
    assert (killed.best, killed.scope.value) == (17, "incident_toll")
    assert killed.subject is not None and killed.subject.startswith("Shelling of the grain market")


def test_war_that_did_several_things_and_killed_is_background() -> None:
    found = _by_outcome(
        "Two herders were shot dead on Tuesday. The raid came a decade after the uprising, a "
        "conflict that emptied dozens of hill villages in the north and killed an estimated "
        "4,000 to 6,000 people."
    )
    marks = sorted((c.best, c.reliability.value) for c in found["killed"])
    assert marks == [(2, "reported"), (4000, "background")]


def test_quoted_figure_after_a_killing_verb_is_linked() -> None:
    found = _by_outcome(
        "The militia's spokesman said his fighters had killed 'at least 30 border guards' at "
        "the crossing. The claim could not be independently verified."
    )
    marks = [(c.best, c.category.value, c.reliability.value) for c in found["killed"]]
    assert marks == [(30, "state_forces", "unverified")]


def test_correction_of_who_was_counted_keeps_the_figure_with_the_right_category() -> None:
    found = _by_outcome(
        "Correction: an earlier version of this report wrongly said the 40 people killed in the "
        "shelling of the depot were soldiers. They were porters unloading flour, the agency said."
    )
    marks = sorted((c.category.value, c.reliability.value) for c in found["killed"])
    assert [c.best for c in found["killed"]] == [40, 40]
    assert marks == [("civilians", "reported"), ("unknown", "retracted")]


def test_retraction_without_a_category_correction_adds_nothing() -> None:
    found = _by_outcome(
        "An earlier version of this story wrongly said 52 people were killed. They were "
        "taken to the district hospital."
    )
    assert [c.reliability.value for c in found["killed"]] == ["retracted"]
