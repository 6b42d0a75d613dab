"""Assemble: plain data from every file → one `Model`, plus what resolve.py checks.

Records are built from their kinds' field declarations (model.py), with no code per field.
Every field that can be checked is checked, even in a record that broke the schema elsewhere:
an editor sees an impossible date, an unknown id and a misspelt field in one run, not one
after another. Only the values the schema already reported are passed over (no follow-on
messages), and a record with any problem is left out of the model (and so out of the site).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import limits, links
from .dates import PartialDate, ends_before_start
from .diagnostics import Diagnostic, Position
from .kinds import KINDS
from .load import FieldPath, LoadedFile
from .model import (
    DataField,
    Model,
    Part,
    Prose,
    Quantity,
    Record,
    RecordKind,
    Reference,
    data_fields,
)
from .text import quoted


@dataclass
class Assembly:
    records: dict[str, Record] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    """Every reference in the data, from records left out included (they are checked too)."""
    prose: list[Prose] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped_ids: set[str] = field(default_factory=set)
    """Ids of records left out for their own errors: references to them are not reported again."""
    marks_in: dict[str, int] = field(default_factory=dict)
    """Markdown marks read so far, per data file (bounded by limits.py)."""
    id_positions: dict[str, Position] = field(default_factory=dict)
    """Where each record's id is written (for a duplicate found when assemblies are merged)."""

    @property
    def model(self) -> Model:
        # Ordered by id, not by file: how the data is split over files, and how the files are
        # named or listed, must not change a byte of the site (ties in listings, search index).
        return Model(dict(sorted(self.records.items())))


def assemble(files: list[LoadedFile], reported: dict[str, set[FieldPath]]) -> Assembly:
    """Build every record of every file. `reported` holds, per file, the paths of values the
    schema found wrong: those are passed over, and their records left out."""
    assembly = Assembly()
    for loaded in files:
        paths = reported.get(loaded.path, set())
        for kind in KINDS.values():
            items = loaded.data.get(kind.key)
            if not isinstance(items, list) or (kind.key,) in paths:
                continue
            for index, raw in enumerate(items):
                if isinstance(raw, dict):
                    _RecordBuilder(assembly, loaded, paths, kind, (kind.key, index), raw).build()
    return assembly


def merge(assemblies: list[Assembly]) -> Assembly:
    """The assemblies of single files (in file order) as one, as if assembled together: a
    file can then be assembled again alone when it changes (under `mkdocs serve`)."""
    merged = Assembly()
    for part in assemblies:
        for record_id, record in part.records.items():
            position = part.id_positions[record_id]
            if record_id in merged.records:
                merged.diagnostics.append(_duplicate(record_id, position, merged.records))
            else:
                merged.records[record_id] = record
                merged.id_positions[record_id] = position
        merged.references += part.references
        merged.prose += part.prose
        merged.diagnostics += part.diagnostics
        merged.skipped_ids |= part.skipped_ids
        merged.marks_in.update(part.marks_in)
    return merged


def _duplicate(record_id: str, position: Position, records: dict[str, Record]) -> Diagnostic:
    return Diagnostic(
        position,
        f"duplicate id '{record_id}'",
        f"ids are unique across all files; it is already used at {records[record_id].origin}",
    )


class _Bad:
    """A value that could not be converted (already reported, or reported now)."""


BAD = _Bad()


class _RecordBuilder:
    """Builds one record from its kind's declared fields, collecting references, Markdown
    fields and problems as it goes."""

    def __init__(
        self,
        assembly: Assembly,
        loaded: LoadedFile,
        reported: set[FieldPath],
        kind: RecordKind,
        base: FieldPath,
        raw: dict[str, Any],
    ) -> None:
        self.assembly = assembly
        self.loaded = loaded
        self.reported = reported
        self.kind = kind
        self.base = base
        self.raw = raw
        self.id: str = raw["id"] if isinstance(raw.get("id"), str) else ""
        self.ok = not any(path[: len(base)] == base for path in reported)

    def build(self) -> None:
        values = self.fields(self.kind.record, self.raw, self.base)
        if not self.ok or values is BAD:
            if self.id:
                self.assembly.skipped_ids.add(self.id)
            return
        assert isinstance(values, dict)
        records = self.assembly.records
        at = self.position(self.base + ("id",))
        if self.id in records:
            self.assembly.diagnostics.append(_duplicate(self.id, at, records))
            return
        records[self.id] = self.kind.record(origin=self.position(self.base), **values)
        self.assembly.id_positions[self.id] = at

    def position(self, path: FieldPath) -> Position:
        return self.loaded.position(path)

    def problem(self, path: FieldPath, message: str, hint: str) -> None:
        self.assembly.diagnostics.append(Diagnostic(self.position(path), message, hint))
        self.ok = False

    def fields(self, cls: type, raw: dict[str, Any], path: FieldPath) -> dict[str, Any] | _Bad:
        """The converted values of a record's or part's declared fields; BAD if any is wrong
        (every field is still converted, so every problem is found)."""
        values: dict[str, Any] = {}
        complete = True
        for declared in data_fields(cls):
            here = path + (declared.key,)
            if declared.key not in raw or self.is_reported(here):
                complete = complete and not declared.required
                continue
            value = (
                self.items(declared, raw[declared.key], here)
                if declared.is_list
                else self.value(declared, raw[declared.key], here)
            )
            if value is BAD:
                complete = False
            else:
                values[declared.name] = value
        for end, start_name, start_key in _ranges(cls):
            self.check_range(cls, raw, values, path, end, start_name, start_key)
        return values if complete else BAD

    def value(self, declared: DataField, raw: Any, path: FieldPath) -> Any:
        """One value (one item, for a list) converted to its declared type, or BAD."""
        hint = declared.value_type
        if hint is PartialDate:
            return self.date(raw, path)
        if hint is Quantity:
            return self.quantity(raw)
        if isinstance(hint, type) and issubclass(hint, Part):
            if not isinstance(raw, dict):
                return BAD
            converted = self.fields(hint, raw, path)
            return BAD if converted is BAD else hint(**converted)  # type: ignore[arg-type]
        if not isinstance(raw, hint) or isinstance(raw, bool) is not (hint is bool):
            return BAD
        if declared.relation is not None:
            self.assembly.references.append(
                Reference(
                    self.id,
                    raw,
                    self.position(path),
                    declared.relation.name,
                    declared.relation.kinds,
                )
            )
        if declared.is_markdown:
            self.markdown(declared.key, raw, path)
        return raw

    def items(self, declared: DataField, raw: Any, path: FieldPath) -> Any:
        if not isinstance(raw, list):
            return BAD
        converted = [
            self.value(declared, value, path + (i,))
            for i, value in enumerate(raw)
            if not self.is_reported(path + (i,))
        ]
        if len(converted) < len(raw) or any(value is BAD for value in converted):
            return BAD
        return tuple(converted)

    def date(self, raw: Any, path: FieldPath) -> PartialDate | _Bad:
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            return BAD
        try:
            return PartialDate.parse(raw)
        except ValueError as error:
            self.problem(
                path,
                f"impossible date '{quoted(raw)}': {error}",
                "check the source; if only the month is known, write 2023-04",
            )
            return BAD

    @staticmethod
    def quantity(raw: Any) -> Quantity | _Bad:
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            return BAD
        try:
            return Quantity.parse(raw)
        except ValueError:  # only where the schema's report is already given
            return BAD

    def markdown(self, name: str, text: str, path: FieldPath) -> None:
        """Remember a Markdown field for its `[[id]]` references, and check its links."""
        raw = self.loaded.source_text(path)
        prose = Prose(self.id, name, text, self.position(path), raw)
        counted = limits.marks(text)
        too_costly = limits.field_problems(prose, counted)
        if too_costly:  # reported alone: searching it for links could cost what rendering would
            self.assembly.diagnostics += too_costly
            self.ok = False
            return
        before = self.assembly.marks_in.get(self.loaded.path, 0)
        self.assembly.marks_in[self.loaded.path] = before + counted
        over = limits.file_problem(prose.position, before + counted)
        if over is not None:
            if before <= limits.MAX_FILE_MARKS:  # one line per file: at the field that goes over
                self.assembly.diagnostics.append(over)
            self.ok = False
            return
        self.assembly.prose.append(prose)
        for problem in link_problems(prose):
            self.assembly.diagnostics.append(problem)
            self.ok = False

    def check_range(
        self,
        cls: type,
        raw: dict[str, Any],
        values: dict[str, Any],
        path: FieldPath,
        declared: DataField,
        start_name: str,
        start_key: str,
    ) -> None:
        """An end before its start is reported at the end. Dates are compared at the precision
        both have: `2023-04` does not end before `2023-04-17`."""
        start, end = values.get(start_name), values.get(declared.name)
        if (
            isinstance(start, PartialDate)
            and isinstance(end, PartialDate)
            and ends_before_start(start, end)
        ):
            what = (
                self.part_name(cls, raw)
                if issubclass(cls, Part)
                else f"{self.kind.name} '{self.id}'"
            )
            self.problem(
                path + (declared.key,),
                f"{what} ends ({end}) before it starts ({start})",
                f"swap `{start_key}` and `{declared.key}`",
            )

    def is_reported(self, path: FieldPath) -> bool:
        if not self.reported:  # a valid file: the common case
            return False
        return any(
            path[: len(reported)] == reported
            for reported in self.reported
            if len(reported) <= len(path)
        )

    @staticmethod
    def part_name(cls: type[Part], raw: dict[str, Any]) -> str:
        label = raw.get(cls.LABEL) if cls.LABEL else None
        return f"{cls.SCHEMA_NAME} '{quoted(label)}'" if label is not None else cls.SCHEMA_NAME


@cache
def _ranges(cls: type) -> tuple[tuple[DataField, str, str], ...]:
    """The fields of `cls` that end a range: (the end, its start's Python name and data key)."""
    declared = data_fields(cls)
    return tuple(
        (end, end.spec.starts, next(f.key for f in declared if f.name == end.spec.starts))
        for end in declared
        if end.spec.starts is not None
    )


def link_problems(prose: Prose) -> list[Diagnostic]:
    """Markdown links in a data field whose address is not http(s) or relative (`javascript:`,
    `data:`, `vbscript:`...), each located at its place in the YAML file."""
    problems = []
    search_from = 0
    for destination in links.destinations(prose.text):
        if links.is_safe_url(destination.url):
            continue
        position, search_from = prose.position_of(destination.url, search_from)
        shown = quoted(destination.url, 60)
        problems.append(
            Diagnostic(
                position,
                f"link to '{shown}' uses the {links.scheme(destination.url)}: scheme, "
                "which is not allowed",
                "links in data must start with http:// or https://; link to records with [[id]]",
            )
        )
    return problems
