"""export.py and output.py: facts.json and JSON-LD from the model, and the plain-data Output a
site engine works from (expanding `[[id]]` in hand-written pages included)."""

from __future__ import annotations

import json
from pathlib import Path

import factbook
from factbook import Addresses, Project
from factbook.export import facts, jsonld, script_tag
from helpers import write
from support import FIXTURES

MINI = Project(FIXTURES / "mini")
ADDRESSES = Addresses("https://example.org/", True)
MODEL = factbook.check(MINI).model


def test_facts_json_resolves_references_and_keeps_date_precision() -> None:
    data = facts(MODEL, ADDRESSES.url)
    events = {e["id"]: e for e in data["records"]["events"]}
    first = events["round-one"]
    assert first["date"] == "2019-11" and first["kind"] == "meeting"
    assert first["url"] == "https://example.org/events/round-one/"
    assert first["topic"] == {
        "id": "sample-talks",
        "kind": "topic",
        "name": "Sample Talks",
        "url": "https://example.org/topics/sample-talks/",
    }
    assert set(data["records"]) == {kind.key for kind in factbook.KINDS.values()}


def test_jsonld_uses_each_kinds_type_and_cites_sources() -> None:
    person = jsonld(MODEL.records["kim-example"], MODEL, ADDRESSES.url)
    assert person["@type"] == "Person" and person["name"] == "Kim Example"
    assert person["citation"][0]["url"] == "https://example.org/sources/daily-2023/"
    event = jsonld(MODEL.records["round-two"], MODEL, ADDRESSES.url)
    assert event["@type"] == "Event" and event["superEvent"]["@type"] == "EventSeries"
    source = jsonld(MODEL.records["daily-2023"], MODEL, ADDRESSES.url)
    assert source["@type"] == "NewsArticle" and "citation" not in source


def test_a_script_tag_cannot_be_closed_by_data() -> None:
    tag = script_tag({"name": "</script><script>alert(1)</script>"})
    assert tag.count("</script>") == 1 and json.loads(tag[35:-9])["name"].startswith("</script>")


def test_output_is_everything_a_site_engine_needs() -> None:
    output = factbook.build(MINI, ADDRESSES)
    assert output.ok and not output.from_cache
    assert set(output.defined_at) == {r.src_uri for r in MODEL.records.values()}
    assert output.defined_at["people/kim-example.md"].path.endswith("data/facts.yaml")
    assert set(output.head) >= set(output.defined_at) | {"glossary/index.md"}
    assert json.loads(output.facts_json)["records"]["people"][0]["id"] == "kim-example"
    assert [t.id for t in output.terms] == ["two-by-two"]
    assert set(output.pages) >= factbook.listing_pages()


def test_expanding_a_hand_written_page() -> None:
    output = factbook.build(MINI, ADDRESSES)
    page = "See [[kim-example]], [[round-one|the *first* round]] and [[missing]].\n"
    assert output.expand_page("explainers/a.md", page) == (
        "See [Kim Example](../people/kim-example.md), "
        "[the *first* round](../events/round-one.md) and missing.\n"
    )


TWO_SOURCES = """\
sources:
  - id: daily
    title: Ministers meet
    publisher: The Daily
    date: 2023-04
    url: https://example.org/1
  - id: gazette
    publisher: The Gazette
events:
  - id: first
    title: First
    date: 2019
    kind: meeting
    summary: Met.
    sources: [gazette, daily]
  - id: second
    title: Second
    date: 2023
    kind: meeting
    summary: Met again.
    sources: [daily]
"""


def test_citations_become_footnotes_shared_by_source(tmp_path: Path) -> None:
    write(tmp_path, "data/a.yaml", TWO_SOURCES)
    write(tmp_path, "docs/index.md", "# Home\n")
    output = factbook.build(Project(tmp_path), ADDRESSES)
    page = "It met.[[cite:first]] Again.[[cite:second]]\n\n| x |\n|---|\n| y[[cite:daily]] |\n"
    assert output.expand_page("explainers/a.md", page) == (
        'It met.<span class="fb-cite">[^gazette][^daily]</span> '
        'Again.<span class="fb-cite">[^daily]</span>\n\n'
        '| x |\n|---|\n| y<span class="fb-cite">[^daily]</span> |\n\n'
        "[^gazette]: The Gazette, [headline not recorded](../sources/gazette.md).\n"
        "[^daily]: The Daily, “[Ministers meet](../sources/daily.md)”, April 2023. "
        "[Original ↗](https://example.org/1)\n"
    )
    # The notes read as on the record pages: the same line, from a page in the same folder.
    notes = output.expand_page("events/notes.md", "A.[[cite:first]]").splitlines()[2:]
    record_page = output.pages["events/first.md"].splitlines()
    assert notes and all(note in record_page for note in notes)
    # A page that cites nothing is left as it was.
    assert output.expand_page("a.md", "No notes.[[cite:nothing]]\n") == "No notes.\n"


def test_a_failed_build_has_only_its_problems(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_text("people:\n  - id: x\n", encoding="utf-8")
    output = factbook.build(Project(tmp_path))
    assert not output.ok and output.pages == {} and output.facts_json == ""
    assert [str(d) for d in output.diagnostics][0].startswith("data/a.yaml:2:5: person is missing")
