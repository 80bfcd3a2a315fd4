import pytest

from tollwatch.web.highlight import Piece, Span, split_text

TEXT = "At least 18 people were killed in Konduga. Six were children."


def marked(pieces: list[Piece]) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.text, p.claim_ids) for p in pieces if p.marked]


def test_highlight_marks_exactly_the_span() -> None:
    pieces, bad = split_text(TEXT, [Span("c1", 0, 30)])
    assert bad == []
    assert "".join(p.text for p in pieces) == TEXT
    assert marked(pieces) == [("At least 18 people were killed", ("c1",))]
    assert pieces[0].opens == ("c1",)


def test_highlight_overlapping_spans_carry_both_claims() -> None:
    pieces, _ = split_text(TEXT, [Span("a", 0, 30), Span("b", 9, 60)])
    assert "".join(p.text for p in pieces) == TEXT
    assert marked(pieces) == [
        ("At least ", ("a",)),
        ("18 people were killed", ("a", "b")),
        (" in Konduga. Six were children", ("b",)),
    ]


@pytest.mark.parametrize(
    "span", [Span("x", -1, 4), Span("x", 5, 5), Span("x", 10, 4), Span("x", 0, len(TEXT) + 1)]
)
def test_highlight_sets_aside_spans_outside_the_text(span: Span) -> None:
    pieces, bad = split_text(TEXT, [span, Span("ok", 43, 46)])
    assert bad == [span]
    assert marked(pieces) == [("Six", ("ok",))]
    assert "".join(p.text for p in pieces) == TEXT


def test_highlight_text_without_claims_is_one_plain_piece() -> None:
    pieces, bad = split_text(TEXT, [])
    assert pieces == [Piece(TEXT)]
    assert bad == []
    assert split_text("", []) == ([], [])


def test_highlight_hidden_names_never_reach_the_pieces() -> None:
    text = "Amina Bello said 21 people were killed."
    pieces, bad = split_text(text, [Span("c", 6, 38)], hidden=[(0, 11)], replacement="[x]")
    assert bad == []
    assert "".join(p.text for p in pieces) == "[x] said 21 people were killed."
    assert "Bello" not in "".join(p.text for p in pieces)
    # the claim span still covers the words after the name, and the hidden part inside it
    assert [(p.text, p.claim_ids, p.hidden) for p in pieces] == [
        ("[x]", (), True),
        ("", ("c",), True),
        (" said 21 people were killed", ("c",), False),
        (".", (), False),
    ]
