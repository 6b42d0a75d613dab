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
from .model import (Event, Model, Native, Organization, Person, Record, Source, Term, Topic,
                    country_name)
from .render import GLOSSARY_PAGE

UrlOf = Callable[[str], str]

REFERENCE_FIELDS = {"sources", "organization", "parent", "person", "topic", "by", "source",
                    "related", "see_also"}
"""Fields whose values are record ids; facts.json resolves each to {id, kind, name, url}."""


def facts(model: Model, url_of: UrlOf) -> dict[str, Any]:
    """Every record with its page address, its fields, and its references resolved."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for record in model.records.values():
        key = "terms" if isinstance(record, Term) else record.DIRECTORY
        kinds.setdefault(key, []).append(_record(record, model, url_of))
    return {"description": "Every fact of the site, with its sources. Each `id` is stable; "
                           "references are resolved to the record they name.",
            "schema": "schema/facts.schema.json", "records": kinds}


def _record(record: Record, model: Model, url_of: UrlOf) -> dict[str, Any]:
    result: dict[str, Any] = {"id": record.id, "kind": record.KIND, "name": record.display_name,
                              "url": url_of(record.src_uri)}
    for field in dataclasses.fields(record):
        if field.name in ("id", "origin"):
            continue
        result[field.name] = _value(field.name, getattr(record, field.name), model, url_of)
    return result


def _value(name: str, value: Any, model: Model, url_of: UrlOf) -> Any:
    if value is None or value == () or value == Native():
        return None if not isinstance(value, tuple) else []
    if name in REFERENCE_FIELDS:
        if isinstance(value, tuple):
            return [_reference(v, model, url_of) for v in value]
        return _reference(value, model, url_of)
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Native):
        return {k: v for k, v in dataclasses.asdict(value).items() if v}
    if isinstance(value, tuple):
        return [_value(name, v, model, url_of) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _value(f.name, getattr(value, f.name), model, url_of)
                for f in dataclasses.fields(value)}
    return value


def _reference(record_id: str, model: Model, url_of: UrlOf) -> dict[str, str]:
    target = model.records[record_id]
    return {"id": record_id, "kind": target.KIND, "name": target.display_name,
            "url": url_of(target.src_uri)}


# -- schema.org ---------------------------------------------------------------------------------

def jsonld(record: Record, model: Model, url_of: UrlOf) -> dict[str, Any]:
    """The schema.org description of one record's page."""
    node: dict[str, Any] = {"@context": "https://schema.org", "url": url_of(record.src_uri),
                            "identifier": record.id}
    if isinstance(record, Event):
        node.update({"@type": "Event", "name": record.title, "startDate": record.date.iso,
                     "description": text.plain_text(record.summary, model),
                     "eventStatus": "https://schema.org/EventScheduled",
                     "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"})
        if record.end_date:
            node["endDate"] = record.end_date.iso
        if record.place or record.venue:
            place = {"@type": "Place", "name": ", ".join(p for p in (record.venue, record.place) if p)}
            if record.country:
                place["address"] = {"@type": "PostalAddress", "addressCountry": record.country}
            node["location"] = place
        if record.participants:
            node["attendee"] = [_named_ref(model, p.person, url_of, "Person")
                                for p in record.participants]
        if record.topic:
            topic = model.records[record.topic]
            in_series = isinstance(topic, Topic) and topic.type == "series"
            node["superEvent" if in_series else "about"] = _named_ref(
                model, record.topic, url_of, "EventSeries" if in_series else "Thing")
    elif isinstance(record, Person):
        node.update({"@type": "Person", "name": record.name,
                     "alternateName": [*record.native.all(), *record.aliases]})
        if record.roles:
            node["jobTitle"] = [role.title for role in record.roles]
            node["affiliation"] = [_named_ref(model, role.organization, url_of, "Organization")
                                   for role in record.roles if role.organization]
        if record.country:
            node["nationality"] = {"@type": "Country", "name": country_name(record.country)}
    elif isinstance(record, Organization):
        node.update({"@type": "Organization", "name": record.name,
                     "alternateName": [*record.native.all(), *record.aliases]})
        if record.parent:
            node["parentOrganization"] = _named_ref(model, record.parent, url_of, "Organization")
    elif isinstance(record, Term):
        node.update({"@type": "DefinedTerm", "name": record.term, "description": record.short,
                     "alternateName": [*record.aliases, *record.native.all()],
                     "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "Glossary",
                                          "url": url_of(GLOSSARY_PAGE)}})
    elif isinstance(record, Source):
        node.update({"@type": "NewsArticle" if record.kind == "news" else "CreativeWork",
                     "name": record.title, "headline": record.title,
                     "publisher": {"@type": "Organization", "name": record.publisher}})
        if record.author:
            node["author"] = {"@type": "Person", "name": record.author}
        if record.date:
            node["datePublished"] = record.date.iso
        if record.url:
            node["sameAs"] = record.url
    elif isinstance(record, Topic):
        types = {"series": "EventSeries", "agreement": "Legislation"}
        node.update({"@type": types.get(record.type, "CreativeWork"), "name": record.name,
                     "alternateName": [*record.native.all(), *record.aliases],
                     "description": text.plain_text(record.summary, model)})
    node["citation"] = [_named_ref(model, s, url_of, "CreativeWork") for s in record.sources]
    return {k: v for k, v in node.items() if v not in ([], "", None)}


def glossary_jsonld(model: Model, url_of: UrlOf, term_ids: list[str]) -> dict[str, Any]:
    """The glossary as a DefinedTermSet, listing the terms defined on this page (all of them,
    or one part's once the glossary is split, so the page does not grow with the data)."""
    terms = [model.records[term_id] for term_id in term_ids]
    node: dict[str, Any] = {"@context": "https://schema.org", "@type": "DefinedTermSet",
                            "name": "Glossary", "url": url_of(GLOSSARY_PAGE)}
    if terms:
        node["hasDefinedTerm"] = [{"@type": "DefinedTerm", "name": t.display_name,
                                   "description": t.short,  # type: ignore[attr-defined]
                                   "url": url_of(t.src_uri)} for t in terms]
    return node


def _named_ref(model: Model, record_id: str | None, url_of: UrlOf, kind: str = "Thing") -> dict[str, str]:
    record = model.records[record_id or ""]
    return {"@type": kind, "name": record.display_name, "url": url_of(record.src_uri)}


def script_tag(data: dict[str, Any]) -> str:
    """A JSON-LD script element whose content cannot close the script early."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{payload}</script>'
