"""The Korean and Japanese editions (issue 14): the real site built in three languages from one
fact base, read back from its HTML; and what a build does when a translation falls behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitecheck import page

from factbook import Project, check
from factbook.kinds import Event, Person
from support import ROOT, BuildRun, copy_project, mkdocs_build, snapshot

MODEL = check(Project(ROOT)).model
EDITIONS = ("", "ko/", "ja/")
LOCAL = "http://127.0.0.1:8000/"
"""The site's address in a build without SITE_URL (mkdocs.yml's default)."""


def pages_of(site: Path, edition: str) -> set[str]:
    root = site / edition
    found = {p.relative_to(root).as_posix() for p in root.rglob("*.html")}
    return {p for p in found if not p.startswith(("ko/", "ja/"))}


def test_every_edition_has_every_page(real_site: BuildRun) -> None:
    english = pages_of(real_site.site, "")
    assert len(english) > 200
    assert pages_of(real_site.site, "ko/") == english
    assert pages_of(real_site.site, "ja/") == english


@pytest.mark.parametrize("edition", ["ko", "ja"])
def test_an_edition_speaks_its_language(real_site: BuildRun, edition: str) -> None:
    home = page(real_site.site, f"{edition}/")
    assert home.find("html")["lang"] == edition
    # Its interface (Material's) and its navigation are in its language.
    search = home.select_one("input.md-search__input")["placeholder"]
    assert search == {"ko": "검색", "ja": "検索"}[edition]
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    assert {"ko": "연표", "ja": "年表"}[edition] in nav


def infobox(html: BeautifulSoup) -> dict[str, str]:
    rows = html.find("article").find("table").find("tbody").find_all("tr")
    return {r.find_all("td")[0].get_text(): r.find_all("td")[1].get_text() for r in rows}


def test_dates_are_written_as_each_language_writes_them(real_site: BuildRun) -> None:
    event = MODEL.records["spc-round-12"]
    assert isinstance(event, Event)
    dated = {
        "": "17 April 2023",
        "ko/": "2023년 4월 17일",
        "ja/": "2023年4月17日",
    }
    for edition, shown in dated.items():
        article = page(real_site.site, f"{edition}events/spc-round-12/")
        assert shown in infobox(article).values()
    # A date known to the month stays a month.
    month = next(e for e in MODEL.of(Event) if e.date.precision == "month" and e.end_date is None)
    for edition, shown in {
        "ko/": f"{month.date.year}년 {month.date.month}월",
        "ja/": f"{month.date.year}年{month.date.month}月",
    }.items():
        values = infobox(page(real_site.site, f"{edition}events/{month.id}/")).values()
        assert shown in values


def heading(site: Path, url: str) -> str:
    return page(site, url).find("article").find("h1").get_text().strip()


def test_names_are_written_as_each_countrys_press_writes_them(real_site: BuildRun) -> None:
    site = real_site.site
    seo, funakoshi = MODEL.records["seo-min-jung"], MODEL.records["takehiro-funakoshi"]
    assert isinstance(seo, Person) and isinstance(funakoshi, Person)
    assert heading(site, "people/seo-min-jung/").startswith("Seo Min-jung")
    assert heading(site, "ko/people/seo-min-jung/").startswith(seo.native.ko or "?")
    assert heading(site, "ko/people/takehiro-funakoshi/").startswith("후나코시 다케히로")
    assert heading(site, "ja/people/takehiro-funakoshi/").startswith("船越健裕")
    # A Korean name in Japanese: the Hanja with the katakana reading the press gives.
    assert heading(site, "ja/people/seo-min-jung/").startswith("徐旻廷（ソ・ミンジョン）")
    # A link to a person reads as the page's own name does.
    ko_round = page(site, "ko/events/spc-round-12/").find("article").get_text()
    assert "후나코시 다케히로" in ko_round and "Funakoshi Takehiro" not in ko_round


@pytest.mark.parametrize("edition", ["", "ko/", "ja/"])
def test_the_switcher_and_the_head_lead_to_the_same_page(real_site: BuildRun, edition: str) -> None:
    html = page(real_site.site, f"{edition}people/seo-min-jung/")
    switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert switcher == {
        "en": "/people/seo-min-jung/",
        "ko": "/ko/people/seo-min-jung/",
        "ja": "/ja/people/seo-min-jung/",
    }
    alternates = [
        (link["hreflang"], link["href"]) for link in html.select("head link[rel=alternate]")
    ]
    assert alternates == [
        ("en", f"{LOCAL}people/seo-min-jung/"),
        ("ko", f"{LOCAL}ko/people/seo-min-jung/"),
        ("ja", f"{LOCAL}ja/people/seo-min-jung/"),
        ("x-default", f"{LOCAL}people/seo-min-jung/"),
    ]


def test_the_sitemap_lists_every_edition(real_site: BuildRun) -> None:
    listed = set(re.findall(r"<loc>(.*?)</loc>", (real_site.site / "sitemap.xml").read_text()))
    for edition in EDITIONS:
        for name in pages_of(real_site.site, edition):
            if name.endswith("index.html") and name != "404.html":
                assert f"{LOCAL}{edition}{name.removesuffix('index.html')}" in listed


@pytest.mark.parametrize("edition", ["ko", "ja"])
def test_the_footer_says_it_is_a_translation_and_links_the_english(
    real_site: BuildRun, edition: str
) -> None:
    footer = page(real_site.site, f"{edition}/gsomia-explained/").select_one(".md-copyright")
    link = footer.find("a", hreflang="en")
    assert link["href"] == f"{LOCAL}gsomia-explained/"
    assert {"ko": "번역", "ja": "翻訳"}[edition] in footer.get_text()
    english = page(real_site.site, "gsomia-explained/").select_one(".md-copyright")
    assert english.find("a", hreflang="en") is None


def index_text(site: Path, edition: str) -> str:
    index = json.loads((site / edition / "search" / "search_index.json").read_text())
    return " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])


def test_each_editions_search_index_holds_its_own_language(real_site: BuildRun) -> None:
    korean, japanese = index_text(real_site.site, "ko/"), index_text(real_site.site, "ja/")
    assert "지소미아" in korean and "후나코시" in korean
    assert "軍事情報" in japanese and "船越" in japanese
    english = index_text(real_site.site, "")
    assert "후나코시" not in english.replace("후나코시 다케히로", "")  # only the recorded form


def test_quotations_say_which_language_they_were_translated_from(real_site: BuildRun) -> None:
    # The 12th round's quotations come from an English-language report.
    quotes = page(real_site.site, "ja/events/spc-round-12/").select("article blockquote")
    assert quotes and all(q.get_text().lstrip().startswith("「") for q in quotes)
    assert all("英語から翻訳" in q.get_text() for q in quotes)
    english = page(real_site.site, "events/spc-round-12/").select("article blockquote")
    assert all("translated" not in q.get_text() for q in english)


def test_the_maintainers_page_is_english_in_every_edition(real_site: BuildRun) -> None:
    article = page(real_site.site, "ko/benchmark/").find("article")
    assert article.find("h1").get_text().strip().startswith("Benchmark")
    assert "영어로만" in article.select_one(".admonition").get_text()


# -- translations falling behind -------------------------------------------------------------


def test_a_translation_behind_the_english_is_shown_with_a_note_and_never_fails_a_build(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path)
    data = project / "data" / "events" / "two-plus-two.yaml"
    text = data.read_text(encoding="utf-8")
    assert "Foreign-affairs and defense officials of Korea and Japan met" in text
    data.write_text(
        text.replace(
            "Foreign-affairs and defense officials of Korea and Japan met",
            "Foreign-affairs and defense officials of the two countries met",
        ),
        encoding="utf-8",
    )
    # A page with no translation at all: shown in English, with a note.
    (project / "docs" / "open-data.ko.md").unlink()
    run = mkdocs_build(project, tmp_path / "site", editions="en,ko")
    assert run.returncode == 0, run.output  # strict, and still built
    warnings = [line for line in run.lines() if "is older than the English" in line]
    assert len(warnings) == 2, run.output  # ko and ja, each once
    round_12 = page(run.site, "ko/events/spc-round-12/").find("article")
    note = round_12.select_one(".admonition").get_text()
    assert "최신 내용이 아닐 수 있다" in note
    open_data = page(run.site, "ko/open-data/").find("article")
    assert "아직 번역되지 않아" in open_data.select_one(".admonition").get_text()
    assert open_data.find("h1").get_text().strip().startswith("Open data")


def test_a_failed_edition_leaves_every_editions_site_as_it_was(
    real_site: BuildRun, tmp_path: Path
) -> None:
    project = copy_project(tmp_path)
    site = tmp_path / "site"
    first = mkdocs_build(project, site, editions=None)
    assert first.returncode == 0, first.output
    # Reproducible: the same files build the same three editions, byte for byte, elsewhere.
    assert snapshot_hashes(site) == snapshot_hashes(real_site.site)
    assert (site / "ko" / "index.html").is_file() and (site / "ja" / "index.html").is_file()
    before = snapshot(site)
    # A link to a page that does not exist, in the Korean home page only: MkDocs' own check
    # fails the Korean build (strict), after the data was found valid.
    korean = project / "docs" / "index.ko.md"
    korean.write_text(
        korean.read_text(encoding="utf-8") + "\n[없는 페이지](no-such-page.md)\n",
        encoding="utf-8",
    )
    broken = mkdocs_build(project, site, editions=None)
    assert broken.returncode != 0
    assert "Korean edition failed" in broken.output
    assert snapshot(site) == before
    # Bad data: nothing is built for any edition.
    korean.write_text(korean.read_text(encoding="utf-8").replace("no-such-page.md", "index.md"))
    data = project / "data" / "people.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("reviewed: 2026-12-01", "reviewed: 2026-13-01", 1)
    )
    bad = mkdocs_build(project, site, editions=None)
    assert bad.returncode != 0 and "impossible date" in bad.output
    assert snapshot(site) == before


def snapshot_hashes(site: Path) -> dict[str, str]:
    return {name: digest for name, (digest, _) in snapshot(site).items()}
