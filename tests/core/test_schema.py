"""schema.py: every schema rule gives one line with the position and a fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factbook.schema import SCHEMA_PATH
from helpers import SOURCE, messages, run

EVENT = (
    SOURCE
    + """\
events:
  - id: ev
    title: A meeting
    date: 2023-04-17
    kind: meeting
    summary: They met.
    sources: [src]
"""
)


def test_valid_event(tmp_path: Path) -> None:
    assert messages(run(tmp_path, {"data/a.yaml": EVENT})) == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "    summary: They met.",
            "    sumary: They met.",
            [
                "data/a.yaml:10:5: unknown field 'sumary' in event (did you mean 'summary'?)",
                "data/a.yaml:6:5: event is missing required field 'summary' (add `summary:`)",
            ],
        ),
        (
            "    sources: [src]\n",
            "",
            [
                "data/a.yaml:6:5: event is missing required field 'sources' "
                "(every fact cites at least one source: add `sources: [source-id]`)"
            ],
        ),
        (
            "kind: meeting",
            "kind: meting",
            ["data/a.yaml:9:11: 'meting' is not a valid kind (did you mean 'meeting'?)"],
        ),
        (
            "id: ev",
            "id: Ev_1",
            [
                "data/a.yaml:6:9: id 'Ev_1' is not a lowercase slug "
                "(use lowercase letters a-z, digits and single hyphens, e.g. 'ev-1')"
            ],
        ),
        (
            "date: 2023-04-17",
            "date: 17/04/2023",
            ["data/a.yaml:8:11: '17/04/2023' is not a date (write 2023, 2023-04 or 2023-04-17)"],
        ),
        (
            "date: 2023-04-17",
            "date: [2023]",
            [
                "data/a.yaml:8:11: 'date' must be a date, not a list "
                "(write 2023, 2023-04 or 2023-04-17)"
            ],
        ),
        (
            "sources: [src]",
            "sources: []",
            [
                "data/a.yaml:11:14: a fact needs at least one source "
                "(list the ids of the sources that support it)"
            ],
        ),
        (
            "sources: [src]",
            "sources: src",
            [
                "data/a.yaml:11:14: 'sources' must be a list, not text "
                "(write a list: `[a, b]` or one `- item` per line)"
            ],
        ),
        (
            "summary: They met.",
            "summary: [[src]]",
            [
                "data/a.yaml:10:14: 'summary' was read as a list, not text "
                "(a value that starts with [[ is read by YAML as a list: quote the text or use `>`)"
            ],
        ),
        (
            "title: A meeting",
            "title: A meeting\n    round: two",
            [
                "data/a.yaml:8:12: 'round' must be a whole number, not text "
                "(write a number without quotes)"
            ],
        ),
    ],
)
def test_schema_errors(tmp_path: Path, before: str, after: str, expected: list[str]) -> None:
    assert before in EVENT
    result = run(tmp_path, {"data/a.yaml": EVENT.replace(before, after)})
    assert messages(result) == sorted(
        expected, key=lambda m: tuple(int(p) if p.isdigit() else p for p in m.split(":")[:3])
    )


def test_unknown_kind_at_top_level(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": SOURCE.replace("sources:", "source:")})
    assert messages(result) == [
        "data/a.yaml:1:1: unknown field 'source' in a data file (did you mean 'sources'?)"
    ]


def test_top_level_list_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": "- id: x\n"})
    assert messages(result) == [
        "data/a.yaml:1:1: a data file must be a mapping, not a list "
        "(start with a kind such as `events:` and list records under it)"
    ]


def test_links_must_be_http(tmp_path: Path) -> None:
    text = SOURCE + "    url: javascript:alert(1)\n"
    assert messages(run(tmp_path, {"data/a.yaml": text})) == [
        "data/a.yaml:5:10: 'javascript:alert(1)' is not an http(s) address "
        "(links must start with http:// or https://)"
    ]


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {
            "data/a.yaml": EVENT.replace("kind: meeting", "kind: meting"),
            "data/b.yaml": SOURCE.replace("id: src", "id: src2\n    colour: red"),
        },
    )
    assert [m.split(":")[0] for m in messages(result)] == ["data/a.yaml", "data/b.yaml"]


def test_schema_file_is_valid_json_schema() -> None:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # Every field an editor can type is documented, for hover help in the editor.
    for name, definition in schema["$defs"].items():
        for field, spec in definition.get("properties", {}).items():
            assert "description" in spec or "$ref" in spec, f"{name}.{field} lacks a description"


def test_fast_and_full_validators_agree_on_validity(tmp_path: Path) -> None:
    """The compiled validator decides; the full one explains. They must never disagree."""
    from factbook.load import load_file
    from factbook.schema import _is_valid, _validator

    cases = [
        EVENT,
        EVENT.replace("kind: meeting", "kind: meting"),
        EVENT.replace("id: ev", "id: Ev"),
        EVENT.replace("date: 2023-04-17", "date: 2023"),
        EVENT.replace("date: 2023-04-17", "date: 99"),
        EVENT + "    round: 0\n",
        EVENT + "    related: [a, a]\n",
        SOURCE + "    url: ftp://x\n",
        EVENT.replace("    sources: [src]\n", ""),
    ]
    for i, text in enumerate(cases):
        path = tmp_path / f"{i}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded, _ = load_file(path, path.name)
        assert loaded is not None
        assert _is_valid(loaded.data) == _validator().is_valid(loaded.data), text
