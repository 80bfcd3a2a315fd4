"""Table-driven sentences written for tollwatch: a weekday after "broke out/began" dates the
start of the events, not a statement."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.dates import find_dates
from tollwatch.models import Outcome

PUB = date(2025, 6, 14)  # a Saturday
FRI, THU = date(2025, 6, 13), date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # onset after "after ... broke out": from that day to publication
        ("Residents who left hours after the clashes broke out Friday said 9 of their neighbours were killed.", FRI, PUB),
        ("Days after the unrest began on Thursday, elders said 6 men had been killed.", THU, PUB),
        # a plain event date and a plain statement date are unchanged
        ("Gunmen killed 4 farmers on Friday, police said.", FRI, FRI),
        ("The clashes broke out Friday and 3 people were killed.", FRI, FRI),
    ],
)  # fmt: skip
def test_rules_onset_weekday_starts_the_range(text: str, start: date, end: date, nlp: Any) -> None:
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert len(killed) == 1
    assert (killed[0].date.start, killed[0].date.end) == (start, end)


def test_dates_onset_is_not_a_statement() -> None:
    text = "Residents who left after the clashes erupted Friday said that 5 were killed."
    (mention,) = find_dates(text, PUB)
    assert mention.onset and not mention.statement


def test_rules_onset_elsewhere_opens_the_running_toll(nlp: Any) -> None:
    # the onset is stated in one sentence, the running toll in another: the toll spans both days
    text = (
        "Riots broke out in the district on June 2 after a disputed vote. "
        "The ethnic unrest has killed at least 31 people in the state so far, officials said on Friday."
    )
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert len(killed) == 1
    assert (killed[0].date.start, killed[0].date.end) == (date(2025, 6, 2), FRI)


def test_rules_onset_elsewhere_leaves_incidents_alone(nlp: Any) -> None:
    text = (
        "Riots broke out in the district on June 2 after a disputed vote. "
        "Gunmen killed 4 farmers on Thursday, police said."
    )
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert len(killed) == 1
    assert (killed[0].date.start, killed[0].date.end) == (THU, THU)
