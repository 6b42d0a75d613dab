"""resolve.py / assemble.py: references, ids across files, cross-record rules, backlinks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factbook import Project, check
from factbook.model import Model
from factbook.resolve import backlinks, check_references, page_references
from helpers import SOURCE, messages, run

PEOPLE = (
    SOURCE
    + """\
organizations:
  - id: ministry
    name: A ministry
    sources: [src]
people:
  - id: seo-min-jung
    name: Seo Min-jung
    sources: [src]
    roles:
      - title: Director-General
        organization: ministry
        sources: [src]
topics:
  - id: gsomia-agreement
    type: agreement
    name: GSOMIA
    summary: The pact.
    sources: [src]
"""
)


def event(extra: str = "", summary: str = "They met.") -> str:
    return f"""\
events:
  - id: ev
    title: A meeting
    date: 2023-04-17
    kind: meeting
    summary: "{summary}"
    sources: [src]
{extra}"""


def test_unknown_reference_suggests_the_closest_id(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event("    topic: gsomia-agrement\n")}
    )
    assert messages(result) == [
        "data/b.yaml:8:12: unknown id 'gsomia-agrement' (did you mean 'gsomia-agreement'?)"
    ]


def test_reference_to_the_wrong_kind(tmp_path: Path) -> None:
    extra = "    participants:\n      - person: ministry\n"
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event(extra)})
    assert messages(result) == [
        "data/b.yaml:9:17: 'ministry' is an organization, but a person is expected here "
        "(use the id of a person)"
    ]


def test_reference_in_prose_is_located_inside_the_text(tmp_path: Path) -> None:
    summary = "Met [[seo-min-jung]] and [[seo-min-jun]]."
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event(summary=summary)})
    assert messages(result) == [
        "data/b.yaml:6:40: unknown id 'seo-min-jun' (did you mean 'seo-min-jung'?)"
    ]


def test_reference_in_folded_block_is_located(tmp_path: Path) -> None:
    text = event().replace(
        'summary: "They met."', "summary: >\n      They met\n      [[nobody]] there."
    )
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": text})
    assert messages(result) == [
        "data/b.yaml:8:7: unknown id 'nobody' (check the id, or add a record with it)"
    ]


def test_unknown_reference_in_a_page(tmp_path: Path) -> None:
    page = "# Home\n\nSee `[[code]]` and\nthe [[gsomia-agreemnt|pact]].\n"
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "docs/index.md": page})
    assert messages(result) == [
        "docs/index.md:4:5: unknown id 'gsomia-agreemnt' (did you mean 'gsomia-agreement'?)"
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    result = run(tmp_path, {"data/a.yaml": SOURCE, "data/b.yaml": SOURCE})
    assert messages(result) == [
        "data/b.yaml:2:9: duplicate id 'src' (ids are unique across all files; "
        "it is already used at data/a.yaml:2:5)"
    ]


def test_impossible_date(tmp_path: Path) -> None:
    # The page's reference to the broken event is not reported again.
    result = run(
        tmp_path,
        {
            "data/a.yaml": PEOPLE,
            "data/b.yaml": event().replace("2023-04-17", "2023-02-30"),
            "docs/index.md": "# Home\n\n[[ev]]\n",
        },
    )
    assert messages(result) == [
        "data/b.yaml:4:11: impossible date '2023-02-30': February 2023 has 28 days "
        "(check the source; if only the month is known, write 2023-04)"
    ]


def test_round_needs_a_series(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        {
            "data/a.yaml": PEOPLE,
            "data/b.yaml": event("    topic: gsomia-agreement\n    round: 3\n"),
        },
    )
    assert messages(result) == [
        "data/b.yaml:2:5: event 'ev' has a round number but belongs to no series "
        "(set `topic:` to a topic of type series)"
    ]


def test_organization_cannot_be_its_own_ancestor(tmp_path: Path) -> None:
    text = (
        SOURCE
        + """\
organizations:
  - id: a
    name: A
    parent: b
    sources: [src]
  - id: b
    name: B
    parent: a
    sources: [src]
"""
    )
    assert messages(run(tmp_path, {"data/a.yaml": text})) == [
        "data/a.yaml:6:5: organization 'a' is its own ancestor (fix the `parent:` chain)",
        "data/a.yaml:10:5: organization 'b' is its own ancestor (fix the `parent:` chain)",
    ]


def test_a_broken_record_does_not_cause_follow_on_errors(tmp_path: Path) -> None:
    broken = PEOPLE.replace("    name: Seo Min-jung\n", "    name: Seo Min-jung\n    nmae: x\n")
    extra = "    participants:\n      - person: seo-min-jung\n"
    result = run(tmp_path, {"data/a.yaml": broken, "data/b.yaml": event(extra)})
    assert messages(result) == [
        "data/a.yaml:12:5: unknown field 'nmae' in person (did you mean 'name'?)"
    ]


def test_backlinks_from_data_relations_and_prose(tmp_path: Path) -> None:
    extra = "    participants:\n      - person: seo-min-jung\n"
    run(
        tmp_path,
        {
            "data/a.yaml": PEOPLE,
            "data/b.yaml": event(extra, summary="About [[gsomia-agreement]]."),
            "docs/index.md": "# Home\n\n[[seo-min-jung]]\n",
        },
    )
    result = check(Project(tmp_path))
    assert result.ok
    links = backlinks(result.model, list(result.references))
    assert [(b.owner, b.relation) for b in links["seo-min-jung"]] == [
        ("ev", "participant"),
        ("docs/index.md", "mentions"),
    ]
    assert [(b.owner, b.relation) for b in links["gsomia-agreement"]] == [("ev", "mentions")]
    assert [(b.owner, b.relation) for b in links["ministry"]] == [("seo-min-jung", "staff")]


CITING_PAGE = (
    "# Home\n\n"
    "Seo met.[[cite:seo-min-jung]] The pact.[[cite:gsomia-agreemnt, src]]\n"
    "A label.[[cite:ev|the meeting]] Empty.[[cite:]] Trailing.[[cite:ev,]]\n"
)


def test_a_citation_of_a_record_or_a_source_is_accepted(tmp_path: Path) -> None:
    page = "# Home\n\nThey met.[[cite:ev]] It was reported.[[cite:src, ev]]\n"
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event(), "docs/index.md": page})
    assert messages(result) == []
    links = backlinks(result.model, list(result.references))
    assert [(b.owner, b.relation) for b in links["ev"]] == [("docs/index.md", "cites")]


def test_citations_are_checked_at_each_id(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event(), "docs/index.md": CITING_PAGE}
    )
    empty = (
        "empty citation (write the id of a record or a source after `cite:`, separated by commas)"
    )
    assert messages(result) == [
        "docs/index.md:3:47: unknown id 'gsomia-agreemnt' (did you mean 'gsomia-agreement'?)",
        "docs/index.md:4:9: a citation takes no label (write [[cite:ev]] after the words it "
        "supports; [[id|text]] links to a record)",
        f"docs/index.md:4:46: {empty}",
        f"docs/index.md:4:68: {empty}",
    ]


def test_a_citation_of_a_record_without_sources_is_reported(tmp_path: Path) -> None:
    # Every kind of the core requires sources; a kind declared elsewhere may not.
    result = run(tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event()})
    unsourced = dataclasses.replace(result.model.records["ev"], sources=())
    model = Model({**result.model.records, "ev": unsourced})
    references, problems = page_references("docs/x.md", "Met.[[cite:ev]] Said.[[cite:src]]")
    assert problems == []
    assert [str(d) for d in check_references(model, references)] == [
        "docs/x.md:1:12: 'ev' names no sources, so citing it cites nothing (cite a source "
        "directly, [[cite:source-id]], or add `sources:` to the record)"
    ]


def test_a_citation_in_data_says_where_citations_belong(tmp_path: Path) -> None:
    result = run(
        tmp_path, {"data/a.yaml": PEOPLE, "data/b.yaml": event(summary="About [[cite:src]].")}
    )
    assert messages(result) == [
        "data/b.yaml:6:21: unknown id 'cite:src' (a record names what it cites with `sources:`; "
        "[[cite:id]] is for pages in docs/)"
    ]
