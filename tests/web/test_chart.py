from datetime import date, timedelta

import pytest

from tollwatch.web.chart import Series, layout_chart, nice_ticks


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (57, [0, 20, 40, 60]),
        (95, [0, 20, 40, 60, 80, 100]),
        (1018, [0, 500, 1000, 1500]),
    ],
)
def test_chart_ticks_are_round_and_cover_the_top(top: int, ticks: list[int]) -> None:
    assert nice_ticks(top) == ticks


def test_chart_bars_per_day_and_step_lines_share_one_axis() -> None:
    d = date(2025, 6, 10)
    incidents = [(date(2025, 6, 10), 20), (date(2025, 6, 11), 14), (date(2025, 6, 13), 6)]
    series = [
        Series("NECM", ((date(2025, 6, 11), 30), (date(2025, 6, 12), 52), (date(2025, 6, 14), 57)))
    ]
    chart = layout_chart(incidents, series)
    assert (chart.first, chart.last) == (d, date(2025, 6, 14))
    assert [b.value for b in chart.bars] == [20, 14, 6]
    # one axis: the 57 line point sits higher than the 20 bar top, proportionally
    top_of_20 = chart.bars[0].y
    (line,) = chart.lines
    assert line.last == 57
    y57 = line.dots[-1][1]
    assert y57 < top_of_20
    assert chart.plot_height - y57 == pytest.approx(
        (chart.plot_height - top_of_20) * 57 / 20, abs=0.05
    )
    # a step line: each value is held until the next point, then it steps
    coords = [tuple(map(float, p.split(","))) for p in line.points.split()]
    assert coords[1][1] == coords[0][1]  # horizontal run at 30 before stepping to 52
    assert coords[-1][0] == chart.plot_width  # last value held to the right edge
    assert not chart.empty


def test_chart_without_figures_is_empty() -> None:
    chart = layout_chart([], [])
    assert chart.empty
    assert chart.bars == ()


def test_chart_zero_days_draw_no_bar() -> None:
    chart = layout_chart([(date(2025, 1, 1), 0), (date(2025, 1, 2), 3)], [])
    assert [b.value for b in chart.bars] == [3]


@pytest.mark.parametrize(("span", "bin_days"), [(30, 1), (119, 1), (400, 7), (2000, 30)])
def test_chart_long_ranges_add_up_into_wider_bars(span: int, bin_days: int) -> None:
    start = date(2024, 1, 1)
    incidents = [(start + timedelta(days=i), 2) for i in range(span)]
    chart = layout_chart(incidents, [])
    assert chart.bin_days == bin_days
    assert sum(b.value for b in chart.bars) == 2 * span  # nothing lost or counted twice
    assert all(b.days == bin_days for b in chart.bars)
    assert len(chart.bars) == -(-span // bin_days)
