"""Resolve: check every reference against the model, run cross-record checks, build backlinks.

Backlinks come from both kinds of reference — relation fields in data (a meeting's participants
appear on each person's page) and `[[id]]` in prose, hand-written pages included — so a record's
"Mentioned in" list is the reverse of every edge that points at it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import charts, links
from .diagnostics import Diagnostic, Position, did_you_mean
from .model import Event, Model, Organization, Prose, Reference, Topic
from .text import quoted


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
        needle = prose.text[found.start:found.end]
        index = prose.raw.find(needle, search_from)
        if index < 0:  # escapes or folding changed the text: point at the field instead
            position = prose.position
        else:
            search_from = index + len(needle)
            position = _index_position(prose, prose.raw_start + index)
        references.append(Reference(prose.owner, found.target, position, "mentions"))
    return references


def link_problems(prose: Prose) -> list[Diagnostic]:
    """Markdown links in a data field whose address is not http(s) or relative (`javascript:`,
    `data:`, `vbscript:`...), each located at its place in the YAML file."""
    problems = []
    search_from = 0
    for destination in links.destinations(prose.text):
        if links.is_safe_url(destination.url):
            continue
        index = prose.raw.find(destination.url, search_from) if destination.url else -1
        if index < 0:
            position = prose.position
        else:
            search_from = index + len(destination.url)
            position = _index_position(prose, prose.raw_start + index)
        shown = quoted(destination.url, 60)
        problems.append(Diagnostic(
            position, f"link to '{shown}' uses the {links.scheme(destination.url)}: scheme, "
            "which is not allowed",
            "links in data must start with http:// or https://; link to records with [[id]]"))
    return problems


def _index_position(prose: Prose, absolute: int) -> Position:
    # The raw text starts at prose.position; count lines and columns from there.
    offset = absolute - prose.raw_start
    before = prose.raw[:offset]
    newlines = before.count("\n")
    if newlines == 0:
        return Position(prose.position.path, prose.position.line, prose.position.column + offset)
    column = offset - (before.rfind("\n") + 1)
    return Position(prose.position.path, prose.position.line + newlines, column + 1)


CHART_PREFIX = "chart:"
"""`[[chart:topic-id]]` on a line of its own in a hand-written page shows the topic's pictures."""


def page_references(path: str, text: str) -> list[Reference]:
    """`[[id]]` references in a hand-written page, located by line and column."""
    references = []
    for found in links.find(text):
        line = text.count("\n", 0, found.start) + 1
        column = found.start - (text.rfind("\n", 0, found.start) + 1) + 1
        position = Position(path, line, column)
        if found.target.startswith(CHART_PREFIX):
            references.append(Reference(path, found.target[len(CHART_PREFIX):].strip(), position,
                                        "chart", (Topic,)))
        else:
            references.append(Reference(path, found.target, position, "mentions"))
    return references


def check_charts(model: Model, references: list[Reference]) -> list[Diagnostic]:
    """A `[[chart:id]]` must name a topic that has something to draw."""
    events_by_topic: dict[str, list[Event]] = defaultdict(list)
    for record in model.records.values():
        if isinstance(record, Event) and record.topic:
            events_by_topic[record.topic].append(record)
    problems = []
    for ref in references:
        if ref.relation == "chart" and isinstance(model.get(ref.target), Topic):
            rounds, changes = charts.pictures_for(events_by_topic[ref.target])
            if not rounds and not changes:
                problems.append(Diagnostic(ref.position, f"topic '{quoted(ref.target)}' has no chart",
                                           "charts need two numbered rounds or events with `status:`"))
    return problems


def check_references(model: Model, references: list[Reference],
                     skipped: frozenset[str] | set[str] = frozenset()) -> list[Diagnostic]:
    """Unknown ids (with a "did you mean") and ids of the wrong kind. Ids of records that were
    skipped for their own errors are not reported again."""
    diagnostics = []
    for ref in references:
        target = model.get(ref.target)
        if target is None and ref.target in skipped:
            continue
        if target is None:
            if not ref.target:
                diagnostics.append(Diagnostic(ref.position, "empty reference",
                                              "write the id between the brackets: [[id]]"))
                continue
            hint = did_you_mean(ref.target, model.records) or "check the id, or add a record with it"
            diagnostics.append(Diagnostic(ref.position, f"unknown id '{quoted(ref.target)}'", hint))
        elif ref.kinds and not isinstance(target, ref.kinds):
            wanted = " or ".join(_article(k.KIND) for k in ref.kinds)
            diagnostics.append(Diagnostic(
                ref.position, f"'{quoted(ref.target)}' is {_article(target.KIND)}, but {wanted} is expected here",
                f"use the id of {wanted}"))
    return diagnostics


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def check_records(model: Model) -> list[Diagnostic]:
    """Rules that need more than one record: rounds, organization ancestry. (Date order within
    a record is checked where it is assembled, at the date's own position.)"""
    diagnostics = []
    for record in model.records.values():
        if isinstance(record, Event):
            diagnostics += _check_event(model, record)
        elif isinstance(record, Organization):
            diagnostics += _check_ancestry(model, record)
    return diagnostics


def _check_event(model: Model, event: Event) -> list[Diagnostic]:
    problems = []
    topic = model.get(event.topic) if event.topic else None
    if event.round is not None and not (isinstance(topic, Topic) and topic.type == "series"):
        problems.append(Diagnostic(event.origin, f"event '{event.id}' has a round number but "
                                   "belongs to no series", "set `topic:` to a topic of type series"))
    return problems


def _check_ancestry(model: Model, organization: Organization) -> list[Diagnostic]:
    seen = {organization.id}
    current = organization
    while current.parent:
        parent = model.get(current.parent)
        if not isinstance(parent, Organization):
            return []  # reported as a bad reference
        if parent.id in seen:
            if parent.id == organization.id:
                return [Diagnostic(organization.origin, f"organization '{organization.id}' is "
                                   "its own ancestor", "fix the `parent:` chain")]
            return []  # the cycle is reported on its members
        seen.add(parent.id)
        current = parent
    return []


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
