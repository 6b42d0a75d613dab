"""Citations in hand-written pages: `[[cite:id]]` becomes numbered footnotes naming the cited
records' sources, read back from the HTML of built sites (a fixture project and the real
explainers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import content, resolve

from factbook import Project, check, links
from factbook.kinds import Source
from factbook.resolve import cited_sources
from support import ROOT, BuildRun, copy_fixture, mkdocs_build

MODEL = check(Project(ROOT)).model

MORE_DATA = """\
sources:
  - id: gazette-2019
    title: Talks held in Tokyo
    publisher: The Example Gazette
    date: 2019-11
    url: https://example.org/news/2
events:
  - id: tokyo-notes
    title: Notes exchanged in Tokyo
    date: 2019-12
    kind: other
    summary: Notes were exchanged.
    sources: [gazette-2019, daily-2023]
"""

STORY = """\
# A story

The first round met in Tokyo.[[cite:round-one]] Notes followed.[[cite:tokyo-notes]]

The second round met in Seoul.[[cite:round-two, gazette-2019]]
"""


def note_text(note) -> str:
    """What a reader sees of a footnote, without its "back to the text" links."""
    words = [
        piece
        for piece in note.find_all(string=True)
        if piece.find_parent("a", class_="footnote-backref") is None
    ]
    return " ".join("".join(words).split())


def note_links(site: Path, html_file: Path, note) -> tuple[set[Path], set[str]]:
    """The pages of this site a footnote links to, and its links elsewhere."""
    pages, elsewhere = set(), set()
    for a in note.find_all("a"):
        if "footnote-backref" in a.get("class", []):
            continue
        resolved = resolve(site, html_file, a["href"])
        if resolved is None:
            elsewhere.add(a["href"])
        else:
            pages.add(resolved[0])
    return pages, elsewhere


def test_citations_become_numbered_footnotes_naming_each_source(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    (project / "data" / "more.yaml").write_text(MORE_DATA, encoding="utf-8")
    (project / "docs" / "explainers").mkdir()
    (project / "docs" / "explainers" / "story.md").write_text(STORY, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Home: index.md\n", "  - Home: index.md\n  - Story: explainers/story.md\n"
        ),
        encoding="utf-8",
    )
    run = mkdocs_build(project, tmp_path / "site")
    assert run.returncode == 0, run.output

    site, html_file = run.site, run.site / "explainers" / "story" / "index.html"
    article = content(site, "explainers/story/")
    # round-one: daily; tokyo-notes: gazette, daily; round-two and the gazette directly.
    assert [a.get_text() for a in article.select("sup a.footnote-ref")] == ["1", "2", "1", "1", "2"]
    notes = article.select("div.footnote li")
    assert [note_text(li) for li in notes] == [
        "The Example Daily, “Ministers meet in Seoul”, A. Reporter, April 2023. Original ↗",
        "The Example Gazette, “Talks held in Tokyo”, November 2019. Original ↗",
    ]
    for note, source_id, original in zip(
        notes,
        ["daily-2023", "gazette-2019"],
        ["https://example.org/news/1", "https://example.org/news/2"],
        strict=True,
    ):
        pages, elsewhere = note_links(site, html_file, note)
        assert pages == {site / "sources" / source_id / "index.html"}
        assert all(page.exists() for page in pages)
        assert elsewhere == {original}
    # A source's note reads the same as on the record pages that cite it.
    record_notes = content(site, "events/round-one/").select("div.footnote li")
    assert note_text(notes[0]) in [note_text(li) for li in record_notes]


EXPLAINERS = {
    "index.md": "",
    "why-the-talks-stopped.md": "why-the-talks-stopped/",
    "gsomia-explained.md": "gsomia-explained/",
    "whos-who.md": "whos-who/",
    "since-2024.md": "since-2024/",
}


def cited_in(markdown: str) -> set[str]:
    """The sources a page's citations name, through the records they cite."""
    return {
        source_id
        for found in links.find(markdown)
        for item in found.cites
        for source_id in cited_sources(MODEL.records[item.id])
    }


@pytest.mark.parametrize("page", EXPLAINERS, ids=str)
def test_the_explainers_cite_their_sources_in_footnotes(real_site: BuildRun, page: str) -> None:
    markdown = (ROOT / "docs" / page).read_text(encoding="utf-8")
    # Sentences end in citations, not in a link to a record in brackets ("(12th round)").
    assert not re.search(r"\(\[\[[^\]]*\]\](, \[\[[^\]]*\]\])*\)", markdown)
    site = real_site.site
    html_file = site / EXPLAINERS[page] / "index.html"
    article = content(site, EXPLAINERS[page])
    notes = article.select("div.footnote li")
    noted = {li["id"].removeprefix("fn:") for li in notes}
    assert noted == cited_in(markdown)
    assert len(article.select("sup a.footnote-ref")) > len(notes)  # sources cited more than once
    for note in notes:
        source = MODEL.records[note["id"].removeprefix("fn:")]
        assert isinstance(source, Source)
        pages, elsewhere = note_links(site, html_file, note)
        assert pages == {site / "sources" / source.id / "index.html"}, note_text(note)
        assert all(page.exists() for page in pages)
        assert elsewhere == ({source.url} if source.url else set())
        assert note_text(note).startswith(source.publisher)
