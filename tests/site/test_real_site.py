"""The real explainer, built with `mkdocs build --strict` and read back from its HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitecheck import broken_links, content, page

from factbook import Project, check
from factbook.kinds import Event, Term, Topic
from support import ROOT, BuildRun, mkdocs_build

MODEL = check(Project(ROOT)).model
SITE_PREFIX = "/"
"""The path of the site's address in a build with no SITE_URL (mkdocs.yml's local default)."""
SERIES = "security-policy-consultation"
AGREEMENT = "gsomia-agreement"


def url(record) -> str:
    return f"{record.record_kind.folder}/{record.id}/"


def fact_rows(article) -> dict[str, str]:
    table = article.find("table")
    return {
        row.find_all("td")[0].get_text(): row.find_all("td")[1].get_text()
        for row in table.find("tbody").find_all("tr")
    }


def cited_sources(article) -> list[str]:
    return [a["href"] for a in article.select("div.footnote li a") if "/sources/" in a["href"]]


def test_the_data_is_valid() -> None:
    result = check(Project(ROOT))
    assert [str(d) for d in result.diagnostics] == []


ROUNDS = sorted(
    (r for r in MODEL.records.values() if isinstance(r, Event) and r.topic == SERIES and r.round),
    key=lambda e: e.round,
)


def test_all_thirteen_rounds_are_recorded() -> None:
    assert [r.round for r in ROUNDS] == list(range(1, 14))


@pytest.mark.parametrize("event", ROUNDS, ids=lambda e: e.id)
def test_each_round_page_shows_date_place_and_sources(real_site: BuildRun, event: Event) -> None:
    article = content(real_site.site, url(event))
    rows = fact_rows(article)
    assert rows["Date"] == event.date.display
    assert event.place in rows["Place"]
    assert rows["Part of"].endswith(f"round {event.round}")
    assert cited_sources(article), f"{event.id} cites no source"


def test_every_event_page_cites_a_source(real_site: BuildRun) -> None:
    events = [r for r in MODEL.records.values() if isinstance(r, Event)]
    assert len(events) > 30
    uncited = [e.id for e in events if not cited_sources(content(real_site.site, url(e)))]
    assert uncited == []


def test_the_glossary_holds_every_term_with_its_aliases(real_site: BuildRun) -> None:
    glossary = content(real_site.site, "glossary/")
    terms = [r for r in MODEL.records.values() if isinstance(r, Term)]
    assert len(terms) >= 12
    for term in terms:
        heading = glossary.find("h2", id=term.id)
        assert heading is not None and heading.get_text().startswith(term.term)
        entry = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            entry.append(" ".join(sibling.get_text().split()))
        text = " ".join(entry)
        for alias in term.aliases:
            assert alias in text, f"{term.id}: alias {alias!r} missing"


def chart_titles(site: Path, topic_id: str) -> list[str]:
    article = content(site, f"topics/{topic_id}/")
    return [svg.find("title").get_text() for svg in article.select("svg.fb-chart")]


def test_both_pictures_exist_with_a_text_alternative(real_site: BuildRun) -> None:
    series, agreement = MODEL.records[SERIES], MODEL.records[AGREEMENT]
    assert isinstance(series, Topic) and isinstance(agreement, Topic)
    assert chart_titles(real_site.site, SERIES) == [f"Rounds of the {series.name} over time"]
    assert chart_titles(real_site.site, AGREEMENT) == [f"Status of the {agreement.name} over time"]
    for topic_id in (SERIES, AGREEMENT):
        for svg in content(real_site.site, f"topics/{topic_id}/").select("svg.fb-chart"):
            assert svg["role"] == "img" and len(svg.find("desc").get_text()) > 40


def test_pictures_change_when_the_data_does(real_site: BuildRun, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    rounds_file = next(
        p for p in (project / "data").rglob("*.yaml") if "id: spc-round-13" in p.read_text()
    )
    rounds_file.write_text(rounds_file.read_text().replace("place: Tokyo\n", "place: Osaka\n"))
    changed = mkdocs_build(project, tmp_path / "site")
    assert changed.returncode == 0, changed.output

    def series_svg(site: Path) -> str:
        return str(content(site, f"topics/{SERIES}/").select_one("svg.fb-chart"))

    assert "Osaka" not in series_svg(real_site.site)
    assert "Osaka" in series_svg(changed.site)


def test_no_reference_is_left_unexpanded(real_site: BuildRun) -> None:
    for html in sorted(real_site.site.rglob("*.html")):
        article = content(real_site.site, html.parent.relative_to(real_site.site).as_posix() + "/")
        if article is None:
            continue
        for code in article.find_all("code"):
            code.decompose()
        assert "[[" not in article.get_text(), html


def test_every_internal_link_and_anchor_resolves(real_site: BuildRun) -> None:
    assert broken_links(real_site.site, SITE_PREFIX) == []


def test_open_data_page_offers_facts_json_and_the_schema(real_site: BuildRun) -> None:
    import json as json_module

    article = content(real_site.site, "open-data/")
    hrefs = {a.get_text(): a["href"] for a in article.find_all("a", href=True)}
    assert hrefs["facts.json"] == "../facts.json"
    assert hrefs["The JSON Schema"] == "../schema/facts.schema.json"
    facts = json_module.loads((real_site.site / "facts.json").read_text(encoding="utf-8"))
    assert sum(len(v) for v in facts["records"].values()) == len(MODEL.records)


def test_terms_are_marked_in_prose_but_not_in_data_tables(real_site: BuildRun) -> None:
    in_prose, in_tables = 0, []
    for record in MODEL.records.values():
        article = content(real_site.site, url(record))
        in_prose += len(article.select("p .fb-term"))
        in_tables += [f"{record.src_uri}: {m.get_text()}" for m in article.select("table .fb-term")]
    assert in_prose > 10 and in_tables == []
    # Hand-written pages keep marks wherever their text is.
    assert content(real_site.site, "gsomia-explained/").select(".fb-term")


def test_every_chart_carries_its_figures_as_text(real_site: BuildRun) -> None:
    # Without the picture (not shown, not seen) a chart still makes sense: its figures are a
    # table in the figure's caption, in the HTML itself, not only in an ARIA label.
    rounds = sorted(
        (e for e in MODEL.of(Event) if e.topic == SERIES and e.round),
        key=lambda e: e.date.sort_key,
    )
    for url_path in ("", f"topics/{SERIES}/"):
        figure = content(real_site.site, url_path).select_one("figure.fb-figure")
        rows = [
            [td.get_text() for td in tr.find_all("td")]
            for tr in figure.select("figcaption details table tbody tr")
        ]
        assert rows == [[str(e.round), e.date.display, e.place] for e in rounds], url_path
    status = content(real_site.site, f"topics/{AGREEMENT}/").select_one("figure.fb-figure")
    periods = status.select("figcaption details table tbody tr")
    assert len(periods) == len(status.select(".fb-legend li")) >= 3


def test_pages_about_the_project_are_grouped_under_about(real_site: BuildRun) -> None:
    primary = page(real_site.site, "").select_one("nav.md-nav--primary")
    sections: dict[str, list[str]] = {}
    for item in primary.select_one("ul.md-nav__list").find_all("li", recursive=False):
        name = " ".join(item.find(class_="md-nav__link").get_text().split())
        sections[name] = [" ".join(a.get_text().split()) for a in item.select("nav a[href]")]
    assert sections["About"] == ["How this site is made", "Open data", "Benchmark"]
    # The readers' sections come first; the project's pages are not among them.
    assert list(sections)[-1] == "About"
    assert "Benchmark" not in sections and "Open data" not in sections
    about = content(real_site.site, "how-this-site-is-made/")
    headings = [h.get_text().strip(" ¶") for h in about.find_all("h2")]
    assert headings[:3] == ["The engine", "The data format", "Sending a correction"]
    hrefs = {a["href"] for a in about.find_all("a", href=True)}
    assert {"../open-data/", "../benchmark/"} <= hrefs
