"""Ingest into real databases (SQLite and PostgreSQL through the ``engine`` fixture)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from tollwatch.ingest import IngestOptions, ingest_bytes, ingest_paths, retry_failed
from tollwatch.ingest.inputs import sample_dir, sample_paths
from tollwatch.ingest.service import stdin_origin
from tollwatch.models import report_id_for
from tollwatch.store.failures import list_failures
from tollwatch.store.reports import count_reports, get_report, list_reports
from tollwatch.store.tables import reports, sources

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def _good_folder(folder: Path, n: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"note-{i:02d}.txt").write_text(
            f"date: 2025-06-{i + 1:02d}\nsource: Field Team {i % 3}\n\n"
            f"Invented field note {i}: the convoy passed the checkpoint without incident."
        )
    return folder


def test_service_sample_corpus_stores_15_then_nothing(engine: Engine) -> None:
    with sample_dir() as folder:
        paths = sample_paths(folder)
        first = ingest_paths(engine, paths, clock=clock)
        second = ingest_paths(engine, paths, clock=clock)
    assert first.ok and len(first.stored) == 15 and not first.duplicates
    assert second.ok and second.stored == () and sorted(second.duplicates) == sorted(first.stored)
    assert "15 already stored" in second.summary()
    with engine.connect() as conn:
        assert count_reports(conn) == 15
        names = set(conn.execute(select(sources.c.name)).scalars())
        necm = list_reports(conn, source="Northeast Casualty Monitor")
    assert {"Northeast Casualty Monitor", "Lake Chad Courier", "Radio Ndjimi"} <= names
    assert [r.report.published for r in necm] == [
        date(2025, 6, 14),
        date(2025, 6, 12),
        date(2025, 6, 11),
    ]


def test_service_folder_with_one_corrupt_file(engine: Engine, tmp_path: Path) -> None:
    folder = _good_folder(tmp_path / "in")
    corrupt = folder / "broken.txt"
    corrupt.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 10)
    result = ingest_paths(engine, [folder], clock=clock)
    assert len(result.stored) == 10
    assert len(result.rejected) == 1
    (rej,) = result.rejected
    assert rej.origin == str(corrupt) and "binary" in str(rej) and rej.error.code == "TW012"
    assert not result.ok
    with engine.connect() as conn:
        (failure,) = list_failures(conn)
        assert count_reports(conn) == 10
    assert failure.origin == str(corrupt) and failure.raw == corrupt.read_bytes()
    assert failure.code == "TW012" and failure.attempts == 1
    assert json.loads(failure.options or "{}")["format"] == "txt"
    # the same command again: nothing new, the failure counted once more, not duplicated
    again = ingest_paths(engine, [folder], clock=clock)
    assert again.stored == () and len(again.duplicates) == 10 and len(again.rejected) == 1
    with engine.connect() as conn:
        (failure,) = list_failures(conn)
    assert failure.attempts == 2


def test_service_retry_failed_resolves_what_now_reads(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "undated-bad.txt").write_text("date: 31/31/2025\n\nInvented note about a road.")
    (folder / "rows.csv").write_text(
        "body,when\nInvented row one.,2025-06-01\nInvented row two.,2025-06-02\n"
    )
    (folder / "missing.txt").write_text("date: 2025-06-03\n\nInvented note three.")
    first = ingest_paths(engine, [folder, tmp_path / "nowhere.txt"], clock=clock)
    codes = sorted((Path(r.origin).name, r.line, r.error.code) for r in first.rejected)
    assert codes == [
        ("nowhere.txt", None, "TW011"),
        ("rows.csv", None, "TW013"),
        ("undated-bad.txt", None, "TW014"),
    ]
    assert len(first.stored) == 1
    # retry with the missing options: the date replaces the unreadable one, the column map
    # makes the CSV readable; the file that does not exist still fails
    retried = retry_failed(
        engine,
        IngestOptions(date=date(2025, 6, 9), fields=(("date", "when"), ("text", "body"))),
        clock=clock,
    )
    assert len(retried.stored) == 3
    assert [r.error.code for r in retried.rejected] == ["TW011"]
    with engine.connect() as conn:
        open_failures = list_failures(conn)
        all_failures = list_failures(conn, unresolved_only=False)
        dated = {r.report.text: r.report.published for r in list_reports(conn)}
    assert [f.code for f in open_failures] == ["TW011"] and open_failures[0].attempts == 2
    assert sum(f.resolved_at is not None for f in all_failures) == 2
    assert dated["Invented note about a road."] == date(2025, 6, 9)
    assert dated["Invented row two."] == date(2025, 6, 2)


def test_service_retry_of_one_csv_row_keeps_its_row_number(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("text,date\nFirst invented row.,2025-06-01\nSecond invented row.,06/07/2025\n")
    first = ingest_paths(engine, [path], clock=clock)
    assert [(r.line, r.error.code) for r in first.rejected] == [(3, "TW014")]
    retried = retry_failed(engine, IngestOptions(date=date(2025, 6, 7)), clock=clock)
    assert retried.ok and len(retried.stored) == 1
    with engine.connect() as conn:
        stored = get_report(conn, retried.stored[0])
        assert list_failures(conn) == []
    assert stored.report.origin == f"{path}:3"
    assert stored.report.published == date(2025, 6, 7)


def test_service_failure_resolved_when_fixed_file_is_ingested(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Invented note \u00e9crit en latin-1.".encode("latin-1"))
    assert not ingest_paths(engine, [path], clock=clock).ok
    path.write_text("Invented note \u00e9crit en UTF-8.", encoding="utf-8")
    fixed = ingest_paths(engine, [path], clock=clock)
    assert fixed.ok and fixed.resolved == 1
    with engine.connect() as conn:
        assert list_failures(conn) == []


def test_service_force_restores_and_clears_versions(engine: Engine, tmp_path: Path) -> None:
    folder = _good_folder(tmp_path / "in", 3)
    first = ingest_paths(engine, [folder], clock=clock)
    with engine.begin() as conn:
        conn.execute(update(reports).values(extractor_version="x1", geocoder_version="g1"))
    forced = ingest_paths(engine, [folder], IngestOptions(force=True), clock=clock)
    assert forced.stored == () and sorted(forced.updated) == sorted(first.stored)
    assert forced.processed == forced.updated
    with engine.connect() as conn:
        versions = conn.execute(select(reports.c.extractor_version, reports.c.geocoder_version))
        assert set(versions) == {(None, None)}
        assert count_reports(conn) == 3


def test_service_same_text_other_url_is_another_report(engine: Engine) -> None:
    raw = (
        b'{"text": "Same invented words.", "url": "https://a.example/1"}\n'
        b'{"text": "Same  invented\\nwords.", "url": "https://a.example/2"}\n'
        b'{"text": "Same invented words. ", "url": "https://a.example/1"}\n'
    )
    result = ingest_bytes(engine, raw, IngestOptions(format="jsonl"), clock=clock)
    assert len(result.stored) == 2 and len(result.duplicates) == 1
    assert result.stored[0] == report_id_for("Same invented words.", "https://a.example/1")


def test_service_stdin_text_with_first_line_date(engine: Engine) -> None:
    raw = b" date 2025-06-11 Invented text arriving on stdin.\n"
    result = ingest_bytes(engine, raw, IngestOptions(), clock=clock)
    with engine.connect() as conn:
        stored = get_report(conn, result.stored[0])
    assert stored.report.published == date(2025, 6, 11)
    assert stored.report.text == "Invented text arriving on stdin."
    assert stored.report.origin == stdin_origin(raw)


def test_service_undated_report_is_flagged_and_date_option_fills(
    engine: Engine, tmp_path: Path
) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Invented undated note A.")
    b = tmp_path / "b.txt"
    b.write_text("Invented undated note B.")
    undated = ingest_paths(engine, [a], clock=clock)
    dated = ingest_paths(engine, [b], IngestOptions(date=date(2025, 6, 5)), clock=clock)
    assert undated.date_missing == undated.stored and dated.date_missing == ()
    with engine.connect() as conn:
        ra = get_report(conn, undated.stored[0])
        rb = get_report(conn, dated.stored[0])
    assert ra.date_missing and ra.report.published is None
    assert not rb.date_missing and rb.report.published == date(2025, 6, 5)


def test_service_small_batches_store_everything(engine: Engine, tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Invented line {i}.", "source": f"S{i % 4}"}) for i in range(23)]
    lines.insert(5, "{broken")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "f.jsonl").write_text("\n".join(lines))
    result = ingest_paths(engine, [folder], IngestOptions(batch_size=4), clock=clock)
    assert len(result.stored) == 23 and [r.line for r in result.rejected] == [6]
    with engine.connect() as conn:
        assert count_reports(conn) == 23
        assert len(list(conn.execute(select(sources.c.id)))) == 4


def test_service_shared_example_stores_one_dated_report(engine: Engine, example_path: Path) -> None:
    first = ingest_paths(engine, [example_path], clock=clock)
    assert first.ok and len(first.stored) == 1
    with engine.connect() as conn:
        stored = get_report(conn, first.stored[0])
    assert stored.report.published == date(2025, 3, 9)
    assert not stored.report.text.lstrip().lower().startswith("date")
    assert "2025-03-09" not in stored.report.text
    again = ingest_paths(engine, [example_path], clock=clock)
    assert again.stored == () and again.duplicates == first.stored


@pytest.mark.parametrize("name", ["notes.pdf", "README"])
def test_service_unknown_file_type_is_a_failure_not_lost(
    engine: Engine, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    (folder / name).write_text("Invented text in an unexpected file.")
    (folder / ".hidden.txt").write_text("Hidden files are skipped.")
    (folder / ".git" / "config.txt").write_text("Hidden folders are skipped.")
    result = ingest_paths(engine, [folder], clock=clock)
    assert [r.error.code for r in result.rejected] == ["TW012"]
    assert "unknown file type" in str(result.rejected[0])
    still = retry_failed(engine, clock=clock)  # no --format: still not readable
    assert [r.error.code for r in still.rejected] == ["TW012"] and still.stored == ()
    with engine.connect() as conn:
        assert [f.attempts for f in list_failures(conn)] == [2]
    retried = retry_failed(engine, IngestOptions(format="txt"), clock=clock)
    assert retried.ok and len(retried.stored) == 1


BAD_INPUTS = [
    # (file name, bytes, code, words in the reason, line)
    ("empty.txt", b"", "TW012", "empty input", None),
    ("blank.md", b"\n \n\t\n", "TW012", "empty input", None),
    ("header-only.md", b"date: 2025-06-01\nsource: X\n", "TW012", "no report text", None),
    ("binary.txt", b"GIF89a\x00\x01\x00\x00\xff", "TW012", "binary", None),
    (
        "latin1.txt",
        "r\u00e9sum\u00e9 \u00e9crit".encode("latin-1"),
        "TW012",
        "not valid UTF-8",
        None,
    ),
    ("bad-date.txt", b"date: 2025-02-30\n\nInvented.", "TW014", "does not exist", None),
    ("ambiguous.md", b"date 03/04/2025\n\nInvented.", "TW014", "ambiguous", None),
    ("rows.jsonl", b'{"text": "Fine invented row."}\n{"text": }\n', "TW013", "invalid JSON", 2),
    ("rows.csv", b"text,date\nFine invented row.,2025-06-01\nA,B,C\n", "TW013", "3 fields", 3),
    ("nohead.csv", b"body\nInvented.\n", "TW013", "no 'text' column", None),
    ("dated.csv", b"text,date\nInvented row.,someday 2025\n", "TW014", "someday", 2),
    (
        "page.html",
        b"<html><head><title>T</title></head><body></body></html>",
        "TW012",
        "no main text",
        None,
    ),
    ("scan.pdf", b"%PDF-1.4 invented", "TW012", "unknown file type", None),
]


@pytest.mark.parametrize(
    ("name", "raw", "code", "reason", "line"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_service_bad_input_is_named_kept_and_good_input_stored(
    engine: Engine,
    tmp_path: Path,
    name: str,
    raw: bytes,
    code: str,
    reason: str,
    line: int | None,
) -> None:
    folder = _good_folder(tmp_path / "in", 2)
    bad = folder / name
    bad.write_bytes(raw)
    result = ingest_paths(engine, [folder], clock=clock)
    good_rows = 1 if raw.startswith((b"{", b"text,date\nFine")) else 0
    assert len(result.stored) == 2 + good_rows
    (rejection,) = result.rejected
    assert (rejection.origin, rejection.line, rejection.error.code) == (str(bad), line, code)
    assert reason in str(rejection) and str(rejection).startswith(str(bad))
    with engine.connect() as conn:
        (failure,) = list_failures(conn)
    assert (failure.origin, failure.line, failure.code) == (str(bad), line, code)
    if name == "scan.pdf":  # not read at all: a retry reads the file again
        assert failure.raw is None
    elif line is None:  # the whole input
        assert failure.raw == raw
    elif name.endswith(".jsonl"):  # just the line
        assert failure.raw == raw.splitlines()[line - 1]
    else:  # the CSV header and the row, readable on their own
        assert failure.raw is not None and failure.raw.startswith(b"text,date\r\n")
        assert failure.raw.count(b"\r\n") == 2
