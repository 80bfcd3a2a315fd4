import pytest

from tollwatch.api.routes.web import content_policy
from tollwatch.reconcile.explain import (
    CategoryNode,
    ClaimNote,
    Explanation,
    IncidentNode,
    OutcomeNode,
)
from tollwatch.reconcile.figures import Range
from tollwatch.web.explaintree import tree_nodes
from tollwatch.web.views import precision_label, safe_link, toll_cards


def test_views_toll_cards_keep_every_figure_in_a_fixed_order() -> None:
    tolls = {
        "injured": {"total": {"low": 40, "best": 40, "high": 99}},
        "killed": {
            "total": {"low": 90, "best": 95, "high": 101},
            "unknown": {"low": 0, "best": 0, "high": 0},
            "civilians": {"low": 57, "best": 63, "high": 66},
        },
    }
    cards = toll_cards(tolls)
    assert [c.outcome for c in cards] == ["killed", "injured"]
    killed = cards[0]
    assert [r.category for r in killed.rows] == ["civilians", "unknown", "total"]
    assert (killed.total.low, killed.total.best, killed.total.high) == (90, 95, 101)
    assert (killed.rows[0].low, killed.rows[0].best, killed.rows[0].high) == (57, 63, 66)


def test_views_toll_cards_never_invent_a_missing_figure() -> None:
    (card,) = toll_cards({"missing": {"civilians": {"best": 3}}})
    assert (card.rows[0].low, card.rows[0].best, card.rows[0].high) == (None, 3, None)
    assert (card.total.low, card.total.best, card.total.high) == (None, None, None)


def test_views_precision_words() -> None:
    assert precision_label(1) == "exact place"
    assert precision_label(4) == "province or state only"
    assert precision_label(None) is None
    assert precision_label(42) is None


def _tree(claims: int, incidents: int) -> Explanation:
    note = ClaimNote("latest 57", "c0123", "r0123456789abcdef0123", "NECM", "2025-06-14",
                     "57 [killed]", None)  # fmt: skip
    events = tuple(
        IncidentNode(
            f"e{i:09d}", "Bama", "2025-06-11", None, Range(1, 1, 1), None, None, (note,) * claims
        )
        for i in range(incidents)
    )
    civ = CategoryNode("civilians", Range(63, 63, 63), (), (), Range(6, 6, 6), events)
    killed = OutcomeNode("killed", Range(95, 95, 95), (civ,))
    return Explanation("all", (killed,), 0, ())


def test_explaintree_keeps_the_tree_and_links_claims_to_their_span() -> None:
    (root,) = tree_nodes(_tree(claims=13, incidents=1), query="?country=NG")
    (killed,) = root.children
    assert killed.label == "killed: total 95"
    assert killed.kind == "heading"
    (civ,) = killed.children
    (added,) = civ.children
    (event,) = added.children
    assert event.collapsed  # more than 12 children are folded
    first = event.children[0]
    assert "“57 [killed]”" in first.label  # markup-like words in quotes survive
    assert first.links == [
        (
            "report r0123456789abcdef0123",
            "/reports/r0123456789abcdef0123?country=NG#claim-c0123",
        )
    ]


def test_explaintree_lists_at_most_max_children_and_counts_the_rest() -> None:
    (root,) = tree_nodes(_tree(claims=0, incidents=75))
    added = root.children[0].children[0].children[0]
    assert len(added.children) == 61
    assert added.children[-1].label.startswith("… and 15 more")


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://outlet.example/a", "https://outlet.example/a"),
        (" http://outlet.example/b ", "http://outlet.example/b"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,hi", None),
        ("/relative/path", None),
        (None, None),
    ],
)
def test_views_report_links_are_http_only(url: str | None, link: str | None) -> None:
    assert safe_link(url) == link


def test_views_pages_load_only_their_own_files_and_the_tile_server() -> None:
    offline = content_policy(None)
    assert "default-src 'self'" in offline
    assert "script-src 'self';" in offline
    assert "http" not in offline
    tiles = content_policy("https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tiles.example.org;" in tiles
