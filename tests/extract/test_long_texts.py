"""Very long reports (issue 13, defect 5): a text of over a million characters without a
sentence break is read in pieces (it exceeded spaCy's max_length and failed every run), and
a report keeps a bounded number of claims, the cap named in the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select

from tollwatch.extract.service import chunk_spans, extract_reports
from tollwatch.models import Report
from tollwatch.store import open_engine, transaction
from tollwatch.store.claims import list_claims
from tollwatch.store.tables import reports
from tollwatch.store.tables.security import audit_log


def _store(engine: Engine, text: str) -> str:
    r = Report.create(text, published=date(2025, 6, 11))
    with transaction(engine) as conn:
        conn.execute(
            insert(reports).values(
                id=r.id,
                content_hash=r.content_hash,
                text=r.text,
                published=r.published,
                language="en",
                date_missing=False,
                sensitive=False,
                ingested_at=datetime.now(UTC),
            )
        )
    return r.id


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=400),
    limit=st.integers(min_value=1, max_value=60),
)
def test_chunk_spans_cover_the_text_in_bounded_pieces(text: str, limit: int) -> None:
    spans = chunk_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans if len(text))


def test_extract_a_text_of_a_million_characters_without_a_sentence_break(
    tmp_path: Path,
) -> None:
    filler = "the convoy moved slowly along the dusty road past the fields " * 17_000
    event = "gunmen killed 12 villagers in Konduga on Monday a local official said "
    text = filler + event + filler[:60_000]
    assert len(text) > 1_000_000 and "." not in text
    engine = open_engine(f"sqlite:///{tmp_path / 'long.db'}")
    try:
        rid = _store(engine, text)
        stats = extract_reports(engine, [rid])  # ValueError (spaCy E088) before the fix
        with engine.connect() as conn:
            found = list_claims(conn, report_id=rid)
    finally:
        engine.dispose()
    assert stats.reports == 1 and stats.capped == ()
    assert [(c.best, c.outcome.value) for c in found] == [(12, "killed")]
    (claim,) = found
    # the span is shifted back onto the whole text (its piece began at 900,000 or later)
    assert claim.end > len(filler) and text[claim.start : claim.end] == claim.quote
    assert "killed 12" in claim.quote


def test_extract_caps_the_claims_of_one_report(engine: Engine) -> None:
    text = " ".join(f"Gunmen killed {n} villagers in Konduga on Monday." for n in range(2, 9))
    rid = _store(engine, text)
    stats = extract_reports(engine, [rid], max_claims=3)
    with engine.connect() as conn:
        found = list_claims(conn, report_id=rid)
        capped = conn.execute(
            select(audit_log.c.target).where(audit_log.c.action == "extract.claims_capped")
        ).scalars()
        assert list(capped) == [f"report:{rid}"]
    assert stats.capped == (rid,)
    assert [c.best for c in found] == [2, 3, 4]  # the first three in the text
