"""Schema: the shape of a data file, checked with jsonschema against `schema/facts.schema.json`.

That JSON Schema file is the single source of truth: this module validates with it, and editors'
YAML tooling reads the very same file (each data file names it in a `yaml-language-server` line)
for autocompletion and inline errors. Checks that span records (unique ids, references) live in
`links.py`, because no per-file schema can see other files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, did_you_mean
from .load import MAX_PROBLEMS_PER_FILE, FieldPath, LoadedFile, capped
from .text import quoted

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).parent / "schema" / "facts.schema.json"

KINDS = ("sources", "organizations", "people", "topics", "events", "terms")
"""The top-level lists a data file may hold, in the order pages and messages present them."""


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # Imported here: jsonschema takes 50 ms to import and is only needed to explain an invalid
    # file; a build from the cache or of valid data never loads it.
    import jsonschema
    return jsonschema.Draft202012Validator(schema())


@cache
def _fast_validator() -> Callable[[Any], bool]:
    """The same schema compiled to Python code: about twenty times faster, but it stops at the
    first error and says little, so it only answers "is this file valid?"."""
    import fastjsonschema  # only when something is validated (not on a build from the cache)

    compiled = dict(schema())
    compiled.pop("$schema")  # it uses nothing beyond draft 7, which fastjsonschema speaks
    validator = fastjsonschema.compile(compiled)

    def is_valid(data: Any) -> bool:
        try:
            validator(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True
    return is_valid


def _is_valid(data: Any) -> bool:
    return _fast_validator()(data)


def validate(loaded: LoadedFile) -> tuple[list[Diagnostic], set[FieldPath]]:
    """Every schema violation in one file as an editor-friendly diagnostic, and the paths of the
    records that have any (e.g. `("events", 3)`), so later steps can skip them."""
    if not isinstance(loaded.data, dict):
        found = _type_name(loaded.data)
        return [Diagnostic(loaded.position(()), f"a data file must be a mapping, not {found}",
                           "start with a kind such as `events:` and list records under it")], set()
    if not loaded.refused and _is_valid(loaded.data):
        return [], set()  # the common case; the full validator runs only to explain errors
    diagnostics = []
    bad_paths: set[FieldPath] = set(loaded.refused)
    for error in _validator().iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        bad_paths.add(path)
        if not any(path[:len(refused)] == refused for refused in loaded.refused):
            diagnostics.append(_diagnostic(loaded, error))
            if len(diagnostics) > MAX_PROBLEMS_PER_FILE:
                # Stop early (a hostile file can hold millions of mistakes) and skip every record
                # of the file, since the unchecked ones may be malformed too.
                bad_paths.update((key, index) for key, items in loaded.data.items()
                                 if isinstance(items, list) for index in range(len(items)))
                bad_paths.update((key,) for key, items in loaded.data.items()
                                 if not isinstance(items, list))
                break
    # A record with any problem is skipped as a whole; a malformed list under a kind, entirely.
    return capped(diagnostics), {path[:2] for path in bad_paths if path}


def _diagnostic(loaded: LoadedFile, error: jsonschema.ValidationError) -> Diagnostic:
    path: FieldPath = tuple(error.absolute_path)
    defs = schema()["$defs"]
    field = _field_name(path)
    value = error.instance
    keyword = error.validator

    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed))[0]
        where = _record_kind(path) or "a data file"
        hint = did_you_mean(extra, allowed) or f"allowed fields: {', '.join(allowed)}"
        return Diagnostic(loaded.key_position(path + (extra,)),
                          f"unknown field '{quoted(extra)}' in {where}", hint)
    if keyword == "required":
        missing = error.validator_value
        name = next(m for m in missing if m not in value)
        hint = f"add `{name}:`"
        if name == "sources":
            hint = "every fact cites at least one source: add `sources: [source-id]`"
        return Diagnostic(loaded.position(path), f"{_record_kind(path) or 'record'} is missing "
                          f"required field '{name}'", hint)
    if keyword == "type":
        expected = error.validator_value
        if isinstance(value, list) and _looks_like_reference_list(value) and "string" in expected:
            return Diagnostic(loaded.position(path),
                              f"'{field}' was read as a list, not text",
                              "a value that starts with [[ is read by YAML as a list: "
                              "quote the text or use `>`")
        wanted = _describe_type(expected, error.schema, defs)
        return Diagnostic(loaded.position(path),
                          f"'{field}' must be {wanted}, not {_type_name(value)}",
                          _type_hint(error.schema, defs))
    if keyword == "pattern":
        return Diagnostic(loaded.position(path), *_pattern_problem(field, value, error.schema, defs))
    if keyword == "enum":
        options = [str(option) for option in error.validator_value]
        hint = did_you_mean(str(value), options) or f"use one of: {', '.join(options)}"
        return Diagnostic(loaded.position(path), f"'{quoted(value)}' is not a valid {field}", hint)
    if keyword == "minItems" and field == "sources":
        return Diagnostic(loaded.position(path), "a fact needs at least one source",
                          "list the ids of the sources that support it")
    if keyword in ("minimum", "maximum") and error.schema == defs["date"]:
        return Diagnostic(loaded.position(path), f"'{quoted(value)}' is not a date",
                          "write 2023, 2023-04 or 2023-04-17")
    if keyword == "uniqueItems":
        return Diagnostic(loaded.position(path), f"'{field}' lists the same value twice",
                          "remove the repeated entry")
    if keyword in ("minLength", "minProperties"):
        return Diagnostic(loaded.position(path), f"'{field}' is empty", "fill it in or remove it")
    if keyword == "maxLength":
        return Diagnostic(loaded.position(path), f"'{field}' is too long ({len(value):,} characters)",
                          f"write at most {error.validator_value}")
    if keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        return Diagnostic(loaded.position(path), f"'{field}' must be {bound} {error.validator_value}",
                          f"it is {quoted(value)}")
    return Diagnostic(loaded.position(path), f"'{field}': {quoted(error.message, 200)}",
                      "see the schema")


def _field_name(path: FieldPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "file"


_RECORD_NAMES = {"sources": "source", "organizations": "organization", "people": "person",
                 "topics": "topic", "events": "event", "terms": "term"}


def _record_kind(path: FieldPath) -> str:
    if len(path) >= 2 and path[0] in _RECORD_NAMES:
        return _RECORD_NAMES[str(path[0])]
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
    names = {"string": "text", "integer": "a whole number", "array": "a list",
             "object": "a mapping", "number": "a number", "boolean": "true or false"}
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, expected)


def _type_hint(subschema: dict[str, Any], defs: dict[str, Any]) -> str:
    if subschema == defs["date"]:
        return "write 2023, 2023-04 or 2023-04-17"
    if subschema.get("type") == "array":
        return "write a list: `[a, b]` or one `- item` per line"
    if subschema.get("type") == "object":
        return "write `field: value` lines indented under it"
    if subschema.get("type") == "integer":
        return "write a number without quotes"
    return "write the text after the colon; quote it if it contains ': ' or starts with a symbol"


_URL_START = re.compile(r"https?://")
_URL_FORBIDDEN = set(' <>"\'`\\{}|^[]') | {chr(c) for c in range(0x20)} | {"\x7f"}


def _url_problem(value: str) -> tuple[str, str]:
    """Why an address was refused: its scheme, or the first character that would let it break out
    of a Markdown link (`)<img ...>`) or that browsers do not accept unencoded."""
    shown = quoted(value)
    if not _URL_START.match(value):
        return (f"'{shown}' is not an http(s) address",
                "links must start with http:// or https://")
    depth = 0
    for char in value:
        depth += (char == "(") - (char == ")")
        if char in _URL_FORBIDDEN or char.isspace() or depth < 0:
            break
    else:
        char = "(" if depth > 0 else ""
    if not value[_URL_START.match(value).end():]:  # type: ignore[union-attr]
        return f"'{shown}' has no address after the scheme", "write the full address"
    if not char:
        return f"'{shown}' is not a valid address", "check the address"
    name = {" ": "a space", "'": "an apostrophe (')", '"': 'a double quote (")',
            "(": "an unbalanced '('", ")": "an unbalanced ')'"}.get(
        char, f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}")
    code = "".join(f"%{b:02X}" for b in char.encode())
    return (f"address '{shown}' contains {name}",
            f"percent-encode it ({code}) as browsers do, or remove it")


def _pattern_problem(field: str, value: str, subschema: dict[str, Any],
                     defs: dict[str, Any]) -> tuple[str, str]:
    if subschema == defs["id"] and value == "index":
        return (f"id '{value}' is reserved for the listing pages",
                "choose another id, e.g. one that names the record")
    if subschema == defs["id"]:
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in value.lower()).split())
        example = f", e.g. '{suggestion}'" if suggestion and suggestion.isascii() else ""
        return (f"id '{quoted(value)}' is not a lowercase slug",
                f"use lowercase letters a-z, digits and single hyphens{example}")
    if subschema == defs["date"]:
        return f"'{quoted(value)}' is not a date", "write 2023, 2023-04 or 2023-04-17"
    if subschema == defs["url"]:
        return _url_problem(value)
    if subschema == defs["country"]:
        return f"'{quoted(value)}' is not a country code", "use two capital letters such as KR, JP or US"
    return f"'{field}' does not have the expected form", subschema.get("description", "see the schema")
