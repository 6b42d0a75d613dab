"""The core's rebuilds (incremental.py): after each kind of edit, a Rebuilder's output is exactly
what a fresh `build()` of the same files gives, and it says which pages changed."""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from pathlib import Path

import pytest

import factbook
from factbook import Project, build
from factbook.incremental import Rebuilder
from support import ROOT

ADDRESSES = factbook.Addresses("https://example.org/")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, root / name)
    return Project(root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_as_build(rebuilder: Rebuilder, project: Project) -> factbook.Rebuilt:
    rebuilt = rebuilder.build()
    assert rebuilt.output == build(project, ADDRESSES, rebuilder.language)
    return rebuilt


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_kind_of_edit_gives_what_a_build_gives(project: Project, language: str) -> None:
    data = project.root / "data"
    rebuilder = Rebuilder(project, ADDRESSES, language)
    first = same_as_build(rebuilder, project)
    assert first.everything and first.changed == set(first.output.pages)

    # An event's title: its page, the pages that show it, the listings of its year.
    events = data / "events" / "two-plus-two.yaml"
    edit(events, "Kim Dae-jung–Obuchi action plan", "Kim–Obuchi action plan")
    rebuilt = same_as_build(rebuilder, project)
    assert not rebuilt.everything
    assert "events/kim-obuchi-action-plan.md" in rebuilt.changed
    if language == "en":  # (the Korean shows its translated title, which did not change)
        assert "people/kim-dae-jung.md" in rebuilt.changed  # lists it under "Mentioned in"
    assert len(rebuilt.changed) < len(rebuilt.output.pages) / 5

    # A source's title: the topics that cite it through their events show it too.
    sources = data / "sources.yaml"
    title = re.search(r"^    title: ([A-Z][^\n]*)$", sources.read_text(encoding="utf-8"), re.M)
    assert title is not None
    edit(sources, title.group(0), title.group(0) + " (edited)")
    same_as_build(rebuilder, project)

    # An event moved to another year: neighbours, year parts, charts.
    edit(events, "date: 1998-10-08", "date: 2001-10-08")
    same_as_build(rebuilder, project)

    # An id renamed with its references, in data and pages.
    for path in [*data.rglob("*.yaml"), *(project.root / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        if "kim-obuchi-action-plan" in text:
            path.write_text(text.replace("kim-obuchi-action-plan", "kim-obuchi-1998"), "utf-8")
    rebuilt = same_as_build(rebuilder, project)
    assert "events/kim-obuchi-action-plan.md" in rebuilt.removed
    assert "events/kim-obuchi-1998.md" in rebuilt.changed

    # A record added, then deleted; a glossary term added.
    topics = data / "topics.yaml"
    before = topics.read_text(encoding="utf-8")
    topics.write_text(
        before
        + "\n  - id: test-added\n    reviewed: 2026-12-01\n    type: agreement\n"
        + "    name: Added in a test\n    summary: Added.\n    sources: [joongang-2023-04-17]\n",
        encoding="utf-8",
    )
    assert "topics/test-added.md" in same_as_build(rebuilder, project).changed
    topics.write_text(before, encoding="utf-8")
    assert "topics/test-added.md" in same_as_build(rebuilder, project).removed
    terms = data / "terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8")
        + "\n  - id: test-term\n    reviewed: 2026-12-01\n    term: Quick rebuild\n"
        + "    short: Added.\n    definition: Added.\n    sources: [joongang-2023-04-17]\n",
        encoding="utf-8",
    )
    same_as_build(rebuilder, project)

    # A hand-written page edited (a new `[[id]]` makes a backlink).
    page = project.root / "docs" / "gsomia-explained.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [[obuchi]].\n", encoding="utf-8")
    assert "people/obuchi.md" in same_as_build(rebuilder, project).changed

    # A translation edited.
    korean = data / "translations" / "ko" / "people.yaml"
    edit(korean, "text: ", "text: (수정) ")
    same_as_build(rebuilder, project)

    # An error, then fixed: the fixed build starts afresh.
    good = events.read_text(encoding="utf-8")
    events.write_text(good.replace("date: 2001-10-08", "date: 2001-13-08"), encoding="utf-8")
    assert not same_as_build(rebuilder, project).output.ok
    events.write_text(good, encoding="utf-8")
    assert same_as_build(rebuilder, project).everything


# A name each kind of record shows, the file it is in, and what to change it to: every page that
# shows the record (its own, its neighbours', listings, the glossary, JSON-LD, facts.json) must
# come out as a fresh build makes it.
NAMES = [
    ("organizations.yaml", "name: ROK Ministry of Foreign Affairs", "name: ROK Foreign Ministry"),
    ("people.yaml", "given_name: Min-jung", "given_name: Min-jeong"),
    ("topics.yaml", "name: ROK-Japan Security Policy Consultation", "name: Security talks"),
    ("terms.yaml", "term: GSOMIA", "term: GSOMIA pact"),
    ("sources-names.yaml", "publisher: ", "publisher: Renamed "),
    ("events/gsomia.yaml", "date: 2016-11-23", "date: 2016-11-24"),
]


def test_a_changed_name_of_each_kind_reaches_every_page_that_shows_it(project: Project) -> None:
    rebuilder = Rebuilder(project, ADDRESSES)
    rebuilder.build()
    for file, old, new in NAMES:
        edit(project.root / "data" / file, old, new)
        rebuilt = same_as_build(rebuilder, project)
        assert rebuilt.changed and not rebuilt.everything, file


def test_a_record_named_only_in_a_translation_is_followed_in_its_edition(project: Project) -> None:
    """A Korean summary may name a record its English does not: the Korean page shows that
    record's Korean name, so a change to it reaches the page."""
    data = project.root / "data"
    edit(
        data / "translations" / "ko" / "events" / "two-plus-two.yaml",
        "만들기로 합의했다.",
        "만들기로 합의했다([[seo-min-jung]]).",
    )
    rebuilder = Rebuilder(project, ADDRESSES, "ko")
    rebuilder.build()
    edit(data / "people.yaml", "ko: 서민정", "ko: 서민정(수정)")
    rebuilt = same_as_build(rebuilder, project)
    assert "events/spc-body-agreed-1997.md" in rebuilt.changed


def test_listings_split_into_parts_reuse_only_the_parts_an_edit_leaves_alone(
    tmp_path: Path,
) -> None:
    """Past 300 entries a listing is split by year or letter; a rebuild renders again only the
    parts that list a touched record, and the result is still what a build gives."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmark"))
    try:
        generate = importlib.import_module("generate").generate
    finally:
        sys.path.pop(0)
    generate(1200, tmp_path / "big")
    project = Project(tmp_path / "big")
    rebuilder = Rebuilder(project, ADDRESSES)
    first = rebuilder.build()
    assert any("/part/" in page for page in first.output.pages)  # the listings are split
    path = project.root / "data" / "events" / "context.yaml"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^    title: ([A-Z][^\n]*)$", text, re.M)
    date = re.search(r"^    date: (\d{4})", text, re.M)
    assert title is not None and date is not None, text[:500]
    path.write_text(text.replace(title.group(0), title.group(0) + " edited"), "utf-8")
    rebuilt = same_as_build(rebuilder, project)
    parts = [page for page in rebuilt.changed if "/part/" in page]
    assert parts and len(parts) < len([p for p in first.output.pages if "/part/" in p]) / 4
    # An event moved to another year leaves one part and joins another.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(date.group(0), f"    date: {int(date.group(1)) - 7}", 1), "utf-8")
    same_as_build(rebuilder, project)
