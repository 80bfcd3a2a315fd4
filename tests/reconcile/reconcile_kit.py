"""Hand-built claims for reconciliation tests (no extractor needed).

``claim(...)`` builds a geocoded Claim with a stable id; ``PLACES`` holds the places of the
sample corpus and of the shared example (gazetteer-like ids, coordinates close to the real
ones, admin codes as in GeoNames).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.reconcile import ReportInfo
from tollwatch.store.claims import claim_to_row

P = GeoPrecision


def place(
    name: str,
    pid: str,
    lat: float,
    lon: float,
    country: str,
    admin1: str,
    admin1_name: str,
    precision: GeoPrecision = P.EXACT,
) -> PlaceRef:
    return PlaceRef(
        mention=name,
        place_id=pid,
        name=name,
        lat=lat,
        lon=lon,
        country=country,
        admin1=admin1,
        admin1_name=admin1_name,
        precision=precision,
    )


PLACES = {
    "Konduga": place("Konduga", "geonames:2334008", 11.65, 13.42, "NG", "27", "Borno"),
    "Bama": place("Bama", "geonames:2347758", 11.52, 13.69, "NG", "27", "Borno"),
    "Gwoza": place("Gwoza", "geonames:2339287", 11.08, 13.69, "NG", "27", "Borno"),
    "Mubi": place("Mubi", "geonames:2331140", 10.27, 13.26, "NG", "03", "Adamawa"),
    "Borno": place("Borno", "geonames:2346794", 11.5, 13.0, "NG", "27", "Borno", P.ADM1),
    "Dikwa": place("Dikwa", "geonames:2343983", 12.04, 13.92, "NG", "27", "Borno"),
    "Tuwaym": place("Tuwaym", "geonames:9999001", 35.08, 36.56, "SY", "11", "Hama"),
    "Baniyas": place("Baniyas", "geonames:173576", 35.18, 35.94, "SY", "14", "Tartus"),
    "Latakia": place("Latakia", "geonames:173579", 35.52, 35.78, "SY", "09", "Latakia"),
    "Syria": place("Syria", "geonames:163843", 35.0, 38.0, "SY", "", "", P.COUNTRY),
}


def day(s: str) -> DateRange:
    d = date.fromisoformat(s)
    return DateRange(d, d, DatePrecision.DAY)


def since(s: str) -> DateRange:
    return DateRange(date.fromisoformat(s), None, DatePrecision.DAY, expression="since")


def claim(
    report_id: str,
    best: int | None,
    *,
    outcome: Outcome = Outcome.KILLED,
    category: Category = Category.CIVILIANS,
    where: str | PlaceRef | None = None,
    when: DateRange | None = None,
    scope: Scope = Scope.INCIDENT,
    qualifier: Qualifier = Qualifier.EXACT,
    low: int | None = None,
    high: int | None = None,
    attributed_to: str | None = None,
    span: int = 0,
    quote: str | None = None,
) -> Claim:
    if isinstance(where, str):
        where = PLACES[where]
    c = Claim(
        report_id=report_id,
        outcome=outcome,
        low=best if low is None else low,
        best=best,
        high=best if high is None else high,
        qualifier=qualifier,
        start=span,
        end=span + 10,
        quote=quote or f"{best} {outcome.value}",
        category=category,
        place=where or PlaceRef(),
        date=when or DateRange(),
        attributed_to=attributed_to,
        scope=scope,
        extractor_version="test",
    )
    return c.with_id()


def report(rid: str, published: str, source: str | None = None) -> ReportInfo:
    return ReportInfo(rid, date.fromisoformat(published), source)


K, INJ, CUM = Outcome.KILLED, Outcome.INJURED, Scope.CUMULATIVE
CIV, SF, NSA, UNK = (
    Category.CIVILIANS,
    Category.STATE_FORCES,
    Category.NON_STATE_ARMED,
    Category.UNKNOWN,
)


def sample_corpus() -> tuple[list[Claim], dict[str, ReportInfo]]:
    """Claims a careful reading of the bundled sample corpus yields (see docs/sample-corpus.md)."""
    reports = {
        r.id: r
        for r in [
            report("r01", "2025-06-11", "NECM"),
            report("r02", "2025-06-10", "Lake Chad Courier"),
            report("r03", "2025-06-11", "Sahel Wire"),
            report("r04", "2025-06-12", "NECM"),
            report("r05", "2025-06-12", "Radio Ndjimi"),
            report("r06", "2025-06-13", "Sahel Wire"),
            report("r07", "2025-06-14", "NECM"),
            report("r08", "2025-06-14", "Maiduguri Daily"),
            report("r11", "2025-06-11", "Maiduguri Daily"),
            report("r12a", "2025-06-12", "Lake Chad Courier"),
            report("r12b", "2025-06-12", "Maiduguri Daily"),
            report("r13a", "2025-06-13", "Radio Ndjimi"),
        ]
    }
    necm = "Northeast Casualty Monitor"
    claims = [
        # NECM running toll: 30 -> 52 -> 57 civilians, plus 12 soldiers, 20 insurgents, 89 in all
        claim("r01", 30, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to=necm),
        claim("r04", 52, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to=necm),
        claim("r07", 57, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to=necm),
        claim("r07", 12, category=SF, where="Borno", when=since("2025-06-10"), scope=CUM, span=20),
        claim("r07", 20, category=NSA, where="Borno", when=since("2025-06-10"), scope=CUM, span=40),
        claim("r07", 89, category=UNK, where="Borno", when=since("2025-06-10"), scope=CUM, span=60),
        claim(
            "r07", 40, outcome=INJ, category=UNK, where="Borno", when=since("2025-06-10"),
            scope=CUM, qualifier=Qualifier.AT_LEAST, span=80,
        ),
        # incident A, Konduga, Tuesday 10 June: 18 / 21 / about 20; dozens wounded
        claim("r02", 18, where="Konduga", when=day("2025-06-10"), qualifier=Qualifier.AT_LEAST),
        claim("r03", 21, category=UNK, where="Konduga", when=day("2025-06-10")),
        claim("r11", 20, where="Konduga", when=day("2025-06-10"), qualifier=Qualifier.ABOUT),
        claim(
            "r11", 12, outcome=INJ, category=UNK, where="Konduga", when=day("2025-06-10"),
            qualifier=Qualifier.VAGUE, low=12, high=99, span=30,
        ),
        claim(
            "r12b", 12, outcome=INJ, category=UNK, where="Konduga", when=day("2025-06-10"),
            qualifier=Qualifier.VAGUE, low=12, high=99,
        ),
        # incident B, Bama, 11 June: 14 villagers; several abducted
        claim("r05", 14, where="Bama", when=day("2025-06-11")),
        claim(
            "r12a", 3, outcome=Outcome.DETAINED, where="Bama", when=day("2025-06-11"),
            qualifier=Qualifier.VAGUE, low=2, high=9,
        ),
        # incident C, Gwoza road, 12 June: seven soldiers and 15 militants
        claim("r06", 7, category=SF, where="Gwoza", when=day("2025-06-12")),
        claim("r06", 15, category=NSA, where="Gwoza", when=day("2025-06-12"), span=30),
        # incident D, Mubi (Adamawa), 13 June: six civilians killed, up to 30 abducted
        claim("r08", 6, where="Mubi", when=day("2025-06-13")),
        claim(
            "r08", 30, outcome=Outcome.DETAINED, category=UNK, where="Mubi",
            when=day("2025-06-13"), qualifier=Qualifier.AT_MOST, low=0, span=30,
        ),
        # displacement and missing
        claim(
            "r13a", 2000, outcome=Outcome.DISPLACED, category=UNK, where="Konduga",
            when=DateRange(), qualifier=Qualifier.AT_LEAST,
        ),
        claim(
            "r13a", 3, outcome=Outcome.MISSING, category=UNK, where="Konduga",
            qualifier=Qualifier.VAGUE, low=2, high=9, span=40,
        ),
    ]  # fmt: skip
    return claims, reports


def coastal_example() -> tuple[list[Claim], dict[str, ReportInfo]]:
    """Claims a careful reading of ../shared/examples/coastal-violence-2025-03.txt yields."""
    rid = "rcoast"
    reports = {rid: report(rid, "2025-03-09", None)}
    sohr = "Syrian Observatory for Human Rights"
    began = since("2025-03-06")
    claims = [
        claim(
            rid, 1000, category=UNK, scope=CUM, qualifier=Qualifier.AT_LEAST,
            attributed_to="a war monitoring group", when=began,
        ),
        claim(rid, 745, scope=CUM, attributed_to=sohr, span=100, when=began),
        claim(rid, 125, category=SF, scope=CUM, attributed_to=sohr, span=120, when=began),
        claim(rid, 148, category=NSA, scope=CUM, attributed_to=sohr, span=140, when=began),
        claim(rid, 5, where="Baniyas", when=day("2025-03-07"), span=300),
        claim(
            rid, 20, where="Baniyas", when=day("2025-03-07"), qualifier=Qualifier.AT_LEAST,
            span=400,
        ),
        claim(rid, 31, where="Tuwaym", when=day("2025-03-07"), span=500),
    ]  # fmt: skip
    return claims, reports


def store(engine: Engine, claims: list[Claim], reports: dict[str, ReportInfo]) -> None:
    """Write reports (with their outlets) and claims into the core tables, as ingest would."""
    from datetime import UTC, datetime

    from sqlalchemy import insert, select

    from tollwatch.store.tables import claims as claims_t
    from tollwatch.store.tables import reports as reports_t
    from tollwatch.store.tables import sources as sources_t

    with engine.begin() as conn:
        source_ids: dict[str, int] = {}
        for info in reports.values():
            if info.source and info.source not in source_ids:
                found = conn.execute(
                    select(sources_t.c.id).where(sources_t.c.name == info.source)
                ).scalar()
                if found is None:
                    found = conn.execute(
                        insert(sources_t).values(name=info.source).returning(sources_t.c.id)
                    ).scalar_one()
                source_ids[info.source] = found
        conn.execute(
            insert(reports_t),
            [
                {
                    "id": r.id,
                    "content_hash": r.id,
                    "text": f"report {r.id}",
                    "source_id": source_ids.get(r.source or ""),
                    "published": r.published,
                    "date_missing": r.published is None,
                    "language": "en",
                    "sensitive": False,
                    "ingested_at": datetime.now(UTC),
                }
                for r in reports.values()
            ],
        )
        if claims:
            conn.execute(insert(claims_t), [claim_row(c) for c in claims])


def claim_row(c: Claim, review_state: str = "unreviewed") -> dict[str, object]:
    """The ``claims`` row of a geocoded test claim with the given review state."""
    return {**claim_to_row(c), "geocoder_version": "test", "review_state": review_state}
