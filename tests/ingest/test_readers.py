from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from tollwatch.errors import BadDate, IngestError, MalformedRecord, UnreadableInput
from tollwatch.ingest.options import IngestOptions, parse_field_map
from tollwatch.ingest.readers import decode, format_for, read_input
from tollwatch.ingest.records import Record, Rejection, to_report

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _records(raw: bytes, fmt: str, options: IngestOptions | None = None) -> list[Record]:
    items = list(read_input(raw, fmt, f"in.{fmt}", options or IngestOptions()))
    assert all(isinstance(i, Record) for i in items), items
    return [i for i in items if isinstance(i, Record)]


def _rejections(raw: bytes, fmt: str, options: IngestOptions | None = None) -> list[Rejection]:
    return [
        i
        for i in read_input(raw, fmt, f"in.{fmt}", options or IngestOptions())
        if isinstance(i, Rejection)
    ]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "txt"),
        ("A.MD", "md"),
        ("x.markdown", "md"),
        ("p.html", "html"),
        ("p.htm", "html"),
        ("f.jsonl", "jsonl"),
        ("f.ndjson", "jsonl"),
        ("t.csv", "csv"),
        ("t.tsv", "csv"),
        ("doc.pdf", None),
        ("noext", None),
    ],
)
def test_readers_format_from_extension(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 attaqu\u00e9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_readers_decode_refuses_unreadable_bytes(raw: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput, match=reason):
        decode(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeffText \u2014 ok".encode(),
        "Text \u2014 ok".encode("utf-16"),
        "Text \u2014 ok".encode(),
    ],
)
def test_readers_decode_accepts_utf8_bom_and_utf16(raw: bytes) -> None:
    assert decode(raw).lstrip("\ufeff") == "Text \u2014 ok"


def test_readers_text_file_with_header() -> None:
    raw = b"date: 2025-06-11\nsource: Sahel Wire\ntitle: T\n\nSeven were killed."
    (rec,) = _records(raw, "txt")
    assert (rec.date, rec.source, rec.title, rec.text) == (
        "2025-06-11",
        "Sahel Wire",
        "T",
        "Seven were killed.",
    )
    assert rec.raw == raw


def test_readers_html_main_text_and_metadata() -> None:
    raw = b"""<html><head><title>Ignored | Site</title>
    <meta property="og:title" content="Market attack">
    <meta property="og:site_name" content="Invented Wire">
    <meta property="og:url" content="https://wire.example/a">
    <meta name="date" content="2025-06-11"></head>
    <body><nav><a href="/">Home</a> | <a href="/x">Sport</a></nav><article><h1>Market attack</h1>
    <p>Gunmen opened fire at a market in the town on Tuesday, residents said, and many people fled.</p>
    <p>The town's market will stay closed for the rest of the week, traders said on Wednesday.</p>
    </article><footer>Subscribe to our newsletter</footer></body></html>"""
    (rec,) = _records(raw, "html")
    assert rec.title == "Market attack"
    assert rec.source == "Invented Wire"
    assert rec.url == "https://wire.example/a"
    assert rec.date == "2025-06-11"
    assert rec.text.startswith("Gunmen opened fire")
    assert "Subscribe" not in rec.text and "Sport" not in rec.text


def test_readers_html_without_text_is_rejected() -> None:
    (rej,) = _rejections(b"<html><head><title>Only</title></head><body> </body></html>", "html")
    assert isinstance(rej.error, UnreadableInput)


def test_readers_jsonl_rows_keys_and_aliases() -> None:
    lines = [
        {"text": "One.", "date": "2025-06-11", "source": "S", "url": "u1", "title": "t", "id": 7},
        {"text": "Two.", "published": "June 12, 2025"},
    ]
    raw = "\n".join(json.dumps(x) for x in lines).encode() + b"\n\n"
    one, two = _records(raw, "jsonl")
    assert (one.line, one.date, one.source, one.url, one.external_id) == (
        1,
        "2025-06-11",
        "S",
        "u1",
        "7",
    )
    assert (two.line, two.text, two.date) == (2, "Two.", "June 12, 2025")


def test_readers_jsonl_bad_lines_are_rejected_one_by_one() -> None:
    raw = b'{"text": "Good."}\n{"text": broken\n[1, 2]\n{"body": "no text key"}\n{"text": 5}\n'
    items = list(read_input(raw, "jsonl", "f.jsonl", IngestOptions()))
    good = [i for i in items if isinstance(i, Record)]
    bad = [i for i in items if isinstance(i, Rejection)]
    assert [g.text for g in good] == ["Good."]
    assert [(b.line, type(b.error)) for b in bad] == [
        (2, MalformedRecord),
        (3, MalformedRecord),
        (4, MalformedRecord),
        (5, MalformedRecord),
    ]
    assert "invalid JSON" in bad[0].error.message
    assert bad[0].raw == b'{"text": broken'
    assert str(bad[2]).startswith("f.jsonl line 4: TW013")


def test_readers_csv_rows_and_row_numbers() -> None:
    raw = b'id,date,source,title,url,text\n1,2025-06-12,S,T,u,"Line one,\nstill one"\n2,,,,,Two\n'
    one, two = _records(raw, "csv")
    assert one.line == 2 and one.text == "Line one,\nstill one" and one.external_id == "1"
    assert two.line == 3 and two.date is None and two.source is None


def test_readers_csv_bad_rows_are_rejected_with_row_and_raw() -> None:
    raw = b"text,date\nGood,2025-06-01\nToo,many,fields\n,2025-06-02\n"
    items = list(read_input(raw, "csv", "f.csv", IngestOptions()))
    bad = [i for i in items if isinstance(i, Rejection)]
    assert [(b.line, b.error.code) for b in bad] == [(3, "TW013"), (4, "TW013")]
    assert str(bad[0]).startswith("f.csv row 3: TW013: 3 fields where the header has 2")
    assert bad[0].raw == b"text,date\r\nToo,many,fields\r\n"


def test_readers_csv_without_text_column_rejects_the_file() -> None:
    raw = b"body,when\nSomething,2025-06-01\n"
    (rej,) = _rejections(raw, "csv")
    assert rej.line is None and "no 'text' column" in rej.error.message
    assert rej.raw == raw


def test_readers_field_map_reads_other_names() -> None:
    options = IngestOptions(fields=parse_field_map(["text=body", "date=when", "source=outlet"]))
    raw = b"body,when,outlet\nSomething happened.,2025-06-01,Radio X\n"
    (rec,) = _records(raw, "csv", options)
    assert (rec.text, rec.date, rec.source) == ("Something happened.", "2025-06-01", "Radio X")
    raw = b'{"body": "B.", "when": "2025-06-02"}\n'
    (rec,) = _records(raw, "jsonl", options)
    assert (rec.text, rec.date) == ("B.", "2025-06-02")


@pytest.mark.parametrize(
    ("specs", "error"),
    [(["text"], "KEY=COLUMN"), (["colour=x"], "unknown key"), (["text="], "KEY=COLUMN")],
)
def test_readers_field_map_refuses_bad_specs(specs: list[str], error: str) -> None:
    with pytest.raises(IngestError, match=error):
        parse_field_map(specs)


def test_readers_field_map_accepts_published_alias() -> None:
    assert parse_field_map(["published=when", "text=body"]) == (("date", "when"), ("text", "body"))


@pytest.mark.parametrize(
    ("record", "options", "published", "source", "origin"),
    [
        (
            Record("a.txt", "T.", date="2025-06-11"),
            IngestOptions(),
            date(2025, 6, 11),
            None,
            "a.txt",
        ),
        (
            Record("a.txt", "T.", source="Own"),
            IngestOptions(date=date(2025, 1, 2), source="Default"),
            date(2025, 1, 2),
            "Own",
            "a.txt",
        ),
        (Record("b.csv", "T.", line=3), IngestOptions(source="D"), None, "D", "b.csv:3"),
        (Record("b.csv", "T.", line=3, external_id="x9"), IngestOptions(), None, None, "b.csv#x9"),
    ],
)
def test_readers_to_report_fills_defaults(
    record: Record,
    options: IngestOptions,
    published: date | None,
    source: str | None,
    origin: str,
) -> None:
    report = to_report(record, options, NOW)
    assert (report.published, report.source, report.origin) == (published, source, origin)
    assert report.ingested_at == NOW


def test_readers_to_report_refuses_bad_date_unless_overridden_on_retry() -> None:
    record = Record("a.txt", "Text.", date="32 Junetober 2025")
    with pytest.raises(BadDate, match="32 Junetober"):
        to_report(record, IngestOptions(date=date(2025, 6, 1)), NOW)
    retry = IngestOptions(date=date(2025, 6, 1), date_overrides_bad=True)
    assert to_report(record, retry, NOW).published == date(2025, 6, 1)


def test_readers_to_report_refuses_empty_text() -> None:
    with pytest.raises(UnreadableInput, match="no report text"):
        to_report(Record("a.txt", "  \n"), IngestOptions(), NOW)


def test_readers_options_json_round_trip() -> None:
    options = IngestOptions(
        date=date(2025, 6, 1), source="S", format="csv", fields=(("text", "body"),)
    )
    assert IngestOptions.from_json(options.to_json()) == options
    assert IngestOptions.from_json(options.to_json(), source="T").source == "T"
    assert IngestOptions.from_json(None) == IngestOptions()


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_readers_csv_delimiter_from_header(delimiter: str) -> None:
    raw = delimiter.join(["text", "date", "source"]) + "\n"
    raw += delimiter.join(['"Invented, quoted; text"', "2025-06-01", "Desk"]) + "\n"
    (rec,) = _records(raw.encode(), "csv")
    assert (rec.text, rec.date, rec.source) == ("Invented, quoted; text", "2025-06-01", "Desk")


def test_readers_package_exports_match_all() -> None:
    import tollwatch.ingest as package

    public = {n for n in dir(package) if not n.startswith("_")}
    modules = {"dates", "headers", "inputs", "options", "readers", "records", "service"}
    assert set(package.__all__) == public - modules
    assert package.__all__ == sorted(package.__all__)


def test_readers_html_without_date_metadata_guesses_no_date() -> None:
    raw = (
        b"<html><head><title>Undated</title></head><body><article>"
        b"<p>An invented paragraph about a convoy that reached a town after two days on the "
        b"road, aid officials said on Saturday.</p><p>A second invented paragraph with more "
        b"words, so the page has a main text.</p></article></body></html>"
    )
    (rec,) = _records(raw, "html")
    assert rec.date is None and rec.title == "Undated"
