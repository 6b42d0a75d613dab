"""The model: what a record is, field by field, each field declared once.

A record kind is a frozen dataclass (the kinds themselves are declared in kinds.py). Each of its
fields is declared once, with `fact()`:

- its Python type is what templates get (`PartialDate`, `tuple[str, ...]`, a nested dataclass);
- its JSON Schema is what editors may write, with the help text their YAML tooling shows;
- a reference (`relation=`) says which kinds the value may name and how the relation reads in
  "Mentioned in" lists.

The JSON Schema (schema.py), building records from data (assemble.py), reference checks
(resolve.py) and facts.json (export.py) are all derived from these declarations: adding a field
is one line here, plus its place in a template.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from .dates import PartialDate, span
from .diagnostics import Position
from .links import Found

Schema = dict[str, Any]
"""A JSON Schema fragment."""


def defined(name: str, description: str | None = None) -> Schema:
    """A field whose form is one of the shared definitions (`text`, `markdown`, `date`…)."""
    fragment: Schema = {"description": description} if description else {}
    fragment["$ref"] = f"#/$defs/{name}"
    return fragment


@dataclass(frozen=True)
class Quantity:
    """A number as precise as its source: `150`, or `about 150` when the source says "about"."""

    value: int
    approximate: bool = False

    @classmethod
    def parse(cls, raw: int | str) -> Quantity:
        """A schema-valid quantity (`150` or `"about 150"`)."""
        if isinstance(raw, int):
            return cls(raw)
        return cls(int(raw.removeprefix(APPROXIMATE)), approximate=True)


APPROXIMATE = "about "
"""How data says a quantity is approximate (`duration_minutes: about 150`)."""

TRANSLATIONS = "translations"
"""The top-level key of a translation file (with `language`): translations.py."""
LANGUAGE = "language"

TEXT = "text"
MARKDOWN = "markdown"
"""Fields of this form are Markdown: `[[id]]` and links in them are checked and located."""


@dataclass(frozen=True)
class Relation:
    """What a reference field may name, and how the relation reads in backlinks."""

    name: str
    """The relation's name; its wording is `relation_<name>` (e.g. "participant")."""
    kinds: tuple[str, ...] = ()
    """Names of the kinds it may point at (`"organization"`); empty: any kind."""


@dataclass(frozen=True)
class FieldSpec:
    """What `fact()` records about a field, beyond its Python type."""

    schema: Schema
    key: str | None = None
    """The field's name in data files, where it differs from the Python name (`from`)."""
    relation: Relation | None = None
    starts: str | None = None
    """For the end of a range: the Python name of the field it must not come before."""
    translated: bool = False
    """Words, not a fact: each edition shows its translation (translations.py)."""
    native: str | None = None
    """For a translated name: the field of native-script forms (`Native`) whose form in the
    edition's language stands in for a translation (an official name as its government
    writes it)."""


def fact(
    schema: Schema,
    *,
    key: str | None = None,
    relation: Relation | None = None,
    starts: str | None = None,
    translated: bool = False,
    native: str | None = None,
    default: Any = dataclasses.MISSING,
    default_factory: Any = dataclasses.MISSING,
) -> Any:
    """Declare a data field. A field without a default is required in data files."""
    spec = FieldSpec(schema, key, relation, starts, translated or native is not None, native)
    return field(default=default, default_factory=default_factory, metadata={"fact": spec})


@dataclass(frozen=True)
class DataField:
    """One declared field of a data class, with its resolved Python type."""

    name: str
    """The Python attribute."""
    key: str
    """The name in data files."""
    hint: Any
    spec: FieldSpec
    required: bool
    value_type: Any = None
    """The type of the value (of each item, for a list), `None` left out: what data becomes."""
    is_list: bool = False
    relation: Relation | None = None
    is_markdown: bool = False


@cache
def data_fields(cls: type) -> tuple[DataField, ...]:
    """The declared fields of a record kind or nested part, in declaration order."""
    hints = typing.get_type_hints(cls)
    result = []
    for declared in dataclasses.fields(cls):
        spec = declared.metadata.get("fact")
        if spec is None:
            continue
        required = (
            declared.default is dataclasses.MISSING
            and declared.default_factory is dataclasses.MISSING
        )
        hint = hints[declared.name]
        value_type = _without_none(hint)
        is_list = typing.get_origin(value_type) is tuple
        if is_list:
            value_type = typing.get_args(value_type)[0]
        result.append(
            DataField(
                declared.name,
                spec.key or declared.name,
                hint,
                spec,
                required,
                value_type,
                is_list,
                spec.relation,
                spec.schema.get("$ref") == f"#/$defs/{MARKDOWN}",
            )
        )
    return tuple(result)


def _without_none(hint: Any) -> Any:
    """`X` of `X | None`; any other hint as it is."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint


class Part:
    """A nested part of a record (a role, a participant…): a frozen dataclass of facts."""

    SCHEMA_NAME: ClassVar[str]
    """Its name among the schema's definitions, and in messages."""
    SCHEMA_EXTRA: ClassVar[Schema] = {}
    """Schema keywords beyond its fields (a description, `minProperties`)."""
    LABEL: ClassVar[str] = ""
    """The field that names it in messages ("role 'Director-General'")."""


@dataclass(frozen=True)
class Native(Part):
    """A name in native scripts, exactly as a source spells it."""

    SCHEMA_NAME = "native"
    SCHEMA_EXTRA = {
        "description": "The name in native scripts, exactly as a source spells it. "
        "Leave out what no source gives.",
        "minProperties": 1,
    }

    ko: str | None = fact(
        {
            "description": "In Hangul, as Korean sources write it (e.g. 서민정; for a Japanese "
            "name too, e.g. 후나코시 다케히로). The Korean edition shows it.",
            "type": "string",
            "minLength": 1,
        },
        default=None,
    )
    hanja: str | None = fact(
        {"description": "Korean, in Hanja (e.g. 徐旻廷).", "type": "string", "minLength": 1},
        default=None,
    )
    ja: str | None = fact(
        {
            "description": "As Japanese sources write it: kanji/kana for a Japanese name "
            "(e.g. 船越健裕), the katakana reading for a Korean one (e.g. ソ・ミンジョン). The "
            "Japanese edition shows it (with the Hanja, for a Korean name).",
            "type": "string",
            "minLength": 1,
        },
        default=None,
    )
    ja_reading: str | None = fact(
        {
            "description": "Japanese reading in kana (e.g. ふなこし たけひろ).",
            "type": "string",
            "minLength": 1,
        },
        default=None,
    )

    def labelled(self) -> list[tuple[str, str, str]]:
        """(field name, text, BCP 47 language tag) for each form present, in a stable order;
        the wording of each label is `native_<field name>`."""
        forms = [
            ("ko", self.ko, "ko"),
            ("hanja", self.hanja, "ko-Hani"),
            ("ja", self.ja, "ja"),
            ("ja_reading", self.ja_reading, "ja-Hira"),
        ]
        return [(name, text, lang) for name, text, lang in forms if text]

    def all(self) -> list[str]:
        return [text for _, text, _ in self.labelled()]


SOURCES = defined("sources")
CITED_BY = Relation("cited_by", ("source",))


class LinkedData(Protocol):
    """What a kind's JSON-LD needs from the exporter (export.py provides it)."""

    def record(self, record_id: str) -> Record:
        """The record with this id (references are checked before anything is exported)."""

    def named(self, record_id: str | None, schema_type: str = "Thing") -> dict[str, str]:
        """A reference to a record's page: its type, name and address."""

    def plain(self, markdown: str | None) -> str:
        """A Markdown field as one line of plain text, references named."""

    def glossary(self) -> dict[str, str]:
        """The glossary as a DefinedTermSet reference."""


JsonLd = Callable[[Any, LinkedData], dict[str, Any]]
"""A kind's own schema.org properties for one record's page."""


@dataclass(frozen=True)
class RecordKind:
    """Everything about one kind of record, declared once (kinds.py declares the built-in ones).

    The data files' top-level keys, the JSON Schema, messages, page addresses, listing pages and
    the navigation, JSON-LD and facts.json all derive from these declarations."""

    key: str
    """The top-level list in data files and in facts.json (`people`)."""
    record: type[Record]
    name: str
    """One record, in messages and template names (`person` → `person.md.j2`)."""
    folder: str
    """Where its pages go (`people/<id>.md`)."""
    description: str
    """What the list holds, as editors' tooling shows it."""
    rank: int
    """Its place when records of several kinds are listed together ("Mentioned in"), and the
    order of listing pages."""
    jsonld_type: str
    """The schema.org type of its pages."""
    listing: str | None = None
    """The title of its listing page (`<folder>/index.md`); None: it has none of its own."""
    by_year: bool = False
    """List by year of `date` (else by first letter of the name)."""
    jsonld: JsonLd | None = None
    search_boost: float | None = None
    """How search ranks its pages against others (1 is normal)."""
    templates: Path | None = None
    """A folder with its page templates, for a kind declared outside the core."""

    def page(self, record_id: str) -> str:
        return f"{self.folder}/{record_id}.md"

    @property
    def listing_page(self) -> str:
        return f"{self.folder}/index.md"


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every record has: an id unique across all files, and where it was defined."""

    record_kind: ClassVar[RecordKind]
    """Set when the kind is registered (kinds.py)."""
    LABEL: ClassVar[str] = "id"

    id: str = fact(defined("id"))
    origin: Position
    sources: tuple[str, ...] = fact(SOURCES, relation=CITED_BY)
    reviewed: PartialDate | None = fact(
        defined(
            "date",
            "When an editor last read this record's facts against its sources; the latest "
            'such date is the site\'s "as of" date.',
        ),
        default=None,
    )

    @property
    def display_name(self) -> str:
        raise NotImplementedError

    @property
    def src_uri(self) -> str:
        """The generated page's path inside the site's docs, e.g. `people/seo-min-jung.md`."""
        return self.record_kind.page(self.id)

    def description(self, plain: Callable[[str | None], str]) -> str:
        """A line about the record for search results and link previews (from its summary)."""
        return plain(getattr(self, "summary", None))

    @property
    def when(self) -> str | None:
        """The record's date as its page shows it (an event's span), for `[[id:date]]`; None
        for a record without one."""
        date = getattr(self, "date", None)
        if not isinstance(date, PartialDate):
            return None
        return span(date, getattr(self, "end_date", None))


@dataclass(frozen=True)
class Reference:
    """One use of an id: a relation field in data, or `[[id]]` in prose."""

    owner: str
    """The id of the record that refers, or the `docs/` page path for hand-written pages."""
    target: str
    position: Position
    relation: str
    """How the owner relates to the target (a `Relation` name, "mentions", "chart")."""
    kinds: tuple[str, ...] = ()
    """Names of the kinds allowed here; empty means any."""
    shows: str | None = None
    """For `[[id:date]]`: what is shown of the target instead of its name."""


@dataclass(frozen=True)
class Prose:
    """A Markdown field of a record, remembered so `[[id]]` inside it can be checked and located."""

    owner: str
    field: str
    text: str
    position: Position
    """Where the field's value starts."""
    raw: str = ""
    """The value's text as written in the file (quotes and folding included)."""

    def position_of(self, needle: str, search_from: int = 0) -> tuple[Position, int]:
        """Where `needle` is in the file, searching the raw text from `search_from`, and where
        to search on from; the field's start when escapes or folding hide it."""
        index = self.raw.find(needle, search_from) if needle else -1
        if index < 0:
            return self.position, search_from
        return self.position.advanced(self.raw, index), index + len(needle)


R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Model:
    """All records, by id, in a deterministic order (by id)."""

    records: dict[str, Record]

    def of(self, cls: type[R]) -> list[R]:
        return [record for record in self.records.values() if isinstance(record, cls)]

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    @property
    def as_of(self) -> PartialDate | None:
        """The site's "as of" date: the latest review of any record (never the clock)."""
        reviews = [r.reviewed for r in self.records.values() if r.reviewed is not None]
        return max(reviews, key=lambda date: date.sort_key, default=None)

    def reference_name(self, found: Found) -> str:
        """What `[[id]]` reads as in plain text: its label, else the record's name."""
        record = self.records.get(found.target)
        return found.label or (record.display_name if record else found.target)
