"""A real `mkdocs build --strict` of the mini fixture, checked from the HTML."""

from __future__ import annotations

from pathlib import Path

from sitecheck import broken_links, content, page

from support import BuildRun, copy_fixture, mkdocs_build


def test_every_record_has_a_page(mini_site: BuildRun) -> None:
    for url in (
        "people/kim-example/",
        "organizations/ministry-a/",
        "organizations/bureau-a/",
        "events/round-one/",
        "events/round-two/",
        "topics/sample-talks/",
        "sources/daily-2023/",
        "glossary/two-by-two/",
        "glossary/",
        "timeline/",
        "people/",
        "events/",
        "organizations/",
        "topics/",
        "sources/",
    ):
        assert content(mini_site.site, url).h1 is not None, url


def test_references_in_pages_become_links(mini_site: BuildRun) -> None:
    article = content(mini_site.site, "")
    chrome = {"fb-term", "headerlink", "md-content__button"}
    links = {
        a.get_text(): a["href"]
        for a in article.find_all("a")
        if not chrome & set(a.get("class", []))
    }
    assert links == {
        "Sample Talks": "topics/sample-talks/",
        "the second round": "events/round-two/",
        "Kim Example": "people/kim-example/",
    }
    assert [c.get_text() for c in article.find_all("code")] == [
        "[[not-a-reference]]",
        "[[also-not-a-reference]]\n",
    ]


def test_backlinks_from_pages_and_data(mini_site: BuildRun) -> None:
    article = content(mini_site.site, "people/kim-example/")
    heading = article.find("h2", id="mentioned-in")
    section = heading.find_next_siblings(["p", "ul"])
    assert [(e.name, " ".join(e.get_text().split())) for e in section] == [
        ("p", "Pages"),
        ("ul", "Sample explainer"),
        ("p", "Events"),
        ("ul", "Second Sample Talks (17 April 2023) — participant"),
    ]


def test_citations_are_numbered_and_lead_to_the_source(mini_site: BuildRun) -> None:
    article = content(mini_site.site, "events/round-two/")
    markers = article.select("sup a.footnote-ref")
    assert [m.get_text() for m in markers] == ["1", "1"]
    note = article.select_one("div.footnote li")
    assert [a["href"] for a in note.find_all("a")][:2] == [
        "../../sources/daily-2023/",
        "https://example.org/news/1",
    ]


def test_glossary_terms_have_tooltips(mini_site: BuildRun) -> None:
    marks = content(mini_site.site, "").select(".fb-term")
    assert [(m.name, m.get_text(), m.get("href")) for m in marks] == [
        ("a", "two-by-two", "glossary/two-by-two/"),
        ("abbr", "two-by-two", None),
    ]
    assert {m["title"] for m in marks} == {"A meeting format with two officials from each side."}
    glossary = content(mini_site.site, "glossary/")
    assert glossary.find(id="two-by-two").name == "h2"


def test_timeline_groups_events_by_year_at_their_precision(mini_site: BuildRun) -> None:
    timeline = content(mini_site.site, "timeline/").select_one(".fb-timeline")
    years = [h2["id"] for h2 in timeline.find_all("h2")]
    dates = [s.get_text() for s in timeline.select(".fb-timeline__date")]
    assert (years, dates) == (["year-2019", "year-2023"], ["November 2019", "17 April 2023"])


def test_record_pages_stay_out_of_the_navigation(mini_site: BuildRun) -> None:
    def nav_titles(url: str) -> list[str]:
        nav = page(mini_site.site, url).select_one("nav.md-nav--primary")
        return [" ".join(a.get_text().split()) for a in nav.find_all("a", href=True)]

    # The record page's navigation is the home page's: listings only, no records.
    assert nav_titles("people/kim-example/") == nav_titles("")
    assert "People" in nav_titles("") and "Kim Example" not in nav_titles("")


def test_every_internal_link_and_anchor_resolves(mini_site: BuildRun) -> None:
    assert broken_links(mini_site.site) == []


def test_no_web_fonts_or_remote_scripts(mini_site: BuildRun) -> None:
    html = page(mini_site.site, "")
    loaded = [
        tag.get("src") or tag.get("href")
        for tag in html.find_all(["script", "link"])
        if "canonical" not in (tag.get("rel") or [])
    ]
    remote = [url for url in loaded if url and url.startswith(("http:", "https:", "//"))]
    assert remote == []


def test_without_directory_urls_every_link_resolves_too(tmp_path: Path) -> None:
    # Glossary links get their final address from the hook (MkDocs does not rewrite them), so
    # they must follow `use_directory_urls` themselves.
    project = copy_fixture("mini", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8"
    )
    run = mkdocs_build(project, tmp_path / "site")
    assert run.returncode == 0, run.output
    marks = content(run.site, "index.html").select("a.fb-term")
    assert [m["href"] for m in marks] == ["glossary/two-by-two.html"]
    assert broken_links(run.site) == []
