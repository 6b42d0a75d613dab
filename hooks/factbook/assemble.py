"""Assemble: validated plain data from every file → one `Model`, plus what links.py checks.

Only records that passed the schema are assembled; the others already have diagnostics, and
skipping them keeps one mistake from causing a cascade of follow-on messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import limits, resolve
from .dates import PartialDate
from .diagnostics import Diagnostic, Position
from .load import FieldPath, LoadedFile
from .model import (RECORD_TYPES, Event, Model, Native, Organization, Participant, Person, Prose,
                    Quote, Record, Reference, Role, Source, Term, Topic)
from .text import quoted

MARKDOWN_FIELDS = {
    "sources": ("note",), "organizations": ("summary",), "people": ("summary",),
    "topics": ("summary", "details", "terms"), "events": ("summary", "details", "outcome"),
    "terms": ("definition",),
}


@dataclass
class Assembly:
    records: dict[str, Record] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    prose: list[Prose] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped_ids: set[str] = field(default_factory=set)
    """Ids of records left out for schema errors: references to them are not reported again."""

    @property
    def model(self) -> Model:
        # Ordered by id, not by file: how the data is split over files, and how the files are
        # named or listed, must not change a byte of the site (ties in listings, search index).
        return Model(dict(sorted(self.records.items())))


def assemble(files: list[LoadedFile], invalid: set[tuple[str, FieldPath]]) -> Assembly:
    """Build records from every valid record; `invalid` holds (file, record path) pairs to skip."""
    assembly = Assembly()
    for loaded in files:
        for key, cls in RECORD_TYPES.items():
            items = loaded.data.get(key)
            if not isinstance(items, list) or (loaded.path, (key,)) in invalid:
                continue
            for index, raw in enumerate(items):
                if (loaded.path, (key, index)) in invalid:
                    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                        assembly.skipped_ids.add(raw["id"])
                    continue
                _RecordBuilder(assembly, loaded, key, index, raw).build(cls)
    return assembly


class _RecordBuilder:
    """Builds one record, reporting impossible dates and collecting references as it goes."""

    def __init__(self, assembly: Assembly, loaded: LoadedFile, key: str, index: int,
                 raw: dict[str, Any]) -> None:
        self.assembly = assembly
        self.loaded = loaded
        self.key = key
        self.base: FieldPath = (key, index)
        self.raw = raw
        self.id: str = raw["id"]
        self.ok = True

    def position(self, *path: str | int) -> Position:
        return self.loaded.position(self.base + path)

    def date(self, value: Any, *path: str | int) -> PartialDate | None:
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            self.assembly.diagnostics.append(Diagnostic(
                self.position(*path), f"impossible date '{quoted(value)}': {error}",
                "check the source; if only the month is known, write 2023-04"))
            self.ok = False
            return None

    def ref(self, target: str | None, relation: str, kinds: tuple[type[Record], ...],
            *path: str | int) -> str | None:
        if target is not None:
            self.assembly.references.append(
                Reference(self.id, target, self.position(*path), relation, kinds))
        return target

    def refs(self, targets: list[str] | None, relation: str, kinds: tuple[type[Record], ...],
             *path: str | int) -> tuple[str, ...]:
        return tuple(self.ref(t, relation, kinds, *path, i) for i, t in enumerate(targets or ()))

    def sources(self, raw: dict[str, Any], *path: str | int) -> tuple[str, ...]:
        return self.refs(raw.get("sources"), "cited by", (Source,), *path, "sources")

    def markdown(self, name: str) -> None:
        text = self.raw.get(name)
        if text is None:
            return
        start, raw = self.loaded.source_text(self.base + (name,))
        prose = Prose(self.id, name, text, self.position(name), start, raw)
        too_costly = limits.field_problems(prose)
        if too_costly:  # reported alone: searching it for links could cost what rendering would
            self.assembly.diagnostics += too_costly
            return
        self.assembly.prose.append(prose)
        self.assembly.diagnostics += resolve.link_problems(prose)

    def order(self, start: PartialDate | None, end: PartialDate | None, what: str,
              swap: str, *path: str | int) -> None:
        """Report an end before its start, at the end's position. Dates are compared at the
        precision both have: `2023-04` does not end before `2023-04-17`."""
        if start is None or end is None:
            return
        common = min(len(start.iso.split("-")), len(end.iso.split("-")))
        if end.sort_key[:common] < start.sort_key[:common]:
            self.assembly.diagnostics.append(Diagnostic(
                self.position(*path), f"{what} ends ({end}) before it starts ({start})",
                f"swap {swap}"))

    def build(self, cls: type[Record]) -> None:
        raw = self.raw
        common = dict(id=self.id, origin=self.position(), sources=self.sources(raw))
        record = getattr(self, f"_{cls.__name__.lower()}")(raw, common)
        for name in MARKDOWN_FIELDS[self.key]:
            self.markdown(name)
        if not self.ok:
            self.assembly.skipped_ids.add(self.id)
            return
        records = self.assembly.records
        if self.id in records:
            first = records[self.id].origin
            self.assembly.diagnostics.append(Diagnostic(
                self.position("id"), f"duplicate id '{self.id}'",
                f"ids are unique across all files; it is already used at {first}"))
            return
        records[self.id] = record

    def _source(self, raw: dict[str, Any], common: dict[str, Any]) -> Source:
        return Source(**common, title=raw["title"], publisher=raw["publisher"],
                      title_en=raw.get("title_en"), author=raw.get("author"),
                      date=self.date(raw.get("date"), "date"), url=raw.get("url"),
                      kind=raw.get("kind"), language=raw.get("language"), note=raw.get("note"))

    def _organization(self, raw: dict[str, Any], common: dict[str, Any]) -> Organization:
        return Organization(**common, name=raw["name"], short_name=raw.get("short_name"),
                            native=_native(raw.get("native")), aliases=tuple(raw.get("aliases", ())),
                            country=raw.get("country"),
                            parent=self.ref(raw.get("parent"), "part of", (Organization,), "parent"),
                            summary=raw.get("summary"))

    def _person(self, raw: dict[str, Any], common: dict[str, Any]) -> Person:
        roles = []
        for i, role in enumerate(raw.get("roles") or ()):
            roles.append(Role(
                title=role["title"], sources=self.sources(role, "roles", i),
                native_title=_native(role.get("native_title")),
                organization=self.ref(role.get("organization"), "staff", (Organization,),
                                      "roles", i, "organization"),
                start=self.date(role.get("from"), "roles", i, "from"),
                end=self.date(role.get("to"), "roles", i, "to"),
                as_of=self.date(role.get("as_of"), "roles", i, "as_of")))
            self.order(roles[-1].start, roles[-1].end, f"role '{quoted(role['title'])}'",
                       "`from` and `to`", "roles", i, "to")
        return Person(**common, name=raw["name"], native=_native(raw.get("native")),
                      aliases=tuple(raw.get("aliases", ())), country=raw.get("country"),
                      summary=raw.get("summary"), roles=tuple(roles))

    def _topic(self, raw: dict[str, Any], common: dict[str, Any]) -> Topic:
        return Topic(**common, type=raw["type"], name=raw["name"], summary=raw["summary"],
                     short_name=raw.get("short_name"), native=_native(raw.get("native")),
                     aliases=tuple(raw.get("aliases", ())), parties=tuple(raw.get("parties", ())),
                     details=raw.get("details"), terms=raw.get("terms"))

    def _event(self, raw: dict[str, Any], common: dict[str, Any]) -> Event:
        participants = []
        for i, p in enumerate(raw.get("participants") or ()):
            participants.append(Participant(
                person=self.ref(p["person"], "participant", (Person,), "participants", i, "person"),
                side=p.get("side"), title=p.get("title"), role=p.get("role"),
                organization=self.ref(p.get("organization"), "represented at", (Organization,),
                                      "participants", i, "organization"),
                sources=self.sources(p, "participants", i)))
        quotes = [Quote(text=q["text"],
                        by=self.ref(q["by"], "quoted", (Person, Organization), "quotes", i, "by"),
                        source=self.ref(q["source"], "cited by", (Source,), "quotes", i, "source"))
                  for i, q in enumerate(raw.get("quotes") or ())]
        date = self.date(raw["date"], "date")
        end_date = self.date(raw.get("end_date"), "end_date")
        self.order(date, end_date, f"event '{self.id}'", "`date` and `end_date`", "end_date")
        return Event(**common, title=raw["title"], date=date,
                     kind=raw["kind"], summary=raw["summary"],
                     end_date=end_date,
                     topic=self.ref(raw.get("topic"), "milestone", (Topic,), "topic"),
                     round=raw.get("round"), place=raw.get("place"), venue=raw.get("venue"),
                     country=raw.get("country"), duration_minutes=raw.get("duration_minutes"),
                     status=raw.get("status"),
                     details=raw.get("details"), outcome=raw.get("outcome"),
                     quotes=tuple(quotes), participants=tuple(participants),
                     related=self.refs(raw.get("related"), "related", (), "related"))

    def _term(self, raw: dict[str, Any], common: dict[str, Any]) -> Term:
        return Term(**common, term=raw["term"], short=raw["short"], definition=raw["definition"],
                    aliases=tuple(raw.get("aliases", ())), native=_native(raw.get("native")),
                    see_also=self.refs(raw.get("see_also"), "see also", (), "see_also"))


def _native(raw: dict[str, str] | None) -> Native:
    return Native(**raw) if raw else Native()
