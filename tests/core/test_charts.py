"""charts.py: pictures drawn from data, described in words, changing with the data."""

from __future__ import annotations

from xml.etree import ElementTree

from factbook.charts import series_chart, status_chart
from factbook.dates import PartialDate
from factbook.diagnostics import Position
from factbook.kinds import Event, Topic

SVG = "{http://www.w3.org/2000/svg}"
TOPIC = Topic(
    id="talks", origin=Position("x"), sources=("s",), type="series", name="Talks", summary="s"
)


def meeting(round_number: int, date: str, place: str, status: str | None = None) -> Event:
    return Event(
        id=f"r{round_number}",
        origin=Position("x"),
        sources=("s",),
        title="t",
        date=PartialDate.parse(date),
        kind="meeting",
        summary="s",
        topic="talks",
        round=round_number,
        place=place,
        status=status,
    )


ROUNDS = [
    meeting(1, "1998-06", "Seoul"),
    meeting(2, "1999-07", "Tokyo"),
    meeting(3, "2009-12", "Jeju"),
    meeting(4, "2015-04-14", "Seoul"),
]


def test_series_chart_marks_each_round_and_describes_itself() -> None:
    chart = series_chart(TOPIC, ROUNDS)
    svg = ElementTree.fromstring(chart.svg)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Rounds of the Talks over time"
    assert svg.find(f"{SVG}desc").text == (
        "4 rounds of the Talks from June 1998 to 14 April 2015: 2 in Seoul, 1 in Tokyo, "
        "1 elsewhere (Jeju). Longest pauses: from July 1999 to December 2009; "
        "from December 2009 to 14 April 2015."
    )
    tooltips = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")]
    assert tooltips == [
        "Round 1: June 1998, Seoul",
        "Round 2: July 1999, Tokyo",
        "Round 3: December 2009, Jeju",
        "Round 4: 14 April 2015, Seoul",
    ]
    notes = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "fb-chart__note"]
    assert notes == ["10-year gap", "5-year gap"]
    assert [label for _, label in chart.legend] == ["Seoul", "Tokyo", "elsewhere"]


def test_series_chart_carries_its_figures_as_a_table() -> None:
    figure = ElementTree.fromstring(series_chart(TOPIC, ROUNDS).figure())
    caption = figure.find("figcaption")
    assert caption is not None
    table = caption.find("details/table")
    assert table is not None
    assert [th.text for th in table.iter("th")] == ["Round", "Date", "Place"]
    assert [[td.text for td in tr.iter("td")] for tr in table.iter("tr")][1:] == [
        ["1", "June 1998", "Seoul"],
        ["2", "July 1999", "Tokyo"],
        ["3", "December 2009", "Jeju"],
        ["4", "14 April 2015", "Seoul"],
    ]


def _labels(svg: ElementTree.Element) -> dict[str, tuple[float, float]]:
    """Round label → (x in percent, y in em)."""
    return {
        t.text or "": (float(t.get("x", "").rstrip("%")), float(t.get("y", "").removesuffix("em")))
        for t in svg.iter(f"{SVG}text")
        if t.get("class") == "fb-chart__label" and t.text and len(t.text) < 4
    }


def test_series_chart_is_laid_out_in_percent_and_em_not_scaled() -> None:
    # A scaled drawing (a viewBox) shrinks its labels with the picture; this one keeps them at
    # the text's size: across in percent of the width, down in em.
    svg = ElementTree.fromstring(series_chart(TOPIC, ROUNDS).svg)
    assert svg.get("viewBox") is None and svg.get("width") == "100%"
    assert (svg.get("style") or "").startswith("height:") and svg.get("height", "").endswith("em")
    for text in svg.iter(f"{SVG}text"):
        assert text.get("x", "").endswith("%") and text.get("y", "").endswith("em")
        assert text.get("font-size") is None
    xs = [x for x, _ in _labels(svg).values()]
    assert xs == sorted(xs) and 0 < xs[0] < xs[-1] < 100


def test_labels_that_would_touch_on_a_phone_go_on_separate_rows() -> None:
    # Rounds 5 and 6 are five months apart: at a phone's width their labels would touch.
    rounds = [
        meeting(4, "2003-11", "Seoul"),
        meeting(5, "2007-05", "Tokyo"),
        meeting(6, "2007-10", "Busan"),
        meeting(7, "2015-04-14", "Seoul"),
    ]
    labels = _labels(ElementTree.fromstring(series_chart(TOPIC, rounds).svg))
    assert labels["5"][1] != labels["6"][1]
    # Far apart, they share the row nearest the marks.
    assert labels["4"][1] == labels["5"][1] == labels["7"][1]


def test_years_are_labelled_for_a_wide_and_for_a_narrow_picture() -> None:
    # 2016 to 2027: every other year fits on a wide picture, every fifth on a phone. A label of
    # one set only says so (the stylesheet hides it on the other).
    changes = [meeting(1, "2016-11-23", "x", "In force"), meeting(2, "2019-08-23", "x", "Off")]
    svg = ElementTree.fromstring(status_chart(TOPIC, changes, PartialDate.parse("2026-06")).svg)
    years = {
        t.text: t.get("class")
        for t in svg.iter(f"{SVG}text")
        if t.text and len(t.text) == 4 and t.text.isdigit()
    }
    assert years == {
        **{str(y): "fb-chart__label fb-chart__label--wide" for y in range(2016, 2027, 2)},
        "2020": "fb-chart__label",
        "2025": "fb-chart__label fb-chart__label--narrow",
    }


def test_series_chart_follows_the_data() -> None:
    # One round fewer: one mark fewer, an axis that ends earlier, a description that says so.
    svg = ElementTree.fromstring(series_chart(TOPIC, ROUNDS[:3]).svg)
    assert [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")] == [
        "Round 1: June 1998, Seoul",
        "Round 2: July 1999, Tokyo",
        "Round 3: December 2009, Jeju",
    ]
    years = [
        t.text
        for t in svg.iter(f"{SVG}text")
        if "fb-chart__label" in (t.get("class") or "") and t.text and len(t.text) == 4
    ]
    assert years[0] == "1998" and years[-1] == "2010"
    assert svg.find(f"{SVG}desc").text.startswith(
        "3 rounds of the Talks from June 1998 to December 2009: 1 in Seoul, 1 in Tokyo"
    )


def test_status_chart_lists_each_period() -> None:
    changes = [
        meeting(1, "2016-11-23", "x", "In force"),
        meeting(2, "2019-08-23", "x", "Notified"),
        meeting(3, "2023-03-21", "x", "In force"),
    ]
    chart = status_chart(TOPIC, changes, PartialDate.parse("2024-11-29"))
    svg = ElementTree.fromstring(chart.svg)
    assert [label for _, label in chart.legend] == [
        "In force: from 23 November 2016 to 23 August 2019",
        "Notified: from 23 August 2019 to 21 March 2023",
        "In force: from 21 March 2023 on",
    ]
    table = ElementTree.fromstring(chart.figure()).find("figcaption/details/table")
    assert table is not None
    assert [[td.text for td in tr.iter("td")] for tr in table.iter("tr")][1:] == [
        ["In force", "from 23 November 2016 to 23 August 2019"],
        ["Notified", "from 23 August 2019 to 21 March 2023"],
        ["In force", "from 21 March 2023 on"],
    ]
    bars = [r.get("class") for r in svg.iter(f"{SVG}rect")]
    assert bars[:3] == [
        "fb-chart__status fb-chart__status--1",
        "fb-chart__status fb-chart__status--2",
        "fb-chart__status fb-chart__status--1",
    ]
