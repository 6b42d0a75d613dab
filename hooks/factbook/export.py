"""Open data: the model as `facts.json`, and schema.org JSON-LD for each record's page.

Both are plain dictionaries ready for `json.dumps`; page addresses come from a `url_of` callable
(source path → absolute URL) because only the site engine knows how it lays out URLs.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from . import text
from .dates import PartialDate
from .kinds import Term
from .model import APPROXIMATE, Model, Native, Quantity, Record, data_fields
from .urls import GLOSSARY_PAGE
from .wording import WORDS

UrlOf = Callable[[str], str]


FACTS_DESCRIPTION = (
    "Every fact of the site, with its sources. Each `id` is stable; "
    "references are resolved to the record they name."
)
FACTS_SCHEMA = "schema/facts.schema.json"


def facts(model: Model, url_of: UrlOf) -> dict[str, Any]:
    """Every record with its page address, its fields, and its references resolved."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for record in model.records.values():
        kinds.setdefault(record.record_kind.key, []).append(_record(record, model, url_of))
    return {"description": FACTS_DESCRIPTION, "schema": FACTS_SCHEMA, "records": kinds}


def facts_json(model: Model, url_of: UrlOf, entries: dict[str, str]) -> str:
    """`facts()` as compact JSON with sorted keys, put together from one piece per record:
    `entries` (record id → its JSON) supplies the pieces it holds and learns the others, so a
    rebuild encodes only the records an edit changed."""
    by_kind: dict[str, list[str]] = {}
    for record in model.records.values():
        entry = entries.get(record.id)
        if entry is None:
            entry = entries[record.id] = _json(_record(record, model, url_of))
        by_kind.setdefault(record.record_kind.key, []).append(entry)
    records = ",".join(f"{_json(key)}:[{','.join(by_kind[key])}]" for key in sorted(by_kind))
    # The keys in sorted order, as json.dumps(facts(), sort_keys=True) writes them.
    return (
        f'{{"description":{_json(FACTS_DESCRIPTION)},"records":{{{records}}},'
        f'"schema":{_json(FACTS_SCHEMA)}}}'
    )


def _json(value: Any) -> str:
    # Compact: the C encoder only runs without indentation (3x faster, far less memory).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _record(record: Record, model: Model, url_of: UrlOf) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": record.id,
        "kind": record.record_kind.name,
        "name": record.display_name,
        "url": url_of(record.src_uri),
    }
    result.update(_fields(record, model, url_of, skip=("id", "origin")))
    return result


def _fields(value: Any, model: Model, url_of: UrlOf, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's or part's fields by Python name; references resolved."""
    kind: type = type(value)
    references = {f.name for f in data_fields(kind) if f.relation is not None}
    return {
        f.name: _value(getattr(value, f.name), f.name in references, model, url_of)
        for f in dataclasses.fields(value)
        if f.name not in skip
    }


def _value(value: Any, is_reference: bool, model: Model, url_of: UrlOf) -> Any:
    if value is None or value == () or value == Native():
        return None if not isinstance(value, tuple) else []
    if is_reference:
        if isinstance(value, tuple):
            return [_reference(v, model, url_of) for v in value]
        return _reference(value, model, url_of)
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Quantity):  # as data writes it: 150, or "about 150"
        return f"{APPROXIMATE}{value.value}" if value.approximate else value.value
    if isinstance(value, Native):
        return {k: v for k, v in dataclasses.asdict(value).items() if v}
    if isinstance(value, tuple):
        return [_value(v, False, model, url_of) for v in value]
    if dataclasses.is_dataclass(value):
        return _fields(value, model, url_of)
    return value


def _reference(record_id: str, model: Model, url_of: UrlOf) -> dict[str, str]:
    target = model.records[record_id]
    return {
        "id": record_id,
        "kind": target.record_kind.name,
        "name": target.display_name,
        "url": url_of(target.src_uri),
    }


# -- schema.org ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _LinkedData:
    """What a kind's JSON-LD declaration asks of the exporter (model.LinkedData)."""

    model: Model
    url_of: UrlOf

    def record(self, record_id: str) -> Record:
        return self.model.records[record_id]

    def named(self, record_id: str | None, schema_type: str = "Thing") -> dict[str, str]:
        record = self.model.records[record_id or ""]
        return {
            "@type": schema_type,
            "name": record.display_name,
            "url": self.url_of(record.src_uri),
        }

    def plain(self, markdown: str | None) -> str:
        return text.markdown_to_plain(markdown, self.model.reference_name)

    def glossary(self) -> dict[str, str]:
        return {
            "@type": "DefinedTermSet",
            "name": WORDS["glossary"],
            "url": self.url_of(GLOSSARY_PAGE),
        }


def jsonld(record: Record, model: Model, url_of: UrlOf) -> dict[str, Any]:
    """The schema.org description of one record's page: its kind's type and properties, and
    the sources it cites."""
    kind = record.record_kind
    linked = _LinkedData(model, url_of)
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "url": url_of(record.src_uri),
        "identifier": record.id,
        "@type": kind.jsonld_type,
        "name": record.display_name,
    }
    if kind.jsonld is not None:
        node.update(kind.jsonld(record, linked))
    node["citation"] = [linked.named(s, "CreativeWork") for s in record.sources]
    return {k: v for k, v in node.items() if v not in ([], "", None)}


def glossary_jsonld(model: Model, url_of: UrlOf, term_ids: list[str]) -> dict[str, Any]:
    """The glossary as a DefinedTermSet, listing the terms defined on this page (all of them,
    or one part's once the glossary is split, so the page does not grow with the data)."""
    terms = [
        term for term in (model.records[term_id] for term_id in term_ids) if isinstance(term, Term)
    ]
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        **_LinkedData(model, url_of).glossary(),
    }
    if terms:
        node["hasDefinedTerm"] = [
            {
                "@type": "DefinedTerm",
                "name": t.display_name,
                "description": t.short,
                "url": url_of(t.src_uri),
            }
            for t in terms
        ]
    return node


def script_tag(data: dict[str, Any]) -> str:
    """A JSON-LD script element whose content cannot close the script early."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{payload}</script>'
