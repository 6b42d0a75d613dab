"""Dates at the precision a source gives them: `2023`, `2023-04` or `2023-04-17`.

A fact known to the month is not a fact about the first of that month, so the precision is part
of the value: it decides how a date is shown ("April 2023") and where it sorts (before any day
of April, after March).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        """Parse a schema-valid date; raises ValueError naming what is impossible about it."""
        parts = [int(part) for part in str(value).split("-")]
        year, month, day = (parts + [None, None])[:3]
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month:02d}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{_MONTHS[month - 1]} {year} has {last} days")
        return cls(year, month, day)

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
        if self.day and self.month:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # Unknown parts sort first: "April 2023" comes before "17 April 2023".
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.display


def span(start: PartialDate, end: PartialDate | None) -> str:
    """A readable range: "26–29 December 2014", "June–July 2019", or a single date."""
    if end is None or end == start:
        return start.display
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.display}"
    return f"{start.display} – {end.display}"
