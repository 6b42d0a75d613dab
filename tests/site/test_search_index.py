"""Material's search index of the real site (search/search_index.json), which a reader's browser
downloads whole on the first search: what readers search for is in it (names in Latin and native
script, titles, summaries, terms); what no one searches for is not ("Mentioned in", "Cited by"
and "Related" lists, the sources under each page, citation numbers, column headings)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from sitecheck import content

from factbook import Project, check
from factbook.wording import WORDS
from support import ROOT, BuildRun

MODEL = check(Project(ROOT)).model
LEFT_OUT = (WORDS["mentioned_in"], WORDS["cited_by"], WORDS["related"])
"""Headings of the sections kept out of the index."""


def index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(
        (site / "search" / "search_index.json").read_text(encoding="utf-8")
    )["docs"]
    return docs


def page_text(docs: list[dict[str, str]], url: str) -> str:
    """Everything the index holds for the page at `url`, its sections' titles and texts (as
    text: the index escapes `&`, `<` and `>`)."""
    return html.unescape(
        " ".join(f"{d['title']} {d['text']}" for d in docs if d["location"].split("#")[0] == url)
    )


def url(record) -> str:
    return f"{record.record_kind.folder}/{record.id}/"


def test_lists_of_links_and_sources_are_left_out(real_site: BuildRun) -> None:
    docs = index(real_site.site)
    locations = {d["location"] for d in docs}
    sections, footnotes = [], 0
    for path in sorted(real_site.site.rglob("index.html")):
        page = path.parent.relative_to(real_site.site).as_posix() + "/"
        article = content(real_site.site, "" if page == "./" else page)
        if article is None:
            continue
        sections += [
            f"{page}#{h2['id']}"
            for h2 in article.find_all("h2", id=True)
            if h2.get_text().rstrip("¶").strip() in LEFT_OUT
        ]
        footnotes += len(article.select("div.footnote li"))
    # The pages show the lists (so this test can fail) ...
    assert len(sections) > 100 and footnotes > 100
    # ... and the index has none of them: no section, no source line (they end in a back
    # link, ↩), no citation number, no column headings ("Fact | Detail").
    assert sorted(set(sections) & locations) == []
    text = " ".join(d["text"] for d in docs)
    assert "↩" not in text and WORDS["original"] not in text
    assert "<sup>" not in text
    assert f"{WORDS['fact']} {WORDS['detail']}" not in text


def test_the_marks_are_removed_from_the_published_pages(real_site: BuildRun) -> None:
    """Material drops a `data-search-*` attribute that has a value once it has read it, so
    the adapter's marks cost the pages nothing."""
    event = content(real_site.site, "events/spc-round-12/")
    assert event.select("div.footnote li") and event.select("sup[id^=fnref]")
    assert event.find("thead") is not None
    marked = [
        path.relative_to(real_site.site).as_posix()
        for path in sorted(real_site.site.rglob("*.html"))
        if 'data-search-exclude="' in path.read_text(encoding="utf-8")
    ]
    assert marked == []


def test_every_name_alias_and_native_form_is_in_the_index(real_site: BuildRun) -> None:
    docs = index(real_site.site)
    titles = {d["location"]: html.unescape(d["title"]) for d in docs}
    missing = []
    for record in MODEL.records.values():
        if titles.get(url(record)) != record.display_name:
            missing.append(f"{url(record)}: title {record.display_name!r}")
        text = page_text(docs, url(record))
        native = getattr(record, "native", None)
        for form in (*getattr(record, "aliases", ()), *(native.all() if native else ())):
            if form not in text:
                missing.append(f"{url(record)}: {form!r}")
    assert len(MODEL.records) > 100 and missing == []


@pytest.mark.parametrize(
    ("query", "pages"),
    [
        ("GSOMIA", {"glossary/gsomia/", "topics/gsomia-agreement/", "gsomia-explained/"}),
        ("지소미아", {"glossary/gsomia/", "topics/gsomia-agreement/", "gsomia-explained/"}),
        ("船越", {"people/takehiro-funakoshi/"}),
        ("Funakoshi", {"people/takehiro-funakoshi/"}),
        ("two-plus-two", {"glossary/two-plus-two/", "topics/security-policy-consultation/"}),
    ],
)
def test_the_pages_a_reader_looks_for_keep_their_words(
    real_site: BuildRun, query: str, pages: set[str]
) -> None:
    docs = index(real_site.site)
    assert {page for page in pages if query in page_text(docs, page)} == pages
