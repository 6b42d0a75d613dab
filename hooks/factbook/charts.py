"""Charts: inline SVG pictures drawn from the data at build time (no JavaScript, no CDN).

- `series_chart`: every round of a meeting series as a mark on a year axis, the two most
  frequent host cities told apart from the rest, long gaps between rounds shaded and labelled.
- `status_chart`: how a topic's status changed over time (events that set `status:`), as one
  bar of coloured segments with a legend of dates.

Colours and text come from CSS classes (assets/factbook.css) that use Material's colour
variables, so both pictures follow the light and dark schemes. Each SVG has a title and a
description that say in words what the picture shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape

from .dates import PartialDate
from .diagnostics import Diagnostic
from .kinds import Event, Topic
from .model import Model, Reference
from .text import quoted
from .wording import WORDS

WIDTH = 640
MARGIN = 24
GAP_YEARS = 4.0
"""Gaps between rounds at least this long are shaded and labelled."""
SHAPES = ("circle", "square", "diamond")


@dataclass(frozen=True)
class Chart:
    """A picture and its legend. The legend is HTML text beside the SVG, not inside it, so it
    wraps on a narrow screen while the picture scales down."""

    svg: str
    legend: tuple[tuple[str, str], ...]
    """(swatch SVG, label text) per entry."""

    def figure(self) -> str:
        items = "".join(
            f"<li>{swatch}<span>{escape(label)}</span></li>" for swatch, label in self.legend
        )
        return (
            f'<figure class="fb-figure">{self.svg}'
            f'<figcaption><ul class="fb-legend">{items}</ul></figcaption></figure>'
        )


def _swatch(shape: str, css: str) -> str:
    return (
        f'<svg class="fb-swatch" viewBox="0 0 16 16" aria-hidden="true">'
        f"{_mark(shape, 8, 8, css)}</svg>"
    )


def pictures_for(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """A topic's events that make pictures: its rounds (if two or more), its status changes."""
    rounds = [e for e in events if e.round is not None]
    return (rounds if len(rounds) >= 2 else []), [e for e in events if e.status]


def problems(model: Model, references: list[Reference]) -> list[Diagnostic]:
    """A `[[chart:id]]` must name a topic that has something to draw."""
    events_by_topic: dict[str, list[Event]] = defaultdict(list)
    for event in model.of(Event):
        if event.topic:
            events_by_topic[event.topic].append(event)
    found = []
    for ref in references:
        if ref.relation == "chart" and isinstance(model.get(ref.target), Topic):
            rounds, changes = pictures_for(events_by_topic[ref.target])
            if not rounds and not changes:
                found.append(
                    Diagnostic(
                        ref.position,
                        f"topic '{quoted(ref.target)}' has no chart",
                        "charts need two numbered rounds or events with `status:`",
                    )
                )
    return found


def _year_fraction(date: PartialDate) -> float:
    # A date known only to the month or year sits in the middle of that month or year.
    if date.month is None:
        return date.year + 0.5
    if date.day is None:
        return date.year + (date.month - 0.5) / 12
    return date.year + (date.month - 1) / 12 + (date.day - 0.5) / 365


class _Axis:
    def __init__(self, first: float, last: float) -> None:
        self.start = float(int(first))
        self.end = float(int(last) + 1)

    def x(self, value: float) -> float:
        return MARGIN + (value - self.start) / (self.end - self.start) * (WIDTH - 2 * MARGIN)

    def ticks(self, y: int) -> list[str]:
        years = range(int(self.start), int(self.end) + 1)
        step = 1 if len(years) <= 12 else 2 if len(years) <= 24 else 5
        parts = [
            f'<line class="fb-chart__axis" x1="{MARGIN}" y1="{y}" x2="{WIDTH - MARGIN}" y2="{y}"/>'
        ]
        for year in years:
            x = self.x(year)
            labelled = year % step == 0
            parts.append(
                f'<line class="fb-chart__tick" x1="{x:.1f}" y1="{y}" x2="{x:.1f}" '
                f'y2="{y + (6 if labelled else 3)}"/>'
            )
            if labelled:
                parts.append(
                    f'<text class="fb-chart__label" x="{x:.1f}" y="{y + 24}" '
                    f'text-anchor="middle">{year}</text>'
                )
        return parts


def _svg(chart_id: str, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg class="fb-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _mark(shape: str, x: float, y: float, css: str) -> str:
    if shape == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y}" r="6"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{x - 5.5:.1f}" y="{y - 5.5}" width="11" height="11"/>'
    return (
        f'<path class="{css}" d="M{x:.1f} {y - 7} L{x + 7:.1f} {y} L{x:.1f} {y + 7} '
        f'L{x - 7:.1f} {y} Z"/>'
    )


def series_chart(topic: Topic, rounds: list[Event]) -> Chart:
    """Rounds on a year axis; `rounds` are the series' events that have a round number."""
    rounds = sorted(rounds, key=lambda e: e.date.sort_key)
    places = Counter(e.place or "unknown" for e in rounds)
    main = [place for place, _ in places.most_common(2)]
    style = {
        place: (SHAPES[i], f"fb-chart__mark fb-chart__mark--{i + 1}")
        for i, place in enumerate(main)
    }
    other_style = (SHAPES[2], "fb-chart__mark fb-chart__mark--other")
    axis = _Axis(_year_fraction(rounds[0].date), _year_fraction(rounds[-1].date))
    mark_y, axis_y = 88, 112
    body: list[str] = []
    gaps = []
    for before, after in zip(rounds, rounds[1:], strict=False):
        start, end = _year_fraction(before.date), _year_fraction(after.date)
        if end - start >= GAP_YEARS:
            gaps.append((before, after))
            x1, x2 = axis.x(start) + 8, axis.x(end) - 8
            body.append(
                f'<rect class="fb-chart__gap" x="{x1:.1f}" y="30" width="{x2 - x1:.1f}" '
                f'height="{axis_y - 34}"/>'
            )
            note = WORDS["chart_gap"].format(years=int(end - start))
            body.append(
                f'<text class="fb-chart__note" x="{(x1 + x2) / 2:.1f}" y="46" '
                f'text-anchor="middle">{note}</text>'
            )
    body += axis.ticks(axis_y)
    last_label_x = -100.0
    row = 0
    for event in rounds:
        x = axis.x(_year_fraction(event.date))
        shape, css = style.get(event.place or "unknown", other_style)
        where = event.place or WORDS["chart_place_unknown"]
        tooltip = escape(
            WORDS["chart_round"].format(round=event.round, date=event.date.display, place=where)
        )
        body.append(f"<g><title>{tooltip}</title>{_mark(shape, x, mark_y, css)}</g>")
        row = (row + 1) % 2 if x - last_label_x < 22 else 0
        body.append(
            f'<text class="fb-chart__label" x="{x:.1f}" y="{mark_y - 14 - 18 * row}" '
            f'text-anchor="middle">{event.round}</text>'
        )
        last_label_x = x
    legend = [(_swatch(*style[p]), p) for p in main]
    if len(places) > len(main):
        legend.append((_swatch(*other_style), WORDS["chart_elsewhere"]))

    counts = ", ".join(WORDS["chart_rounds_in"].format(count=places[p], place=p) for p in main)
    others = sum(n for p, n in places.items() if p not in main)
    if others:
        elsewhere = sorted(p for p in places if p not in main)
        counts += WORDS["chart_rounds_elsewhere"].format(count=others, places=", ".join(elsewhere))
    description = WORDS["chart_rounds_description"].format(
        count=len(rounds),
        name=topic.name,
        first=rounds[0].date.display,
        last=rounds[-1].date.display,
        counts=counts,
    )
    if gaps:
        description += WORDS["chart_pauses"].format(
            pauses="; ".join(
                WORDS["chart_pause"].format(first=a.date.display, last=b.date.display)
                for a, b in gaps
            )
        )
    svg = _svg(
        f"chart-{topic.id}",
        142,
        WORDS["chart_rounds_title"].format(name=topic.name),
        description,
        body,
    )
    return Chart(svg, tuple(legend))


def status_chart(topic: Topic, changes: list[Event], end: PartialDate) -> Chart:
    """One bar from the first status change to `end` (the latest date in the data)."""
    changes = sorted(changes, key=lambda e: e.date.sort_key)
    statuses = list(dict.fromkeys(e.status for e in changes if e.status))
    colour: dict[str | None, int] = {status: i % 6 + 1 for i, status in enumerate(statuses)}
    axis = _Axis(
        _year_fraction(changes[0].date), max(_year_fraction(end), _year_fraction(changes[-1].date))
    )
    bar_y, bar_height, axis_y = 16, 28, 52
    body: list[str] = []
    lines = []
    for i, event in enumerate(changes):
        following = changes[i + 1] if i + 1 < len(changes) else None
        x1 = axis.x(_year_fraction(event.date))
        x2 = axis.x(_year_fraction(following.date)) if following else axis.x(axis.end)
        if following:
            label = WORDS["chart_status_until"].format(
                status=event.status, first=event.date.display, last=following.date.display
            )
        else:
            label = WORDS["chart_status_since"].format(
                status=event.status, first=event.date.display
            )
        lines.append(label)
        body.append(
            f'<rect class="fb-chart__status fb-chart__status--{colour[event.status]}" '
            f'x="{x1:.1f}" y="{bar_y}" width="{max(x2 - x1, 2):.1f}" height="{bar_height}">'
            f"<title>{escape(label)}</title></rect>"
        )
    body += axis.ticks(axis_y)
    legend = tuple(
        (_swatch("square", f"fb-chart__status fb-chart__status--{colour[event.status]}"), label)
        for event, label in zip(changes, lines, strict=True)
    )
    description = WORDS["chart_status_description"].format(
        name=topic.name, changes="; ".join(lines)
    )
    svg = _svg(
        f"status-{topic.id}",
        axis_y + 30,
        WORDS["chart_status_title"].format(name=topic.name),
        description,
        body,
    )
    return Chart(svg, legend)
