"""Pages as a first-time reader meets them (issue 13): no blank table cells; labels in words.
Each test builds a real site and reads its HTML back."""

from __future__ import annotations

from pathlib import Path

from bs4 import Tag
from sitecheck import content

from factbook import Project, check
from factbook.kinds import Event
from factbook.wording import WORDS
from support import ROOT, BuildRun

MODEL = check(Project(ROOT)).model


def every_article(site: Path) -> list[tuple[Path, Tag]]:
    """Every page's article (what was written or generated), without the theme's chrome."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix()
        article = content(site, "" if url == "." else url + "/")
        if article is not None:
            pages.append((html, article))
    return pages


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


# -- Table cells ----------------------------------------------------------------------------


def test_no_table_cell_on_the_real_site_is_blank(real_site: BuildRun) -> None:
    blank = []
    cells = 0
    for html, article in every_article(real_site.site):
        for row in article.select("table tbody tr"):
            for number, cell in enumerate(row.find_all("td")):
                cells += 1
                if not cell.get_text(strip=True):
                    blank.append(
                        f"{html.relative_to(real_site.site)}: {words(row)} (cell {number})"
                    )
    assert cells > 500 and blank == []


def participant_table(site: Path, event_id: str) -> tuple[list[str], list[list[str]]]:
    article = content(site, f"events/{event_id}/")
    table = article.find("h2", id="participants").find_next_sibling("table")
    header = [words(th) for th in table.find_all("th")]
    rows = [[words(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    return header, rows


def test_a_column_empty_in_every_row_is_left_out_and_a_gap_says_not_recorded(
    real_site: BuildRun,
) -> None:
    not_recorded = WORDS["not_recorded"]
    header, _ = participant_table(real_site.site, "spc-round-11")
    assert header == ["Side", "Person"]
    header, _ = participant_table(real_site.site, "yoon-kishida-summit-2023")
    assert header == ["Side", "Person", "Title"]
    header, rows = participant_table(real_site.site, "spc-round-13")
    assert header == ["Side", "Person", "Title", "Organization"]
    namazu = next(row for row in rows if row[1].startswith("Namazu"))
    assert namazu[2] == not_recorded
    # Who's who, written by hand, says it the same way.
    whos_who = content(real_site.site, "whos-who/")
    row = next(tr for tr in whos_who.find_all("tr") if "Namazu" in tr.get_text())
    assert words(row.find_all("td")[2]) == not_recorded
    people = content(real_site.site, "people/")
    assert not_recorded in [words(td) for td in people.find_all("td")]


# -- Labels ---------------------------------------------------------------------------------


def test_the_timeline_labels_kinds_in_words(real_site: BuildRun) -> None:
    timeline = content(real_site.site, "timeline/")
    labels = [words(badge) for badge in timeline.select(".fb-timeline__kind")]
    events = MODEL.of(Event)
    assert len(labels) == sum(e.kind != "other" for e in events) > 30
    assert set(labels) <= {WORDS[f"event_kind_{e.kind}"] for e in events if e.kind != "other"}
    assert "other" not in {label.casefold() for label in labels}
    event_page = content(real_site.site, "events/radar-incident-2018/")
    assert "Kind" not in [words(td) for td in event_page.select("table td")]
