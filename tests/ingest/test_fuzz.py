"""Fuzzed input through every way in (issue 13): files, JSONL, CSV, stdin and
``POST /api/v1/reports``, on SQLite and PostgreSQL.

For every generated input: no traceback, no 5xx, and it is either stored or recorded as a
failure; good inputs beside bad ones are all stored. ``make test`` runs a small budget (12
examples per test and database, about 200 inputs each, ~25 s in all);
``TOLLWATCH_FUZZ_EXAMPLES`` runs a large one (about 17 inputs per example), e.g.::

    TOLLWATCH_FUZZ_EXAMPLES=600 pytest tests/ingest/test_fuzz.py -s

The totals are printed at the end of the module (with ``-s``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, select, text

from api.conftest import TestClient, token_for
from conftest import PG_ADMIN_URL, require_postgres
from tollwatch.api import create_app
from tollwatch.config import Settings
from tollwatch.ingest import IngestOptions, ingest_bytes, ingest_paths
from tollwatch.models import report_id_for
from tollwatch.store import open_engine
from tollwatch.store.failures import open_places
from tollwatch.store.tables import reports

EXAMPLES = int(os.environ.get("TOLLWATCH_FUZZ_EXAMPLES", "12"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
NOW = datetime(2026, 1, 2, tzinfo=UTC)
TOTALS: Counter[str] = Counter()
URLS: dict[int, str] = {}

# --- what is generated ---------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "gunmen",
        "killed",
        "villagers",
        "shelling",
        "wounded",
        "the",
        "in",
        "on",
        "a",
        "road",
        "market",
        "Konduga",
        "Bama",
        "said",
        "police",
        "officials",
        "7",
        "12",
        "dozens",
        "at",
        "least",
        "two",
    ]
)
GOOD_TEXT = st.lists(_WORDS, min_size=3, max_size=14).map(lambda w: "Invented " + " ".join(w) + ".")
GOOD_DATE = st.dates(min_value=datetime(1990, 1, 1).date(), max_value=NOW.date()).map(
    lambda d: d.isoformat()
)
NASTY_CHARS = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "\ufeff", "\u202e", "\r", "\n", '"', ",", "[/]", "\\", "\x1b"]
)
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(NASTY_CHARS, _WORDS), max_size=12).map("".join),
    st.just(" " * 5),
)
NASTY_DATE = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "31/31/2025", "06/07/2025", "[/] 2025", ""]),
    st.text(max_size=12),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
)
NASTY_VALUE: st.SearchStrategy[Any] = st.one_of(
    NASTY_TEXT,
    st.integers(),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.text(max_size=400).map(lambda t: t * 3),  # long sources
)
RAW_LINES = st.one_of(
    st.binary(max_size=60),
    st.sampled_from(
        [
            "[" * 5000 + "]" * 5000,
            '{"text": "Invented big.", "n": ' + "9" * 5000 + "}",
            '{"text": "Invented \\ud800 lone."}',
            '{"text": "Invented\\u0000 NUL."}',
            "{broken",
            "[]",
            '"just a string"',
        ]
    ).map(str.encode),
)


@dataclass(frozen=True)
class Item:
    """One generated report: its fields, and whether it is good (must be stored)."""

    fields: dict[str, Any]
    good: bool


@st.composite
def items(draw: st.DrawFn) -> Item:
    if draw(st.booleans()):
        fields: dict[str, Any] = {"text": draw(GOOD_TEXT) + f" {uuid.uuid4().hex[:8]}"}
        if draw(st.booleans()):
            fields["date"] = draw(GOOD_DATE)
        if draw(st.booleans()):
            fields["source"] = draw(st.sampled_from(["Desk A", "Desk B", "Radio C"]))
        return Item(fields, True)
    fields = {"text": draw(st.one_of(NASTY_TEXT, GOOD_TEXT))}
    for key, value in (("date", NASTY_DATE), ("source", NASTY_VALUE), ("title", NASTY_VALUE)):
        if draw(st.booleans()):
            fields[key] = draw(value)
    if draw(st.booleans()):
        fields["url"] = draw(NASTY_TEXT)
    return Item(fields, False)


def _jsonl_line(item: Item) -> bytes:
    try:
        return json.dumps(item.fields).encode("utf-8")  # ASCII: surrogates as \ud800
    except (TypeError, ValueError):
        return b"{broken"


CSV_KEYS = ("text", "date", "source")


def _csv_bytes(batch: list[Item]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["text", "date", "source"])
    for item in batch:
        writer.writerow([str(item.fields.get(k, "")) for k in CSV_KEYS])
    return buf.getvalue().encode("utf-8", "surrogatepass")


def _txt_bytes(item: Item) -> bytes:
    head = "".join(f"{k}: {item.fields[k]}\n" for k in ("date", "source") if k in item.fields)
    body = str(item.fields.get("text", ""))
    return ((head + "\n" if head else "") + body).encode("utf-8", "surrogatepass")


# --- databases, one per dialect for the whole module ---------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def fuzz_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    schema = None
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    else:
        require_postgres()
        schema = "tw_fuzz_" + uuid.uuid4().hex[:10]
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in PG_ADMIN_URL else "?"
        url = f"{PG_ADMIN_URL}{sep}options=-csearch_path%3D{schema}"
    engine = open_engine(url)
    URLS[id(engine)] = url
    try:
        yield engine
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()
        inputs = sum(n for k, n in TOTALS.items() if k.endswith(" inputs"))
        print(f"\nfuzz totals ({request.param}, {inputs} inputs): {dict(sorted(TOTALS.items()))}")
        TOTALS.clear()


def _stored(engine: Engine, ids: set[str]) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(reports.c.id).where(reports.c.id.in_(ids))).scalars())


def _expected_id(item: Item) -> str:
    url = item.fields.get("url")
    return report_id_for(item.fields["text"].strip(), url.strip() if url else None)


def _accounted(engine: Engine, result: Any, units: int, label: str) -> None:
    """Every unit stored, a duplicate, or a failure recorded at its place."""
    whole = [r for r in result.rejected if r.line is None and label != "txt files"]
    if whole:  # the input as a whole was refused: one failure stands for all of it
        assert len(result.rejected) == 1 and not result.stored, result.rejected
    else:
        outcomes = len(result.stored) + len(result.duplicates) + len(result.rejected)
        assert outcomes == units, (label, result.summary())
    with engine.connect() as conn:
        places = open_places(conn)
    for r in result.rejected:
        assert (r.origin, r.line) in places, (label, str(r))
    TOTALS[f"{label} inputs"] += units
    TOTALS[f"{label} stored"] += len(result.stored) + len(result.duplicates)
    TOTALS[f"{label} rejected"] += len(result.rejected) if not whole else units


# --- the tests -------------------------------------------------------------------------------


@SETTINGS
@given(
    batch=st.lists(items(), min_size=1, max_size=6),
    raw_lines=st.lists(RAW_LINES, max_size=2),
    data=st.data(),
)
def test_fuzz_files_jsonl_csv_and_stdin(
    fuzz_engine: Engine, tmp_path_factory: pytest.TempPathFactory, batch: list[Item],
    raw_lines: list[bytes], data: st.DataObject,
) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("in")
    good = {_expected_id(i) for i in batch if i.good}
    # JSONL: the generated lines with raw nasty lines spliced in
    lines = [_jsonl_line(i) for i in batch]
    for raw in raw_lines:
        flat = raw.replace(b"\n", b" ").replace(b"\r", b" ")
        lines.insert(data.draw(st.integers(0, len(lines))), flat)
    lines = [ln for ln in lines if ln.strip()]
    (folder / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result = ingest_paths(fuzz_engine, [folder / "feed.jsonl"], clock=lambda: NOW)
    _accounted(fuzz_engine, result, len(lines), "jsonl")
    assert _stored(fuzz_engine, good) == good
    # CSV of the same items (text, date, source), and each item as a text file
    (folder / "feed.csv").write_bytes(_csv_bytes(batch))
    for n, item in enumerate(batch):
        (folder / f"note-{n}.txt").write_bytes(_txt_bytes(item))
    result = ingest_paths(fuzz_engine, [folder / "feed.csv"], clock=lambda: NOW)
    rows = [i for i in batch if any(str(i.fields.get(k, "")).strip() for k in CSV_KEYS)]
    _accounted(fuzz_engine, result, len(rows), "csv")  # blank rows are not inputs
    result = ingest_paths(fuzz_engine, sorted(folder.glob("note-*.txt")), clock=lambda: NOW)
    _accounted(fuzz_engine, result, len(batch), "txt files")
    # stdin: one text input and the JSONL bytes
    result = ingest_bytes(fuzz_engine, _txt_bytes(batch[0]), clock=lambda: NOW)
    _accounted(fuzz_engine, result, 1, "stdin")
    result = ingest_bytes(
        fuzz_engine, b"\n".join(lines), IngestOptions(format="jsonl"), clock=lambda: NOW
    )
    _accounted(fuzz_engine, result, len(lines), "stdin jsonl")
    assert _stored(fuzz_engine, good) == good


@pytest.fixture(scope="module")
def fuzz_client(fuzz_engine: Engine) -> Iterator[TestClient]:
    url = URLS[id(fuzz_engine)]
    app = create_app(Settings(database_url=url, public_read=True), engine=fuzz_engine)
    headers = {"Authorization": f"Bearer {token_for(fuzz_engine, 'fuzzer', 'analyst')}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as client:
        yield client


def _api_ok(response: Any, label: str) -> int:
    assert response.status_code < 500, (label, response.text[:500])
    if response.status_code >= 400:
        err = response.json()["error"]
        assert set(err) == {"code", "status", "message", "hint", "detail"}
        assert err["status"] == response.status_code
    TOTALS[f"api {label} inputs"] += 1
    TOTALS[f"api {label} {response.status_code}"] += 1
    return int(response.status_code)


@SETTINGS
@given(item=items(), raw=RAW_LINES)
def test_fuzz_api_post_reports(
    fuzz_client: TestClient, fuzz_engine: Engine, item: Item, raw: bytes
) -> None:
    try:
        body = json.dumps(item.fields).encode("utf-8")
    except (TypeError, ValueError):
        body = b"{broken"
    status = _api_ok(
        fuzz_client.post(
            "/api/v1/reports", content=body, headers={"Content-Type": "application/json"}
        ),
        "json",
    )
    if item.good:
        assert status in (200, 201)
        assert _stored(fuzz_engine, {_expected_id(item)})
    upload = _jsonl_line(item) + b"\n" + raw.replace(b"\n", b" ").replace(b"\r", b" ")
    _api_ok(
        fuzz_client.post("/api/v1/reports", files={"file": ("feed.jsonl", upload, "text/plain")}),
        "upload",
    )
    _api_ok(
        fuzz_client.post(
            "/api/v1/reports", files={"file": ("note.txt", _txt_bytes(item), "text/plain")}
        ),
        "upload txt",
    )
