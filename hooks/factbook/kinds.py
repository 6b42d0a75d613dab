"""The kinds of record: each declared once, as a dataclass of its fields and a `RecordKind`.

`KINDS` is the registry, in the order data files and the schema present the kinds. Everything
that differs between kinds derives from it: the schema's top-level lists, messages ("a person"),
page folders, listing pages and the navigation's records section, JSON-LD and facts.json. A
kind declared elsewhere joins with `register()` and brings a template, `<name>.md.j2` (and
`index_<name>.md.j2` if it has a listing), in its `templates` folder (README: "Extending").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .model import (
    CITED_BY,
    MARKDOWN,
    TEXT,
    LinkedData,
    Native,
    Part,
    Quantity,
    Record,
    RecordKind,
    Relation,
    defined,
    fact,
)
from .wording import country_name

NATIVE = defined("native")
ALIASES = defined("aliases")
COUNTRY = defined("country")
DATE = defined("date")


def _ref(description: str) -> dict[str, Any]:
    return defined("ref", description)


def _list_of(description: str, definition: str, unique: bool = False) -> dict[str, Any]:
    fragment: dict[str, Any] = {"description": description, "type": "array"}
    if unique:
        fragment["uniqueItems"] = True
    fragment["items"] = {"$ref": f"#/$defs/{definition}"}
    return fragment


# -- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    title: str | None = fact(
        defined(
            TEXT,
            "The headline or document title, in its own language, exactly as the source "
            "prints it. Leave it out when the copy you read does not show it: the site then says "
            "the headline is not recorded.",
        ),
        default=None,
    )
    title_en: str | None = fact(
        defined(TEXT, "An English translation of a non-English title (your own words)."),
        default=None,
    )
    publisher: str = fact(defined(TEXT, "Newspaper, agency, ministry or database."))
    author: str | None = fact(defined(TEXT, "The byline, when known."), default=None)
    date: PartialDate | None = fact(DATE, default=None)
    url: str | None = fact(defined("url"), default=None)
    kind: str | None = fact(
        {
            "description": "What sort of source this is.",
            "enum": ["news", "government", "treaty", "database", "other"],
        },
        default=None,
    )
    language: str | None = fact(
        {
            "description": "Language code of the source: en, ko, ja.",
            "type": "string",
            "pattern": "^[a-z]{2}$",
        },
        default=None,
    )
    note: str | None = fact(
        defined(MARKDOWN, "Anything a reader should know about this source (Markdown)."),
        translated=True,
        default=None,
    )
    sources: tuple[str, ...] = ()
    """A source cites nothing: it is what facts cite."""

    @property
    def display_name(self) -> str:
        """The headline; for a source whose headline is not recorded, publisher and date."""
        if self.title:
            return self.title
        return ", ".join([self.publisher, *([self.date.display] if self.date else [])])

    def description(self, plain: Any) -> str:
        return f"{self.publisher}: {self.display_name}" if self.title else self.display_name


def _source_jsonld(source: Source, ld: LinkedData) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "NewsArticle" if source.kind == "news" else "CreativeWork",
        "name": source.display_name,
        "headline": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.author:
        node["author"] = {"@type": "Person", "name": source.author}
    if source.date:
        node["datePublished"] = source.date.iso
    if source.url:
        node["sameAs"] = source.url
    return node


# -- organizations ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Organization(Record):
    name: str = fact(defined(TEXT, "The English name."), native="native")
    short_name: str | None = fact(
        defined(TEXT, "A short form used in running text."), translated=True, default=None
    )
    native: Native = fact(NATIVE, default_factory=Native)
    aliases: tuple[str, ...] = fact(ALIASES, default=())
    country: str | None = fact(COUNTRY, default=None)
    parent: str | None = fact(
        _ref("Id of the organization this one belongs to."),
        relation=Relation("part_of", ("organization",)),
        default=None,
    )
    summary: str | None = fact(defined(MARKDOWN), translated=True, default=None)

    @property
    def display_name(self) -> str:
        return self.name


def _organization_jsonld(organization: Organization, ld: LinkedData) -> dict[str, Any]:
    node: dict[str, Any] = {
        "name": organization.name,
        "alternateName": [*organization.native.all(), *organization.aliases],
    }
    if organization.parent:
        node["parentOrganization"] = ld.named(organization.parent, "Organization")
    return node


# -- people -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role(Part):
    SCHEMA_NAME = "role"
    SCHEMA_EXTRA = {"description": "A position a person held."}
    LABEL = "title"

    title: str = fact(defined(TEXT, "The position's English title."), native="native_title")
    sources: tuple[str, ...] = fact(defined("sources"), relation=CITED_BY)
    native_title: Native = fact(NATIVE, default_factory=Native)
    organization: str | None = fact(
        _ref("Id of the organization."), relation=Relation("staff", ("organization",)), default=None
    )
    start: PartialDate | None = fact(
        defined("date", "When the person took the role, if known."), key="from", default=None
    )
    end: PartialDate | None = fact(
        defined("date", "When the person left the role, if known."),
        key="to",
        starts="start",
        default=None,
    )
    as_of: PartialDate | None = fact(
        defined(
            "date",
            "A date on which a source shows the person in this role (use when start and end "
            "are unknown).",
        ),
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    family_name: str | None = fact(
        defined(
            TEXT,
            "The family name in English letters (Funakoshi, Seo). With `given_name`, the site "
            "writes the name family name first, as Korean and Japanese do.",
        ),
        default=None,
    )
    given_name: str | None = fact(
        defined(TEXT, "The given name in English letters (Takehiro, Min-jung)."), default=None
    )
    name: str | None = fact(
        defined(
            TEXT,
            "The whole name as English-language sources write it, for a name not written "
            "in parts (use `family_name` and `given_name` for Korean and Japanese names).",
        ),
        default=None,
    )
    native: Native = fact(NATIVE, default_factory=Native)
    aliases: tuple[str, ...] = fact(ALIASES, default=())
    country: str | None = fact(COUNTRY, default=None)
    summary: str | None = fact(defined(MARKDOWN), translated=True, default=None)
    roles: tuple[Role, ...] = fact(
        _list_of("Positions held, each with its sources.", "role"), default=()
    )

    shown_name: str | None = field(default=None, compare=False)
    """The name an edition in another language shows (translations.py: from `native`)."""

    @property
    def display_name(self) -> str:
        """Family name first when the name is stored in parts (one order for every Korean and
        Japanese name on the site), else the name as written."""
        if self.shown_name:
            return self.shown_name
        if self.family_name and self.given_name:
            return f"{self.family_name} {self.given_name}"
        return self.name or self.family_name or self.given_name or self.id


def _person_jsonld(person: Person, ld: LinkedData) -> dict[str, Any]:
    node: dict[str, Any] = {
        "name": person.display_name,
        "familyName": person.family_name,
        "givenName": person.given_name,
        "alternateName": [*person.native.all(), *person.aliases],
    }
    if person.roles:
        node["jobTitle"] = [role.title for role in person.roles]
        node["affiliation"] = [
            ld.named(role.organization, "Organization")
            for role in person.roles
            if role.organization
        ]
    if person.country:
        node["nationality"] = {"@type": "Country", "name": country_name(person.country)}
    return node


# -- topics -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Topic(Record):
    type: str = fact(
        {
            "description": "`series`: recurring meetings with numbered rounds; "
            "`agreement`: a pact with milestones; `arrangement`: a "
            "non-binding arrangement; `policy`: a policy with milestones.",
            "enum": ["series", "agreement", "arrangement", "policy"],
        }
    )
    name: str = fact(defined(TEXT, "The English name."), native="native")
    short_name: str | None = fact(defined(TEXT), translated=True, default=None)
    native: Native = fact(NATIVE, default_factory=Native)
    aliases: tuple[str, ...] = fact(ALIASES, default=())
    parties: tuple[str, ...] = fact(
        _list_of("Country codes of the parties.", "country"), default=()
    )
    summary: str = fact(defined(MARKDOWN, "One short paragraph."), translated=True)
    details: str | None = fact(
        defined(MARKDOWN, "Longer explanation (Markdown)."), translated=True, default=None
    )
    terms: str | None = fact(
        defined(MARKDOWN, "How the agreement works, e.g. its renewal rule (Markdown)."),
        translated=True,
        default=None,
    )

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def is_series(self) -> bool:
        """Recurring meetings with numbered rounds."""
        return self.type == "series"


_TOPIC_TYPES = {"series": "EventSeries", "agreement": "Legislation"}


def _topic_jsonld(topic: Topic, ld: LinkedData) -> dict[str, Any]:
    return {
        "@type": _TOPIC_TYPES.get(topic.type, "CreativeWork"),
        "name": topic.name,
        "alternateName": [*topic.native.all(), *topic.aliases],
        "description": ld.plain(topic.summary),
    }


# -- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant(Part):
    SCHEMA_NAME = "participant"
    LABEL = "person"

    person: str = fact(_ref("Id of the person."), relation=Relation("participant", ("person",)))
    side: str | None = fact(defined("country", "The country the person represented."), default=None)
    title: str | None = fact(
        defined(TEXT, "The person's title at the event."), translated=True, default=None
    )
    organization: str | None = fact(
        _ref("Id of the organization the person represented."),
        relation=Relation("represented_at", ("organization",)),
        default=None,
    )
    role: str | None = fact(
        defined(TEXT, "What the person did there, e.g. `head of delegation`, `signatory`."),
        translated=True,
        default=None,
    )
    sources: tuple[str, ...] = fact(defined("sources"), relation=CITED_BY, default=())


@dataclass(frozen=True)
class Quote(Part):
    SCHEMA_NAME = "quote"
    SCHEMA_EXTRA = {"description": "A short quotation, attributed to whoever said it."}

    text: str = fact(defined(TEXT, "The exact words, without quotation marks."), translated=True)
    by: str = fact(
        _ref("Id of the person or organization that said it."),
        relation=Relation("quoted", ("person", "organization")),
    )
    source: str = fact(_ref("Id of the source that reports it."), relation=CITED_BY)
    original: str | None = fact(
        defined(
            TEXT,
            "The words as the source prints them, when its language is not English (`text` "
            "then holds your English translation): the edition in the source's language "
            "quotes them, and every other edition marks its words as a translation.",
        ),
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Event(Record):
    title: str = fact(defined(TEXT, "A short headline."), translated=True)
    date: PartialDate = fact(DATE)
    end_date: PartialDate | None = fact(
        defined("date", "For events over several days."), starts="date", default=None
    )
    kind: str = fact(
        {
            "description": "What sort of event.",
            "enum": [
                "meeting",
                "summit",
                "signing",
                "ruling",
                "policy",
                "notice",
                "decision",
                "other",
            ],
        }
    )
    topic: str | None = fact(
        _ref("Id of the topic (series or agreement) this event belongs to."),
        relation=Relation("milestone", ("topic",)),
        default=None,
    )
    round: int | None = fact(
        {
            "description": "The round number within a series (requires `topic` of type series).",
            "type": "integer",
            "minimum": 1,
        },
        default=None,
    )
    place: str | None = fact(defined(TEXT, "The city, e.g. Seoul."), translated=True, default=None)
    venue: str | None = fact(
        defined(TEXT, "The building, e.g. the Foreign Ministry."), translated=True, default=None
    )
    country: str | None = fact(defined("country", "Where it took place."), default=None)
    status: str | None = fact(
        defined(
            TEXT,
            "The topic's status from this event on, e.g. `in force` (drawn as a status chart "
            "on the topic's page).",
        ),
        translated=True,
        default=None,
    )
    duration_minutes: Quantity | None = fact(
        defined(
            "quantity",
            "How long it lasted, in minutes: `150`, or `about 150` when the source says about.",
        ),
        default=None,
    )
    summary: str = fact(defined(MARKDOWN, "One or two sentences (Markdown)."), translated=True)
    details: str | None = fact(
        defined(MARKDOWN, "More on what happened (Markdown)."), translated=True, default=None
    )
    outcome: str | None = fact(
        defined(MARKDOWN, "What was agreed or decided (Markdown)."), translated=True, default=None
    )
    participants: tuple[Participant, ...] = fact(
        _list_of("Who took part, on which side, in what capacity.", "participant"), default=()
    )
    quotes: tuple[Quote, ...] = fact(
        _list_of("Short quotations, each attributed and cited.", "quote"), default=()
    )
    related: tuple[str, ...] = fact(
        _list_of("Ids of related records of any kind.", "ref", True),
        relation=Relation("related"),
        default=(),
    )

    @property
    def display_name(self) -> str:
        return self.title


def _event_jsonld(event: Event, ld: LinkedData) -> dict[str, Any]:
    node: dict[str, Any] = {
        "name": event.title,
        "startDate": event.date.iso,
        "description": ld.plain(event.summary),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.end_date:
        node["endDate"] = event.end_date.iso
    if event.place or event.venue:
        place: dict[str, Any] = {
            "@type": "Place",
            "name": ", ".join(p for p in (event.venue, event.place) if p),
        }
        if event.country:
            place["address"] = {"@type": "PostalAddress", "addressCountry": event.country}
        node["location"] = place
    if event.participants:
        node["attendee"] = [ld.named(p.person, "Person") for p in event.participants]
    if event.topic:
        topic = ld.record(event.topic)
        in_series = isinstance(topic, Topic) and topic.is_series
        node["superEvent" if in_series else "about"] = ld.named(
            event.topic, "EventSeries" if in_series else "Thing"
        )
    return node


# -- terms --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    term: str = fact(defined(TEXT, "The headword as readers know it."), native="native")
    aliases: tuple[str, ...] = fact(
        defined(
            "aliases",
            "Other forms that should also get the hover definition (abbreviations, "
            "spellings, Korean/Japanese forms).",
        ),
        default=(),
    )
    native: Native = fact(NATIVE, default_factory=Native)
    short: str = fact(
        {
            "description": "One plain sentence for the hover tooltip.",
            "type": "string",
            "minLength": 1,
            "maxLength": 300,
        },
        translated=True,
    )
    definition: str = fact(
        defined(MARKDOWN, "A paragraph in your own words (Markdown)."), translated=True
    )
    see_also: tuple[str, ...] = fact(
        _list_of("Ids of related records.", "ref", True), relation=Relation("see_also"), default=()
    )

    @property
    def display_name(self) -> str:
        return self.term

    @property
    def forms(self) -> list[str]:
        """Every spelling that marks a mention of this term in prose."""
        return [self.term, *self.aliases, *self.native.all()]

    def description(self, plain: Any) -> str:
        return self.short


def _term_jsonld(term: Term, ld: LinkedData) -> dict[str, Any]:
    return {
        "name": term.term,
        "description": term.short,
        "alternateName": [*term.aliases, *term.native.all()],
        "inDefinedTermSet": ld.glossary(),
    }


# -- the registry -------------------------------------------------------------------------------

KINDS: dict[str, RecordKind] = {}
"""Data key → kind, in the order data files and the schema present them."""


def register(kind: RecordKind) -> RecordKind:
    """Add a kind (or replace one of the same key); its records then load, validate, render and
    export like the built-in ones."""
    if any(other.name == kind.name and other.key != kind.key for other in KINDS.values()):
        raise ValueError(f"a kind named '{kind.name}' is already registered")
    kind.record.record_kind = kind
    KINDS[kind.key] = kind
    return kind


def by_name(name: str) -> RecordKind:
    return next(kind for kind in KINDS.values() if kind.name == name)


def ranked() -> list[RecordKind]:
    """The kinds in the order they are listed for readers."""
    return sorted(KINDS.values(), key=lambda kind: kind.rank)


for _kind in (
    RecordKind(
        key="sources",
        record=Source,
        name="source",
        folder="sources",
        rank=5,
        description="Where facts come from. Every fact cites one or more of these by id.",
        listing="Sources",
        jsonld_type="CreativeWork",
        jsonld=_source_jsonld,
        search_boost=0.5,
    ),
    RecordKind(
        key="organizations",
        record=Organization,
        name="organization",
        folder="organizations",
        rank=3,
        description="Governments, ministries, bureaus, courts, newspapers.",
        listing="Organizations",
        jsonld_type="Organization",
        jsonld=_organization_jsonld,
    ),
    RecordKind(
        key="people",
        record=Person,
        name="person",
        folder="people",
        rank=2,
        description="People who took part in events, with the roles they held.",
        listing="People",
        jsonld_type="Person",
        jsonld=_person_jsonld,
    ),
    RecordKind(
        key="topics",
        record=Topic,
        name="topic",
        folder="topics",
        rank=0,
        description="Things that events belong to: a meeting series (with numbered "
        "rounds) or an agreement (with milestones).",
        listing="Topics",
        jsonld_type="CreativeWork",
        jsonld=_topic_jsonld,
        search_boost=2,
    ),
    RecordKind(
        key="events",
        record=Event,
        name="event",
        folder="events",
        rank=1,
        description="Dated happenings: meetings, summits, signings, rulings, policies, notices.",
        listing="Events",
        by_year=True,
        jsonld_type="Event",
        jsonld=_event_jsonld,
    ),
    RecordKind(
        key="terms",
        record=Term,
        name="term",
        folder="glossary",
        rank=4,
        description="Glossary terms. Mentions of a term or its aliases in prose get a "
        "hover definition.",
        jsonld_type="DefinedTerm",
        jsonld=_term_jsonld,
        search_boost=3,
    ),
):
    register(_kind)
