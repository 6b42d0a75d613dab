"""The model: frozen records built from validated data, and the index that finds them by id.

Records keep the ids of what they refer to, not the objects: references are resolved (and
checked) in `links.py`, so the model can be built from any file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .dates import PartialDate
from .diagnostics import Position

COUNTRY_NAMES = {"KR": "South Korea", "JP": "Japan", "US": "United States", "KP": "North Korea",
                 "CN": "China"}


def country_name(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "")


@dataclass(frozen=True)
class Native:
    """A name in native scripts, exactly as a source spells it."""

    ko: str | None = None
    """Korean in Hangul."""
    hanja: str | None = None
    """Korean in Hanja."""
    ja: str | None = None
    """Japanese."""
    ja_reading: str | None = None
    """Japanese reading in kana."""

    def labelled(self) -> list[tuple[str, str, str]]:
        """(label, text, BCP 47 language tag) for each form present, in a stable order."""
        forms = [("Korean", self.ko, "ko"), ("Hanja", self.hanja, "ko-Hani"),
                 ("Japanese", self.ja, "ja"), ("Japanese reading", self.ja_reading, "ja-Hira")]
        return [(label, text, lang) for label, text, lang in forms if text]

    def all(self) -> list[str]:
        return [text for _, text, _ in self.labelled()]


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every record has: an id unique across all files, and where it was defined."""

    KIND: ClassVar[str] = "record"
    """Singular name used in messages ("person")."""
    DIRECTORY: ClassVar[str] = "records"
    """Folder of its generated pages, also the top-level key in data files."""

    id: str
    origin: Position
    sources: tuple[str, ...]

    @property
    def display_name(self) -> str:
        raise NotImplementedError

    @property
    def src_uri(self) -> str:
        """The generated page's path inside the site's docs, e.g. `people/seo-min-jung.md`."""
        return f"{self.DIRECTORY}/{self.id}.md"


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    KIND = "source"
    DIRECTORY = "sources"

    title: str
    publisher: str
    title_en: str | None = None
    author: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    kind: str | None = None
    language: str | None = None
    note: str | None = None

    @property
    def display_name(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True)
class Organization(Record):
    KIND = "organization"
    DIRECTORY = "organizations"

    name: str
    short_name: str | None = None
    native: Native = field(default_factory=Native)
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    summary: str | None = None

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Role:
    title: str
    sources: tuple[str, ...]
    native_title: Native = field(default_factory=Native)
    organization: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    as_of: PartialDate | None = None


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    KIND = "person"
    DIRECTORY = "people"

    name: str
    native: Native = field(default_factory=Native)
    aliases: tuple[str, ...] = ()
    country: str | None = None
    summary: str | None = None
    roles: tuple[Role, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class Topic(Record):
    KIND = "topic"
    DIRECTORY = "topics"

    type: str
    name: str
    summary: str
    short_name: str | None = None
    native: Native = field(default_factory=Native)
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    details: str | None = None
    terms: str | None = None

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(frozen=True)
class Participant:
    person: str
    side: str | None = None
    title: str | None = None
    organization: str | None = None
    role: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    text: str
    by: str
    source: str


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    KIND = "event"
    DIRECTORY = "events"

    title: str
    date: PartialDate
    kind: str
    summary: str
    end_date: PartialDate | None = None
    topic: str | None = None
    round: int | None = None
    place: str | None = None
    venue: str | None = None
    country: str | None = None
    duration_minutes: int | None = None
    status: str | None = None
    """The topic's status from this event on (for status charts)."""
    details: str | None = None
    outcome: str | None = None
    quotes: tuple[Quote, ...] = ()
    participants: tuple[Participant, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    KIND = "term"
    DIRECTORY = "glossary"

    term: str
    short: str
    definition: str
    aliases: tuple[str, ...] = ()
    native: Native = field(default_factory=Native)
    see_also: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.term

    @property
    def forms(self) -> list[str]:
        """Every spelling that marks a mention of this term in prose."""
        return [self.term, *self.aliases, *self.native.all()]


RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source, "organizations": Organization, "people": Person,
    "topics": Topic, "events": Event, "terms": Term,
}
"""Top-level data key → record class, in the order pages present the kinds."""


@dataclass(frozen=True)
class Model:
    """All records, by id, in a deterministic order (file path, then position in the file)."""

    records: dict[str, Record]

    def of(self, cls: type[Record]) -> list[Record]:
        return [record for record in self.records.values() if isinstance(record, cls)]

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)


@dataclass(frozen=True)
class Reference:
    """One use of an id: a relation field in data, or `[[id]]` in prose."""

    owner: str
    """The id of the record that refers, or the `docs/` page path for hand-written pages."""
    target: str
    position: Position
    relation: str
    """How the owner relates to the target, as shown in backlinks ("participant", "mentions")."""
    kinds: tuple[type[Record], ...] = ()
    """The record types allowed here; empty means any."""


@dataclass(frozen=True)
class Prose:
    """A Markdown field of a record, remembered so `[[id]]` inside it can be checked and located."""

    owner: str
    field: str
    text: str
    position: Position
    """Where the field's value starts."""
    raw_start: int = 0
    raw: str = ""
    """The value's text as written in the file (quotes and folding included)."""
