"""load.py: YAML → data with positions; syntax errors, duplicate keys, tags, aliases, encodings."""

from __future__ import annotations

from pathlib import Path

from factbook.load import load_file
from helpers import SOURCE, messages, run


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("events:\n  - id: a\n    title: 서민정 [[x]]\n", encoding="utf-8")
    loaded, problems = load_file(path, "data/f.yaml")
    assert problems == [] and loaded is not None
    assert str(loaded.position(("events", 0, "title"))) == "data/f.yaml:3:12"
    assert str(loaded.key_position(("events", 0, "title"))) == "data/f.yaml:3:5"


def test_dates_stay_as_written(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 2019-11-22\nb: 2019-11\nc: 2019\n", encoding="utf-8")
    loaded, _ = load_file(path, "f.yaml")
    assert loaded is not None and loaded.data == {"a": "2019-11-22", "b": "2019-11", "c": 2019}


def test_duplicate_key_is_reported_where_it_repeats(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": SOURCE + "    publisher: Another paper\n"})
    assert messages(result) == [
        "data/a.yaml:5:5: duplicate field 'publisher' (it is already set on line 4; keep one)"
    ]


def test_unclosed_quote(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": "sources:\n  - id: src\n    title: 'A report\n"})
    assert messages(result) == [
        "data/a.yaml:3:12: YAML syntax error: found unexpected end of stream "
        "(close the quotation mark)"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": "sources:\n\t- id: src\n"})
    assert messages(result) == [
        "data/a.yaml:2:1: YAML syntax error: found a character that cannot start a value "
        "(indent with spaces, not tabs)"
    ]


def test_reference_at_start_of_plain_value_is_explained(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"data/a.yaml": "terms:\n  - id: t\n    definition: [[gsomia]] was signed\n"}
    )
    assert messages(result) == [
        "data/a.yaml:3:17: YAML syntax error: a value that starts with [[ is read as a list "
        "(quote the text or use `>`)"
    ]


def test_object_constructing_tag_is_refused(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"data/a.yaml": "sources: !!python/object/apply:os.system ['echo hi']\n"}
    )
    assert messages(result)[0] == (
        "data/a.yaml:1:10: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        "allowed (data files hold plain text, numbers, lists and mappings only)"
    )


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = SOURCE.replace("title: A report", "title: &t A report") + "    title_en: *t\n"
    result = run(tmp_path, {"data/a.yaml": text})
    assert messages(result) == [
        "data/a.yaml:5:15: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full)"
    ]


def test_an_alias_is_refused_even_when_its_anchor_was_not_kept(tmp_path: Path) -> None:
    # The anchored list is a key (refused, so never read into the data); the alias that names
    # it is still refused rather than read as a copy.
    result = run(tmp_path, {"data/a.yaml": "? &a [1]\n: x\nsources: *a\n"})
    assert messages(result)[:2] == [
        "data/a.yaml:1:3: a field name must be plain text (write `name: value` with a simple name)",
        "data/a.yaml:3:10: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full)",
    ]


def test_a_syntax_error_is_reported_before_a_problem_of_structure(tmp_path: Path) -> None:
    # The alias names no anchor (a problem of structure), but the text breaks further on: the
    # broken text is what the editor has to fix first, however short the file.
    result = run(tmp_path, {"data/a.yaml": "sources: *nothing\nother: [1, 2\n"})
    assert len(messages(result)) == 1
    assert messages(result)[0].startswith("data/a.yaml:3:1: YAML syntax error: did not find")


def test_non_utf8_bytes(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_bytes(b"sources:\n  - id: src\n    title: caf\xe9\n")
    result = run(tmp_path, {})
    assert messages(result) == [
        "data/a.yaml:3:15: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_bytes("\ufeff".encode() + SOURCE.encode())
    assert run(tmp_path, {}).ok


def test_empty_file(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": "# only a comment\n"})
    assert messages(result) == [
        "data/a.yaml:1:1: file has no records (add records such as `events:` or delete the file)"
    ]
