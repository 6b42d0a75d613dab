"""Charts: inline SVG pictures drawn from the data at build time (no JavaScript, no CDN).

- `series_chart`: every round of a meeting series as a mark on a year axis, the two most
  frequent host cities told apart from the rest, long gaps between rounds shaded and labelled.
- `status_chart`: how a topic's status changed over time (events that set `status:`), as one
  bar of coloured segments with a legend of dates.

A picture fills the width of the page's text and its words are the size of that text, on a wide
screen and on a phone alike. So it is not a drawing scaled to fit (that shrinks the labels with
the picture): across, everything is placed in percent of the picture's width; down, in `em`, the
text's size. The picture keeps `SIDE_EM` free on each side (CSS padding, with its content allowed
to draw there), so a label centred on the first or last year still fits. Labels that would touch
at the narrowest width planned for (`NARROW_EM`) are put on rows of their own. Years are labelled
twice over, for a picture narrower than `WIDE_EM` and for a wider one: a label of one set only
carries a class that hides it in the other (assets/factbook.css, a container query on the
figure).

Colours and text come from CSS classes (assets/factbook.css) that use Material's colour
variables, so both pictures follow the light and dark schemes. Each SVG has a title and a
description that say in words what the picture shows, and each figure carries its figures as a
table (collapsed under the legend), so it makes sense without the picture.
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

SIDE_EM = 1.4
"""Room on each side of the time axis, in text sizes: half a year label's width and a little."""
NARROW_EM = 18.0
"""The narrowest picture planned for, in text sizes (288 px at 16 px text: a 320 px phone).
Labels are spread over rows so that none touch at this width; wider, they only move apart."""
WIDE_EM = 36.0
"""From this width on, the picture's wide set of year labels replaces its narrow one (the
container queries in assets/factbook.css say the same)."""
DIGIT_EM = 0.64
"""The width of a digit in a wide sans-serif (DejaVu Sans), to tell whether labels would touch."""
CHARACTER_EM = 0.6
"""The same for a character of a note ("10-year gap")."""
LABEL_GAP_EM = 0.4
"""The least room between two labels on one row."""
ROW_EM = 1.25
"""The height of a row of labels."""
MAX_ROWS = 3
"""Rows of round labels at most (past that, labels may touch: the table still has every one)."""
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
GAP_YEARS = 4.0
"""Gaps between rounds at least this long are shaded and labelled."""
SHAPES = ("circle", "square", "diamond")


@dataclass(frozen=True)
class Chart:
    """A picture, its legend and its figures. The legend and the figures are HTML text beside
    the SVG, not inside it, so they wrap on a narrow screen and read without the picture."""

    svg: str
    legend: tuple[tuple[str, str], ...]
    """(swatch SVG, label text) per entry."""
    table: tuple[tuple[str, ...], ...]
    """The figures the picture draws, as plain text: the column headings, then one row each."""

    def figure(self) -> str:
        items = "".join(
            f"<li>{swatch}<span>{escape(label)}</span></li>" for swatch, label in self.legend
        )
        heading, *rows = self.table
        head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in heading)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
        )
        return (
            f'<figure class="fb-figure">{self.svg}'
            f'<figcaption><ul class="fb-legend">{items}</ul>'
            f'<details class="fb-figures"><summary>{escape(WORDS["chart_figures"])}</summary>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
            f"</figcaption></figure>"
        )


def _at(x: str, y: float, content: str) -> str:
    """`content`, drawn around (0, 0), placed at x (percent) and y (em). SVG cannot add a
    percentage to a length, so a mark of fixed size at a percentage is a nested picture."""
    return f'<svg x="{x}" y="{y:.2f}em" overflow="visible">{content}</svg>'


def _mark(shape: str, css: str) -> str:
    """A mark centred on (0, 0), sized in em so that it grows with the text."""
    if shape == "circle":
        return f'<circle class="{css}" r="0.42em"/>'
    if shape == "square":
        return f'<rect class="{css}" x="-0.36em" y="-0.36em" width="0.72em" height="0.72em"/>'
    return (
        f'<rect class="{css}" x="-0.32em" y="-0.32em" width="0.64em" height="0.64em" '
        f'transform="rotate(45)"/>'
    )


def _swatch(shape: str, css: str) -> str:
    return f'<svg class="fb-swatch" aria-hidden="true">{_at("50%", 0.5, _mark(shape, css))}</svg>'


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


def _rows(labels: list[tuple[float, float]]) -> list[int]:
    """A row for each label, given as (centre, width) in em from left to right: the first row
    (0 is the nearest the marks) where it clears the label before it, at most `MAX_ROWS`
    (past that, the row with the most room)."""
    ends: list[float] = []
    rows = []
    for centre, width in labels:
        left = centre - width / 2
        free = [row for row, end in enumerate(ends) if end + LABEL_GAP_EM <= left]
        if free:
            row = free[0]
        elif len(ends) < MAX_ROWS:
            row = len(ends)
            ends.append(0.0)
        else:
            row = min(range(len(ends)), key=ends.__getitem__)
        ends[row] = centre + width / 2
        rows.append(row)
    return rows


def _year_step(intervals: int, width_em: float) -> int:
    """Label every this many years, so that year labels do not touch at `width_em`."""
    per_year = (width_em - 2 * SIDE_EM) / max(intervals, 1)
    needed = 4 * DIGIT_EM + 2 * LABEL_GAP_EM
    return next((s for s in YEAR_STEPS if s * per_year >= needed), YEAR_STEPS[-1])


class _Axis:
    def __init__(self, first: float, last: float) -> None:
        self.start = float(int(first))
        self.end = float(int(last) + 1)

    def percent(self, value: float) -> float:
        return (value - self.start) / (self.end - self.start) * 100

    def x(self, value: float) -> str:
        return f"{self.percent(value):.2f}%"

    def narrow_em(self, value: float) -> float:
        """Where `value` is on the narrowest picture, in em from the axis' start."""
        return self.percent(value) / 100 * (NARROW_EM - 2 * SIDE_EM)

    def ticks(self, y: float) -> list[str]:
        # Year labels for a wide picture and for a narrow one; a label that is only in one of
        # the two sets carries a class that hides it on the other (assets/factbook.css).
        years = range(int(self.start), int(self.end) + 1)
        wide_step = _year_step(len(years) - 1, WIDE_EM)
        narrow_step = _year_step(len(years) - 1, NARROW_EM)
        parts = [f'<line class="fb-chart__axis" x1="0%" y1="{y:.2f}em" x2="100%" y2="{y:.2f}em"/>']
        for year in years:
            x = self.x(year)
            wide, narrow = year % wide_step == 0, year % narrow_step == 0
            parts.append(
                f'<line class="fb-chart__tick" x1="{x}" y1="{y:.2f}em" x2="{x}" '
                f'y2="{y + (0.35 if wide or narrow else 0.2):.2f}em"/>'
            )
            if wide or narrow:
                css = "fb-chart__label"
                if wide != narrow:
                    css += " fb-chart__label--wide" if wide else " fb-chart__label--narrow"
                parts.append(
                    f'<text class="{css}" x="{x}" y="{y + 1.4:.2f}em" '
                    f'text-anchor="middle">{year}</text>'
                )
        return parts


def _svg(chart_id: str, height: float, title: str, description: str, body: list[str]) -> str:
    # The style is the picture's own geometry (Material's stylesheet would make the height
    # `auto`): percentages across resolve against the width inside the padding.
    style = f"height:{height:.2f}em;padding:0 {SIDE_EM}em;box-sizing:border-box;overflow:visible"
    return (
        f'<svg class="fb-chart" width="100%" height="{height:.2f}em" style="{style}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
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
    gaps = []
    for before, after in zip(rounds, rounds[1:], strict=False):
        start, end = _year_fraction(before.date), _year_fraction(after.date)
        if end - start >= GAP_YEARS:
            gaps.append((before, after, start, end))
    notes = [WORDS["chart_gap"].format(years=int(end - start)) for _, _, start, end in gaps]
    note_rows = _rows(
        [
            (axis.narrow_em((start + end) / 2), len(note) * CHARACTER_EM)
            for (_, _, start, end), note in zip(gaps, notes, strict=True)
        ]
    )
    label_rows = _rows(
        [(axis.narrow_em(_year_fraction(e.date)), len(str(e.round)) * DIGIT_EM) for e in rounds]
    )
    # Top to bottom, in em: the gaps' notes, the rows of round labels, the marks, the axis.
    top = 0.25
    label_top = top + (max(note_rows) + 1) * ROW_EM + 0.2 if gaps else top
    row_count = max(label_rows) + 1
    mark_y = label_top + row_count * ROW_EM + 0.5
    axis_y = mark_y + 0.85
    body: list[str] = []
    for (_, _, start, end), note, row in zip(gaps, notes, note_rows, strict=True):
        x1, x2 = axis.percent(start), axis.percent(end)
        body.append(
            f'<rect class="fb-chart__gap" x="{x1:.2f}%" y="{top:.2f}em" width="{x2 - x1:.2f}%" '
            f'height="{axis_y - top:.2f}em"/>'
        )
        body.append(
            f'<text class="fb-chart__note" x="{(x1 + x2) / 2:.2f}%" '
            f'y="{top + 1.0 + row * ROW_EM:.2f}em" text-anchor="middle">{escape(note)}</text>'
        )
    body += axis.ticks(axis_y)
    for event, row in zip(rounds, label_rows, strict=True):
        x = axis.x(_year_fraction(event.date))
        shape, css = style.get(event.place or "unknown", other_style)
        where = event.place or WORDS["chart_place_unknown"]
        tooltip = escape(
            WORDS["chart_round"].format(round=event.round, date=event.date.display, place=where)
        )
        body.append(f"<g><title>{tooltip}</title>{_at(x, mark_y, _mark(shape, css))}</g>")
        body.append(
            f'<text class="fb-chart__label" x="{x}" '
            f'y="{label_top + (row_count - row) * ROW_EM - 0.3:.2f}em" '
            f'text-anchor="middle">{event.round}</text>'
        )
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
                for a, b, _, _ in gaps
            )
        )
    svg = _svg(
        f"chart-{topic.id}",
        axis_y + 1.75,
        WORDS["chart_rounds_title"].format(name=topic.name),
        description,
        body,
    )
    table = (
        (WORDS["round"], WORDS["date"], WORDS["place"]),
        *((str(e.round), e.date.display, e.place or WORDS["chart_place_unknown"]) for e in rounds),
    )
    return Chart(svg, tuple(legend), table)


def status_chart(topic: Topic, changes: list[Event], end: PartialDate) -> Chart:
    """One bar from the first status change to `end` (the latest date in the data)."""
    changes = sorted(changes, key=lambda e: e.date.sort_key)
    statuses = list(dict.fromkeys(e.status for e in changes if e.status))
    colour: dict[str | None, int] = {status: i % 6 + 1 for i, status in enumerate(statuses)}
    axis = _Axis(
        _year_fraction(changes[0].date), max(_year_fraction(end), _year_fraction(changes[-1].date))
    )
    bar_y, bar_height = 0.3, 1.8
    axis_y = bar_y + bar_height + 0.25
    body: list[str] = []
    lines, periods = [], []
    for i, event in enumerate(changes):
        following = changes[i + 1] if i + 1 < len(changes) else None
        x1 = axis.percent(_year_fraction(event.date))
        x2 = axis.percent(_year_fraction(following.date)) if following else axis.percent(axis.end)
        if following:
            label = WORDS["chart_status_until"].format(
                status=event.status, first=event.date.display, last=following.date.display
            )
            period = WORDS["chart_pause"].format(
                first=event.date.display, last=following.date.display
            )
        else:
            label = WORDS["chart_status_since"].format(
                status=event.status, first=event.date.display
            )
            period = WORDS["chart_period_since"].format(first=event.date.display)
        lines.append(label)
        periods.append((event.status or "", period))
        body.append(
            f'<rect class="fb-chart__status fb-chart__status--{colour[event.status]}" '
            f'x="{x1:.2f}%" y="{bar_y:.2f}em" width="{max(x2 - x1, 0.3):.2f}%" '
            f'height="{bar_height:.2f}em"><title>{escape(label)}</title></rect>'
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
        axis_y + 1.75,
        WORDS["chart_status_title"].format(name=topic.name),
        description,
        body,
    )
    return Chart(svg, legend, ((WORDS["chart_status"], WORDS["chart_period"]), *periods))
