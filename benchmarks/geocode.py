"""Geocoding throughput: mentions resolved per second after warm-up, against a naive baseline
measured in the same run, and gazetteer import rows per second.

    .venv/bin/python benchmarks/geocode.py [--mentions 20000] [--import-rows 200000]

The mention corpus is synthetic but realistic: names drawn from the gazetteer itself (with
spelling variants and unknown names mixed in), resolved in a few fixed report contexts. The
naive baseline is a linear scan of an in-memory name list (what a gazetteer without an index
does), measured on a small sample and reported per mention, right after each of --repeat
rounds of the resolver; the ratio is the median of the rounds' CPU ratios. The gazetteer
import has no same-run baseline: its rows/s is an absolute figure.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from tollwatch.geo import GeoContext, build_context, ensure_gazetteer, geocode, import_files
from tollwatch.geo._text import name_key
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.geo.spotting import spot_places


def _mentions(path: Path, n: int, rng: random.Random) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [
            r[0] for r in conn.execute("SELECT name FROM places WHERE population > 0 ORDER BY gid")
        ]
    out = []
    for _ in range(n):
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.1:
            name = "Al-" + name
        elif roll < 0.15:
            name = name + "xq"  # unknown
        elif roll < 0.2:
            name = name + " province"
        out.append(name)
    return out


def _contexts(gaz: Gazetteer) -> list[GeoContext]:
    return [
        build_context(["Syria", "Latakia", "Baniyas"], gaz),
        build_context(["Nigeria", "Maiduguri", "Borno"], gaz),
        build_context(["Louisiana", "Alexandria"], gaz),
        GeoContext(),
    ]


def bench_resolve(gaz: Gazetteer, mentions: list[str]) -> tuple[float, float]:
    contexts = _contexts(gaz)
    for m in mentions[:2000]:  # warm-up: caches and pages
        geocode(m, contexts[0], gaz)
    gaz.lookup.cache_clear()
    gaz.lookup_skeleton.cache_clear()
    for m in mentions[:2000]:
        geocode(m, contexts[0], gaz)
    t, c = time.perf_counter(), time.process_time()
    for i, m in enumerate(mentions):
        geocode(m, contexts[i % len(contexts)], gaz)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    return len(mentions) / wall, len(mentions) / cpu


def bench_linking(gaz: Gazetteer, names: list[str], reports: int) -> tuple[float, float, int]:
    """Whole reports through spotting and linking (``place_claims``): place mentions found
    and resolved per CPU second, reports per CPU second. Sentences are our own templates."""
    rng = random.Random(11)
    texts = []
    for _ in range(reports):
        a, b, c = (rng.choice(names) for _ in range(3))
        texts.append(
            f"Shelling hit {a} on Monday. Four people were killed in {b} province, "
            f"medics in {c} said. Nine others were wounded near {a}."
        )
    spots = [ClaimSpot(0, 30), ClaimSpot(31, 100), ClaimSpot(100, 140)]
    for text in texts[:50]:  # warm-up
        place_claims(text, spots, gaz)
    found = sum(len(spot_places(t, gaz)) for t in texts)
    c = time.process_time()
    for text in texts:
        place_claims(text, spots, gaz)
    cpu = time.process_time() - c
    return found / cpu, len(texts) / cpu, found


def bench_naive(path: Path, mentions: list[str]) -> tuple[float, float]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, lat, lon, population FROM places").fetchall()
    table = [(name_key(r[0]), r) for r in rows]
    sample = mentions[:50]
    t, c = time.perf_counter(), time.process_time()
    for m in sample:
        key = name_key(m)
        hits = [r for k, r in table if k == key]
        max(hits, key=lambda r: r[3], default=None)
    return len(sample) / (time.perf_counter() - t), len(sample) / (time.process_time() - c)


def bench_import(rows: int) -> tuple[float, float]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "XX.txt"
        with dump.open("w", encoding="utf-8") as fh:
            for i in range(rows):
                name = "Place" + "".join(rng.choice("abcdefghijklmnop") for _ in range(8))
                cols = [
                    str(10_000_000 + i),
                    name,
                    name,
                    f"{name}a,{name}b",
                    f"{rng.uniform(-60, 60):.5f}",
                    f"{rng.uniform(-180, 180):.5f}",
                    "P",
                    "PPL",
                    "XX",
                    "",
                    "01",
                    "",
                    "",
                    "",
                    str(rng.randint(0, 100000)),
                    "",
                    "0",
                    "UTC",
                    "2025-01-01",
                ]
                fh.write("\t".join(cols) + "\n")
        t, c = time.perf_counter(), time.process_time()
        import_files([dump], Path(tmp) / "g.sqlite", builtin=False)
        return rows / (time.perf_counter() - t), rows / (time.process_time() - c)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=20_000)
    ap.add_argument("--import-rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reports", type=int, default=2_000, help="reports for the linking run")
    args = ap.parse_args()
    path = ensure_gazetteer()
    gaz = Gazetteer(path)
    mentions = _mentions(path, args.mentions, random.Random(42))
    rounds = [
        (bench_resolve(gaz, mentions), bench_naive(path, mentions)) for _ in range(args.repeat)
    ]
    med = statistics.median
    fast, fast_cpu = med(r[0][0] for r in rounds), med(r[0][1] for r in rounds)
    naive, naive_cpu = med(r[1][0] for r in rounds), med(r[1][1] for r in rounds)
    ratio = med(r[0][1] / r[1][1] for r in rounds)
    print(
        f"geocode: {fast:,.0f} mentions/s wall, {fast_cpu:,.0f}/s per CPU second, after warm-up "
        f"(median of {args.repeat} rounds, each followed by the baseline)"
    )
    print(
        f"naive linear-scan lookup (same rounds): {naive:,.1f} mentions/s wall, "
        f"{naive_cpu:,.1f}/s CPU -> median of round ratios (CPU) {ratio:,.0f}x"
    )
    names = [m for m in mentions if m.isascii() and " " not in m and m[:1].isupper()]
    per_mention, per_report, found = bench_linking(gaz, names[:5000], args.reports)
    print(
        f"spotting + linking: {per_mention:,.0f} place mentions/s per CPU second, "
        f"{per_report:,.0f} reports/s ({args.reports:,} reports, {found:,} mentions)"
    )
    rate, rate_cpu = bench_import(args.import_rows)
    print(
        f"gazetteer import: {rate:,.0f} geoname rows/s wall, {rate_cpu:,.0f}/s CPU "
        f"({args.import_rows:,} rows)"
    )


if __name__ == "__main__":
    main()
