"""model.py + kinds.py + schema.py + assemble.py: each field is declared once, the schema and
the records come from those declarations, and assembling checks every field it can."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factbook import KINDS
from factbook.dates import PartialDate
from factbook.kinds import Event, Participant, Person
from factbook.model import data_fields
from factbook.schema import SCHEMA_PATH, schema, schema_text
from helpers import SOURCE, messages, run


def test_the_schema_file_is_the_schema_of_the_declared_fields() -> None:
    # Editors' tooling reads the file; `python -m factbook schema` rewrites it.
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_every_declared_field_is_in_the_schema_and_nothing_else() -> None:
    definitions = schema()["$defs"]
    for kind in KINDS.values():
        assert schema()["properties"][kind.key]["items"] == {"$ref": f"#/$defs/{kind.name}"}
        declared = {f.key for f in data_fields(kind.record)}
        assert set(definitions[kind.name]["properties"]) == declared
        required = {f.key for f in data_fields(kind.record) if f.required}
        assert set(definitions[kind.name].get("required", [])) == required


def test_fields_without_a_declaration_are_not_data() -> None:
    # `origin` is where a record was defined, not something an editor writes.
    assert "origin" in {f.name for f in dataclasses.fields(Event)}
    assert "origin" not in {f.key for f in data_fields(Event)}
    assert {f.key for f in data_fields(Person)} >= {"id", "name", "roles", "sources"}


def test_records_are_assembled_from_their_declarations(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {
            "data/a.yaml": SOURCE
            + """\
people:
  - id: p
    name: A person
    sources: [src]
    roles:
      - title: Minister
        from: 2019
        to: 2023-04
        sources: [src]
events:
  - id: e
    title: A meeting
    date: 2023-04-17
    end_date: 2023-04-18
    kind: meeting
    summary: They met.
    participants:
      - person: p
        side: KR
    sources: [src]
"""
        },
    )
    assert messages(result) == []
    person = result.model.records["p"]
    assert isinstance(person, Person)
    role = person.roles[0]
    assert role.start == PartialDate(2019) and role.end == PartialDate(2023, 4)
    event = result.model.records["e"]
    assert isinstance(event, Event)
    assert event.end_date == PartialDate(2023, 4, 18)
    assert event.participants == (Participant(person="p", side="KR"),)
    assert [(r.target, r.relation) for r in result.references if r.owner == "e"] == [
        ("src", "cited_by"),
        ("p", "participant"),
    ]


def test_a_record_with_a_schema_error_is_still_checked_and_left_out(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {
            "data/a.yaml": SOURCE
            + """\
events:
  - id: e
    title: A meeting
    date: 2023-02-30
    kind: meetin
    topic: nowhere
    summary: About [[nobody]].
    sources: [src]
"""
        },
    )
    assert messages(result) == [
        "data/a.yaml:8:11: impossible date '2023-02-30': February 2023 has 28 days (check the "
        "source; if only the month is known, write 2023-04)",
        "data/a.yaml:9:11: 'meetin' is not a valid kind (did you mean 'meeting'?)",
        "data/a.yaml:10:12: unknown id 'nowhere' (check the id, or add a record with it)",
        "data/a.yaml:11:20: unknown id 'nobody' (check the id, or add a record with it)",
    ]
    assert "e" not in result.model.records
