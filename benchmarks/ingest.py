"""Ingest throughput: reports/s for generated reports on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--reports 10000] [--repeat 3] [--pg URL | --no-pg]

Each run writes the same generated reports (invented text, dates, sources and urls) as one
JSONL file and as a folder of .txt files with headers, and times ``ingest_paths`` on a fresh
database. The baseline, measured in the same run on the same reports, is the naive way:
every report saved in its own transaction (``save_reports`` with one report per commit).
Figures are medians of --repeat runs; the ratio is tollwatch ingest / baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import create_engine, text

from tollwatch.ingest import IngestOptions, ingest_paths, read_input, to_report
from tollwatch.ingest.records import Record
from tollwatch.store import open_engine
from tollwatch.store.reports import count_reports, save_reports

PG_DEFAULT = "postgresql+psycopg://root@127.0.0.1:5432/test"


def _rows(n: int) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield {
            "text": (
                f"Invented report {i}. Gunmen attacked a market in village {i % 211} on "
                f"Tuesday, residents said; the local monitor counted {i % 40} people killed "
                f"and {i % 17} injured. Traders said {i % 9} shops burned near road {i % 31}."
            ),
            "date": f"2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
            "source": f"Invented Outlet {i % 25}",
            "url": f"https://outlet{i % 25}.example/{i}",
            "title": f"Invented headline {i}",
        }


def write_inputs(folder: Path, n: int) -> tuple[Path, Path]:
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for row in _rows(n):
            f.write(json.dumps(row) + "\n")
    notes = folder / "notes"
    notes.mkdir()
    for i, row in enumerate(_rows(n)):
        (notes / f"{i:06d}.txt").write_text(
            f"date: {row['date']}\nsource: {row['source']}\nurl: {row['url']}\n"
            f"title: {row['title']}\n\n{row['text']}\n",
            encoding="utf-8",
        )
    return feed, notes


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
        yield f"sqlite:///{tmp}/bench.db"


@contextmanager
def pg_url(base: str) -> Iterator[str]:
    schema = "twbench_" + uuid.uuid4().hex[:10]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def run_ingest(url: str, path: Path, n: int) -> float:
    engine = open_engine(url)  # migration is outside the timing
    try:
        start = time.perf_counter()
        result = ingest_paths(engine, [path], IngestOptions(batch_size=200))
        elapsed = time.perf_counter() - start
        if len(result.stored) != n or result.rejected:
            raise SystemExit(f"ingest stored {len(result.stored)} of {n}: {result.summary()}")
        return n / elapsed
    finally:
        engine.dispose()


def run_baseline(url: str, path: Path, n: int) -> float:
    """The naive way: read, build each report, and commit it in its own transaction."""
    engine = open_engine(url)
    try:
        start = time.perf_counter()
        now = datetime.now(UTC)
        options = IngestOptions()
        for item in read_input(path.read_bytes(), "jsonl", str(path), options):
            assert isinstance(item, Record)
            with engine.begin() as conn:
                save_reports(conn, [to_report(item, options, now)])
        elapsed = time.perf_counter() - start
        with engine.connect() as conn:
            if count_reports(conn) != n:
                raise SystemExit("baseline did not store every report")
        return n / elapsed
    finally:
        engine.dispose()


def timed(make_url: Callable[[], AbstractContextManager[str]], fn: Callable[[str], float]) -> float:
    with make_url() as url:
        return fn(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=PG_DEFAULT, help="PostgreSQL admin URL")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()
    n = args.reports
    databases: list[tuple[str, Callable[[], AbstractContextManager[str]]]] = [
        ("sqlite", sqlite_url)
    ]
    if not args.no_pg:
        databases.append(("postgresql", lambda: pg_url(args.pg)))
    with tempfile.TemporaryDirectory(prefix="tw-bench-in-") as tmp:
        feed, notes = write_inputs(Path(tmp), n)
        print(
            f"ingest benchmark: {n} generated reports, median of {args.repeat} interleaved "
            "rounds (baseline, jsonl, txt); ratio = median of the rounds' ratios"
        )
        print(f"{'database':<11} {'input':<16} {'reports/s':>10} {'baseline/s':>11} {'ratio':>6}")
        inputs = (("jsonl (1 file)", feed), ("txt (n files)", notes))
        for name, make in databases:
            base: list[float] = []
            rates: dict[str, list[float]] = {label: [] for label, _ in inputs}
            for _ in range(args.repeat):
                base.append(timed(make, partial(run_baseline, path=feed, n=n)))
                for label, path in inputs:
                    rates[label].append(timed(make, partial(run_ingest, path=path, n=n)))
            b = statistics.median(base)
            for label, _ in inputs:
                rate = statistics.median(rates[label])
                ratio = statistics.median(r / x for r, x in zip(rates[label], base, strict=True))
                print(f"{name:<11} {label:<16} {rate:>10,.0f} {b:>11,.0f} {ratio:>5.1f}x")


if __name__ == "__main__":
    main()
