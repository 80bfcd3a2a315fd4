from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, select, text, update
from typer.testing import CliRunner

from tollwatch.audit import GENESIS, find_problems, iter_entries, record, verify, verify_or_raise
from tollwatch.audit.chain import AuditEntry, canonical_json, entry_hash
from tollwatch.cli import app
from tollwatch.errors import AuditChainBroken
from tollwatch.store.tables.security import audit_log


def _write(engine: Engine, n: int = 4) -> None:
    for i in range(n):
        with engine.begin() as conn:
            record(
                conn,
                "amira",
                "claim.verified",
                f"claim:c{i}",
                {"review_state": "unreviewed"},
                {"review_state": "verified", "n": i, "when": datetime(2025, 3, 7, tzinfo=UTC)},
            )


def test_audit_chain_verifies(engine: Engine) -> None:
    _write(engine)
    with engine.connect() as conn:
        count, head, problems = verify(conn)
        entries = list(iter_entries(conn))
    assert (count, problems) == (4, [])
    assert head == entries[-1].hash
    assert entries[0].prev_hash == GENESIS
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("after", '{"review_state":"rejected"}'),
        ("actor", "mallory"),
        ("target", "claim:other"),
        ("before", None),
    ],
)
def test_audit_edit_by_hand_is_detected(engine: Engine, column: str, value: str | None) -> None:
    _write(engine)
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values({column: value}))
    with engine.connect() as conn:
        _, _, problems = verify(conn)
        assert [p.seq for p in problems] == [2]
        with pytest.raises(AuditChainBroken, match="entry 2"):
            verify_or_raise(conn)


def test_audit_rehashed_edit_is_detected(engine: Engine) -> None:
    """Editing a row AND fixing its own hash still breaks the link to the next entry."""
    _write(engine)
    with engine.connect() as conn:
        second = next(e for e in iter_entries(conn) if e.seq == 2)
    forged = AuditEntry(**{**{s: getattr(second, s) for s in AuditEntry.__slots__}, "actor": "x"})
    new_hash = entry_hash(forged.prev_hash, forged.content())
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(actor="x", hash=new_hash))
    with engine.connect() as conn:
        _, _, problems = verify(conn)
    assert [p.seq for p in problems] == [3]


@pytest.mark.parametrize("seq", [1, 2, 4])
def test_audit_deleted_row_is_detected(engine: Engine, seq: int) -> None:
    _write(engine)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == seq))
    with engine.connect() as conn:
        _, _, problems = verify(conn)
    assert problems, f"deleting entry {seq} went unnoticed"


def test_audit_entry_rolls_back_with_its_write(engine: Engine) -> None:
    _write(engine, 1)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        record(conn, "amira", "claim.rejected", "claim:c9", None, {"x": 1})
        raise RuntimeError("the write failed")
    _write(engine, 1)
    with engine.connect() as conn:
        count, _, problems = verify(conn)
        assert conn.execute(select(audit_log.c.target)).scalars().all() == ["claim:c0"] * 2
    assert (count, problems) == (2, [])


def test_audit_canonical_json_is_order_free() -> None:
    assert canonical_json({"b": 1, "a": [1, "é"]}) == canonical_json({"a": [1, "é"], "b": 1})
    assert canonical_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'
    assert canonical_json(None) is None


def test_audit_find_problems_reports_reordering() -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    entries = []
    prev = GENESIS
    for seq in (1, 2, 3):
        e = AuditEntry(seq, at, "a", "x", f"t{seq}", None, None, prev, "")
        h = entry_hash(prev, e.content())
        entries.append(AuditEntry(seq, at, "a", "x", f"t{seq}", None, None, prev, h))
        prev = h
    assert find_problems(entries, head=(3, prev)) == []
    swapped = [entries[0], entries[2], entries[1]]
    assert find_problems(swapped, head=(3, prev))


def test_audit_cli_verify_passes_then_fails_after_edit(db_url: str, engine: Engine) -> None:
    _write(engine, 3)
    runner = CliRunner()
    ok = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "intact: 3 entries" in ok.output
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"))
    bad = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert bad.exit_code == 1
    assert "entry 1" in bad.output
    log = runner.invoke(app, ["--db", db_url, "audit", "log", "--json"])
    assert log.exit_code == 0
    assert '"actor": "mallory"' in log.output


def test_audit_concurrent_writers_keep_one_chain(engine: Engine) -> None:
    import threading

    _write(engine, 1)  # the head row exists
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(10):
                with engine.begin() as conn:
                    record(conn, f"w{k}", "claim.verified", f"claim:{k}-{i}", None, {"i": i})
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as conn:
        count, _, problems = verify(conn)
    assert (count, problems) == (41, [])
