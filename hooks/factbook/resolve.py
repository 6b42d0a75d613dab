"""Resolve: check every reference against the model, run cross-record checks, build backlinks.

Backlinks come from both kinds of reference — relation fields in data (a meeting's participants
appear on each person's page) and `[[id]]` in prose, hand-written pages included — so a record's
"Mentioned in" list is the reverse of every edge that points at it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from . import links
from .dates import PartialDate
from .diagnostics import Diagnostic, Position, Severity, did_you_mean
from .kinds import Event, Organization, Person, Source, Topic
from .model import Model, Prose, Record, Reference
from .text import quoted
from .wording import MONTHS


@dataclass(frozen=True)
class Backlink:
    owner: str
    """A record id, or a hand-written page's path (`docs/...`)."""
    relation: str


def prose_references(prose: Prose) -> list[Reference]:
    """`[[id]]` references inside a data field, each located at its place in the YAML file."""
    references = []
    search_from = 0
    for found in links.find(prose.text):
        position, search_from = prose.position_of(prose.text[found.start : found.end], search_from)
        # Charts, site facts and citations belong in hand-written pages: in data they are
        # unknown ids (a citation's message says where records name their sources).
        references.append(
            Reference(prose.owner, found.target, position, "mentions", shows=found.shows)
        )
    return references


def page_references(path: str, text: str) -> tuple[list[Reference], list[Diagnostic]]:
    """`[[id]]`, `[[chart:id]]` and `[[cite:id]]` in a hand-written page, located by line and
    column, and the problems of form a citation can have (a label, an empty list)."""
    references = []
    problems = []
    start = Position(path)
    for found in links.find(text):
        position = start.advanced(text, found.start)
        if not found.citation:
            references.append(_reference(path, found, position))
            continue
        if found.label is not None:
            ids = ", ".join(c.id for c in found.cites)
            problems.append(
                Diagnostic(
                    position,
                    "a citation takes no label",
                    f"write [[cite:{quoted(ids)}]] after the words it supports; "
                    "[[id|text]] links to a record",
                )
            )
        for cited in found.cites:
            references.append(Reference(path, cited.id, start.advanced(text, cited.start), CITES))
    return references, problems


def _reference(owner: str, found: links.Found, position: Position) -> Reference:
    if found.chart is not None:
        return Reference(owner, found.chart, position, "chart", ("topic",))
    if found.site is not None:
        return Reference(owner, found.site, position, "site")
    return Reference(owner, found.target, position, "mentions", shows=found.shows)


CITES = "cites"
"""The relation of a hand-written page to a record or source it cites (`[[cite:id]]`)."""

SITE_FACTS = {"as-of": "the date the site's facts were last reviewed"}
"""What `[[site:name]]` can show."""


def check_references(
    model: Model, references: list[Reference], skipped: frozenset[str] | set[str] = frozenset()
) -> list[Diagnostic]:
    """Unknown ids (with a "did you mean") and ids of the wrong kind. Ids of records that were
    skipped for their own errors are not reported again."""
    diagnostics = []
    for ref in references:
        if ref.relation == "site":
            if ref.target not in SITE_FACTS:
                diagnostics.append(
                    Diagnostic(
                        ref.position,
                        f"unknown site fact '{quoted(ref.target)}'",
                        "write [[site:as-of]] for the date the facts were last reviewed",
                    )
                )
            elif model.as_of is None:
                diagnostics.append(
                    Diagnostic(
                        ref.position,
                        'no record says when it was reviewed, so the site has no "as of" date',
                        "add `reviewed: 2026-12-01` to the records you checked",
                    )
                )
            continue
        target = model.get(ref.target)
        if target is not None and ref.shows is not None:
            diagnostics += _shown_field_problems(ref, target.when)
        if target is not None and ref.relation == CITES and not cited_sources(target):
            diagnostics.append(
                Diagnostic(
                    ref.position,
                    f"'{ref.target}' names no sources, so citing it cites nothing",
                    "cite a source directly, [[cite:source-id]], or add `sources:` to the record",
                )
            )
        if target is None and ref.target in skipped:
            continue
        if target is None:
            if not ref.target:
                diagnostics.append(_empty(ref))
                continue
            diagnostics.append(
                Diagnostic(
                    ref.position, f"unknown id '{quoted(ref.target)}'", _unknown_hint(model, ref)
                )
            )
        elif ref.kinds and target.record_kind.name not in ref.kinds:
            wanted = " or ".join(_article(name) for name in ref.kinds)
            diagnostics.append(
                Diagnostic(
                    ref.position,
                    f"'{quoted(ref.target)}' is {_article(target.record_kind.name)}, "
                    f"but {wanted} is expected here",
                    f"use the id of {wanted}",
                )
            )
    return diagnostics


def _empty(ref: Reference) -> Diagnostic:
    if ref.relation == CITES:
        return Diagnostic(
            ref.position,
            "empty citation",
            "write the id of a record or a source after `cite:`, separated by commas",
        )
    return Diagnostic(ref.position, "empty reference", "write the id between the brackets: [[id]]")


def _unknown_hint(model: Model, ref: Reference) -> str:
    if ref.target.startswith(links.CITE_PREFIX) and ref.relation != CITES:
        return "a record names what it cites with `sources:`; [[cite:id]] is for pages in docs/"
    return did_you_mean(ref.target, model.records) or "check the id, or add a record with it"


def cited_sources(record: Record) -> tuple[str, ...]:
    """What `[[cite:id]]` gives as footnotes: the record's sources, or the source itself."""
    return (record.id,) if isinstance(record, Source) else record.sources


def _shown_field_problems(ref: Reference, when: str | None) -> list[Diagnostic]:
    if ref.shows not in links.SHOWN_FIELDS:
        hint = f"write [[{ref.target}:date]] for its date, or [[{ref.target}]]"
        return [
            Diagnostic(
                ref.position, f"[[{ref.target}:{quoted(ref.shows)}]] shows nothing known", hint
            )
        ]
    if when is None:
        return [
            Diagnostic(
                ref.position,
                f"'{ref.target}' has no date to show",
                f"link it by name with [[{ref.target}]]",
            )
        ]
    return []


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def check_records(model: Model) -> list[Diagnostic]:
    """Rules that need more than one record: rounds, organization ancestry. (Date order within
    a record is checked where it is assembled, at the date's own position.)"""
    diagnostics = []
    for record in model.records.values():
        if isinstance(record, Event):
            diagnostics += _check_event(model, record)
        elif isinstance(record, Person):
            diagnostics += _check_name(record)
        elif isinstance(record, Organization):
            diagnostics += _check_ancestry(model, record)
    return diagnostics


def _check_event(model: Model, event: Event) -> list[Diagnostic]:
    problems = []
    topic = model.get(event.topic) if event.topic else None
    if event.round is not None and not (isinstance(topic, Topic) and topic.is_series):
        problems.append(
            Diagnostic(
                event.origin,
                f"event '{event.id}' has a round number but belongs to no series",
                "set `topic:` to a topic of type series",
            )
        )
    return problems


def _check_name(person: Person) -> list[Diagnostic]:
    """A name is written whole (`name`) or in parts (`family_name` and `given_name`)."""
    parts = (person.family_name, person.given_name)
    if person.name is None and all(parts):
        return []
    if person.name is not None and not any(parts):
        return []
    return [
        Diagnostic(
            person.origin,
            f"person '{person.id}' needs `family_name` and `given_name`, or else `name`",
            "write Korean and Japanese names in parts; `name` is for names that are not",
        )
    ]


def _check_ancestry(model: Model, organization: Organization) -> list[Diagnostic]:
    seen = {organization.id}
    current = organization
    while current.parent:
        parent = model.get(current.parent)
        if not isinstance(parent, Organization):
            return []  # reported as a bad reference
        if parent.id in seen:
            if parent.id == organization.id:
                return [
                    Diagnostic(
                        organization.origin,
                        f"organization '{organization.id}' is its own ancestor",
                        "fix the `parent:` chain",
                    )
                ]
            return []  # the cycle is reported on its members
        seen.add(parent.id)
        current = parent
    return []


_WRITTEN_DATE = re.compile(r"\b[0-9]{1,2}(?:–[0-9]{1,2})? (?:" + "|".join(MONTHS) + r") [0-9]{4}\b")
"""A date to the day as pages write it ("29 December 2014", "26–29 December 2014")."""


def retyped_dates(model: Model, pages: list[tuple[str, str]]) -> list[Diagnostic]:
    """Dates to the day that hand-written pages (path, text) type out although an event holds
    them: a page should show the record's date (`[[id:date]]`), so it follows when the record
    changes. Code and `[[...]]` are skipped."""
    events: dict[str, list[str]] = defaultdict(list)
    for event in model.of(Event):
        if event.date.precision == "day" and event.when:
            events[event.when].append(event.id)
    found = []
    for path, text in pages:
        found += _retyped_in(events, path, text)
    return found


def _retyped_in(events: dict[str, list[str]], path: str, text: str) -> list[Diagnostic]:
    found = []
    start = Position(path)
    references = [(f.start, f.end) for f in links.find(text)]
    for begin, end in links.prose_segments(text):
        for match in _WRITTEN_DATE.finditer(text, begin, end):
            ids = events.get(match.group())
            if not ids or any(a <= match.start() < b for a, b in references):
                continue
            dated = ", ".join(sorted(ids))
            options = " or ".join(f"[[{event_id}:date]]" for event_id in sorted(ids))
            found.append(
                Diagnostic(
                    start.advanced(text, match.start()),
                    f"'{match.group()}' is typed out, but it is the date of {dated}",
                    f"write {options}, so the page follows the record",
                    Severity.WARNING,
                )
            )
    return found


def future_dates(model: Model, today: PartialDate) -> list[Diagnostic]:
    """Events dated after the build's date: a warning (planned events are fine)."""
    warnings = []
    for event in model.of(Event):
        date = event.date
        # Compare at the event's precision: "2026-11" is not in the future during November.
        known = (date.year, date.month or 0, date.day or 0)
        now = (
            today.year,
            (today.month or 0) if date.month else 0,
            (today.day or 0) if date.day else 0,
        )
        if known > now:
            warnings.append(
                Diagnostic(
                    event.origin,
                    f"event '{event.id}' is dated {date}, which is in the future",
                    "check the date; planned events are fine",
                    Severity.WARNING,
                )
            )
    return warnings


def stale(model: Model, cutoff: PartialDate) -> list[Diagnostic]:
    """Records not reviewed since `cutoff` (never, or before it): a report for editors, never
    a problem that stops a build."""
    found = []
    for record in model.records.values():
        reviewed = record.reviewed
        if reviewed is None:
            found.append(
                Diagnostic(
                    record.origin,
                    f"'{record.id}' has never been reviewed",
                    "add `reviewed:` with the date you read it against its sources",
                    Severity.WARNING,
                )
            )
        elif reviewed.sort_key < cutoff.sort_key[: len(reviewed.iso.split("-"))]:
            found.append(
                Diagnostic(
                    record.origin,
                    f"'{record.id}' was last reviewed {reviewed}",
                    "read it against its sources and update `reviewed:`",
                    Severity.WARNING,
                )
            )
    return found


def backlinks(model: Model, references: list[Reference]) -> dict[str, list[Backlink]]:
    """Target id → who points at it, without self-links or repeats, in reference order."""
    result: dict[str, list[Backlink]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for ref in references:
        if ref.target == ref.owner or ref.target not in model.records:
            continue
        key = (ref.target, ref.owner, ref.relation)
        if key not in seen:
            seen.add(key)
            result[ref.target].append(Backlink(ref.owner, ref.relation))
    return result
