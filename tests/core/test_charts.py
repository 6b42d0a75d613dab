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
        if t.get("class") == "fb-chart__label" and t.text and len(t.text) == 4
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
    bars = [r.get("class") for r in svg.iter(f"{SVG}rect")]
    assert bars[:3] == [
        "fb-chart__status fb-chart__status--1",
        "fb-chart__status fb-chart__status--2",
        "fb-chart__status fb-chart__status--1",
    ]
