"""Dates at the precision a source gives them: `2023`, `2023-04` or `2023-04-17`.

A fact known to the month is not a fact about the first of that month, so the precision is part
of the value: it decides how a date is shown ("April 2023") and where it sorts (before any day
of April, after March).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from .wording import MONTHS, WORDS, month_name


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        """Parse a date of the schema's form (`2023`, `2023-04`, `2023-04-17`); raises ValueError
        naming what is wrong with it (an impossible month or day, or not that form at all)."""
        text = str(value)
        parts = text.split("-")
        if not (1 <= len(parts) <= 3 and all(p.isascii() and p.isdigit() for p in parts)):
            raise ValueError("write 2023, 2023-04 or 2023-04-17")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month:02d}")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{MONTHS[month - 1]} {year} has {last} days")
        return cls(year, month, day)

    @classmethod
    def day_of(cls, timestamp: float) -> PartialDate:
        """The UTC day of a POSIX timestamp. The core never reads the clock: the command line and
        the MkDocs adapter pass SOURCE_DATE_EPOCH, or the clock's time, to this."""
        moment = datetime.datetime.fromtimestamp(timestamp, datetime.UTC)
        return cls(moment.year, moment.month, moment.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The date as written in data: only the parts that are known."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def display(self) -> str:
        """The date as readers see it, at its precision: "17 April 2023", "April 2023", "2023"."""
        if self.day and self.month:
            return WORDS["date_day"].format(
                day=self.day, month=month_name(self.month), year=self.year
            )
        if self.month:
            return WORDS["date_month"].format(month=month_name(self.month), year=self.year)
        return WORDS["date_year"].format(year=self.year)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # Unknown parts sort first: "April 2023" comes before "17 April 2023".
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.display


def span(start: PartialDate | None, end: PartialDate | None, open_ended: bool = False) -> str:
    """A readable range, the one form for every range on the site (events, roles):
    "26–29 December 2014", "2019 – April 2023", or a single date. With `open_ended` (a role
    held from a date, its end not recorded), a missing end is shown as such: "2019 –"."""
    if start is None:
        return WORDS["span_until"].format(last=end.display) if end else ""
    if end is None and open_ended:
        return WORDS["span_since"].format(first=start.display)
    if end is None or end == start:
        return start.display
    same_month = (start.year, start.month) == (end.year, end.month)
    if start.precision == end.precision == "day" and same_month:
        assert start.month is not None  # a day's date has its month
        return WORDS["span_same_month"].format(
            first_day=start.day,
            last_day=end.day,
            month=month_name(start.month),
            year=start.year,
            last=end.display,
        )
    return WORDS["span"].format(first=start.display, last=end.display)


def before(date: PartialDate, period: str) -> PartialDate:
    """The day a period (`12m`, `1y`, `90d`) before a full date; raises ValueError for a period
    of another form."""
    count, unit = int(period[:-1] or "x"), period[-1:]
    assert date.month is not None and date.day is not None
    if unit == "d":
        earlier = datetime.date(date.year, date.month, date.day) - datetime.timedelta(days=count)
        return PartialDate(earlier.year, earlier.month, earlier.day)
    months = {"m": 1, "y": 12}.get(unit)
    if months is None:
        raise ValueError(f"'{period}' is not a period")
    index = date.year * 12 + date.month - 1 - count * months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return PartialDate(year, month + 1, day)


def ends_before_start(start: PartialDate, end: PartialDate) -> bool:
    """True when `end` is earlier than `start`, compared at the precision both have:
    `2023-04` does not end before `2023-04-17`."""
    common = min(len(start.iso.split("-")), len(end.iso.split("-")))
    return end.sort_key[:common] < start.sort_key[:common]
