from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollwatch.ingest.headers import Header, split_header

CASES = [
    # (name, input, expected header, expected body)
    (
        "colon lines",
        "date: 2025-06-11\nsource: Sahel Wire\nurl: https://a.example/x\ntitle: T\n\nBody text.",
        Header(date="2025-06-11", source="Sahel Wire", url="https://a.example/x", title="T"),
        "Body text.",
    ),
    (
        "space lines",
        "date 2025-06-10\nsource Lake Chad Courier\ntitle Gunmen attack\n\nBody here.\nMore.",
        Header(date="2025-06-10", source="Lake Chad Courier", title="Gunmen attack"),
        "Body here.\nMore.",
    ),
    (
        "first-line date",
        " date 2025-03-09 The toll rose on Saturday.\n\nSecond paragraph.",
        Header(date="2025-03-09"),
        "The toll rose on Saturday.\n\nSecond paragraph.",
    ),
    (
        "first-line date with colon",
        "date: 2025-03-09 The toll rose.",
        Header(date="2025-03-09"),
        "The toll rose.",
    ),
    (
        "first-line date after BOM",
        "\ufeff date 2025-03-09 Text follows.",
        Header(date="2025-03-09"),
        "Text follows.",
    ),
    (
        "colon header without blank line",
        "Date: 2025-06-11\nSOURCE: NECM\nThe monitor said.",
        Header(date="2025-06-11", source="NECM"),
        "The monitor said.",
    ),
    (
        "published and link aliases",
        "published: 14 June 2025\nlink: https://x.example\n\nText.",
        Header(date="14 June 2025", url="https://x.example"),
        "Text.",
    ),
    (
        "author is dropped",
        "author: A Person\ndate: 2025-06-11\n\nText.",
        Header(date="2025-06-11"),
        "Text.",
    ),
    (
        "front matter",
        '---\ntitle: "Quoted"\ndate: 2025-06-12\nother: ignored\n---\n\nText.',
        Header(date="2025-06-12", title="Quoted"),
        "Text.",
    ),
    (
        "no header",
        "Gunmen attacked the market on Tuesday.\n",
        Header(),
        "Gunmen attacked the market on Tuesday.",
    ),
    (
        "sentence starting with a key word stays text",
        "Source close to the army said seven were killed.\nMore text.",
        Header(),
        "Source close to the army said seven were killed.\nMore text.",
    ),
    (
        "key glued to a word is not a key",
        "Titled reports came in.\n\nText.",
        Header(),
        "Titled reports came in.\n\nText.",
    ),
    (
        "date word in prose stays text",
        "Date palms burned in the raid.",
        Header(),
        "Date palms burned in the raid.",
    ),
    (
        "header only",
        "date: 2025-06-11\nsource: NECM\n",
        Header(date="2025-06-11", source="NECM"),
        "",
    ),
    (
        "date then source lines with the text right below (no blank line)",
        "date 2025-03-09\nsource Coastal Wire\nThe toll rose to 40 on Sunday.\n",
        Header(date="2025-03-09", source="Coastal Wire"),
        "The toll rose to 40 on Sunday.",
    ),
    (
        "date, source and url lines without a blank line",
        "date 2025-03-09\nsource Coastal Wire\nurl https://wire.example/a\nText here.",
        Header(date="2025-03-09", source="Coastal Wire", url="https://wire.example/a"),
        "Text here.",
    ),
    (
        "a source line alone, then text, stays text",
        "source Coastal Wire\nThe toll rose to 40 on Sunday.",
        Header(),
        "source Coastal Wire\nThe toll rose to 40 on Sunday.",
    ),
    (
        "a date line without a source line, then text, stays text",
        "date 2025-03-09\nTitle words here\nText.",
        Header(),
        "date 2025-03-09\nTitle words here\nText.",
    ),
    (
        "CRLF line endings",
        "date: 2025-06-11\r\nsource: NECM\r\n\r\nText.\r\n",
        Header(date="2025-06-11", source="NECM"),
        "Text.",
    ),
]


@pytest.mark.parametrize(
    ("text", "header", "body"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_headers_split_every_form(text: str, header: Header, body: str) -> None:
    assert split_header(text) == (header, body)


def test_headers_bad_first_line_date_is_kept_for_validation() -> None:
    header, body = split_header(" date 2025-13-45 Text.")
    assert header.date == "2025-13-45"
    assert body == "Text."


_LINE_TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs", "P")), min_size=1, max_size=40
).filter(lambda t: t.strip() != "" and not t.lstrip().startswith(":"))  # "key :v" is key: v


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    source=_LINE_TEXT,
    body=st.text(min_size=0, max_size=200),
    colon=st.booleans(),
)
def test_headers_property_header_fields_and_body_survive(
    day: date, source: str, body: str, colon: bool
) -> None:
    sep = ": " if colon else " "
    text = f"date{sep}{day.isoformat()}\nsource{sep}{source}\n\nBody {body}"
    header, rest = split_header(text)
    assert header.date == day.isoformat()
    assert header.source == source.strip()
    assert rest == f"Body {body}".strip()
