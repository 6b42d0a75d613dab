"""Schema: the shape of a data file, as a JSON Schema derived from the declared kinds.

The schema is composed from the shared definitions below (ids, dates, addresses…) and each
registered kind's fields (model.py, kinds.py), so it cannot drift from the model. This module
validates with it, and `schema/facts.schema.json` is the same schema written out for editors'
YAML tooling (each data file names it in a `yaml-language-server` line) for autocompletion and
inline errors; `python -m factbook schema` rewrites it, and a test fails when it is stale.
Checks that span records (unique ids, references) need every file: resolve.py runs them.
"""

from __future__ import annotations

import copy
import json
import re
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, did_you_mean
from .kinds import KINDS
from .load import MAX_PROBLEMS_PER_FILE, FieldPath, LoadedFile, capped
from .model import LANGUAGE, TRANSLATIONS, Part, RecordKind, Schema, data_fields
from .text import quoted
from .wording import TRANSLATED_LANGUAGES

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).parent / "schema" / "facts.schema.json"
"""The schema as editors' tooling reads it (generated: `python -m factbook schema`)."""

_URL_CHARACTER = "[^\\s<>\"'`\\\\{}|^\\[\\]()\\x00-\\x1f\\x7f]"

SHARED_DEFINITIONS: Schema = {
    "id": {
        "description": "A lowercase slug, unique across all data files: letters a-z, digits, "
        "single hyphens (e.g. `seo-min-jung`). Used in `[[id]]` references and in "
        "page addresses, so nothing else is allowed (no dots, slashes or "
        "backslashes), and `index` is reserved for the listing pages.",
        "type": "string",
        "pattern": "^(?!index$)[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": 80,
    },
    "ref": {
        "description": "The id of another record (see its kind in the field's description).",
        "type": "string",
        "minLength": 1,
    },
    "sources": {
        "description": "Ids of the sources (under `sources:`) that support this fact. At least "
        "one.",
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"$ref": "#/$defs/ref"},
    },
    "date": {
        "description": "A date at the precision known: `2023`, `2023-04` or `2023-04-17`. Never "
        "pad a month to a day.",
        "type": ["string", "integer"],
        "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        "minimum": 1000,
        "maximum": 2999,
    },
    "text": {
        "description": "Plain text (one line).",
        "type": "string",
        "minLength": 1,
    },
    "markdown": {
        "description": "Markdown. Link to any record with `[[id]]` or `[[id|text]]`. A value "
        "that starts with `[[` must be quoted or written as a block (`>`).",
        "type": "string",
        "minLength": 1,
    },
    "url": {
        "description": "An http:// or https:// address, as a browser shows it. Spaces, quotes "
        "(\" and '), <, >, {, }, |, ^, [, ], backslashes and unbalanced "
        "parentheses must be percent-encoded (a space is %20, `)` is %29).",
        "type": "string",
        "pattern": f"^https?://{_URL_CHARACTER}+(?:\\({_URL_CHARACTER}*\\){_URL_CHARACTER}*)*$",
    },
    "country": {
        "description": "Two-letter country code: KR (South Korea), JP (Japan), US (United "
        "States), KP (North Korea), CN (China).",
        "type": "string",
        "pattern": "^[A-Z]{2}$",
    },
    "quantity": {
        "description": "A whole number, or `about N` when the source gives it only roughly "
        '("about 150 minutes"): store what the source says.',
        "type": ["integer", "string"],
        "pattern": "^about [1-9][0-9]*$",
        "minimum": 1,
    },
    "aliases": {
        "description": "Other names, spellings or abbreviations, in any script.",
        "type": "array",
        "uniqueItems": True,
        "items": {"type": "string", "minLength": 1},
    },
}
"""Forms that fields of any kind share (`defined("date")` in a field's declaration)."""


def schema() -> Schema:
    """The JSON Schema of a data file, for the kinds registered now."""
    return _composed(tuple(KINDS.values()))


def _composed(kinds: tuple[RecordKind, ...]) -> Schema:
    # A copy each time: validator libraries may annotate the schema they are given, and the
    # declarations it is made from must stay as declared.
    return copy.deepcopy(_declared(kinds))


@cache
def _declared(kinds: tuple[RecordKind, ...]) -> Schema:
    definitions: Schema = dict(SHARED_DEFINITIONS)
    for kind in kinds:
        for part in _parts(kind.record):
            definitions.setdefault(part.SCHEMA_NAME, _object(part, part.SCHEMA_EXTRA))
        definitions[kind.name] = _object(kind.record, {})
    definitions.update(_translation_definitions(kinds))
    properties: Schema = {
        kind.key: {
            "description": kind.description,
            "type": "array",
            "items": {"$ref": f"#/$defs/{kind.name}"},
        }
        for kind in kinds
    }
    properties[LANGUAGE] = {
        "description": "The language of a translation file's `translations` (an edition's).",
        "enum": list(TRANSLATED_LANGUAGES),
    }
    properties[TRANSLATIONS] = {
        "description": "Translations of records' words into `language`, by record id. Facts "
        "(dates, numbers, ids, sources) are never translated. By convention `data/X.yaml` is "
        "translated in `data/translations/<language>/X.yaml`.",
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/id"},
        "additionalProperties": {"$ref": "#/$defs/translated_record"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://factbook.invalid/schema/facts.schema.json",
        "title": "Factbook data file",
        "description": "One YAML file under data/. It may hold records of any kind; ids are "
        "unique across all files. Cross-entity rules (references, unique ids) are "
        "checked by `python -m factbook check`.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "if": {"anyOf": [{"required": [LANGUAGE]}, {"required": [TRANSLATIONS]}]},
        "then": {"required": [LANGUAGE, TRANSLATIONS]},
        "$defs": definitions,
    }


TRANSLATED_TEXT: Schema = {
    "description": "A translation, and the English it translates.",
    "type": "object",
    "additionalProperties": False,
    "required": ["of", "text"],
    "properties": {
        "of": {
            "description": "The fingerprint of the English text this translates (`python -m "
            "factbook translations <language>` prints it). When the English changes, the "
            "translation is reported as out of date until this is updated.",
            "type": "string",
            "pattern": "^[0-9a-f]{8}$",
        },
        "text": {
            "description": "The translated text: the same form as the English (Markdown with "
            "`[[id]]` where the English is Markdown).",
            "type": "string",
            "minLength": 1,
        },
    },
}


def _translation_definitions(kinds: tuple[RecordKind, ...]) -> Schema:
    """A translated record: any kind's translated fields, by their key (parts' fields in a list,
    one item per English item), so editors' tooling completes and explains them."""
    fields: Schema = {}
    for kind in kinds:
        record: type = kind.record
        for declared in data_fields(record):
            if declared.spec.translated:
                fields.setdefault(declared.key, _translated_field(declared.spec.schema))
            inner: type = declared.value_type
            if declared.is_list and isinstance(inner, type) and issubclass(inner, Part):
                part: type = inner
                words = {
                    f.key: _translated_field(f.spec.schema)
                    for f in data_fields(part)
                    if f.spec.translated
                }
                if words:
                    fields.setdefault(
                        declared.key,
                        {
                            "description": "One entry per English item, in the same order "
                            "(`{}` for an item with nothing to translate).",
                            "type": "array",
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": words,
                            },
                        },
                    )
    return {
        "translated_text": TRANSLATED_TEXT,
        "translated_record": {
            "description": "The translated words of one record.",
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": dict(sorted(fields.items())),
        },
    }


def _translated_field(english: Schema) -> Schema:
    described = english.get("description") or SHARED_DEFINITIONS.get(
        str(english.get("$ref", "")).rpartition("/")[2], {}
    ).get("description", "")
    return {
        "description": f"Translation of: {described}".strip(),
        "$ref": "#/$defs/translated_text",
    }


def _object(cls: type, extra: Schema) -> Schema:
    """A record's or part's schema: its declared fields, `sources` last as in the data files."""
    fields = sorted(data_fields(cls), key=lambda f: f.key == "sources")
    fragment: Schema = {**extra, "type": "object", "additionalProperties": False}
    fragment = {
        key: fragment[key]
        for key in ("description", "type", "additionalProperties", "minProperties")
        if key in fragment
    }
    required = [f.key for f in fields if f.required]
    if required:
        fragment["required"] = required
    fragment["properties"] = {f.key: f.spec.schema for f in fields}
    return fragment


def _parts(cls: type) -> list[type[Part]]:
    """The nested parts a class's fields hold (a person's roles…), in the order they appear."""
    found: list[type[Part]] = []
    for declared in data_fields(cls):
        for inner in _classes_in(declared.hint):
            if issubclass(inner, Part) and inner not in found:
                found += [*_parts(inner), inner]
    return list(dict.fromkeys(found))


def _classes_in(hint: Any) -> list[type]:
    if isinstance(hint, type):
        return [hint]
    return [cls for argument in typing.get_args(hint) for cls in _classes_in(argument)]


def schema_text() -> str:
    """The schema as written to SCHEMA_PATH and published on the site."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


@cache
def _explainer(kinds: tuple[RecordKind, ...]) -> jsonschema.Draft202012Validator:
    # Imported here: jsonschema takes 50 ms to import and is only needed to explain an invalid
    # file; a build from the cache or of valid data never loads it.
    import jsonschema

    return jsonschema.Draft202012Validator(_composed(kinds))


@cache
def _checker(kinds: tuple[RecordKind, ...]) -> Callable[[Any], bool]:
    """The same schema compiled to Python code: about twenty times faster, but it stops at the
    first error and says little, so it only answers "is this file valid?"."""
    import fastjsonschema  # only when something is validated (not on a build from the cache)

    # It uses nothing beyond draft 7, which fastjsonschema speaks.
    compiled = fastjsonschema.compile({k: v for k, v in _composed(kinds).items() if k != "$schema"})

    def is_valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def _validator() -> jsonschema.Draft202012Validator:
    return _explainer(tuple(KINDS.values()))


def _is_valid(data: Any) -> bool:
    return _checker(tuple(KINDS.values()))(data)


def validate(loaded: LoadedFile) -> tuple[list[Diagnostic], set[FieldPath]]:
    """Every schema violation in one file as an editor-friendly diagnostic, and the paths of the
    values they concern (an unknown field's own path, `("events", 3, "persn")`), so that later
    steps pass over exactly those and still check the rest of the record."""
    if not isinstance(loaded.data, dict):
        found = _type_name(loaded.data)
        return [
            Diagnostic(
                loaded.position(()),
                f"a data file must be a mapping, not {found}",
                "start with a kind such as `events:` and list records under it",
            )
        ], set()
    if not loaded.refused and _is_valid(loaded.data):
        return [], set()  # the common case; the full validator runs only to explain errors
    diagnostics = []
    reported: set[FieldPath] = set(loaded.refused)
    for error in _validator().iter_errors(loaded.data):
        reported.update(_concerned(error))
        path = tuple(error.absolute_path)
        if not any(path[: len(refused)] == refused for refused in loaded.refused):
            diagnostics.append(_diagnostic(loaded, error))
            if len(diagnostics) > MAX_PROBLEMS_PER_FILE:
                # Stop early (a hostile file can hold millions of mistakes) and pass over every
                # record of the file, since the unchecked ones may be malformed too.
                reported.update(
                    (key, index)
                    for key, items in loaded.data.items()
                    if isinstance(items, list)
                    for index in range(len(items))
                )
                reported.update(
                    (key,) for key, items in loaded.data.items() if not isinstance(items, list)
                )
                break
    return capped(diagnostics), reported


def _concerned(error: jsonschema.ValidationError) -> list[FieldPath]:
    """The values an error is about: a misspelt or missing field's own path (the object around
    it holds other fields worth checking), else the value that failed."""
    path: FieldPath = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = _subschema(error).get("properties", {})
        return [path + (key,) for key in error.instance if key not in allowed]
    if error.validator == "required" and isinstance(error.instance, dict):
        required: list[str] = _validator_value(error)
        return [path + (key,) for key in required if key not in error.instance]
    return [path]


def _subschema(error: jsonschema.ValidationError) -> dict[str, Any]:
    """The part of the schema that failed: an object (the project's schema has no `true` or
    `false` subschemas), or empty for an error that was never attached to one."""
    return error.schema if isinstance(error.schema, dict) else {}


def _validator_value(error: jsonschema.ValidationError) -> Any:
    """The failed keyword's value in the schema (a JSON value: its type depends on the keyword)."""
    return error.validator_value


def _diagnostic(loaded: LoadedFile, error: jsonschema.ValidationError) -> Diagnostic:
    path: FieldPath = tuple(error.absolute_path)
    defs = SHARED_DEFINITIONS
    field = _field_name(path)
    value: Any = error.instance  # the JSON value that failed: any type
    keyword = error.validator
    schema = _subschema(error)

    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed))[0]
        where = _object_name(error) or "a data file"
        hint = did_you_mean(extra, allowed) or f"allowed fields: {', '.join(allowed)}"
        return Diagnostic(
            loaded.key_position(path + (extra,)),
            f"unknown field '{quoted(extra)}' in {where}",
            hint,
        )
    if keyword == "required":
        missing: list[str] = _validator_value(error)
        name = next(m for m in missing if m not in value)
        hint = f"add `{name}:`"
        if name == "sources":
            hint = "every fact cites at least one source: add `sources: [source-id]`"
        return Diagnostic(
            loaded.position(path),
            f"{_object_name(error) or 'record'} is missing required field '{name}'",
            hint,
        )
    if keyword == "type":
        expected = _validator_value(error)
        if isinstance(value, list) and _looks_like_reference_list(value) and "string" in expected:
            return Diagnostic(
                loaded.position(path),
                f"'{field}' was read as a list, not text",
                "a value that starts with [[ is read by YAML as a list: quote the text or use `>`",
            )
        wanted = _describe_type(expected, schema, defs)
        return Diagnostic(
            loaded.position(path),
            f"'{field}' must be {wanted}, not {_type_name(value)}",
            _type_hint(schema, defs),
        )
    if keyword == "pattern":
        return Diagnostic(loaded.position(path), *_pattern_problem(field, value, schema, defs))
    if keyword == "enum":
        options = [str(option) for option in _validator_value(error)]
        hint = did_you_mean(str(value), options) or f"use one of: {', '.join(options)}"
        return Diagnostic(loaded.position(path), f"'{quoted(value)}' is not a valid {field}", hint)
    if keyword == "minItems" and field == "sources":
        return Diagnostic(
            loaded.position(path),
            "a fact needs at least one source",
            "list the ids of the sources that support it",
        )
    if keyword in ("minimum", "maximum") and schema == defs["date"]:
        return Diagnostic(
            loaded.position(path),
            f"'{quoted(value)}' is not a date",
            "write 2023, 2023-04 or 2023-04-17",
        )
    if keyword == "uniqueItems":
        return Diagnostic(
            loaded.position(path),
            f"'{field}' lists the same value twice",
            "remove the repeated entry",
        )
    if keyword in ("minLength", "minProperties"):
        return Diagnostic(loaded.position(path), f"'{field}' is empty", "fill it in or remove it")
    if keyword == "maxLength":
        return Diagnostic(
            loaded.position(path),
            f"'{field}' is too long ({len(value):,} characters)",
            f"write at most {error.validator_value}",
        )
    if keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        return Diagnostic(
            loaded.position(path),
            f"'{field}' must be {bound} {error.validator_value}",
            f"it is {quoted(value)}",
        )
    return Diagnostic(
        loaded.position(path), f"'{field}': {quoted(error.message, 200)}", "see the schema"
    )


def _field_name(path: FieldPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "file"


def _object_name(error: jsonschema.ValidationError) -> str:
    """What the object an error is about is called ("person", "participant"), for messages."""
    for name, definition in _declared(tuple(KINDS.values()))["$defs"].items():
        if definition == error.schema:
            return str(name)
    return ""


def _looks_like_reference_list(value: list[Any]) -> bool:
    return bool(value) and isinstance(value[0], list)


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _describe_type(expected: Any, subschema: dict[str, Any], defs: dict[str, Any]) -> str:
    if subschema == defs["date"]:
        return "a date"
    if subschema == defs["quantity"]:
        return "a whole number"
    names = {
        "string": "text",
        "integer": "a whole number",
        "array": "a list",
        "object": "a mapping",
        "number": "a number",
        "boolean": "true or false",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(e, str(e)) for e in expected)
    return names.get(expected, str(expected))


def _type_hint(subschema: dict[str, Any], defs: dict[str, Any]) -> str:
    if subschema == defs["date"]:
        return "write 2023, 2023-04 or 2023-04-17"
    if subschema == defs["quantity"]:
        return "write a whole number, or `about 150` when the source says about"
    if subschema.get("type") == "array":
        return "write a list: `[a, b]` or one `- item` per line"
    if subschema.get("type") == "object":
        return "write `field: value` lines indented under it"
    if subschema.get("type") == "integer":
        return "write a number without quotes"
    return "write the text after the colon; quote it if it contains ': ' or starts with a symbol"


_URL_START = re.compile(r"https?://")
_URL_FORBIDDEN = set(" <>\"'`\\{}|^[]") | {chr(c) for c in range(0x20)} | {"\x7f"}


def _url_problem(value: str) -> tuple[str, str]:
    """Why an address was refused: its scheme, or the first character that would let it break out
    of a Markdown link (`)<img ...>`) or that browsers do not accept unencoded."""
    shown = quoted(value)
    if not _URL_START.match(value):
        return (f"'{shown}' is not an http(s) address", "links must start with http:// or https://")
    depth = 0
    for char in value:
        depth += (char == "(") - (char == ")")
        if char in _URL_FORBIDDEN or char.isspace() or depth < 0:
            break
    else:
        char = "(" if depth > 0 else ""
    if not value[_URL_START.match(value).end() :]:  # type: ignore[union-attr]
        return f"'{shown}' has no address after the scheme", "write the full address"
    if not char:
        return f"'{shown}' is not a valid address", "check the address"
    name = {
        " ": "a space",
        "'": "an apostrophe (')",
        '"': 'a double quote (")',
        "(": "an unbalanced '('",
        ")": "an unbalanced ')'",
    }.get(char, f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}")
    code = "".join(f"%{b:02X}" for b in char.encode())
    return (
        f"address '{shown}' contains {name}",
        f"percent-encode it ({code}) as browsers do, or remove it",
    )


def _pattern_problem(
    field: str, value: str, subschema: dict[str, Any], defs: dict[str, Any]
) -> tuple[str, str]:
    if subschema == defs["id"] and value == "index":
        return (
            f"id '{value}' is reserved for the listing pages",
            "choose another id, e.g. one that names the record",
        )
    if subschema == defs["id"]:
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in value.lower()).split())
        example = f", e.g. '{suggestion}'" if suggestion and suggestion.isascii() else ""
        return (
            f"id '{quoted(value)}' is not a lowercase slug",
            f"use lowercase letters a-z, digits and single hyphens{example}",
        )
    if subschema == defs["date"]:
        return f"'{quoted(value)}' is not a date", "write 2023, 2023-04 or 2023-04-17"
    if subschema == defs["url"]:
        return _url_problem(value)
    if subschema == defs["quantity"]:
        return (
            f"'{quoted(value)}' is not a number",
            "write a whole number, or `about 150` when the source says about",
        )
    if subschema == defs["country"]:
        return (
            f"'{quoted(value)}' is not a country code",
            "use two capital letters such as KR, JP or US",
        )
    if subschema == TRANSLATED_TEXT["properties"]["of"]:
        return (
            f"'{quoted(value)}' is not a fingerprint of an English text",
            "copy the 8 letters and digits `python -m factbook translations <language>` prints",
        )
    return (
        f"'{field}' does not have the expected form",
        subschema.get("description", "see the schema"),
    )
