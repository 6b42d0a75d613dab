"""What the site says about precision and currency: approximate quantities, dates shown from
records in pages (`[[id:date]]`), names in parts, reviewed dates and `check --stale`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import factbook
from factbook import Project
from factbook.dates import PartialDate, before
from factbook.kinds import Event, Person
from factbook.model import Quantity
from helpers import SOURCE, messages, run
from support import ROOT

EVENT = (
    SOURCE
    + """\
events:
  - id: e
    title: A meeting
    date: 2014-12-26
    end_date: 2014-12-29
    kind: meeting
    duration_minutes: {duration}
    summary: They met.
    reviewed: {reviewed}
    sources: [src]
"""
)


def test_an_approximate_quantity_stays_approximate(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": EVENT.format(duration="about 150", reviewed="2026-11")})
    event = result.model.records["e"]
    assert isinstance(event, Event) and event.duration_minutes == Quantity(150, True)
    page = factbook.build(Project(tmp_path)).pages["events/e.md"]
    assert "| Length | about 150 minutes (about 2 h 30 min) |" in page
    assert "*Facts last checked against their sources: November 2026.*" in page


def test_a_quantity_is_a_number_or_about_a_number(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": EVENT.format(duration="roughly 150", reviewed="2026")})
    assert messages(result) == [
        "data/a.yaml:11:23: 'roughly 150' is not a number (write a whole "
        "number, or `about 150` when the source says about)"
    ]


def test_pages_show_a_records_date_and_the_sites_as_of_date(tmp_path: Path) -> None:
    page = "# Home\n\nIt took effect on [[e:date]]; facts as of [[site:as-of]].\n"
    run(
        tmp_path,
        {"data/a.yaml": EVENT.format(duration=45, reviewed="2026-11-30"), "docs/index.md": page},
    )
    output = factbook.build(Project(tmp_path))
    assert output.expand_page("index.md", page) == (
        "# Home\n\nIt took effect on 26–29 December 2014; facts as of 30 November 2026.\n"
    )


def test_dates_and_site_facts_in_pages_are_checked(tmp_path: Path) -> None:
    page = "[[src:date]] [[e:place]] [[site:weather]] [[e:date]]\n"
    result = run(
        tmp_path, {"data/a.yaml": EVENT.format(duration=45, reviewed="2026"), "docs/index.md": page}
    )
    assert messages(result) == [
        "docs/index.md:1:1: 'src' has no date to show (link it by name with [[src]])",
        "docs/index.md:1:14: [[e:place]] shows nothing known (write [[e:date]] for its date, or "
        "[[e]])",
        "docs/index.md:1:26: unknown site fact 'weather' (write [[site:as-of]] for the date the "
        "facts were last reviewed)",
    ]


def test_names_in_parts_are_written_family_name_first(tmp_path: Path) -> None:
    people = (
        SOURCE
        + """\
people:
  - id: funakoshi
    family_name: Funakoshi
    given_name: Takehiro
    sources: [src]
  - id: whole
    name: Kurt Campbell
    sources: [src]
  - id: both
    name: A Name
    family_name: Name
    sources: [src]
"""
    )
    result = run(tmp_path, {"data/a.yaml": people})
    assert messages(result) == [
        "data/a.yaml:13:5: person 'both' needs `family_name` and `given_name`, or else `name` "
        "(write Korean and Japanese names in parts; `name` is for names that are not)"
    ]
    funakoshi = result.model.records["funakoshi"]
    assert isinstance(funakoshi, Person) and funakoshi.display_name == "Funakoshi Takehiro"
    assert result.model.records["whole"].display_name == "Kurt Campbell"


def test_periods_count_back_from_a_day() -> None:
    today = PartialDate(2026, 12, 1)
    assert before(today, "12m") == PartialDate(2025, 12, 1)
    assert before(today, "1y") == PartialDate(2025, 12, 1)
    assert before(today, "90d") == PartialDate(2026, 9, 2)
    assert before(PartialDate(2026, 3, 31), "1m") == PartialDate(2026, 2, 28)


def test_check_stale_reports_without_failing(tmp_path: Path) -> None:
    run(tmp_path, {"data/a.yaml": EVENT.format(duration=45, reviewed="2025-11")})
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "factbook",
            "--root",
            str(tmp_path),
            "check",
            "--stale",
            "12m",
            "--today",
            "2026-12-01",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert completed.returncode == 0, completed.stderr
    coverage = ("ko: ", "ja: ")  # how much is translated, after the first line
    assert [
        line for line in completed.stdout.splitlines()[1:] if not line.startswith(coverage)
    ] == [
        "data/a.yaml:6:5: warning: 'e' was last reviewed November 2025 (read it against its "
        "sources and update `reviewed:`)",
        "data/a.yaml:2:5: warning: 'src' has never been reviewed (add `reviewed:` with the date "
        "you read it against its sources)",
        "2 of 2 records not reviewed since 1 December 2025 (12m before 1 December 2026)",
    ]


def test_a_page_that_retypes_an_events_date_is_warned(tmp_path: Path) -> None:
    page = "# Home\n\nOn 26–29 December 2014 they met; `26–29 December 2014` is code.\n"
    result = run(
        tmp_path, {"data/a.yaml": EVENT.format(duration=45, reviewed="2026"), "docs/index.md": page}
    )
    assert messages(result) == [
        "docs/index.md:3:4: warning: '26–29 December 2014' is typed out, but it is the date of e "
        "(write [[e:date]], so the page follows the record)"
    ]
